"""The web chat's messages and files, and the local mailbox.

Every change of a chat's messages raises the chat's ``revision`` in the same transaction and
stamps the message with it, so a page that saw revision ``r`` asks for what is newer than ``r``
and misses nothing, whichever instance wrote it.
"""

from typing import Any

from sqlalchemy import update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from store.tables.webchat import LocalMail, WebChat, WebChatFile, WebChatMessage
from store.types import utcnow


def chat_id_of(chat: WebChat) -> int:
    """The Bot API chat id of a web chat (negative: never a Telegram private chat)."""
    return -int(chat.id)


def is_web_chat(chat_id: int) -> bool:
    return chat_id < 0


async def create_chat(session: AsyncSession, language: str = "fr") -> WebChat:
    chat = WebChat(language=language, last_seen_at=utcnow())
    session.add(chat)
    await session.flush()
    return chat


async def get_chat(session: AsyncSession, chat_id: int) -> WebChat | None:
    if not is_web_chat(chat_id):
        return None
    return await session.get(WebChat, -chat_id)


async def _next_revision(session: AsyncSession, chat_id: int) -> int:
    result = await session.exec(
        update(WebChat)
        .where(WebChat.id == -chat_id)
        .values(revision=WebChat.revision + 1)
        .returning(WebChat.revision)
    )
    revision = result.scalar_one_or_none()
    if revision is None:
        raise LookupError(f"no web chat {chat_id}")
    return revision


async def add_message(session: AsyncSession, chat_id: int, **fields: Any) -> WebChatMessage:
    """A new message (``from_bot``, ``text``, ``reply_markup``, ``media``, ``file_id``,
    ``update``, ``processed``...); its id is its Bot API ``message_id``."""
    message = WebChatMessage(chat_id=chat_id, revision=await _next_revision(session, chat_id))
    for name, value in fields.items():
        setattr(message, name, value)
    session.add(message)
    await session.flush()
    return message


async def get_message(session: AsyncSession, chat_id: int, message_id: int) -> WebChatMessage:
    message = await session.get(WebChatMessage, message_id)
    if message is None or message.chat_id != chat_id:
        return None
    return message


async def change_message(
    session: AsyncSession, message: WebChatMessage, **changes: Any
) -> WebChatMessage:
    """Edit (or delete, ``deleted=True``) a message: the page gets it again, changed."""
    for name, value in changes.items():
        setattr(message, name, value)
    message.revision = await _next_revision(session, message.chat_id)
    message.edited_at = utcnow()
    session.add(message)
    await session.flush()
    return message


async def set_update(session: AsyncSession, message: WebChatMessage, update: dict) -> None:
    """A person's message waits to be handled as ``update`` (a Bot API update naming its id);
    nothing the page shows changes, so the revision stays."""
    message.update, message.processed = update, False
    session.add(message)
    await session.flush()


async def messages_since(
    session: AsyncSession, chat_id: int, revision: int = 0
) -> list[WebChatMessage]:
    result = await session.exec(
        select(WebChatMessage)
        .where(WebChatMessage.chat_id == chat_id, WebChatMessage.revision > revision)
        .order_by(WebChatMessage.id)
    )
    return list(result)


async def set_processed(session: AsyncSession, message_id: int) -> None:
    await session.exec(
        update(WebChatMessage)
        .where(WebChatMessage.id == message_id)
        .values(processed=True, update=None)
    )


async def unprocessed(session: AsyncSession) -> list[WebChatMessage]:
    """People's messages stored but not yet handled (a stop or a crash in between)."""
    result = await session.exec(
        select(WebChatMessage)
        .where(WebChatMessage.processed.is_(False))
        .order_by(WebChatMessage.id)
    )
    return list(result)


async def add_file(
    session: AsyncSession, chat_id: int, data: bytes, file_name: str | None, mime_type: str | None
) -> WebChatFile:
    stored = WebChatFile(
        chat_id=chat_id, data=data, size=len(data), file_name=file_name, mime_type=mime_type
    )
    session.add(stored)
    await session.flush()
    return stored


async def get_file(session: AsyncSession, file_id: int) -> WebChatFile | None:
    return await session.get(WebChatFile, file_id)


async def deliver_mail(
    session: AsyncSession, envelope_from: str, recipient: str, subject: str | None, raw: bytes
) -> LocalMail:
    mail = LocalMail(envelope_from=envelope_from, recipient=recipient, subject=subject, raw=raw)
    session.add(mail)
    await session.flush()
    return mail


async def mails(session: AsyncSession, limit: int = 200) -> list[LocalMail]:
    result = await session.exec(select(LocalMail).order_by(LocalMail.id.desc()).limit(limit))
    return list(result)


async def get_mail(session: AsyncSession, mail_id: int) -> LocalMail | None:
    return await session.get(LocalMail, mail_id)


async def get_message_any(session: AsyncSession, message_id: int) -> WebChatMessage | None:
    return await session.get(WebChatMessage, message_id)


async def file_names(session: AsyncSession, file_ids: list[int]) -> dict[int, str | None]:
    if not file_ids:
        return {}
    result = await session.exec(
        select(WebChatFile.id, WebChatFile.file_name).where(WebChatFile.id.in_(file_ids))
    )
    return dict(result.all())
