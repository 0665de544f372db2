""" "In progress" as a stored fact: someone started a computation or a declaration for a company
in a campaign. The first start is kept; later starts change nothing."""

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from store import companies
from store.tables.campaigns import CampaignProgress
from store.types import utcnow

COMPUTE = "compute"
DECLARATION = "declaration"
STARTS = (COMPUTE, DECLARATION)


async def record_started(
    session: AsyncSession,
    *,
    siren: str,
    campaign_year: int,
    started_by: str,
    telegram_user_id: int | None = None,
    now: datetime | None = None,
) -> bool:
    """Mark ``siren`` in progress for ``campaign_year``; True when this is the first start."""
    if started_by not in STARTS:
        raise ValueError(f"started_by must be one of {STARTS}, not {started_by!r}")
    await companies.ensure(session, siren)
    insert = (postgresql if session.bind.dialect.name == "postgresql" else sqlite).insert
    statement = (
        insert(CampaignProgress)
        .values(
            siren=siren,
            campaign_year=campaign_year,
            started_by=started_by,
            started_at=now or utcnow(),
            telegram_user_id=telegram_user_id,
        )
        .on_conflict_do_nothing(index_elements=["siren", "campaign_year"])
        .returning(CampaignProgress.id)
    )
    return (await session.exec(statement)).scalar_one_or_none() is not None
