"""Middlewares that give every handler its user, language and database."""

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from bot.texts import language_from_telegram
from store import telegram_users
from store.database import Database


class UserContextMiddleware(BaseMiddleware):
    """Record the Telegram user and pass ``database`` and ``language`` to handlers."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        data["database"] = self.database
        user: User | None = data.get("event_from_user")
        chat = data.get("event_chat")
        if user is None or user.is_bot:
            data["language"] = "fr"
            return await handler(event, data)
        async with self.database.session() as session:
            record = await telegram_users.touch(
                session,
                user_id=user.id,
                chat_id=chat.id if chat else user.id,
                first_name=user.first_name,
                telegram_language=language_from_telegram(user.language_code),
            )
            data["language"] = record.language
        return await handler(event, data)
