"""The weekly digest of each référent: counts per status and their change since last week,
the companies newly overdue, the open questions, a link to the dashboard.

``queue_weekly_digests`` decides and writes, for the ISO week of ``clock.now()`` (Europe/Paris),
one outbox row per référent with the key ``referent_digest:<référent id>:<week>``, and keeps the
week's counts (``referent_digest``) for next week's comparison. Running it twice in a week (a
restart, two instances) writes nothing more. An unsubscribed address gets no digest.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from egapro_assistant.usecases.campaigns import paris_today
from egapro_assistant.usecases.territory import Filters, is_late, scoped_standings
from store import email_standing, outbox, referents
from store.campaign_status import IndexStatus
from store.campaigns import Campaign, CampaignCalendar
from store.clock import SYSTEM_CLOCK, Clock
from store.database import Database
from store.tables.companies import Company
from store.tables.inbound import EmailQuestion, QuestionStatus
from store.tables.referents import ReferentDigest

KIND = "referent_digest"
OVERDUE_LISTED = 20
TOPIC = "referent_digest"


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class Digest:
    """What one référent's digest says (the email's params)."""

    week: str
    campaign_year: int
    statuses: dict[str, int]
    previous: dict[str, int] | None  # last week's counts, when a digest was made then
    late_total: int
    overdue: list[tuple[str, str]]  # newly overdue this week: (SIREN, name), the first ones
    overdue_total: int
    open_questions: int

    def params(self, link: str) -> dict[str, Any]:
        return {
            "week": self.week,
            "campaign_year": self.campaign_year,
            "statuses": self.statuses,
            "previous": self.previous,
            "late_total": self.late_total,
            "overdue": [list(item) for item in self.overdue],
            "overdue_total": self.overdue_total,
            "open_questions": self.open_questions,
            "link": link,
        }


def newly_overdue_window(campaign: Campaign, today: date) -> bool:
    """Companies become overdue the day after the deadline: this week's digest names them."""
    first_late_day = campaign.index_deadline + timedelta(days=1)
    return campaign.index_campaign and today - timedelta(days=7) < first_late_day <= today


async def digest_for(
    session: AsyncSession,
    referent_id: int,
    scope: frozenset[str],
    campaign: Campaign,
    today: date,
) -> Digest:
    found, _ = await scoped_standings(session, campaign, scope, Filters(sort="name"))
    statuses = Counter(s.status.value for s in found)
    late = [s for s in found if is_late(s, campaign, today)]
    overdue = late if newly_overdue_window(campaign, today) else []
    previous_week = iso_week(today - timedelta(days=7))
    previous = (
        await session.exec(
            select(ReferentDigest.counts).where(
                ReferentDigest.referent_id == referent_id, ReferentDigest.week == previous_week
            )
        )
    ).first()
    open_questions = (
        await session.exec(
            select(func.count())
            .select_from(EmailQuestion)
            .join(Company, Company.siren == EmailQuestion.siren)
            .where(col(Company.departement).in_(sorted(scope)))
            .where(EmailQuestion.status == QuestionStatus.OPEN)
        )
    ).one()
    return Digest(
        week=iso_week(today),
        campaign_year=campaign.year,
        statuses={status.value: statuses.get(status.value, 0) for status in IndexStatus},
        previous=previous,
        late_total=len(late),
        overdue=[(s.siren, s.name or "") for s in overdue[:OVERDUE_LISTED]],
        overdue_total=len(overdue),
        open_questions=open_questions,
    )


async def _claim_week(
    session: AsyncSession, referent_id: int, digest: Digest, clock: Clock
) -> bool:
    """Keep this week's counts; False when this week's digest was already made."""
    insert = (postgresql if session.bind.dialect.name == "postgresql" else sqlite).insert
    statement = (
        insert(ReferentDigest)
        .values(
            referent_id=referent_id,
            week=digest.week,
            campaign_year=digest.campaign_year,
            counts=digest.statuses,
            created_at=clock.now(),
        )
        .on_conflict_do_nothing(index_elements=["referent_id", "week"])
        .returning(ReferentDigest.id)
    )
    return (await session.exec(statement)).scalar_one_or_none() is not None


async def queue_weekly_digests(
    database: Database,
    calendar: CampaignCalendar,
    public_base_url: str,
    *,
    clock: Clock = SYSTEM_CLOCK,
) -> int:
    """Write this week's digests; returns how many were queued."""
    today = paris_today(clock)
    campaign = calendar.current(today)
    link = f"{public_base_url.rstrip('/')}/referents"
    queued = 0
    async with database.session() as session:
        everyone = await referents.list_all(session)
    for referent in everyone:
        if not referent.departements:
            continue
        async with database.session() as session:
            digest = await digest_for(
                session, referent.id, frozenset(referent.departements), campaign, today
            )
            if not await _claim_week(session, referent.id, digest, clock):
                continue
            if await email_standing.is_unsubscribed(session, referent.email):
                continue
            row = await outbox.enqueue(
                session,
                channel="email",
                recipient=referent.email,
                dedup_key=f"{KIND}:{referent.id}:{digest.week}",
                kind=KIND,
                payload={"language": "fr", "params": digest.params(link), "reminder": True},
                priority=outbox.PRIORITY_BULK,
                topic=TOPIC,
                clock=clock,
            )
            queued += row is not None
    return queued
