"""Every message to a person, written first and sent later by the one sender."""

from datetime import datetime
from typing import Any

from sqlalchemy import Column, Index, LargeBinary
from sqlmodel import Field, SQLModel

from store.tables.columns import created_at_field, json_field, timestamp_field


class OutboxStatus:
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # gave up: permanent error or too many attempts
    CANCELLED = "cancelled"  # no longer relevant (e.g. reminder after a declaration)
    # The claim expired while "sending": the process died, maybe after the relay or Telegram
    # took the message. Never sent again by itself: an operator resends or drops it.
    UNCERTAIN = "uncertain"
    # Never sent: a reminder step superseded by a later one that became due at the same time
    # (after downtime). Kept so the step is never sent later.
    SKIPPED = "skipped"

    ALL = (PENDING, SENDING, SENT, FAILED, CANCELLED, UNCERTAIN, SKIPPED)


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_message"
    # The claim query: pending rows, the people's before the bulk, due ones only.
    __table_args__ = (Index("ix_outbox_claim", "status", "priority", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)  # "email" | "telegram"
    recipient: str  # an email address, or a Telegram chat id as text
    dedup_key: str = Field(unique=True, max_length=255)
    kind: str = Field(max_length=64)  # what it is: verification_link, receipt, reminder, ...
    siren: str | None = Field(default=None, index=True, max_length=9)
    payload: dict[str, Any] = json_field()
    status: str = Field(default=OutboxStatus.PENDING, max_length=16)
    priority: int = 0  # store.outbox.PRIORITY_PERSON (0) before PRIORITY_BULK (10)
    topic: str | None = Field(default=None, index=True, max_length=128)  # cancelled together
    attempts: int = 0
    next_attempt_at: datetime = created_at_field()
    claimed_at: datetime | None = timestamp_field()
    claimed_by: str | None = None
    sent_at: datetime | None = timestamp_field()
    last_error: str | None = None
    # An email keeps its identity over retries: the Message-ID, and the reply token in clear
    # while the row can still be sent (wiped once sent or cancelled; see mail/email_transport).
    message_id: str | None = Field(default=None, max_length=255)
    reply_token: str | None = Field(default=None, max_length=64)
    created_at: datetime = created_at_field()


class OutboxAttachment(SQLModel, table=True):
    __tablename__ = "outbox_attachment"

    id: int | None = Field(default=None, primary_key=True)
    outbox_id: int = Field(foreign_key="outbox_message.id", index=True)
    filename: str
    content_type: str
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
