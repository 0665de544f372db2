"""Many companies owing a reminder now, bulk inserted (tests of real service processes, bench)."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from egapro_assistant.usecases import reminders
from egapro_assistant.usecases.reminder_rules import ReminderPolicy, schedule
from store import reminders as reminder_store
from store.campaign_status import CompanyFacts, standing_of
from store.campaigns import CampaignCalendar
from store.database import Database
from store.tables import Company, CompanyLink, DeclarantEmail, TelegramUser

CHUNK = 4_000  # rows per multi-row INSERT: under PostgreSQL's 32,767 parameters
FIRST_USER = 900_000


def siren_of(number: int) -> str:
    return f"{100_000_000 + number:09d}"


def email_of(number: int) -> str:
    return f"rh{number}@entreprise{number % 97}.test"


def latest_step_due(now: datetime, calendar: CampaignCalendar | None = None):
    """The step a company that has not declared owes at ``now`` (the latest due)."""
    calendar = calendar or CampaignCalendar.load()
    campaign = calendar.current(now.date())
    standing = standing_of(CompanyFacts(siren=siren_of(0), band="50:250"), campaign)
    due = [step for step in schedule(standing, ReminderPolicy(calendar)) if step.due_at <= now]
    return due[-1]


async def populate(
    database: Database,
    count: int,
    *,
    telegram_users: int = 0,
    now: datetime | None = None,
    last_tick: bool = True,
) -> None:
    """``count`` companies of 50-250 with one declarant each, none declared: each owes the
    latest due step at ``now``; the first ``telegram_users`` also have a linked Telegram user
    (chat id ``FIRST_USER + n``). With ``last_tick``, the previous tick is recorded just before
    that step became due, so a tick writes one step per company."""
    now = now or datetime.now(UTC)
    companies, emails, users, links = [], [], [], []
    for number in range(count):
        siren = siren_of(number)
        companies.append(
            dict(
                siren=siren,
                name=f"Entreprise {number}",
                workforce_range="50:250",
                source="import",
                created_at=now,
            )
        )
        emails.append(dict(siren=siren, email=email_of(number), added_by="import", created_at=now))
        if number < telegram_users:
            user = FIRST_USER + number
            users.append(
                dict(
                    id=user,
                    chat_id=user,
                    language="fr",
                    language_chosen=False,
                    blocked=False,
                    reminders_off=False,
                    created_at=now,
                )
            )
            links.append(
                dict(telegram_user_id=user, siren=siren, email=email_of(number), created_at=now)
            )
    async with database.session() as session:
        for table, rows in (
            (Company, companies),
            (DeclarantEmail, emails),
            (TelegramUser, users),
            (CompanyLink, links),
        ):
            for start in range(0, len(rows), CHUNK):
                await session.exec(insert(table).values(rows[start : start + CHUNK]))
        if last_tick:
            step = latest_step_due(now)
            await reminder_store.record_run(
                session, reminders.JOB, step.due_at - timedelta(seconds=1)
            )
