"""The web chat: its chats, the messages both ways (the store is the truth, as for Telegram),
the files exchanged, and the local mailbox."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, LargeBinary
from sqlmodel import Field, SQLModel

from store.tables.columns import created_at_field, timestamp_field


class WebChat(SQLModel, table=True):
    """One browser's conversation; its Bot API chat id is ``-id`` (Telegram's private chats
    are positive, so the two never meet)."""

    __tablename__ = "web_chat"

    id: int | None = Field(default=None, primary_key=True)
    revision: int = 0  # raised by every change of its messages; the page asks what is newer
    language: str = Field(default="fr", max_length=8)
    created_at: datetime = created_at_field()
    last_seen_at: datetime | None = timestamp_field()


class WebChatFile(SQLModel, table=True):
    __tablename__ = "web_chat_file"

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    file_name: str | None = None
    mime_type: str | None = None
    size: int = 0
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = created_at_field()


class WebChatMessage(SQLModel, table=True):
    """A message of a web chat; ``from_bot`` tells who wrote it. A person's message keeps the
    Bot API update it became (``update``) until the conversation code has handled it."""

    __tablename__ = "web_chat_message"
    __table_args__ = (
        Index("ix_web_chat_message_chat_revision", "chat_id", "revision"),
        Index("ix_web_chat_message_pending", "processed", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    from_bot: bool = False
    revision: int = 0
    text: str | None = None
    parse_mode: str | None = Field(default=None, max_length=16)
    entities: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))
    reply_markup: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    media: str | None = Field(default=None, max_length=16)  # photo | document
    file_id: int | None = Field(default=None, foreign_key="web_chat_file.id")
    update: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    processed: bool = True
    deleted: bool = False
    created_at: datetime = created_at_field()
    edited_at: datetime | None = timestamp_field()


class LocalMail(SQLModel, table=True):
    """An email delivered to the local mailbox (no relay configured), as the relay would get it."""

    __tablename__ = "local_mail"

    id: int | None = Field(default=None, primary_key=True)
    envelope_from: str
    recipient: str = Field(index=True)
    subject: str | None = None
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = created_at_field()
