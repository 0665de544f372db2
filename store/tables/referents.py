"""The DREETS référents, their territory, their dashboard sessions and weekly digests, and the
secrets the web app keeps in the database."""

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.tables.columns import created_at_field, json_field, timestamp_field


class Referent(SQLModel, table=True):
    __tablename__ = "referent"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True)  # normalised lower-case
    name: str = ""
    # The Telegram account that proved this address (``/referent``): it gets ``/pending``.
    telegram_user_id: int | None = Field(default=None, sa_type=BigInteger, index=True)
    created_at: datetime = created_at_field()
    updated_at: datetime | None = timestamp_field()


class ReferentDepartement(SQLModel, table=True):
    """One département a référent covers; a whole région is imported as all its départements."""

    __tablename__ = "referent_departement"
    __table_args__ = (UniqueConstraint("referent_id", "departement"),)

    id: int | None = Field(default=None, primary_key=True)
    referent_id: int = Field(foreign_key="referent.id", index=True)
    departement: str = Field(index=True, max_length=3)
    region: str  # the région's name
    whole_region: bool = False  # imported as the région, with no département
    created_at: datetime = created_at_field()


class ReferentSession(SQLModel, table=True):
    """A signed-in browser: only the SHA-256 of the cookie's token is kept."""

    __tablename__ = "referent_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, max_length=64)
    referent_id: int = Field(foreign_key="referent.id", index=True)
    created_at: datetime = created_at_field()
    expires_at: datetime = timestamp_field(nullable=False)
    ended_at: datetime | None = timestamp_field()  # signed out


class ReferentDigest(SQLModel, table=True):
    """What a weekly digest said (counts per status), so next week's can show the change."""

    __tablename__ = "referent_digest"
    __table_args__ = (UniqueConstraint("referent_id", "week"),)

    id: int | None = Field(default=None, primary_key=True)
    referent_id: int = Field(foreign_key="referent.id", index=True)
    week: str = Field(max_length=8)  # ISO week, "2027-W06"
    campaign_year: int
    counts: dict[str, Any] = json_field()
    created_at: datetime = created_at_field()


class AppSecret(SQLModel, table=True):
    """A secret generated once and shared by every instance (e.g. the web secret)."""

    __tablename__ = "app_secret"

    name: str = Field(primary_key=True, max_length=64)
    value: str
    created_at: datetime = created_at_field()
