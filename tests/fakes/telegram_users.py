"""Simulated Telegram users talking to the bot through the fake server."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .chat_reader import DEFAULT_TIMEOUT, ChatReader
from .telegram_records import BotMessage, CallbackAnswer, Signal, StoredFile

if TYPE_CHECKING:
    from .telegram_api import FakeTelegramServer

_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")


class SimulatedUser(ChatReader):
    """A Telegram user in a private chat with the bot (chat id == user id)."""

    def __init__(
        self,
        server: FakeTelegramServer,
        user_id: int,
        *,
        first_name: str,
        last_name: str | None,
        username: str | None,
        language_code: str | None,
    ) -> None:
        self.server = server
        self.id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code
        self.blocked = False
        self.messages: list[BotMessage] = []
        """Every message the bot sent to this chat, in order (edits applied in place)."""
        self.sent: list[dict[str, Any]] = []
        """Every message this user sent, as Bot API Message objects."""
        self.edits: list[BotMessage] = []
        self.callback_answers: list[CallbackAnswer] = []
        self.chat_actions: list[str] = []
        self.deleted_ids: set[int] = set()
        """Ids of this user's own messages that the bot deleted."""
        self.keyboard: list[list[str]] | None = None
        """The reply keyboard currently shown to the user, if any."""
        self.changed = Signal()
        self._last_message_id = 0
        self._read = 0
        self._edits_read = 0
        self._answers_read = 0

    # -- identity -------------------------------------------------------------------------

    @property
    def chat_id(self) -> int:
        return self.id

    def as_user(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    def as_chat(self) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name:
            chat["last_name"] = self.last_name
        if self.username:
            chat["username"] = self.username
        return chat

    def next_message_id(self) -> int:
        self._last_message_id += 1
        return self._last_message_id

    # -- what the user does ---------------------------------------------------------------

    async def send_text(self, text: str, *, reply_to: int | None = None) -> dict[str, Any]:
        """Send a text message; bot commands in it get their entity like Telegram does."""
        message = self._new_message()
        message["text"] = text
        entities = [
            {
                "type": "bot_command",
                "offset": _utf16_len(text[: m.start()]),
                "length": _utf16_len(m.group()),
            }
            for m in _COMMAND.finditer(text)
        ]
        if entities:
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = self.server.message_json(self, reply_to)
        return self._push(message)

    async def edit_text(self, sent: dict[str, Any], text: str) -> dict[str, Any]:
        """Edit a text message sent earlier ("Modifier" in Telegram): an ``edited_message``
        update, dropped like Telegram does when the bot did not ask for that type."""
        edited = {**sent, "text": text, "edit_date": int(time.time())}
        edited.pop("entities", None)
        self.server.push_update("edited_message", edited)
        return edited

    async def send_command(self, command: str, args: str = "") -> dict[str, Any]:
        """Send `/command args` (the leading slash is optional)."""
        text = command if command.startswith("/") else f"/{command}"
        return await self.send_text(f"{text} {args}".strip())

    async def send_document(
        self,
        data: bytes,
        filename: str,
        mime_type: str | None = None,
        *,
        caption: str | None = None,
    ) -> dict[str, Any]:
        """Send a file; the bot can fetch it with getFile + download (unless over 20 MB)."""
        stored = self.server.store_file(data, filename, mime_type or _guess_mime(filename))
        message = self._new_message()
        message["document"] = stored.as_document()
        if caption:
            message["caption"] = caption
        return self._push(message)

    async def press(self, callback_data: str, message: BotMessage | None = None) -> str:
        """Press the inline button carrying callback_data (on the latest message showing it)."""
        target = message or self._message_with_callback(callback_data)
        if target.deleted:
            raise AssertionError(f"Message #{target.message_id} was deleted by the bot")
        if not target.has_callback(callback_data):
            raise AssertionError(
                f"Message #{target.message_id} has no button with callback data "
                f"{callback_data!r}; buttons: {target.buttons}"
            )
        return self.server.push_callback_query(self, target, callback_data)

    def _new_message(self) -> dict[str, Any]:
        return {
            "message_id": self.next_message_id(),
            "from": self.as_user(),
            "chat": self.as_chat(),
            "date": int(time.time()),
        }

    def _push(self, message: dict[str, Any]) -> dict[str, Any]:
        if self.blocked:  # writing to the bot again unblocks it, as in Telegram
            self.server.unblock(self.id)
        self.sent.append(message)
        self.server.push_update("message", message)
        return message

    # -- what the user receives -----------------------------------------------------------

    def record_message(self, message: BotMessage) -> None:
        self.messages.append(message)
        if message.keyboard is not None:
            self.keyboard = message.keyboard
        elif message.removes_keyboard:
            self.keyboard = None
        self.changed.fire()

    def record_edit(self, message: BotMessage) -> None:
        self.edits.append(message)
        self.changed.fire()

    def record_callback_answer(self, answer: CallbackAnswer) -> None:
        self.callback_answers.append(answer)
        self.changed.fire()

    async def expect_no_message(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Assert the bot sent nothing new once it handled every pending update."""
        await self.server.settled(timeout)
        if self.unread:
            raise AssertionError(
                f"Expected no new message in chat {self.id}, got:\n"
                + "\n".join(f"  {m.describe()}" for m in self.unread)
            )

    async def _wait(self, predicate: Callable[[], bool], timeout: float, what: str) -> None:
        if await self.changed.wait_until(predicate, timeout):
            return
        raise AssertionError(
            f"Waited {timeout:g} s for {what} from the bot in chat {self.id} "
            f"({self.first_name}); nothing came.\n{self.transcript()}\n{self.server.diagnostics()}"
        )

    def transcript(self) -> str:
        lines = [f"Chat {self.id} received {len(self.messages)} message(s):"]
        for index, message in enumerate(self.messages):
            marker = "  " if index < self._read else "* "
            lines.append(f"  {marker}{message.describe()}")
        if self.callback_answers:
            lines.append(f"  callback answers: {[a.text for a in self.callback_answers]}")
        return "\n".join(lines)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _guess_mime(filename: str) -> str:
    lowered = filename.lower()
    known = {
        ".csv": "text/csv",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".xls": "application/vnd.ms-excel",
        ".ods": "application/vnd.oasis.opendocument.spreadsheet",
        ".pdf": "application/pdf",
        ".txt": "text/plain",
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".zip": "application/zip",
    }
    for suffix, mime in known.items():
        if lowered.endswith(suffix):
            return mime
    return "application/octet-stream"


__all__ = ["DEFAULT_TIMEOUT", "SimulatedUser", "StoredFile"]
