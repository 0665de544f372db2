"""The DREETS référents and the départements they cover.

A référent is known by their email address; their scope is a set of département codes (a
région imported with no département covers all of its départements). Every page, export and
message for a référent reads the scope from here, so it is enforced in one place.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from store.companies import Outcome
from store.tables.companies import Company
from store.tables.referents import Referent, ReferentDepartement
from store.types import utcnow


@dataclass(frozen=True)
class Territory:
    departement: str
    region: str
    whole_region: bool


@dataclass(frozen=True)
class ReferentView:
    id: int
    email: str
    name: str
    departements: tuple[str, ...]  # codes, sorted
    regions: tuple[str, ...]  # names, sorted
    telegram_user_id: int | None = None


async def get_by_email(session: AsyncSession, email: str) -> Referent | None:
    statement = select(Referent).where(Referent.email == email.strip().lower())
    return (await session.exec(statement)).first()


async def get_by_telegram_user(session: AsyncSession, user_id: int) -> Referent | None:
    statement = select(Referent).where(Referent.telegram_user_id == user_id)
    return (await session.exec(statement)).first()


async def scope_of(session: AsyncSession, referent_id: int) -> frozenset[str]:
    """The département codes a référent covers (empty when none)."""
    statement = select(ReferentDepartement.departement).where(
        ReferentDepartement.referent_id == referent_id
    )
    return frozenset((await session.exec(statement)).all())


async def view(session: AsyncSession, referent: Referent) -> ReferentView:
    rows = (
        await session.exec(
            select(ReferentDepartement).where(ReferentDepartement.referent_id == referent.id)
        )
    ).all()
    return ReferentView(
        id=referent.id,
        email=referent.email,
        name=referent.name,
        departements=tuple(sorted(row.departement for row in rows)),
        regions=tuple(sorted({row.region for row in rows})),
        telegram_user_id=referent.telegram_user_id,
    )


async def view_by_id(session: AsyncSession, referent_id: int) -> ReferentView | None:
    referent = await session.get(Referent, referent_id)
    return None if referent is None else await view(session, referent)


async def list_all(session: AsyncSession) -> list[ReferentView]:
    referents = (await session.exec(select(Referent).order_by(Referent.email))).all()
    return [await view(session, referent) for referent in referents]


async def of_departement(session: AsyncSession, departement: str | None) -> list[Referent]:
    """The référents who cover ``departement`` (none for an unknown département)."""
    if not departement:
        return []
    statement = (
        select(Referent)
        .join(ReferentDepartement, ReferentDepartement.referent_id == Referent.id)
        .where(ReferentDepartement.departement == departement)
        .order_by(Referent.email)
    )
    return list((await session.exec(statement)).all())


async def of_company(session: AsyncSession, siren: str | None) -> list[Referent]:
    if not siren:
        return []
    company = await session.get(Company, siren)
    return await of_departement(session, company.departement if company else None)


async def upsert(
    session: AsyncSession, email: str, name: str, territories: Iterable[Territory]
) -> Outcome:
    """Add the référent and the territories not yet recorded; rename when the name changed.

    Re-importing the same row changes nothing; territories are only ever added here.
    """
    email = email.strip().lower()
    referent = await get_by_email(session, email)
    outcome = Outcome.UNCHANGED
    if referent is None:
        referent = Referent(email=email, name=name)
        session.add(referent)
        await session.flush()
        outcome = Outcome.ADDED
    elif name and referent.name != name:
        referent.name = name
        referent.updated_at = utcnow()
        outcome = Outcome.UPDATED
    known = await scope_of(session, referent.id)
    for territory in territories:
        if territory.departement in known:
            continue
        session.add(
            ReferentDepartement(
                referent_id=referent.id,
                departement=territory.departement,
                region=territory.region,
                whole_region=territory.whole_region,
            )
        )
        known |= {territory.departement}
        if outcome is Outcome.UNCHANGED:
            outcome = Outcome.UPDATED
    await session.flush()
    return outcome


async def link_telegram(session: AsyncSession, email: str, user_id: int) -> Referent | None:
    """Record that Telegram user ``user_id`` proved ``email``; None when it is no référent's."""
    referent = await get_by_email(session, email)
    if referent is None:
        return None
    previous = await session.exec(
        select(Referent).where(
            Referent.telegram_user_id == user_id, col(Referent.id) != referent.id
        )
    )
    for other in previous.all():
        other.telegram_user_id = None
    referent.telegram_user_id = user_id
    referent.updated_at = utcnow()
    await session.flush()
    return referent
