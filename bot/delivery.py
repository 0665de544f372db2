"""Deliver a Telegram outbox row through the Bot API; the sender decides what happens next.

Payload of a Telegram row (recipient: the chat id as text)::

    {"language": "fr" | "en", "params": {...},
     "photo": 0, "document": 1,          # optional: index into the row's attachments
     "reminder": True,                   # optional, carried over to the email fallback
     "fallback_emails": ["rh@..."],      # optional: where to send it if the user blocked the bot
     "fallback_kind": "...", "fallback_params": {...}}  # optional: email kind/params if different

The text comes from ``render(kind, params, language) -> TelegramContent``, given by the bot
package for its kinds; ``default_render`` only knows ``notice`` (params ``{"text"}``).
"""

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramBadRequest,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNotFound,
    TelegramRetryAfter,
)
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from egapro_assistant.sender import Delivery
from store import outbox, telegram_users
from store.database import Database
from store.tables.outbox import OutboxMessage

CAPTION_LIMIT = 1024
MEDIA_KINDS = ("photo", "document")  # sent in this order: the chart, then the PDF


@dataclass(frozen=True)
class TelegramContent:
    text: str
    # Rows of (label, data): data starting with http:// or https:// is a link button, anything
    # else is callback data.
    buttons: list[list[tuple[str, str]]] | None = None
    parse_mode: str | None = None  # None: plain text; "HTML" when the text is HTML-escaped


Render = Callable[[str, dict[str, Any], str], TelegramContent | Awaitable[TelegramContent]]


class RenderError(ValueError):
    """A Telegram kind cannot be rendered (unknown kind, missing param)."""


def default_render(kind: str, params: dict[str, Any], language: str) -> TelegramContent:
    if kind != "notice":
        raise RenderError(f"unknown Telegram kind {kind!r}")
    if not params.get("text"):
        raise RenderError("Telegram kind 'notice' needs param 'text'")
    return TelegramContent(str(params["text"]))


def keyboard(buttons: list[list[tuple[str, str]]] | None) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    rows = [
        [
            InlineKeyboardButton(text=label, url=data)
            if data.startswith(("https://", "http://"))
            else InlineKeyboardButton(text=label, callback_data=data)
            for label, data in row
        ]
        for row in buttons
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


class TelegramTransport:
    def __init__(self, bot: Bot, database: Database, render: Render = default_render) -> None:
        self.bot = bot
        self.database = database
        self.render = render

    async def deliver(self, message: OutboxMessage) -> Delivery:
        try:
            chat_id = int(message.recipient)
        except ValueError:
            return Delivery.failed(f"not a Telegram chat id: {message.recipient!r}")
        payload: dict[str, Any] = message.payload or {}
        try:
            content = self.render(
                message.kind, payload.get("params") or {}, payload.get("language") or "fr"
            )
            if inspect.isawaitable(content):
                content = await content
        except (RenderError, KeyError, ValueError, TypeError) as error:
            return Delivery.failed(f"cannot render {message.kind!r}: {error}")
        media = await self._media(message, payload)
        if isinstance(media, Delivery):
            return media
        try:
            await self._send(chat_id, content, media)
        except TelegramRetryAfter as error:
            return Delivery.retry(str(error), after=float(error.retry_after))
        except TelegramForbiddenError as error:
            await self._mark_blocked(chat_id)
            return Delivery.blocked(str(error))
        except (
            TelegramEntityTooLarge,
            TelegramBadRequest,
            TelegramNotFound,
            TelegramMigrateToChat,
        ) as error:
            return Delivery.failed(str(error))
        except (TimeoutError, TelegramAPIError, ClientDecodeError, OSError) as error:
            # Network, 5xx, token or conflict trouble: nothing about this message is wrong.
            return Delivery.retry(f"{type(error).__name__}: {error}")
        return Delivery.sent()

    async def _media(self, message: OutboxMessage, payload: dict[str, Any]):
        wanted = [(kind, payload[kind]) for kind in MEDIA_KINDS if payload.get(kind) is not None]
        if not wanted:
            return []
        async with self.database.session() as session:
            attachments = await outbox.attachments_of(session, message.id)
        media = []
        for kind, index in wanted:
            if not isinstance(index, int) or not 0 <= index < len(attachments):
                return Delivery.failed(f"{kind}: no attachment #{index}")
            media.append((kind, attachments[index]))
        return media

    async def _send(self, chat_id: int, content: TelegramContent, media) -> None:
        markup = keyboard(content.buttons)
        caption_fits = bool(media) and len(content.text) <= CAPTION_LIMIT
        if not caption_fits:
            await self.bot.send_message(
                chat_id, content.text, parse_mode=content.parse_mode, reply_markup=markup
            )
        for position, (kind, attachment) in enumerate(media):
            first = caption_fits and position == 0
            upload = BufferedInputFile(attachment.data, filename=attachment.filename)
            extra = dict(
                caption=content.text if first else None,
                parse_mode=content.parse_mode if first else None,
                reply_markup=markup if first else None,
            )
            if kind == "photo":
                await self.bot.send_photo(chat_id, upload, **extra)
            else:
                await self.bot.send_document(chat_id, upload, **extra)

    async def _mark_blocked(self, chat_id: int) -> None:
        async with self.database.session() as session:
            await telegram_users.mark_blocked(session, chat_id)
