"""A computation or a declaration was started: the company is "in progress" in its campaign."""

from egapro_assistant.usecases.campaigns import campaign_of_data_year, current_campaign
from store import campaign_progress, links
from store.clock import SYSTEM_CLOCK, Clock
from store.database import Database


async def record_started(
    database: Database,
    *,
    telegram_user_id: int,
    started_by: str,
    siren: str | None = None,
    data_year: int | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> list[str]:
    """Mark ``siren`` (or, when the work names no company yet, every company the user may act
    for) in progress for the campaign of ``data_year`` (default: the current campaign).

    Returns the SIRENs newly marked. A user with no linked company marks nothing.
    """
    marked = []
    async with database.session() as session:
        if siren is None:
            sirens = [
                company.siren for company in await links.companies_of(session, telegram_user_id)
            ]
        elif await links.may_act(session, telegram_user_id, siren):
            sirens = [siren]
        else:
            sirens = []
        if not sirens:
            return marked  # no company: no campaign to look up (it reads the settings)
        campaign = campaign_of_data_year(data_year) if data_year else current_campaign(clock)
        for each in sirens:
            if await campaign_progress.record_started(
                session,
                siren=each,
                campaign_year=campaign.year,
                started_by=started_by,
                telegram_user_id=telegram_user_id,
                now=clock.now(),
            ):
                marked.append(each)
    return marked
