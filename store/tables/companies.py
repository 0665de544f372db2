"""Companies (by SIREN), their declarant emails, and the index history they published."""

from datetime import datetime
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from store.tables.columns import created_at_field, json_field, timestamp_field


class Company(SQLModel, table=True):
    __tablename__ = "company"

    siren: str = Field(primary_key=True, max_length=9)
    name: str | None = None
    departement: str | None = Field(default=None, index=True, max_length=3)
    region: str | None = None
    # "50:250" | "251:999" | "1000:"
    workforce_range: str | None = Field(default=None, max_length=8)
    naf_code: str | None = None
    # The address as the official form asks it (adresse, code postal, commune).
    address: str | None = None
    postal_code: str | None = Field(default=None, max_length=5)
    town: str | None = None
    source: str = "bot"  # how we learnt of it: bot, import, open_data
    created_at: datetime = created_at_field()
    updated_at: datetime | None = timestamp_field()


class DeclarantEmail(SQLModel, table=True):
    """An email allowed to act for a SIREN (ownership, as on the official platform)."""

    __tablename__ = "declarant_email"
    __table_args__ = (UniqueConstraint("siren", "email"),)

    id: int | None = Field(default=None, primary_key=True)
    siren: str = Field(foreign_key="company.siren", index=True, max_length=9)
    email: str = Field(index=True)  # normalised: stripped, lower-case
    added_by: str = "import"  # "import", "verification", or "telegram:<user id>"
    created_at: datetime = created_at_field()


class CompanyIndexHistory(SQLModel, table=True):
    """A year a company declared, as listed by an import (e.g. the official open-data export)."""

    __tablename__ = "company_index_history"
    __table_args__ = (UniqueConstraint("siren", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    siren: str = Field(foreign_key="company.siren", index=True, max_length=9)
    year: int
    index: int | None = None
    # Indicator notes by engine key (indicator1 ... indicator5, index): an int, or "nc".
    notes: dict[str, Any] = json_field()
    workforce_range: str | None = Field(default=None, max_length=8)  # the band that year
    ues_name: str | None = None  # the year's declaration covered an UES of that name
    ues_sirens: list[str] = json_field(list)  # its member companies
    source: str = "open_data"
    created_at: datetime = created_at_field()
