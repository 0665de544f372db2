"""The web chat's hub: what a person does in the page becomes a stored message and a Bot API
update for the dispatcher; what the bot sends is stored by the Bot API emulation; pages waiting
for news of a chat are woken.

A person's message is written to the store before anything else (``processed`` false, with the
update it became) and handled from there, one at a time per chat and in order; a stop or a crash
in between loses nothing: ``resume()`` hands the unhandled ones to the dispatcher at start.
"""

import asyncio
import contextlib
import logging
import secrets
from collections import defaultdict
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.types import Update

from egapro_assistant.webchat.botapi import BOT_USER, file_json, message_json
from store import webchat
from store.database import Database
from store.tables.webchat import WebChat

log = logging.getLogger(__name__)


def _user_json(chat_id: int, language: str) -> dict[str, Any]:
    return {"id": chat_id, "is_bot": False, "first_name": "", "language_code": language}


def _chat_json(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "type": "private", "first_name": "Web"}


def _command_entities(text: str) -> list[dict[str, Any]] | None:
    if not text.startswith("/"):
        return None
    length = len(text.split(maxsplit=1)[0])
    return [{"type": "bot_command", "offset": 0, "length": length}]


class Hub:
    def __init__(self, database: Database) -> None:
        self.database = database
        self.dispatcher: Dispatcher | None = None
        self.bot: Bot | None = None
        self._events: dict[int, asyncio.Event] = {}
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._tasks: set[asyncio.Task] = set()
        self._pending_answers: dict[str, int] = {}
        self.handled = 0
        self.stopping = False  # the service stops: pages are answered without waiting

    # -- news for waiting pages ---------------------------------------------------------------

    def changed(self, chat_id: int) -> None:
        event = self._events.pop(chat_id, None)
        if event is not None:
            event.set()

    def watch(self, chat_id: int) -> asyncio.Event:
        """An event set at the chat's next change: taken before reading the store, so that a
        change committed between the read and the wait is not missed."""
        return self._events.setdefault(chat_id, asyncio.Event())

    async def wait(self, event: asyncio.Event, timeout: float) -> None:
        """Return when ``event`` is set, or after ``timeout`` seconds (at once while stopping)."""
        if self.stopping:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)

    @property
    def pages_waiting(self) -> int:
        """Chats with a page waiting for news (a long poll open)."""
        return len(self._events)

    def release_pages(self) -> None:
        """The service stops: the pages waiting for news get their answer now (the web server
        would otherwise cut them at its shutdown timeout), and the next polls do not wait."""
        self.stopping = True
        events, self._events = self._events, {}
        for event in events.values():
            event.set()

    # -- what a person does -------------------------------------------------------------------

    async def say(self, chat: WebChat, text: str) -> int:
        chat_id = webchat.chat_id_of(chat)
        async with self.database.session() as session:
            message = await webchat.add_message(session, chat_id, from_bot=False, text=text)
            update: dict[str, Any] = {
                "update_id": message.id,
                "message": {
                    "message_id": message.id,
                    "from": _user_json(chat_id, chat.language),
                    "chat": _chat_json(chat_id),
                    "date": int(message.created_at.timestamp()),
                    "text": text,
                },
            }
            entities = _command_entities(text)
            if entities:
                update["message"]["entities"] = entities
            await webchat.set_update(session, message, update)
        self._accepted(chat_id, message.id, update)
        return message.id

    async def send_file(
        self, chat: WebChat, data: bytes, file_name: str, mime_type: str | None
    ) -> int:
        chat_id = webchat.chat_id_of(chat)
        async with self.database.session() as session:
            stored = await webchat.add_file(session, chat_id, data, file_name, mime_type)
            message = await webchat.add_message(
                session, chat_id, from_bot=False, media="document", file_id=stored.id
            )
            update = {
                "update_id": message.id,
                "message": {
                    "message_id": message.id,
                    "from": _user_json(chat_id, chat.language),
                    "chat": _chat_json(chat_id),
                    "date": int(message.created_at.timestamp()),
                    "document": file_json(stored),
                },
            }
            await webchat.set_update(session, message, update)
        self._accepted(chat_id, message.id, update)
        return message.id

    async def press(self, chat: WebChat, message_id: int, data: str) -> bool:
        """A button of one of the bot's messages in this chat; False when there is none."""
        chat_id = webchat.chat_id_of(chat)
        async with self.database.session() as session:
            target = await webchat.get_message(session, chat_id, message_id)
            label = _button_label(target, data) if target and not target.deleted else None
            if label is None:
                return False
            stored = await webchat.get_file(session, target.file_id) if target.file_id else None
            pressed = await webchat.add_message(
                session, chat_id, from_bot=False, media="press", text=label
            )
            query_id = f"{pressed.id}-{secrets.token_hex(4)}"
            update = {
                "update_id": pressed.id,
                "callback_query": {
                    "id": query_id,
                    "from": _user_json(chat_id, chat.language),
                    "chat_instance": f"web{chat_id}",
                    "message": message_json(target, stored),
                    "data": data,
                },
            }
            await webchat.set_update(session, pressed, update)
        self._accepted(chat_id, pressed.id, update)
        return True

    async def callback_answered(self, query_id: str, text: str | None, alert: bool) -> None:
        """answerCallbackQuery: its text (a toast in Telegram) shows as a note in the chat."""
        pressed_id = query_id.split("-", 1)[0]
        if not text or not pressed_id.isdigit():
            return
        async with self.database.session() as session:
            pressed = await webchat.get_message_any(session, int(pressed_id))
            if pressed is None:
                return
            await webchat.add_message(
                session, pressed.chat_id, from_bot=True, media="notice", text=text
            )
        self.changed(pressed.chat_id)

    # -- handing updates to the conversation code ---------------------------------------------

    def _accepted(self, chat_id: int, message_id: int, update: dict[str, Any]) -> None:
        self.changed(chat_id)
        task = asyncio.create_task(self._handle(chat_id, message_id, update))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(self, chat_id: int, message_id: int, update: dict[str, Any]) -> None:
        async with self._locks[chat_id]:
            while self.dispatcher is None or self.bot is None:
                await asyncio.sleep(0.05)
            try:
                parsed = Update.model_validate(update, context={"bot": self.bot})
                await self.dispatcher.feed_update(self.bot, parsed)
            except Exception:
                log.exception("web chat %s: update %s failed", chat_id, message_id)
            async with self.database.session() as session:
                await webchat.set_processed(session, message_id)
            self.handled += 1
        if not self._locks[chat_id].locked():
            self._locks.pop(chat_id, None)

    async def resume(self) -> int:
        """Hand over what people sent before a stop or a crash and was not handled."""
        async with self.database.session() as session:
            pending = await webchat.unprocessed(session)
        for message in pending:
            if message.update:
                self._accepted(message.chat_id, message.id, message.update)
        return len(pending)

    async def drain(self, timeout: float = 10.0) -> None:
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout)


def _button_label(message, data: str) -> str | None:
    rows = (message.reply_markup or {}).get("inline_keyboard") or []
    for row in rows:
        for button in row:
            if button.get("callback_data") == data:
                return button.get("text") or ""
    return None


__all__ = ["BOT_USER", "Hub"]
