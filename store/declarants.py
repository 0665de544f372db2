"""Declarant emails of a SIREN: who may act for a company."""

import re

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from store import companies
from store.tables.companies import Company, DeclarantEmail
from store.types import utcnow

# Rough on purpose: one "@", no spaces, a dot in the domain, no dot at either end of a part.
_EMAIL = re.compile(
    r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?$"
)
MAX_EMAIL_LENGTH = 254


class InvalidEmail(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(f"invalid email address: {text!r}")
        self.text = text


class LastDeclarantError(Exception):
    """Removing this email would leave the SIREN with no declarant."""

    def __init__(self, siren: str, email: str) -> None:
        super().__init__(f"{email} is the last declarant of {siren}; add another one first")
        self.siren = siren
        self.email = email


def normalise_email(text: str) -> str:
    """Stripped and lower-cased, or ``InvalidEmail``; ``mailto:`` and ``<...>`` are dropped."""
    email = str(text).strip().strip("<>").strip()
    if email.lower().startswith("mailto:"):
        email = email[len("mailto:") :]
    email = email.lower()
    if len(email) > MAX_EMAIL_LENGTH or not _EMAIL.match(email):
        raise InvalidEmail(str(text))
    return email


def is_valid_email(text: str) -> bool:
    try:
        normalise_email(text)
    except InvalidEmail:
        return False
    return True


def _insert_for(session: AsyncSession):
    return (postgresql if session.bind.dialect.name == "postgresql" else sqlite).insert


async def emails_of(session: AsyncSession, siren: str) -> list[str]:
    statement = (
        select(DeclarantEmail.email)
        .where(DeclarantEmail.siren == siren)
        .order_by(DeclarantEmail.email)
    )
    return list((await session.exec(statement)).all())


async def emails_of_many(session: AsyncSession, sirens: list[str]) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {siren: set() for siren in sirens}
    if not sirens:
        return result
    statement = select(DeclarantEmail.siren, DeclarantEmail.email).where(
        col(DeclarantEmail.siren).in_(list(set(sirens)))
    )
    for siren, email in (await session.exec(statement)).all():
        result.setdefault(siren, set()).add(email)
    return result


async def sirens_of(session: AsyncSession, email: str) -> list[str]:
    """Every SIREN this email may act for."""
    statement = (
        select(DeclarantEmail.siren)
        .where(DeclarantEmail.email == normalise_email(email))
        .order_by(DeclarantEmail.siren)
    )
    return list((await session.exec(statement)).all())


async def count(session: AsyncSession, siren: str) -> int:
    statement = (
        select(func.count()).select_from(DeclarantEmail).where(DeclarantEmail.siren == siren)
    )
    return (await session.exec(statement)).one()


async def is_declarant(session: AsyncSession, siren: str, email: str) -> bool:
    try:
        email = normalise_email(email)
    except InvalidEmail:
        return False
    statement = select(DeclarantEmail.id).where(
        DeclarantEmail.siren == siren, DeclarantEmail.email == email
    )
    return (await session.exec(statement)).first() is not None


async def add(
    session: AsyncSession,
    siren: str,
    email: str,
    *,
    added_by: str = "import",
    company_source: str = "bot",
) -> bool:
    """Attach ``email`` to ``siren`` (creating the company row if unknown); True when added now."""
    email = normalise_email(email)
    await companies.ensure(session, siren, source=company_source)
    statement = (
        _insert_for(session)(DeclarantEmail)
        .values(siren=siren, email=email, added_by=added_by, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["siren", "email"])
        .returning(DeclarantEmail.id)
    )
    return (await session.exec(statement)).scalar_one_or_none() is not None


async def remove(session: AsyncSession, siren: str, email: str) -> bool:
    """Detach ``email`` from ``siren``; False when it was not attached.

    Raises ``LastDeclarantError`` rather than leave the company with nobody to act for it.
    """
    email = normalise_email(email)
    # Lock the company row (PostgreSQL) so that two declarants removing each other at the same
    # time are serialised; the count in the same DELETE statement keeps SQLite safe too.
    await session.exec(select(Company.siren).where(Company.siren == siren).with_for_update())
    others = (
        select(func.count())
        .select_from(DeclarantEmail)
        .where(DeclarantEmail.siren == siren)
        .scalar_subquery()
    )
    statement = delete(DeclarantEmail).where(
        DeclarantEmail.siren == siren, DeclarantEmail.email == email, others > 1
    )
    if (await session.exec(statement)).rowcount:
        return True
    if await is_declarant(session, siren, email):
        raise LastDeclarantError(siren, email)
    return False
