"""What the fake Telegram server remembers: files, messages the bot sent, callback answers."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class Signal:
    """Wakes every waiter each time something changes (no polling loops)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_until(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Wait until predicate() is true; False when the timeout passes first."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(self._event.wait(), remaining)
            except TimeoutError:
                return predicate()
        return True


@dataclass
class StoredFile:
    """A file known to the server, sent either by a simulated user or by the bot."""

    file_id: str
    file_unique_id: str
    data: bytes
    file_name: str | None = None
    mime_type: str | None = None
    file_path: str | None = None

    @property
    def size(self) -> int:
        return len(self.data)

    def as_document(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
        }
        if self.file_name:
            document["file_name"] = self.file_name
        if self.mime_type:
            document["mime_type"] = self.mime_type
        return document


@dataclass
class BotMessage:
    """A message the bot sent to a chat, as the simulated user sees it (edits applied)."""

    message_id: int
    chat_id: int
    date: int
    text: str | None = None
    """Plain text as shown to the user (formatting removed); the caption for media."""
    raw_text: str | None = None
    """Text exactly as the bot sent it (with its HTML / Markdown)."""
    parse_mode: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    document: StoredFile | None = None
    photo: StoredFile | None = None
    photo_size: tuple[int, int] | None = None
    reply_to_message_id: int | None = None
    edit_count: int = 0
    previous_texts: list[str | None] = field(default_factory=list)
    deleted: bool = False
    edit_date: int | None = None

    @property
    def caption(self) -> str | None:
        return self.text if (self.document or self.photo) else None

    @property
    def buttons(self) -> list[list[tuple[str, str | None]]]:
        """Inline keyboard rows as (text, callback_data); callback_data is None for URL buttons."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [[(b["text"], b.get("callback_data")) for b in row] for row in rows]

    @property
    def button_urls(self) -> dict[str, str]:
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return {b["text"]: b["url"] for row in rows for b in row if "url" in b}

    @property
    def keyboard(self) -> list[list[str]] | None:
        """Reply keyboard rows (button texts) when this message set one."""
        rows = (self.reply_markup or {}).get("keyboard")
        return [[b["text"] for b in row] for row in rows] if rows is not None else None

    @property
    def removes_keyboard(self) -> bool:
        return bool((self.reply_markup or {}).get("remove_keyboard"))

    def callback_data_for(self, button_text: str) -> str:
        for row in self.buttons:
            for text, data in row:
                if text == button_text and data is not None:
                    return data
        raise AssertionError(
            f"Message #{self.message_id} has no callback button {button_text!r}; "
            f"buttons: {self.buttons}"
        )

    def has_callback(self, data: str) -> bool:
        return any(d == data for row in self.buttons for _, d in row)

    def describe(self) -> str:
        parts = [f"#{self.message_id}"]
        if self.deleted:
            parts.append("(deleted)")
        if self.document:
            parts.append(f"document {self.document.file_name!r} ({self.document.size} bytes)")
        if self.photo:
            parts.append(f"photo ({self.photo.size} bytes)")
        if self.text is not None:
            shown = self.text if len(self.text) <= 300 else self.text[:300] + "…"
            parts.append(repr(shown))
        if self.buttons:
            parts.append(f"buttons={self.buttons}")
        if self.keyboard:
            parts.append(f"keyboard={self.keyboard}")
        if self.edit_count:
            parts.append(f"(edited {self.edit_count}x)")
        return " ".join(parts)


@dataclass
class CallbackAnswer:
    callback_query_id: str
    callback_data: str | None
    text: str | None = None
    show_alert: bool = False
    url: str | None = None


@dataclass
class ApiCall:
    """One request received by the fake, with the answer it gave."""

    method: str
    params: dict[str, Any]
    status: int = 200
    description: str | None = None
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200

    def describe(self) -> str:
        chat = self.params.get("chat_id")
        where = f" chat {chat}" if chat is not None else ""
        return f"{self.method}{where} -> {self.status} {self.description or 'OK'}"
