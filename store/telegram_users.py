"""Telegram users as the bot meets them."""

from sqlalchemy import or_, update
from sqlmodel.ext.asyncio.session import AsyncSession

from store.tables.identity import TelegramUser
from store.types import utcnow


async def get(session: AsyncSession, user_id: int) -> TelegramUser | None:
    return await session.get(TelegramUser, user_id)


async def touch(
    session: AsyncSession,
    *,
    user_id: int,
    chat_id: int,
    first_name: str | None,
    telegram_language: str,
) -> TelegramUser:
    """Create or refresh a user; a user who writes to the bot is reachable again."""
    user = await session.get(TelegramUser, user_id)
    if user is None:
        user = TelegramUser(
            id=user_id, chat_id=chat_id, first_name=first_name, language=telegram_language
        )
        session.add(user)
        await session.flush()
        return user
    changed = (user.chat_id, user.first_name, user.blocked) != (chat_id, first_name, False)
    if not user.language_chosen and user.language != telegram_language:
        user.language = telegram_language
        changed = True
    if changed:
        user.chat_id, user.first_name, user.blocked = chat_id, first_name, False
        user.updated_at = utcnow()
    return user


async def choose_language(session: AsyncSession, user_id: int, language: str) -> None:
    user = await session.get(TelegramUser, user_id)
    user.language = language
    user.language_chosen = True
    user.updated_at = utcnow()


async def mark_blocked(session: AsyncSession, chat_id: int) -> None:
    """The user of this private chat blocked the bot; ``touch`` clears it when they write again.

    In a private chat the chat id is the user id; both are matched.
    """
    await session.exec(
        update(TelegramUser)
        .where(or_(TelegramUser.chat_id == chat_id, TelegramUser.id == chat_id))
        .where(TelegramUser.blocked.is_(False))
        .values(blocked=True, updated_at=utcnow())
    )
