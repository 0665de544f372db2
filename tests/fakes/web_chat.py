"""The web chat as a test channel: people who use the page's JSON endpoints over real HTTP,
with the same interface as the fake Telegram server's simulated users, so that a conversation
test runs through either channel (the ``channel`` fixture of tests/conftest.py)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
from aiogram import Dispatcher
from aiohttp import web
from yarl import URL

from egapro_assistant.config import Settings
from egapro_assistant.webchat import WebChatChannel
from egapro_assistant.webchat.botapi import BOT_ID
from egapro_assistant.webchat.identity import COOKIE
from store.database import Database
from web.signing import load_secret

from .chat_reader import ChatReader
from .telegram_records import BotMessage, CallbackAnswer, StoredFile

DEFAULT_TIMEOUT = 5.0


class WebChatServer:
    """The service's web app reduced to the web chat, on 127.0.0.1 (``running(dispatcher)``)."""

    bot_id = BOT_ID

    def __init__(self, settings: Settings | None = None) -> None:
        # People here type at machine speed: the per-chat limits (tested on their own, in
        # tests/e2e/test_web_chat_limits.py) are set out of their reach.
        self.settings = settings or Settings(
            _env_file=None, web_chat_burst=100_000, web_chat_per_minute=100_000
        )
        self.url: str | None = None
        self.channel: WebChatChannel | None = None
        self.users: dict[int, WebChatUser] = {}

    def user(
        self,
        user_id: int,
        first_name: str = "Camille",
        *,
        language_code: str | None = "fr",
        **_ignored: Any,
    ) -> WebChatUser:
        """The person known in the test as ``user_id`` (their chat id is given by the server)."""
        if user_id not in self.users:
            self.users[user_id] = WebChatUser(self, first_name, language_code or "fr")
        return self.users[user_id]

    @contextlib.asynccontextmanager
    async def running(self, dispatcher: Dispatcher) -> AsyncIterator[WebChatChannel]:
        database: Database = dispatcher["database"]
        app = web.Application(client_max_size=64 * 1024)
        self.channel = WebChatChannel(database, self.settings)
        await self.channel.install(app, await load_secret(database, self.settings))
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
        await dispatcher.emit_startup(bot=None, dispatcher=dispatcher)
        await self.channel.start(dispatcher, self.url)
        try:
            yield self.channel
        finally:
            await self.channel.stop()
            for user in self.users.values():
                await user.close()
            await dispatcher.emit_shutdown(bot=self.channel.bot)
            await runner.cleanup()

    async def settled(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        await asyncio.wait_for(self.channel.hub.drain(timeout), timeout + 1)


class WebChatUser(ChatReader):
    """A person in the page: says, presses, uploads, and reads what the bot sends."""

    def __init__(self, server: WebChatServer, first_name: str, language: str) -> None:
        self.server = server
        self.first_name = first_name
        self.language = language
        self.http: aiohttp.ClientSession | None = None
        self.chat_id: int | None = None
        self.messages: list[BotMessage] = []
        self.edits: list[BotMessage] = []
        self.callback_answers: list[CallbackAnswer] = []
        self.revision = 0
        self._read = 0
        self._edits_read = 0
        self._answers_read = 0
        self._by_id: dict[int, BotMessage] = {}

    @property
    def id(self) -> int:
        assert self.chat_id is not None, "the page was not opened yet"
        return self.chat_id

    async def open(self) -> None:
        """Open /chat: a new chat, greeted as a Telegram user who pressed "Start"."""
        if self.http is not None:
            return
        self.http = aiohttp.ClientSession(
            self.server.url,
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            headers={"Accept-Language": self.language, "Origin": self.server.url},
        )
        async with self.http.get("/chat") as response:
            assert response.status == 200, response.status
        cookie = self.http.cookie_jar.filter_cookies(URL(self.server.url))[COOKIE].value
        self.chat_id = -int(cookie.split(".", 1)[0])
        await self._wait(lambda: len(self.messages) >= 1, DEFAULT_TIMEOUT, "the welcome")
        self._read = len(self.messages)

    async def close(self) -> None:
        if self.http is not None:
            await self.http.close()

    # -- what the person does ------------------------------------------------------------

    async def _post(self, path: str, **kwargs: Any) -> dict[str, Any]:
        await self.open()
        async with self.http.post(path, **kwargs) as response:
            body = await response.json()
            if response.status != 200:
                raise AssertionError(f"{path} answered {response.status}: {body}")
            return body

    async def send_text(self, text: str, **_ignored: Any) -> dict[str, Any]:
        body = await self._post("/chat/api/send", json={"text": text})
        return {"message_id": body["message_id"], "text": text, "date": int(time.time())}

    async def send_command(self, command: str, args: str = "") -> dict[str, Any]:
        text = command if command.startswith("/") else f"/{command}"
        return await self.send_text(f"{text} {args}".strip())

    async def send_document(
        self, data: bytes, filename: str, mime_type: str | None = None, **_ignored: Any
    ) -> dict[str, Any]:
        form = aiohttp.FormData()
        form.add_field("file", data, filename=filename, content_type=mime_type)
        body = await self._post("/chat/api/upload", data=form)
        return {"message_id": body["message_id"]}

    async def press(self, callback_data: str, message: BotMessage | None = None) -> str:
        await self.open()
        await self.sync()
        target = message or self._message_with_callback(callback_data)
        await self._post(
            "/chat/api/press", json={"message_id": target.message_id, "data": callback_data}
        )
        return callback_data

    async def _refresh(self) -> None:
        await self.open()
        await self.sync()

    # -- what the person reads -------------------------------------------------------------

    async def sync(self, wait: float = 0) -> None:
        query = f"/chat/api/messages?since={self.revision}&wait={wait:.3f}"
        async with self.http.get(query) as response:
            assert response.status == 200, response.status
            body = await response.json()
        for item in body["messages"]:
            await self._take(item)
        self.revision = body["revision"]

    async def _take(self, item: dict[str, Any]) -> None:
        if not item["from_bot"]:
            return
        if item["kind"] == "notice":
            self.callback_answers.append(CallbackAnswer("", None, text=item["text"]))
            return
        markup = None
        if item["buttons"]:
            markup = {
                "inline_keyboard": [
                    [
                        {"text": b["text"], "url": b["url"]}
                        if b.get("url")
                        else {"text": b["text"], "callback_data": b["data"]}
                        for b in row
                    ]
                    for row in item["buttons"]
                ]
            }
        known = self._by_id.get(item["id"])
        if known is not None:
            known.previous_texts.append(known.text)
            known.text, known.reply_markup = item["text"], markup
            known.deleted = item["deleted"]
            known.edit_count += 1
            self.edits.append(known)
            return
        message = BotMessage(
            message_id=item["id"],
            chat_id=self.id,
            date=int(time.time()),
            text=item["text"],
            raw_text=item["text"],
            reply_markup=markup,
            deleted=item["deleted"],
        )
        if item.get("file"):
            async with self.http.get(item["file"]["url"]) as response:
                assert response.status == 200
                data = await response.read()
                mime = response.content_type
            stored = StoredFile(
                file_id=str(item["id"]),
                file_unique_id=str(item["id"]),
                data=data,
                file_name=item["file"].get("name"),
                mime_type=mime,
            )
            if item["kind"] == "photo":
                message.photo = stored
            else:
                message.document = stored
        self._by_id[item["id"]] = message
        self.messages.append(message)

    async def _wait(self, predicate: Callable[[], bool], timeout: float, what: str) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        await self.open()
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(f"Waited {timeout:g} s for {what}.\n{self.transcript()}")
            await self.sync(wait=min(remaining, 5.0))
        return

    async def expect_no_message(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        await self.server.settled(timeout)
        await self.sync()
        if self.unread:
            raise AssertionError(
                "Expected no new message, got:\n" + "\n".join(m.describe() for m in self.unread)
            )

    def transcript(self) -> str:
        lines = [f"Web chat {self.chat_id} received {len(self.messages)} message(s):"]
        for index, message in enumerate(self.messages):
            marker = "  " if index < self._read else "* "
            lines.append(f"  {marker}{message.describe()}")
        return "\n".join(lines)
