"""Email coming back: raw inbound messages, questions asked by email, and address standing."""

from datetime import datetime

from sqlalchemy import Column, Index, LargeBinary
from sqlmodel import Field, SQLModel

from store.tables.columns import created_at_field, timestamp_field


class InboundStatus:
    RECEIVED = "received"  # stored, answered 250, not processed yet
    PROCESSING = "processing"  # claimed by a processor (offered again when its lease runs out)
    PROCESSED = "processed"
    QUARANTINED = "quarantined"  # malformed: kept with the reason, never answered
    AUTO_REPLY = "auto_reply"  # an out-of-office or other automatic answer: never answered
    BOUNCE = "bounce"  # a delivery status notification to a VERP address


class InboundMessage(SQLModel, table=True):
    """A message the inbound SMTP server accepted, stored before it answered ``250``."""

    __tablename__ = "inbound_message"
    __table_args__ = (Index("ix_inbound_message_status", "status", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    envelope_from: str = ""
    recipient: str  # the r+<token> or bounce+<token> address it was sent to
    reply_address_id: int | None = Field(default=None, foreign_key="reply_address.id")
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    size: int = 0
    status: str = Field(default=InboundStatus.RECEIVED, max_length=16)
    outcome: str | None = Field(default=None, max_length=32)  # stop, declared, question, ...
    reason: str | None = None  # why it was quarantined, or what processing did
    claimed_at: datetime | None = timestamp_field()
    processed_at: datetime | None = timestamp_field()
    received_at: datetime = created_at_field()


class QuestionStatus:
    OPEN = "open"
    ANSWERED = "answered"


class EmailQuestion(SQLModel, table=True):
    """A reply that is neither a command nor a file: a question for the company's référent."""

    __tablename__ = "email_question"

    id: int | None = Field(default=None, primary_key=True)
    siren: str | None = Field(default=None, index=True, max_length=9)
    email: str  # who asked (the person the answered message went to)
    inbound_message_id: int = Field(foreign_key="inbound_message.id", unique=True)
    answered_kind: str | None = Field(default=None, max_length=64)  # the message it answers
    subject: str | None = None
    text: str
    status: str = Field(default=QuestionStatus.OPEN, max_length=16)
    created_at: datetime = created_at_field()
    answered_at: datetime | None = timestamp_field()
    answer: str | None = None  # what a référent answered from the dashboard
    answered_by: str | None = None  # that référent's address


class EmailAddressStanding(SQLModel, table=True):
    """Whether reminders may go to an address: unsubscribed (STOP, link) or undeliverable."""

    __tablename__ = "email_address_standing"

    email: str = Field(primary_key=True)  # normalised lower-case
    unsubscribed_at: datetime | None = timestamp_field()
    undeliverable_at: datetime | None = timestamp_field()
    undeliverable_reason: str | None = None
    updated_at: datetime = created_at_field()
