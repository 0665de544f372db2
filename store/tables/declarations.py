"""Declarations recorded for a (SIREN, year): the index, its objectives and measures, and the
représentation équilibrée."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.tables.columns import created_at_field, json_field, timestamp_field


class ObjectivesStatus:
    TO_FILL = "to_fill"
    FILLED = "filled"
    NOT_APPLICABLE = "not_applicable"  # index ≥ 85, not calculable, or data year before 2021


class IndexDeclaration(SQLModel, table=True):
    """One index declaration per company and data year (``year`` = année_indicateurs)."""

    __tablename__ = "index_declaration"
    __table_args__ = (UniqueConstraint("siren", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    siren: str = Field(foreign_key="company.siren", index=True, max_length=9)
    year: int = Field(index=True)
    # "assistant": declared here; "official_platform": the company says it declared there.
    channel: str = Field(default="assistant", max_length=32)
    # For "official_platform": how the company told us (telegram | email_reply | import).
    elsewhere_source: str | None = Field(default=None, max_length=16)
    declarant_email: str | None = None
    declarant_first_name: str | None = None
    declarant_last_name: str | None = None
    declarant_phone: str | None = None  # 10 digits, national form (0123456789)
    telegram_user_id: int | None = Field(default=None, sa_type=BigInteger)
    # "Plan de relance" answer (entreprise.plan_relance), required from data year 2021.
    plan_relance: bool | None = None
    period_end: date | None = None
    period_sufficient: bool = True
    publication_date: date | None = None
    publication_url: str | None = None
    publication_modalities: str | None = None
    corrective_measures: str | None = Field(default=None, max_length=3)  # mmo | me | mne
    # Indicator 1's breakdown (csp | branch_level | other_level) when the input document does not
    # carry it (results typed in), and the CSE consultation date that level modes require.
    indicator1_mode: str | None = Field(default=None, max_length=16)
    cse_consultation_date: date | None = None
    # The engine's input document and its output as computed when saved (never from the chat).
    engine_input: dict[str, Any] = json_field()
    engine_output: dict[str, Any] = json_field()
    index: int | None = None
    points: int | None = None
    max_points: int | None = None
    objectives_status: str = Field(default=ObjectivesStatus.NOT_APPLICABLE, max_length=16)
    first_submitted_at: datetime = created_at_field()
    modified_at: datetime | None = timestamp_field()
    # Each modification erases the objectives: the count lets reminders tell rounds apart.
    revision: int = 1


class DeclarationObjectives(SQLModel, table=True):
    """Progression objectives and corrective-measure publication for an index declaration."""

    __tablename__ = "declaration_objectives"

    id: int | None = Field(default=None, primary_key=True)
    declaration_id: int = Field(foreign_key="index_declaration.id", unique=True)
    # {"indicator1": "text", ...} for the calculable indicators below their maximum
    objectives: dict[str, Any] = json_field()
    objectives_publication_date: date | None = None
    measures_publication_date: date | None = None
    modalities: str | None = None
    submitted_at: datetime = created_at_field()
    modified_at: datetime | None = timestamp_field()


class RepresentationDeclaration(SQLModel, table=True):
    """Représentation équilibrée (companies of 1000+ employees three years running)."""

    __tablename__ = "representation_declaration"
    __table_args__ = (UniqueConstraint("siren", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    siren: str = Field(foreign_key="company.siren", index=True, max_length=9)
    year: int = Field(index=True)
    channel: str = Field(default="assistant", max_length=32)
    declarant_email: str | None = None
    declarant_first_name: str | None = None
    declarant_last_name: str | None = None
    telegram_user_id: int | None = Field(default=None, sa_type=BigInteger)
    period_end: date | None = None
    publication_date: date | None = None
    publication_url: str | None = None
    publication_modalities: str | None = None
    engine_input: dict[str, Any] = json_field()
    engine_output: dict[str, Any] = json_field()
    first_submitted_at: datetime = created_at_field()
    modified_at: datetime | None = timestamp_field()
