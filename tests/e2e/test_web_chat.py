"""The web chat and the local mailbox in the running service, over real HTTP: no Telegram token,
no SMTP relay, as after ``make run`` on a fresh clone."""

import asyncio
import re

import aiohttp
import pytest
from aiohttp.test_utils import make_mocked_request
from yarl import URL

from bot.callbacks import MenuAction
from bot.routers.companies import CompanyAction
from bot.texts import text
from egapro_assistant.commands.run import what_to_open
from egapro_assistant.sender import Delivery
from egapro_assistant.service import Service
from egapro_assistant.webchat.identity import COOKIE
from egapro_assistant.webchat.transport import ChatRouter
from store.tables.outbox import OutboxMessage
from tests.e2e.conftest import service_settings
from web import mailbox

COMPANIES = MenuAction(action="companies").pack()
LINK = CompanyAction(action="link").pack()
VERIFY = re.compile(r'href="(http://127\.0\.0\.1:\d+/verify/[A-Za-z0-9_-]{43})"')


def local_settings(tmp_path, smtp, **overrides):
    return service_settings(tmp_path, smtp, smtp_host=None, **overrides)


@pytest.fixture
async def local_service(tmp_path, smtp):
    async with Service(local_settings(tmp_path, smtp)) as running:
        yield running


class Page:
    """A browser tab of the chat, through the page's JSON endpoints."""

    def __init__(self, service: Service, cookie: str | None = None) -> None:
        self.url = service.web_url
        self.http = aiohttp.ClientSession(
            self.url, cookie_jar=aiohttp.CookieJar(unsafe=True), headers={"Origin": self.url}
        )
        if cookie is not None:
            self.http.cookie_jar.update_cookies({COOKIE: cookie}, URL(self.url))
        self.revision = 0
        self.seen: dict[int, dict] = {}

    async def open(self) -> int:
        async with self.http.get("/chat") as response:
            assert response.status == 200
            assert "HttpOnly" in response.headers["Set-Cookie"]
            assert "SameSite=Lax" in response.headers["Set-Cookie"]
        return int(self.cookie.split(".")[0])

    @property
    def cookie(self) -> str:
        return self.http.cookie_jar.filter_cookies(URL(self.url))[COOKIE].value

    async def poll(self, wait: float = 1.0) -> tuple[int, list[dict]]:
        async with self.http.get(f"/chat/api/messages?since={self.revision}&wait={wait}") as r:
            if r.status != 200:
                return r.status, []
            body = await r.json()
        self.revision = body["revision"]
        for message in body["messages"]:
            self.seen[message["id"]] = message
        return 200, body["messages"]

    def bot_messages(self) -> list[dict]:
        return [m for m in self.seen.values() if m["from_bot"] and m["kind"] != "notice"]

    async def until(self, predicate, timeout: float = 10.0) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            assert loop.time() < deadline, list(self.seen.values())[-3:]
            await self.poll()

    async def reply_to(self, action) -> dict:
        before = len(self.bot_messages())
        await action()
        await self.until(lambda: len(self.bot_messages()) > before)
        return self.bot_messages()[before]

    async def say(self, words: str) -> dict:
        async def send():
            async with self.http.post("/chat/api/send", json={"text": words}) as response:
                assert response.status == 200, await response.text()

        return await self.reply_to(send)

    async def press(self, data: str) -> dict:
        target = next(
            m
            for m in reversed(self.bot_messages())
            if any(b.get("data") == data for row in m["buttons"] for b in row)
        )

        async def send():
            body = {"message_id": target["id"], "data": data}
            async with self.http.post("/chat/api/press", json=body) as response:
                assert response.status == 200, await response.text()

        return await self.reply_to(send)

    async def close(self) -> None:
        await self.http.close()


async def test_without_token_or_relay_the_chat_links_a_company_through_the_mailbox(tmp_path, smtp):
    settings = local_settings(tmp_path, smtp)
    assert what_to_open(settings)[0].endswith(f"open http://127.0.0.1:{settings.web_port}/chat")
    async with Service(settings) as service:
        page = Page(service)
        await page.open()
        await page.until(lambda: page.bot_messages())
        assert page.bot_messages()[0]["text"].startswith("Bonjour ! Je vous accompagne")
        await page.press(COMPANIES)
        await page.press(LINK)
        await page.say("552 100 554")
        sent = await page.say("rh@example.fr")
        assert sent["text"] == text("companies.link_sent", email="rh@example.fr", hours=24)

        # The email is in the local mailbox, nowhere else; its link is clickable.
        async with page.http.get("/mailbox") as response:
            listing = await response.text()
        [mail_path] = re.findall(r'href="(/mailbox/\d+)"', listing)
        async with page.http.get(mail_path) as response:
            link = VERIFY.search(await response.text()).group(1)
        assert smtp.handler.received == []
        async with page.http.get(link) as response:
            form = await response.text()
        form_key = re.search(r'name="form_key" value="([0-9a-f]+)"', form).group(1)
        async with page.http.post(link, data={"form_key": form_key}) as response:
            assert response.status == 200

        # The confirmation reaches the web chat through the outbox, as it reaches Telegram.
        linked = text("companies.linked", company="SIREN 552100554", email="rh@example.fr")
        await page.until(lambda: any(m["text"] == linked for m in page.bot_messages()))
        cookie, count = page.cookie, len(page.seen)
        await page.close()

    # A restart keeps the conversation: the same cookie reads it all again.
    async with Service(settings) as service:
        page = Page(service, cookie)
        await page.poll(wait=0)
        assert len(page.seen) == count
        status = await page.say("/status")
        assert "SIREN 552100554" in status["text"]
        await page.close()


async def test_a_forged_or_tampered_cookie_starts_a_new_chat_and_reads_nothing(local_service):
    anne = Page(local_service)
    number = await anne.open()
    await anne.until(lambda: anne.bot_messages())
    secret_words = "mon salaire secret 123456"
    await anne.say(secret_words)
    form = aiohttp.FormData()
    form.add_field("file", b"sexe;age\nF;30\n", filename="paie-anne.csv")
    async with anne.http.post("/chat/api/upload", data=form) as response:
        assert response.status == 200
    await anne.until(lambda: any(m.get("file") for m in anne.seen.values()))
    [anne_file] = [m["file"]["url"] for m in anne.seen.values() if m.get("file")]
    async with anne.http.get(anne_file) as response:
        assert response.status == 200
        assert "attachment" in response.headers["Content-Disposition"]
    for cookie in (
        f"{number}.{'0' * 64}",  # forged signature
        f"{number + 1}.{anne.cookie.split('.')[1]}",  # another chat, Anne's signature
        f"{number}",  # no signature
    ):
        mallory = Page(local_service, cookie)
        status, _ = await mallory.poll(wait=0)
        assert status == 403
        other = await mallory.open()
        assert other != number
        await mallory.poll(wait=0)
        assert all(secret_words not in (m["text"] or "") for m in mallory.seen.values())
        assert all(not m.get("file") for m in mallory.seen.values())
        async with mallory.http.get(anne_file) as response:
            assert response.status == 404
        await mallory.close()
    await anne.close()


async def test_the_mailbox_is_404_to_anyone_not_on_loopback(local_service, http):
    app = local_service.web_runner.app
    for remote, expected in (("192.0.2.10", 404), ("2001:db8::1", 404), ("127.0.0.1", 200)):
        request = make_mocked_request("GET", "/mailbox", app=app).clone(remote=remote)
        if expected == 404:
            with pytest.raises(aiohttp.web.HTTPNotFound):
                await mailbox.inbox(request)
        else:
            assert (await mailbox.inbox(request)).status == 200
    # Relayed by a proxy on this machine: not local either.
    headers = {"X-Forwarded-For": "192.0.2.10"}
    async with http.get(f"{local_service.web_url}/mailbox", headers=headers) as response:
        assert response.status == 404
    async with http.get(f"{local_service.web_url}/mailbox") as response:
        assert response.status == 200


async def test_with_a_relay_there_is_no_mailbox(service, http):
    async with http.get(f"{service.web_url}/mailbox") as response:
        assert response.status == 404


async def test_an_oversize_upload_is_refused_before_its_body_is_read(tmp_path, smtp):
    settings = local_settings(tmp_path, smtp, web_chat_max_upload_bytes=4096)
    async with Service(settings) as service:
        page = Page(service)
        await page.open()
        # Headers only, announcing 1 MB: the answer comes without a byte of the body sent.
        reader, writer = await asyncio.open_connection("127.0.0.1", service.web_port)
        writer.write(
            b"POST /chat/api/upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Cookie: " + f"{COOKIE}={page.cookie}".encode() + b"\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\n"
            b"Content-Length: 1048576\r\n\r\n"
        )
        await writer.drain()
        status = await asyncio.wait_for(reader.readline(), 5)
        writer.close()
        assert status.startswith(b"HTTP/1.1 413")
        # A body bigger than announced is cut off while reading, never stored whole.
        form = aiohttp.FormData()
        form.add_field("file", b"x" * 10_000, filename="salaries.csv")
        async with page.http.post("/chat/api/upload", data=form) as response:
            assert response.status == 413
            assert (await response.json())["error"] == "Fichier trop volumineux : 4 Ko au plus."
        await page.close()


async def test_reminders_to_a_web_chat_go_by_email(tmp_path):
    class Web:
        def transport(self):
            raise AssertionError("a reminder must not reach the web chat")

    router = ChatRouter(None, Web())
    reminder = OutboxMessage(
        channel="telegram",
        recipient="-3",
        dedup_key="r",
        kind="notice",
        payload={"reminder": True, "params": {"text": "Rappel"}},
    )
    assert (await router.deliver(reminder)).status == Delivery.BLOCKED
    telegram_row = OutboxMessage(
        channel="telegram", recipient="42", dedup_key="t", kind="notice", payload={}
    )
    assert (await router.deliver(telegram_row)).status == Delivery.DEFERRED


async def test_a_page_waiting_for_news_is_answered_when_the_service_stops(tmp_path, smtp):
    service = Service(local_settings(tmp_path, smtp))
    await service.start()
    page = Page(service)
    try:
        await page.open()
        await page.until(lambda: page.bot_messages())  # the menu shown: nothing more to come
        waiting = asyncio.create_task(page.poll(wait=20))
        while not service.web_chat.hub.pages_waiting:
            await asyncio.sleep(0.01)
        await service.stop()
        # Answered as any poll with no news, not cut by the web server's shutdown.
        assert await waiting == (200, [])
    finally:
        await page.close()
        await service.stop()
