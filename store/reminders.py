"""What the reminder tick reads and writes, in bulk: who receives a company's reminders, the
scheduler's last run, the outbox rows of a tick, a company's reminder history.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, any_, literal, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from store.tables.companies import DeclarantEmail
from store.tables.identity import CompanyLink, TelegramUser
from store.tables.inbound import EmailAddressStanding
from store.tables.outbox import OutboxMessage
from store.tables.scheduler import SchedulerState

REMINDER_KIND = "reminder"  # the index; objectives and représentation have kinds of their own
REMINDER_KINDS = (REMINDER_KIND, "reminder_objectives", "reminder_representation")
CHUNK = 5000  # SIRENs per IN (...) list: well under PostgreSQL's bind-parameter limit


def _insert_for(session: AsyncSession):
    return (postgresql if session.bind.dialect.name == "postgresql" else sqlite).insert


@dataclass(frozen=True)
class TelegramRecipient:
    user_id: int
    chat_id: int
    language: str
    email: str  # the declarant address that backs the link (the fallback when blocked)


@dataclass
class Recipients:
    telegram: list[TelegramRecipient]
    emails: list[str]  # declarant addresses that may receive reminders, sorted


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _siren_filters(session: AsyncSession, column, sirens: list[str]) -> Iterable:
    """``column`` among ``sirens``: on PostgreSQL one array parameter (``= ANY``), compiled at
    once whatever the count; elsewhere ``IN (...)`` lists of ``CHUNK`` values."""
    if session.bind.dialect.name == "postgresql":
        yield column == any_(literal(sirens, type_=postgresql.ARRAY(String)))
        return
    for chunk in _chunks(sirens):
        yield column.in_(chunk)


async def excluded_emails(session: AsyncSession) -> set[str]:
    """Addresses unsubscribed from reminders or known to be undeliverable."""
    rows = await session.exec(
        select(EmailAddressStanding.email).where(
            EmailAddressStanding.unsubscribed_at.is_not(None)
            | EmailAddressStanding.undeliverable_at.is_not(None)
        )
    )
    return set(rows.all())


async def recipients_of(session: AsyncSession, sirens: Iterable[str]) -> dict[str, Recipients]:
    """For each SIREN: its Telegram users who take reminders (linked through a declarant address
    still valid, not blocked, reminders not turned off) and its declarant addresses that may
    receive reminders. A blocked user's address is among the declarant addresses already."""
    wanted = sorted(set(sirens))
    found = {siren: Recipients([], []) for siren in wanted}
    if not wanted:
        return found
    excluded = await excluded_emails(session)
    for among in zip(
        _siren_filters(session, DeclarantEmail.siren, wanted),
        _siren_filters(session, CompanyLink.siren, wanted),
        strict=True,
    ):
        declarants = await session.exec(
            select(DeclarantEmail.siren, DeclarantEmail.email)
            .where(among[0])
            .order_by(DeclarantEmail.siren, DeclarantEmail.email)
        )
        for siren, email in declarants.all():
            if email.strip().lower() not in excluded:
                found[siren].emails.append(email)
        users = await session.exec(
            select(
                CompanyLink.siren,
                TelegramUser.id,
                TelegramUser.chat_id,
                TelegramUser.language,
                CompanyLink.email,
            )
            .join(
                DeclarantEmail,
                (DeclarantEmail.siren == CompanyLink.siren)
                & (DeclarantEmail.email == CompanyLink.email),
            )
            .join(TelegramUser, TelegramUser.id == CompanyLink.telegram_user_id)
            .where(among[1])
            .where(TelegramUser.blocked.is_(False))
            .where(TelegramUser.reminders_off.is_(False))
            .order_by(CompanyLink.siren, TelegramUser.id)
        )
        for siren, user_id, chat_id, language, email in users.all():
            found[siren].telegram.append(TelegramRecipient(user_id, chat_id, language, email))
    return found


async def write_rows(session: AsyncSession, rows: list[dict[str, Any]]) -> int:
    """Insert outbox rows, skipping those whose dedup key is already there (another tick, another
    process): multi-row INSERT ... ON CONFLICT DO NOTHING; returns how many were new."""
    if not rows:
        return 0
    table = OutboxMessage.__table__  # the Core table: no ORM bulk-persistence layer per row
    statement = (
        _insert_for(session)(table)
        .on_conflict_do_nothing(index_elements=["dedup_key"])
        .returning(table.c.id)
    )
    written = 0
    for start in range(0, len(rows), 5000):
        result = await session.exec(statement, params=rows[start : start + 5000])
        written += len(result.all())
    return written


async def last_run(session: AsyncSession, job: str) -> datetime | None:
    row = await session.get(SchedulerState, job)
    return row.last_run_at if row is not None else None


async def record_run(session: AsyncSession, job: str, at: datetime) -> None:
    """Remember ``at`` as the job's last run (never moving it back)."""
    statement = (
        _insert_for(session)(SchedulerState)
        .values(job=job, last_run_at=at)
        .on_conflict_do_nothing(index_elements=["job"])
    )
    await session.exec(statement)
    await session.exec(
        update(SchedulerState)
        .where(SchedulerState.job == job)
        .where(SchedulerState.last_run_at < at)
        .values(last_run_at=at)
    )


async def history(session: AsyncSession, siren: str) -> list[OutboxMessage]:
    """A company's reminder rows (queued, sent, skipped, cancelled, uncertain, failed), oldest
    first."""
    rows = await session.exec(
        select(OutboxMessage)
        .where(OutboxMessage.siren == siren)
        .where(OutboxMessage.kind.in_(REMINDER_KINDS))
        .order_by(OutboxMessage.created_at, OutboxMessage.id)
    )
    return list(rows.all())


async def set_reminders_off(session: AsyncSession, user_id: int, off: bool) -> bool:
    """Turn a Telegram user's reminders off (or on); False when the user is unknown."""
    result = await session.exec(
        update(TelegramUser).where(TelegramUser.id == user_id).values(reminders_off=off)
    )
    return result.rowcount == 1


async def reminders_off(session: AsyncSession, user_id: int) -> bool:
    user = await session.get(TelegramUser, user_id)
    return bool(user and user.reminders_off)
