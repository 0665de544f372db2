"""The web chat in headless Chromium, as a person uses it: no Telegram, no SMTP relay.

Compute step by step with the buttons and typed French numbers (reloading the page half-way),
upload an employee file, link a company by following the link from /mailbox, then declare."""

import io
from urllib.parse import urljoin

from pypdf import PdfReader

from bot.callbacks import MenuAction
from bot.compute.callbacks import FileOption  # noqa: F401  (the file menu's own callbacks)
from bot.texts import text
from egapro_assistant.service import Service
from store import companies
from tests.bot.compute_scripts import load_example, steps_script
from tests.bot.test_compute_file import csv_bytes, employee_rows
from tests.bot.test_declare import COMPANY, RESULTS_80, SIREN, compute_results, declare_from_status
from tests.e2e.test_link_company_browser import browser  # noqa: F401  (fixture)
from tests.e2e.test_web_chat import COMPANIES, LINK, local_settings
from tests.fakes import BotMessage, StoredFile
from web.texts import text as page_text

STEPS = MenuAction(action="compute_steps").pack()
FILE = MenuAction(action="compute_file").pack()
SMALL = "official-sim-50-250-00.json"

_READ_MESSAGES = """() => Array.from(document.querySelectorAll('#log .msg.bot')).map(e => ({
  id: e.id,
  text: e.querySelector('.text') ? e.querySelector('.text').textContent : null,
  buttons: Array.from(e.querySelectorAll('.row')).map(r => Array.from(r.children).map(
    b => [b.textContent, b.getAttribute('data-callback')])),
  image: e.querySelector('img') ? e.querySelector('img').getAttribute('src') : null,
  imageWidth: e.querySelector('img') ? e.querySelector('img').naturalWidth : 0,
  file: e.querySelector('a.file') ? e.querySelector('a.file').getAttribute('href') : null,
  fileName: e.querySelector('a.file') ? e.querySelector('a.file').getAttribute('download') : null,
}))"""


class BrowserUser:
    """The person at the page: types in the box, clicks the buttons, picks files."""

    def __init__(self, page) -> None:
        self.page = page
        self._read = 0
        self.messages: list[BotMessage] = []

    async def send_text(self, words: str) -> None:
        await self.page.fill("#text", words)
        await self.page.get_by_role("button", name="Envoyer", exact=True).click()

    async def send_command(self, command: str, args: str = "") -> None:
        await self.send_text(f"{command} {args}".strip())

    async def press(self, callback_data: str) -> None:
        await self.page.locator(f'button[data-callback="{callback_data}"]').last.click()

    async def send_document(self, data: bytes, filename: str, mime_type: str = "text/csv"):
        files = [{"name": filename, "mimeType": mime_type, "buffer": data}]
        await self.page.set_input_files("#upload", files=files)

    @property
    def last_message(self) -> BotMessage | None:
        return self.messages[-1] if self.messages else None

    async def next_message(self, timeout: float = 15.0) -> BotMessage:
        return (await self.next_messages(1, timeout))[0]

    async def next_messages(self, count: int, timeout: float = 15.0) -> list[BotMessage]:
        wanted = self._read + count
        await self.page.wait_for_function(
            "n => document.querySelectorAll('#log .msg.bot').length >= n",
            arg=wanted,
            timeout=timeout * 1000,
            polling=50,
        )
        # An image counts once it has loaded.
        await self.page.wait_for_function(
            "() => Array.from(document.images).every(i => i.complete)"
        )
        shown = await self.page.evaluate(_READ_MESSAGES)
        batch = []
        for item in shown[self._read : wanted]:
            rows = [
                [{"text": label, "callback_data": data} for label, data in row if data]
                for row in item["buttons"]
            ]
            message = BotMessage(
                message_id=int(item["id"][1:]),
                chat_id=0,
                date=0,
                text=item["text"],
                reply_markup={"inline_keyboard": rows} if rows else None,
            )
            if item["image"]:
                assert item["imageWidth"] > 0, "the chart did not load"
                message.photo = await self._file(item["image"], None)
            if item["file"]:
                message.document = await self._file(item["file"], item["fileName"])
            batch.append(message)
        self.messages.extend(batch)
        self._read = wanted
        return batch

    async def _file(self, href: str, name: str | None) -> StoredFile:
        response = await self.page.request.get(urljoin(self.page.url, href))
        assert response.ok
        return StoredFile("", "", await response.body(), file_name=name)


async def test_a_person_computes_links_and_declares_in_the_web_chat(tmp_path, smtp, browser):  # noqa: F811
    # This person clicks at machine speed: the per-chat limits are out of their reach here
    # (test_a_message_over_the_limit_is_explained_and_kept_in_the_box checks them).
    limits = dict(web_chat_burst=10_000, web_chat_per_minute=10_000)
    async with Service(local_settings(tmp_path, smtp, **limits)) as service:
        base = service.web_url
        context = await browser.new_context(locale="fr-FR", viewport={"width": 400, "height": 800})
        page = await context.new_page()
        problems, dialogs = [], []
        page.on("console", lambda message: problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("dialog", lambda dialog: dialogs.append(dialog.message))
        await page.goto(f"{base}/chat")
        user = BrowserUser(page)
        welcome = await user.next_message()
        assert welcome.text.startswith("Bonjour ! Je vous accompagne")

        # Markup typed by a person is shown as typed, never run.
        await user.send_text('<script>alert("x")</script><b>gras</b>')
        await user.next_message()
        mine = page.locator("#log .msg.me .text").last
        assert await mine.inner_text() == '<script>alert("x")</script><b>gras</b>'

        # 1. Step by step, with buttons and French numbers; the page is reloaded half-way.
        await user.press(STEPS)
        first = await user.next_message()
        assert "Étape 1/12" in first.text
        actions = steps_script(load_example(SMALL)["input"])
        for number, action in enumerate(actions):
            if number == 6:
                await page.reload()  # the conversation is drawn again from the store
                await page.wait_for_function(
                    "n => document.querySelectorAll('#log .msg.bot').length >= n", arg=user._read
                )
            if action.kind == "text":
                await user.send_text(action.value)
            else:
                await user.press(action.value)
            replies = await user.next_messages(action.replies)
        result, chart, pdf = replies
        assert "Index : 86/100" in result.text
        assert chart.photo is not None and chart.photo.data.startswith(b"\x89PNG")
        assert pdf.document.file_name == "index-egapro-2024.pdf"
        recap = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.document.data)).pages)
        assert "86 / 100" in recap.replace("\xa0", " ")

        # 2. An employee file, picked with the file button (its name is shown as text).
        await user.send_command("/start")
        await user.next_message()
        await user.press(FILE)
        await user.next_message()
        await user.send_document(csv_bytes(employee_rows()), "<i>salaries</i>.csv")
        scored, _chart, _pdf = await user.next_messages(3)
        assert "Fichier « <i>salaries</i>.csv » : 128 lignes lues" in scored.text

        # 3. Link the company (known from the registry import): the link arrives in the local
        # mailbox and is followed from there.
        async with service.database.session() as session:
            await companies.upsert(session, SIREN, name="Acme Industrie")
        await user.send_command("/start")
        await user.next_message()
        await user.press(COMPANIES)
        await user.next_message()
        await user.press(LINK)
        await user.next_message()
        await user.send_text(SIREN)
        await user.next_message()
        await user.send_text("rh@acme.fr")
        sent = await user.next_message()
        assert sent.text == text("companies.link_sent", email="rh@acme.fr", hours=24)
        mailbox = await context.new_page()
        await mailbox.goto(f"{base}/mailbox")
        await mailbox.locator("main ul a").first.click()
        assert "rh@acme.fr" in await mailbox.locator("dl").inner_text()
        async with mailbox.expect_navigation():
            await mailbox.locator("pre a[href*='/verify/']").click()
        async with mailbox.expect_navigation():
            await mailbox.get_by_role("button", name="Confirmer").click()
        assert await mailbox.locator("h1").inner_text() == "C'est confirmé"
        await page.bring_to_front()
        linked = await user.next_message()
        assert linked.text.startswith(
            text("companies.linked", company=COMPANY, email="rh@acme.fr")[:60]
        )

        # 4. Declare typed results for the linked company; the receipt lands in the mailbox.
        await compute_results(user, RESULTS_80)
        done = await declare_from_status(user)
        assert done.startswith("✅ Déclaration enregistrée"), done
        await mailbox.goto(f"{base}/mailbox")
        await mailbox.wait_for_function(
            "() => document.querySelector('main ul').textContent.includes('Accusé de réception')"
        )
        assert problems == [] and dialogs == []
        await context.close()


async def test_a_message_over_the_limit_is_explained_and_kept_in_the_box(tmp_path, smtp, browser):  # noqa: F811
    async with Service(local_settings(tmp_path, smtp, web_chat_burst=1)) as service:
        context = await browser.new_context(locale="fr-FR")
        page = await context.new_page()
        await page.goto(f"{service.web_url}/chat")
        user = BrowserUser(page)
        await user.next_message()
        await user.send_text("/help")
        await page.wait_for_function(
            "() => Array.from(document.querySelectorAll('#log .msg.me'))"
            ".some(e => e.textContent === '/help')"
        )
        await user.send_text("Une question tapée avec soin")
        refused = page_text("chat.rate_limited", "fr", seconds=10)
        await page.wait_for_function(
            "words => document.getElementById('problem').textContent === words", arg=refused
        )
        assert await page.input_value("#text") == "Une question tapée avec soin"
        mine = await page.locator("#log .msg.me .text").all_inner_texts()
        assert mine == ["/start", "/help"]  # the refused one was never sent
        await context.close()
