"""A web chat cannot post without limit: past its burst (or its rate per minute) every post
(message, button press, file) is answered 429 with the words the page shows, and nothing of it
reaches the conversation. The count is in the store, so it holds across instances."""

import aiohttp
from sqlmodel import select

from egapro_assistant.service import Service
from store.tables.webchat import WebChatMessage
from tests.e2e.test_web_chat import Page, local_settings
from web.texts import text

SECRET = "web-chat-limits-secret-0123456789abcdef"


async def _post(page: Page, path: str, **kwargs) -> tuple[int, dict, str | None]:
    async with page.http.post(path, **kwargs) as response:
        return response.status, await response.json(), response.headers.get("Retry-After")


async def test_past_its_burst_a_chat_gets_429_on_any_instance_and_nothing_is_handed_on(
    tmp_path, smtp
):
    limits = dict(web_chat_burst=3, web_chat_per_minute=100, web_secret=SECRET)
    # Two instances on one database, as behind a proxy without sticky sessions.
    async with (
        Service(local_settings(tmp_path, smtp, **limits)) as one,
        Service(local_settings(tmp_path, smtp, **limits)) as two,
    ):
        anne = Page(one)
        number = await anne.open()
        await anne.until(lambda: anne.bot_messages())  # opening the page counts nothing
        for words in ("un", "deux"):
            status, _, _ = await _post(anne, "/chat/api/send", json={"text": words})
            assert status == 200
        # The same browser reaching the other instance: its posts count in the same store.
        anne_elsewhere = Page(two, anne.cookie)
        status, _, _ = await _post(anne_elsewhere, "/chat/api/send", json={"text": "trois"})
        assert status == 200

        refused = text("chat.rate_limited", "fr", seconds=10)
        assert refused.startswith("Trop de messages en peu de temps")
        for page in (anne, anne_elsewhere):
            status, body, retry = await _post(page, "/chat/api/send", json={"text": "quatre"})
            assert (status, body, retry) == (429, {"ok": False, "error": refused}, "10")
        await anne.until(lambda: any(m["buttons"] for m in anne.bot_messages()))
        button = next(m for m in anne.bot_messages() if m["buttons"])
        data = next(b["data"] for row in button["buttons"] for b in row if b.get("data"))
        press = {"message_id": button["id"], "data": data}
        status, body, _ = await _post(anne_elsewhere, "/chat/api/press", json=press)
        assert (status, body["error"]) == (429, refused)
        form = aiohttp.FormData()
        form.add_field("file", b"sexe;age\nF;30\n", filename="paie.csv")
        status, body, _ = await _post(anne, "/chat/api/upload", data=form)
        assert (status, body["error"]) == (429, refused)

        # Another chat is not held back by Anne's.
        bob = Page(two)
        await bob.open()
        status, _, _ = await _post(bob, "/chat/api/send", json={"text": "bonjour"})
        assert status == 200

        # What was refused was never stored, so never handed to the conversation.
        async with one.database.session() as session:
            said = (
                await session.exec(
                    select(WebChatMessage.text)
                    .where(WebChatMessage.chat_id == -number, ~WebChatMessage.from_bot)
                    .order_by(WebChatMessage.id)
                )
            ).all()
        assert said == ["/start", "un", "deux", "trois"]
        for page in (anne, anne_elsewhere, bob):
            await page.close()


async def _open(service: Service, forwarded_for: str | None = None) -> tuple[int, str]:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{service.web_url}/chat", headers=headers) as response,
    ):
        return response.status, await response.text()


async def test_new_chats_are_limited_per_client_address_seen_through_a_trusted_proxy(
    tmp_path, smtp
):
    settings = local_settings(
        tmp_path, smtp, web_chat_new_per_hour=2, trusted_proxies="127.0.0.0/8"
    )
    async with Service(settings) as service:
        # Behind the proxy (this test's address is trusted): each client counts on its own.
        for _ in range(2):
            assert (await _open(service, "203.0.113.7"))[0] == 200
        status, page = await _open(service, "203.0.113.7")
        assert status == 429
        assert text("chat_new_limited.body", "fr") in page
        assert (await _open(service, "198.51.100.20"))[0] == 200  # another client
        # A client cannot pose as another by adding its own entries on the left.
        assert (await _open(service, "198.51.100.1, 203.0.113.7"))[0] == 429
        # A chat already opened (its cookie) goes on: only new chats are counted.
        anne = Page(service)
        anne.http.headers["X-Forwarded-For"] = "192.0.2.44"
        await anne.open()
        await anne.open()
        await anne.open()
        await anne.close()


async def test_without_a_trusted_proxy_the_forwarded_header_changes_nothing(tmp_path, smtp):
    async with Service(local_settings(tmp_path, smtp, web_chat_new_per_hour=2)) as service:
        assert (await _open(service, "203.0.113.1"))[0] == 200
        assert (await _open(service, "203.0.113.2"))[0] == 200
        assert (await _open(service, "203.0.113.3"))[0] == 429  # all counted as 127.0.0.1
