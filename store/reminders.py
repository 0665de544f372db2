"""What the reminder tick reads and writes, in bulk: who receives a company's reminders, the
scheduler's last run, the outbox rows of a tick, a company's reminder history.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, any_, func, literal, text, update
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


def _among(session: AsyncSession, column, sirens: list[str]):
    """``column`` among ``sirens``, as one parameter whatever their count (no IN list rendered
    value by value): an array on PostgreSQL (``= ANY``), a JSON array on SQLite."""
    if session.bind.dialect.name == "postgresql":
        return column == any_(literal(sirens, type_=postgresql.ARRAY(String)))
    given = func.json_each(literal(json.dumps(sirens))).table_valued("value")
    return column.in_(select(given.c.value).scalar_subquery())


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
    declarants = await session.exec(
        select(DeclarantEmail.siren, DeclarantEmail.email)
        .where(_among(session, DeclarantEmail.siren, wanted))
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
        .where(_among(session, CompanyLink.siren, wanted))
        .where(TelegramUser.blocked.is_(False))
        .where(TelegramUser.reminders_off.is_(False))
        .order_by(CompanyLink.siren, TelegramUser.id)
    )
    for siren, user_id, chat_id, language, email in users.all():
        found[siren].telegram.append(TelegramRecipient(user_id, chat_id, language, email))
    return found


ROW_COLUMNS = (
    "channel",
    "recipient",
    "dedup_key",
    "kind",
    "siren",
    "payload",
    "status",
    "priority",
    "topic",
    "attempts",
    "next_attempt_at",
    "created_at",
)
_INTEGERS = ("priority", "attempts")
_MOMENTS = ("next_attempt_at", "created_at")
_NAMES = ", ".join(ROW_COLUMNS)
TABLE = OutboxMessage.__tablename__
# SQLite: one statement prepared once, executed for each row by the driver (sqlite3's
# executemany, no SQL rendered per batch); PostgreSQL: one statement for all the rows, whatever
# their number, one array parameter per column.
_SQLITE_INSERT = (
    f"INSERT INTO {TABLE} ({_NAMES}) VALUES ({', '.join('?' * len(ROW_COLUMNS))})"
    " ON CONFLICT (dedup_key) DO NOTHING"
)
_POSTGRESQL_INSERT = (
    f"INSERT INTO {TABLE} ({_NAMES}) SELECT "
    + ", ".join(f"{name}::json" if name == "payload" else name for name in ROW_COLUMNS)
    + " FROM unnest("
    + ", ".join(
        f"CAST(:{name} AS "
        + ("INTEGER" if name in _INTEGERS else "TIMESTAMPTZ" if name in _MOMENTS else "TEXT")
        + "[])"
        for name in ROW_COLUMNS
    )
    + f") WITH ORDINALITY AS given({_NAMES}, position) ORDER BY position"
    " ON CONFLICT (dedup_key) DO NOTHING RETURNING id"
)


def _stored_values(session: AsyncSession, rows: list[dict[str, Any]]) -> list[list]:
    """Each row's values as the table's column types store them (the same processing as an ORM
    or Core insert): JSON text for the payload, the database's form of each moment (worked out
    once per distinct moment: a tick has a handful)."""
    dialect = session.bind.dialect
    table = OutboxMessage.__table__
    processors = {
        name: table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        for name in ("payload", *_MOMENTS)
    }
    moments: dict[tuple[str, datetime], Any] = {}

    def moment(name: str, value: datetime) -> Any:
        key = (name, value)
        if key not in moments:
            processor = processors[name]
            moments[key] = processor(value) if processor else value
        return moments[key]

    to_json = processors["payload"] or (lambda value: value)
    return [
        [
            row["channel"],
            row["recipient"],
            row["dedup_key"],
            row["kind"],
            row["siren"],
            to_json(row["payload"]),
            row["status"],
            row["priority"],
            row["topic"],
            row["attempts"],
            moment("next_attempt_at", row["next_attempt_at"]),
            moment("created_at", row["created_at"]),
        ]
        for row in rows
    ]


async def write_rows(session: AsyncSession, rows: list[dict[str, Any]]) -> int:
    """Insert outbox rows (``ROW_COLUMNS``) in their order, skipping those whose dedup key is
    already there (another tick, another process, or earlier in ``rows``): ON CONFLICT DO NOTHING;
    returns how many were new."""
    if not rows:
        return 0
    values = _stored_values(session, rows)
    if session.bind.dialect.name == "postgresql":
        columns = {name: [row[n] for row in values] for n, name in enumerate(ROW_COLUMNS)}
        result = await session.exec(text(_POSTGRESQL_INSERT), params=columns)
        return len(result.all())
    connection = await session.connection()
    result = await connection.exec_driver_sql(_SQLITE_INSERT, [tuple(row) for row in values])
    return result.rowcount  # sqlite3 adds up the rows each execution inserted


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
