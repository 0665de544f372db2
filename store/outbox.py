"""The outbox: enqueue a message once (by dedup key), claim due rows atomically, record outcomes."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from store.database import Database
from store.tables.outbox import OutboxAttachment, OutboxMessage, OutboxStatus
from store.types import utcnow

# A row left in "sending" longer than this (the sender crashed) is offered again.
CLAIM_LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 12


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


def _insert_for(session: AsyncSession):
    return (postgresql if session.bind.dialect.name == "postgresql" else sqlite).insert


async def enqueue(
    session: AsyncSession,
    *,
    channel: str,
    recipient: str,
    dedup_key: str,
    kind: str,
    payload: dict[str, Any],
    siren: str | None = None,
    attachments: list[Attachment] = (),
    not_before: datetime | None = None,
) -> int | None:
    """Write a message to send; returns its id, or None when ``dedup_key`` was already queued."""
    insert = _insert_for(session)
    values = dict(
        channel=channel,
        recipient=recipient,
        dedup_key=dedup_key,
        kind=kind,
        siren=siren,
        payload=payload,
        status=OutboxStatus.PENDING,
        attempts=0,
        next_attempt_at=not_before or utcnow(),
        created_at=utcnow(),
    )
    statement = (
        insert(OutboxMessage)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["dedup_key"])
        .returning(OutboxMessage.id)
    )
    message_id = (await session.exec(statement)).scalar_one_or_none()
    if message_id is not None:
        for attachment in attachments:
            session.add(
                OutboxAttachment(
                    outbox_id=message_id,
                    filename=attachment.filename,
                    content_type=attachment.content_type,
                    data=attachment.data,
                )
            )
    return message_id


async def claim_due(
    database: Database, *, worker: str, limit: int = 20, channel: str | None = None
) -> list[OutboxMessage]:
    """Atomically mark up to ``limit`` due rows as being sent by ``worker`` and return them.

    One conditional UPDATE; on PostgreSQL the candidate rows are picked with
    ``FOR UPDATE SKIP LOCKED`` so several instances never claim the same row.
    """
    now = utcnow()
    due = (OutboxMessage.status == OutboxStatus.PENDING) & (OutboxMessage.next_attempt_at <= now)
    stale = (OutboxMessage.status == OutboxStatus.SENDING) & (
        OutboxMessage.claimed_at < now - CLAIM_LEASE
    )
    candidates = select(OutboxMessage.id).where(due | stale)
    if channel:
        candidates = candidates.where(OutboxMessage.channel == channel)
    candidates = candidates.order_by(OutboxMessage.id).limit(limit)
    if not database.is_sqlite:
        candidates = candidates.with_for_update(skip_locked=True)
    statement = (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(candidates.scalar_subquery()))
        .where(due | stale)
        .values(status=OutboxStatus.SENDING, claimed_at=now, claimed_by=worker)
        .returning(OutboxMessage)
        .execution_options(synchronize_session=False)
    )
    async with database.session() as session:
        rows = (await session.exec(statement)).scalars().all()
        return sorted(rows, key=lambda row: row.id)


async def attachments_of(session: AsyncSession, message_id: int) -> list[Attachment]:
    rows = await session.exec(
        select(OutboxAttachment)
        .where(OutboxAttachment.outbox_id == message_id)
        .order_by(OutboxAttachment.id)
    )
    return [Attachment(a.filename, a.content_type, a.data) for a in rows]


async def _finish(database: Database, message_id: int, worker: str, **values) -> bool:
    """Update a row we still hold; False if another worker took it over meanwhile."""
    statement = (
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .where(OutboxMessage.status == OutboxStatus.SENDING)
        .where(OutboxMessage.claimed_by == worker)
        .values(**values)
    )
    async with database.session() as session:
        result = await session.exec(statement)
        return result.rowcount == 1


async def mark_sent(database: Database, message_id: int, worker: str) -> bool:
    return await _finish(
        database, message_id, worker, status=OutboxStatus.SENT, sent_at=utcnow(), last_error=None
    )


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min ... capped at 1 h."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


async def mark_retry(
    database: Database,
    message: OutboxMessage,
    worker: str,
    error: str,
    *,
    delay: timedelta | None = None,
) -> bool:
    """Put a message back for later; after MAX_ATTEMPTS it is marked failed."""
    attempts = message.attempts + 1
    if attempts >= MAX_ATTEMPTS:
        return await mark_failed(database, message.id, worker, error, attempts=attempts)
    return await _finish(
        database,
        message.id,
        worker,
        status=OutboxStatus.PENDING,
        attempts=attempts,
        next_attempt_at=utcnow() + (delay if delay is not None else backoff(attempts)),
        last_error=error[:2000],
    )


async def mark_failed(
    database: Database, message_id: int, worker: str, error: str, *, attempts: int | None = None
) -> bool:
    values = dict(status=OutboxStatus.FAILED, last_error=error[:2000])
    if attempts is not None:
        values["attempts"] = attempts
    return await _finish(database, message_id, worker, **values)


async def cancel_pending(session: AsyncSession, *, dedup_key_prefix: str) -> int:
    """Cancel queued messages that are no longer relevant (e.g. reminders after a declaration)."""
    result = await session.exec(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.PENDING)
        .where(OutboxMessage.dedup_key.startswith(dedup_key_prefix, autoescape=True))
        .values(status=OutboxStatus.CANCELLED)
    )
    return result.rowcount
