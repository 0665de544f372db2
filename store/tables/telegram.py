"""Telegram updates received by the webhook, stored before ``200`` is answered."""

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index
from sqlmodel import Field, SQLModel

from store.tables.columns import created_at_field, json_field, timestamp_field


class UpdateStatus:
    RECEIVED = "received"  # stored, answered 200, not processed yet
    PROCESSING = "processing"  # claimed by a worker (offered again when its lease runs out)
    DONE = "done"
    FAILED = "failed"  # the handlers raised: kept with the error, not retried


class TelegramUpdate(SQLModel, table=True):
    """One Bot API update; its id is Telegram's, so a replayed delivery is stored once."""

    __tablename__ = "telegram_update"
    __table_args__ = (Index("ix_telegram_update_status_chat", "status", "chat_id", "update_id"),)

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    # The chat whose updates are processed one at a time, in order (0: no chat).
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    payload: dict = json_field()
    status: str = Field(default=UpdateStatus.RECEIVED, max_length=16)
    claimed_by: str | None = Field(default=None, max_length=200)
    claimed_at: datetime | None = timestamp_field()
    attempts: int = 0
    error: str | None = None
    received_at: datetime = created_at_field()
    processed_at: datetime | None = timestamp_field()
