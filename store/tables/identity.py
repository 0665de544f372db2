"""Telegram users, their verified links to companies, email-link tokens and rate-limit hits."""

from datetime import datetime

from sqlalchemy import BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.tables.columns import created_at_field, timestamp_field


class TelegramUser(SQLModel, table=True):
    __tablename__ = "telegram_user"

    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    first_name: str | None = None
    language: str = "fr"  # "fr" | "en"
    language_chosen: bool = False  # set by /lang; otherwise follows Telegram's language_code
    blocked: bool = False  # the user blocked the bot: fall back to email
    reminders_off: bool = False  # /rappels: no reminders in Telegram for this user
    created_at: datetime = created_at_field()
    updated_at: datetime | None = timestamp_field()


class CompanyLink(SQLModel, table=True):
    """A Telegram user proved, through ``email``, that they may act for ``siren``."""

    __tablename__ = "company_link"
    __table_args__ = (UniqueConstraint("telegram_user_id", "siren"),)

    id: int | None = Field(default=None, primary_key=True)
    telegram_user_id: int = Field(sa_type=BigInteger, foreign_key="telegram_user.id", index=True)
    siren: str = Field(foreign_key="company.siren", index=True, max_length=9)
    email: str
    created_at: datetime = created_at_field()


class VerificationToken(SQLModel, table=True):
    """An emailed link; only the SHA-256 of the token is kept."""

    __tablename__ = "verification_token"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, max_length=64)
    purpose: str = "company_link"  # company_link | referent_sign_in
    telegram_user_id: int | None = Field(default=None, sa_type=BigInteger, index=True)
    siren: str | None = Field(default=None, max_length=9)
    email: str
    created_at: datetime = created_at_field()
    expires_at: datetime = timestamp_field(nullable=False)
    consumed_at: datetime | None = timestamp_field()


class RateLimitHit(SQLModel, table=True):
    """One counted request, in a scope (``user``, ``email``, ``siren``) for a key."""

    __tablename__ = "rate_limit_hit"

    id: int | None = Field(default=None, primary_key=True)
    scope: str = Field(index=True, max_length=32)
    key: str = Field(index=True)
    created_at: datetime = created_at_field()
