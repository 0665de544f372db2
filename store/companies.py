"""Companies by SIREN: read, create or update, list a territory, and keep their index history."""

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from sqlalchemy import func, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from store.tables.companies import Company, CompanyIndexHistory
from store.types import utcnow

WORKFORCE_RANGES = ("50:250", "251:999", "1000:")
COMPANY_FIELDS = (
    "name",
    "departement",
    "region",
    "workforce_range",
    "naf_code",
    "address",
    "postal_code",
    "town",
)
HISTORY_FIELDS = ("index", "notes", "workforce_range", "ues_name", "ues_sirens")


class Outcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def _insert_for(session: AsyncSession):
    return (postgresql if session.bind.dialect.name == "postgresql" else sqlite).insert


def _check_workforce_range(value: str | None) -> None:
    if value is not None and value not in WORKFORCE_RANGES:
        raise ValueError(f"unknown workforce range {value!r}; expected one of {WORKFORCE_RANGES}")


async def get(session: AsyncSession, siren: str) -> Company | None:
    return await session.get(Company, siren)


async def get_many(session: AsyncSession, sirens: Iterable[str]) -> dict[str, Company]:
    sirens = list(set(sirens))
    if not sirens:
        return {}
    rows = await session.exec(select(Company).where(col(Company.siren).in_(sirens)))
    return {company.siren: company for company in rows.all()}


def apply_fields(company: Company, fields: dict[str, Any]) -> bool:
    """Copy the given (non-None) fields onto ``company``; True when something changed.

    None means "not known here": it never erases what is already stored.
    """
    changed = False
    for name, value in fields.items():
        if name not in COMPANY_FIELDS:
            raise ValueError(f"not a company field: {name}")
        if value is not None and getattr(company, name) != value:
            setattr(company, name, value)
            changed = True
    if changed:
        company.updated_at = utcnow()
    return changed


async def ensure(session: AsyncSession, siren: str, *, source: str = "bot") -> bool:
    """Make sure a row exists for ``siren``; True when it was created now."""
    statement = (
        _insert_for(session)(Company)
        .values(siren=siren, source=source, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["siren"])
        .returning(Company.siren)
    )
    return (await session.exec(statement)).scalar_one_or_none() is not None


async def upsert(
    session: AsyncSession,
    siren: str,
    *,
    name: str | None = None,
    departement: str | None = None,
    region: str | None = None,
    workforce_range: str | None = None,
    naf_code: str | None = None,
    address: str | None = None,
    postal_code: str | None = None,
    town: str | None = None,
    source: str = "bot",
) -> Outcome:
    """Create the company or update the fields given; ``source`` is kept from the first time."""
    _check_workforce_range(workforce_range)
    fields = dict(
        name=name,
        departement=departement,
        region=region,
        workforce_range=workforce_range,
        naf_code=naf_code,
        address=address,
        postal_code=postal_code,
        town=town,
    )
    company = await session.get(Company, siren, with_for_update=True)
    if company is None:
        statement = (
            _insert_for(session)(Company)
            .values(siren=siren, source=source, created_at=utcnow(), **fields)
            .on_conflict_do_nothing(index_elements=["siren"])
            .returning(Company.siren)
        )
        if (await session.exec(statement)).scalar_one_or_none() is not None:
            return Outcome.ADDED
        # Created meanwhile by another transaction: update it like any other.
        company = await session.get(Company, siren, with_for_update=True, populate_existing=True)
    return Outcome.UPDATED if apply_fields(company, fields) else Outcome.UNCHANGED


def _search_filter(search: str):
    digits = search.replace(" ", "").replace(".", "")
    by_name = func.lower(Company.name).contains(search.strip().lower(), autoescape=True)
    if digits.isdigit():
        return or_(col(Company.siren).startswith(digits, autoescape=True), by_name)
    return by_name


async def list_by_departements(
    session: AsyncSession,
    departements: Iterable[str],
    *,
    search: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Company]:
    """Companies of these départements (codes), by name; ``search`` matches name or SIREN start."""
    departements = list(departements)
    if not departements:
        return []
    statement = select(Company).where(col(Company.departement).in_(departements))
    if search and search.strip():
        statement = statement.where(_search_filter(search))
    # Unnamed companies last on both backends (SQLite and PostgreSQL sort NULL differently).
    statement = statement.order_by(
        col(Company.name).is_(None), func.lower(Company.name), Company.siren
    ).offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    return list((await session.exec(statement)).all())


async def history_of(session: AsyncSession, siren: str) -> list[CompanyIndexHistory]:
    statement = (
        select(CompanyIndexHistory)
        .where(CompanyIndexHistory.siren == siren)
        .order_by(CompanyIndexHistory.year)
    )
    return list((await session.exec(statement)).all())


async def history_of_many(
    session: AsyncSession, sirens: Iterable[str]
) -> dict[tuple[str, int], CompanyIndexHistory]:
    sirens = list(set(sirens))
    if not sirens:
        return {}
    statement = select(CompanyIndexHistory).where(col(CompanyIndexHistory.siren).in_(sirens))
    return {(row.siren, row.year): row for row in (await session.exec(statement)).all()}


def apply_history_fields(row: CompanyIndexHistory, fields: dict[str, Any]) -> bool:
    """Replace the year's values with ``fields`` (a later export of the same year wins)."""
    changed = False
    for name, value in fields.items():
        if name not in HISTORY_FIELDS:
            raise ValueError(f"not an index history field: {name}")
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


async def record_index_history(
    session: AsyncSession,
    siren: str,
    year: int,
    *,
    index: int | None,
    notes: dict[str, Any],
    workforce_range: str | None = None,
    ues_name: str | None = None,
    ues_sirens: list[str] = (),
    source: str = "open_data",
) -> Outcome:
    """Keep what ``siren`` published for ``year`` (the company row must exist)."""
    _check_workforce_range(workforce_range)
    fields = dict(
        index=index,
        notes=dict(notes),
        workforce_range=workforce_range,
        ues_name=ues_name,
        ues_sirens=list(ues_sirens),
    )
    statement = (
        select(CompanyIndexHistory)
        .where(CompanyIndexHistory.siren == siren, CompanyIndexHistory.year == year)
        .with_for_update()
    )
    row = (await session.exec(statement)).first()
    if row is None:
        session.add(CompanyIndexHistory(siren=siren, year=year, source=source, **fields))
        await session.flush()
        return Outcome.ADDED
    return Outcome.UPDATED if apply_history_fields(row, fields) else Outcome.UNCHANGED


async def unplaced(session: AsyncSession, *, limit: int | None = None) -> tuple[int, list[Company]]:
    """Companies whose département is unknown (no référent sees them): how many, and the first
    ``limit`` of them by SIREN."""
    total = (
        await session.exec(
            select(func.count()).select_from(Company).where(col(Company.departement).is_(None))
        )
    ).one()
    statement = select(Company).where(col(Company.departement).is_(None)).order_by(Company.siren)
    if limit is not None:
        statement = statement.limit(limit)
    return total, list((await session.exec(statement)).all())
