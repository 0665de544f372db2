"""Reply addresses handed out in outbound email: ``r+<token>@<reply domain>``.

A token says who an answer comes from (person, company, message) without trusting ``From``;
the same token names the VERP bounce address and the unsubscribe link. Only its SHA-256 is kept.
"""

from datetime import datetime

from sqlmodel import Field, SQLModel

from store.tables.columns import created_at_field


class ReplyAddress(SQLModel, table=True):
    __tablename__ = "reply_address"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, max_length=64)
    email: str = Field(index=True)  # the person the message went to, normalised lower-case
    siren: str | None = Field(default=None, index=True, max_length=9)
    outbox_id: int | None = Field(default=None, foreign_key="outbox_message.id", index=True)
    kind: str = Field(max_length=64)  # the outbox kind of the message that carried it
    language: str = Field(default="fr", max_length=8)
    message_id: str | None = Field(default=None, max_length=255)  # its Message-ID header
    reminder: bool = False  # the message was a reminder (STOP / unsubscribe applies)
    campaign_year: int | None = None  # the campaign it was about (FAIT answers it)
    created_at: datetime = created_at_field()
