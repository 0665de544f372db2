"""The outbox: enqueue a message once (by dedup key), claim due rows atomically, record outcomes.

At most once: a row is claimed (status "sending", the attempt counted) before it is handed to a
relay or to Telegram. A claim that outlives ``CLAIM_LEASE`` means the sender died somewhere
between claiming and recording; the message may or may not have left, so the row becomes
"uncertain" and waits for an operator (``egapro-assistant outbox resend|drop``), never resent
by itself.

Order: what a person waits for (``PRIORITY_PERSON``) is always claimed before bulk mail
(``PRIORITY_BULK``); within a priority, in queue order.
"""

import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from store.clock import SYSTEM_CLOCK, Clock
from store.database import Database
from store.tables.outbox import OutboxAttachment, OutboxMessage, OutboxStatus
from store.tables.replies import ReplyAddress

PRIORITY_PERSON = 0  # default: someone waits for it (links, notices, receipts, answers)
PRIORITY_BULK = 10  # reminders, digests

# A row left in "sending" longer than this: its sender died. It becomes uncertain.
CLAIM_LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 12
KEY_LIMIT = 255  # the dedup_key column; longer keys are stored as their SHA-256
# Settled by an operator: resend puts these back in the queue, drop cancels them.
RESENDABLE = (OutboxStatus.UNCERTAIN, OutboxStatus.FAILED, OutboxStatus.CANCELLED)
DROPPABLE = (OutboxStatus.PENDING, OutboxStatus.UNCERTAIN, OutboxStatus.FAILED)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


def step_key(step: str, channel: str, recipient: str) -> str:
    """The dedup key of one step's message to one recipient, e.g. for a reminder
    ``step_key("reminder:2027:552100554:j-30", "email", "rh@durand.fr")``. The email that
    replaces a Telegram message of that step (the user blocked the bot) has the same key."""
    return f"{step}:{channel}:{recipient}"


def storable_key(dedup_key: str) -> str:
    """The key as stored: itself when it fits the column, else its SHA-256 (same key, same row)."""
    if len(dedup_key) <= KEY_LIMIT:
        return dedup_key
    return "sha256:" + hashlib.sha256(dedup_key.encode()).hexdigest()


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
    priority: int = PRIORITY_PERSON,
    topic: str | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> int | None:
    """Write a message to send; returns its id, or None when ``dedup_key`` was already queued.

    ``topic`` groups rows cancelled together (``cancel_pending``), e.g. "reminders:2027:index".
    """
    now = clock.now()
    insert = _insert_for(session)
    values = dict(
        channel=channel,
        recipient=recipient,
        dedup_key=storable_key(dedup_key),
        kind=kind,
        siren=siren,
        payload=payload,
        status=OutboxStatus.PENDING,
        priority=priority,
        topic=topic,
        attempts=0,
        next_attempt_at=not_before or now,
        created_at=now,
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


@dataclass(frozen=True)
class Outgoing:
    """One message for ``enqueue_many`` (the same fields as ``enqueue``)."""

    channel: str
    recipient: str
    dedup_key: str
    kind: str
    payload: dict[str, Any]
    siren: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    priority: int = PRIORITY_PERSON
    topic: str | None = None


async def enqueue_many(
    session: AsyncSession, messages: list[Outgoing], *, clock: Clock = SYSTEM_CLOCK
) -> int:
    """``enqueue`` for several messages in one statement; returns how many were new (a key
    already queued, in the table or earlier in ``messages``, is skipped like ``enqueue`` does)."""
    unique: dict[str, Outgoing] = {}
    for message in messages:
        unique.setdefault(storable_key(message.dedup_key), message)
    if not unique:
        return 0
    now = clock.now()
    rows = [
        dict(
            channel=message.channel,
            recipient=message.recipient,
            dedup_key=key,
            kind=message.kind,
            siren=message.siren,
            payload=message.payload,
            status=OutboxStatus.PENDING,
            priority=message.priority,
            topic=message.topic,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
        for key, message in unique.items()
    ]
    # executemany: SQLAlchemy's "insertmanyvalues" writes the rows in a few multi-row
    # statements compiled once, rather than one statement compiled per call.
    statement = (
        _insert_for(session)(OutboxMessage)
        .on_conflict_do_nothing(index_elements=["dedup_key"])
        .returning(OutboxMessage.id, OutboxMessage.dedup_key)
    )
    result = await session.exec(statement, params=rows)
    created = {key: message_id for message_id, key in result.all()}
    for key, message_id in created.items():
        for attachment in unique[key].attachments:
            session.add(
                OutboxAttachment(
                    outbox_id=message_id,
                    filename=attachment.filename,
                    content_type=attachment.content_type,
                    data=attachment.data,
                )
            )
    return len(created)


async def expire_claims(session: AsyncSession, *, now: datetime) -> int:
    """Rows whose claim ran out (the sender died): uncertain, or failed after MAX_ATTEMPTS."""
    stale = (OutboxMessage.status == OutboxStatus.SENDING) & (
        OutboxMessage.claimed_at < now - CLAIM_LEASE
    )
    note = "claim expired: the sender stopped before recording the outcome; it may have been sent"
    worn_out = await session.exec(
        update(OutboxMessage)
        .where(stale & (OutboxMessage.attempts >= MAX_ATTEMPTS))
        .values(status=OutboxStatus.FAILED, last_error=note)
    )
    uncertain = await session.exec(
        update(OutboxMessage).where(stale).values(status=OutboxStatus.UNCERTAIN, last_error=note)
    )
    return worn_out.rowcount + uncertain.rowcount


async def claim_due(
    database: Database,
    *,
    worker: str,
    limit: int = 20,
    channel: str | None = None,
    clock: Clock = SYSTEM_CLOCK,
    below_priority: int | None = None,
) -> list[OutboxMessage]:
    """Atomically mark up to ``limit`` due rows as being sent by ``worker`` and return them.

    A conditional UPDATE of the rows picked first; on PostgreSQL they are picked with
    ``FOR UPDATE SKIP LOCKED`` so several instances never claim the same row. The attempt is
    counted here, before anything leaves: a row that kills its sender is not retried forever.
    """
    now = clock.now()
    due = (OutboxMessage.status == OutboxStatus.PENDING) & (OutboxMessage.next_attempt_at <= now)
    candidates = select(OutboxMessage.id).where(due)
    if channel:
        candidates = candidates.where(OutboxMessage.channel == channel)
    if below_priority is not None:  # outside the sending window: what people wait for only
        candidates = candidates.where(OutboxMessage.priority < below_priority)
    candidates = candidates.order_by(OutboxMessage.priority, OutboxMessage.id).limit(limit)
    if not database.is_sqlite:
        candidates = candidates.with_for_update(skip_locked=True)
    async with database.session() as session:
        await expire_claims(session, now=now)
        # Two statements in one transaction rather than ``UPDATE ... WHERE id IN (SELECT ...
        # LIMIT n SKIP LOCKED)``: PostgreSQL may run such a subquery again for each row and
        # then claim far more than ``limit`` rows.
        ids = list((await session.exec(candidates)).all())
        if not ids:
            return []
        statement = (
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids))
            .where(due)
            .values(
                status=OutboxStatus.SENDING,
                claimed_at=now,
                claimed_by=worker,
                attempts=OutboxMessage.attempts + 1,
            )
            .returning(OutboxMessage)
            .execution_options(synchronize_session=False)
        )
        rows = (await session.exec(statement)).scalars().all()
        return sorted(rows, key=lambda row: (row.priority, row.id))


async def attachments_of(session: AsyncSession, message_id: int) -> list[Attachment]:
    return (await attachments_of_many(session, [message_id])).get(message_id, [])


async def attachments_of_many(
    session: AsyncSession, message_ids: list[int]
) -> dict[int, list[Attachment]]:
    """The attachments of several rows in one query, by row id, in the order they were added."""
    if not message_ids:
        return {}
    rows = await session.exec(
        select(OutboxAttachment)
        .where(OutboxAttachment.outbox_id.in_(message_ids))
        .order_by(OutboxAttachment.id)
    )
    found: dict[int, list[Attachment]] = {}
    for a in rows:
        found.setdefault(a.outbox_id, []).append(Attachment(a.filename, a.content_type, a.data))
    return found


def _held_by(worker: str):
    return (OutboxMessage.status == OutboxStatus.SENDING) & (OutboxMessage.claimed_by == worker)


async def _finish(database: Database, message_id: int, worker: str, **values) -> bool:
    """Update a row we still hold; False if its claim expired meanwhile."""
    statement = (
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .where(_held_by(worker))
        .values(**values)
    )
    async with database.session() as session:
        result = await session.exec(statement)
        return result.rowcount == 1


async def mark_sent(
    database: Database, message_id: int, worker: str, *, clock: Clock = SYSTEM_CLOCK
) -> bool:
    return await mark_sent_many(database, [message_id], worker, clock=clock) == 1


async def mark_sent_many(
    database: Database, message_ids: list[int], worker: str, *, clock: Clock = SYSTEM_CLOCK
) -> int:
    """Record several rows as sent in one statement; returns how many we still held."""
    if not message_ids:
        return 0
    statement = (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(message_ids))
        .where(_held_by(worker))
        .values(status=OutboxStatus.SENT, sent_at=clock.now(), last_error=None, reply_token=None)
    )
    async with database.session() as session:
        return (await session.exec(statement)).rowcount


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
    clock: Clock = SYSTEM_CLOCK,
) -> bool:
    """Put a message back for later; after MAX_ATTEMPTS it is marked failed.

    ``message.attempts`` already counts this attempt (counted when claimed).
    """
    if message.attempts >= MAX_ATTEMPTS:
        return await mark_failed(database, message.id, worker, error)
    return await _finish(
        database,
        message.id,
        worker,
        status=OutboxStatus.PENDING,
        next_attempt_at=clock.now() + (delay if delay is not None else backoff(message.attempts)),
        last_error=error[:2000],
    )


async def release(database: Database, message: OutboxMessage, worker: str, *, at: datetime) -> bool:
    """Give a claimed row back untried (its Telegram chat is held): not counted as an attempt."""
    return await _finish(
        database,
        message.id,
        worker,
        status=OutboxStatus.PENDING,
        attempts=OutboxMessage.attempts - 1,
        next_attempt_at=at,
    )


async def mark_failed(
    database: Database, message_id: int, worker: str, error: str, *, attempts: int | None = None
) -> bool:
    values = dict(status=OutboxStatus.FAILED, last_error=error[:2000])
    if attempts is not None:
        values["attempts"] = attempts
    return await _finish(database, message_id, worker, **values)


async def cancel_pending(
    session: AsyncSession, *, topic: str | Collection[str], siren: str | None = None
) -> int:
    """Cancel queued messages of ``topic`` (or of any of several topics; of one company if
    ``siren`` is given) that are no longer relevant, e.g. the reminders of a campaign once the
    company declared."""
    topics = [topic] if isinstance(topic, str) else list(topic)
    if not topics:
        return 0
    statement = (
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.PENDING)
        .where(col(OutboxMessage.topic).in_(topics))
        .values(status=OutboxStatus.CANCELLED, reply_token=None)
    )
    if siren is not None:
        statement = statement.where(OutboxMessage.siren == siren)
    result = await session.exec(statement)
    return result.rowcount


# Operators' actions (``egapro-assistant outbox``)


class OutboxActionError(Exception):
    """A row that does not exist, or whose state does not allow the action."""

    def __init__(self, message_id: int, status: str | None) -> None:
        super().__init__(message_id, status)
        self.message_id = message_id
        self.status = status  # None: no such row


async def list_rows(
    session: AsyncSession,
    *,
    status: str | None = None,
    siren: str | None = None,
    limit: int | None = None,
) -> list[OutboxMessage]:
    statement = select(OutboxMessage).order_by(OutboxMessage.id)
    if status is not None:
        statement = statement.where(OutboxMessage.status == status)
    if siren is not None:
        statement = statement.where(OutboxMessage.siren == siren)
    if limit is not None:
        statement = statement.limit(limit)
    return list((await session.exec(statement)).all())


async def _settle(session: AsyncSession, message_id: int, allowed: tuple[str, ...], **values):
    statement = (
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .where(OutboxMessage.status.in_(allowed))
        .values(**values)
        .returning(OutboxMessage)
        .execution_options(synchronize_session=False)
    )
    row = (await session.exec(statement)).scalars().first()
    if row is None:
        current = await session.exec(
            select(OutboxMessage.status).where(OutboxMessage.id == message_id)
        )
        raise OutboxActionError(message_id, current.first())
    return row


async def resend(
    session: AsyncSession, message_id: int, *, clock: Clock = SYSTEM_CLOCK
) -> OutboxMessage:
    """Queue an uncertain, failed or cancelled row again, now; it gets at least one more try.

    Raises ``OutboxActionError`` for an unknown row or one pending, being sent, or sent.
    """
    return await _settle(
        session,
        message_id,
        RESENDABLE,
        status=OutboxStatus.PENDING,
        next_attempt_at=clock.now(),
        attempts=_at_most(OutboxMessage.attempts, MAX_ATTEMPTS - 1),
        claimed_at=None,
        claimed_by=None,
    )


async def drop(session: AsyncSession, message_id: int) -> OutboxMessage:
    """Cancel a pending, uncertain or failed row for good."""
    return await _settle(
        session, message_id, DROPPABLE, status=OutboxStatus.CANCELLED, reply_token=None
    )


def _at_most(column, ceiling: int):
    return case((column > ceiling, ceiling), else_=column)


# Retention


async def purge_sent(
    database: Database, *, older_than: timedelta, clock: Clock = SYSTEM_CLOCK
) -> int:
    """Delete rows sent more than ``older_than`` ago, with their attachments; returns how many.

    Failed and uncertain rows stay until an operator settles them. Reply addresses outlive the
    row they came with (an answer can come months later): they only lose the link to it.
    A purged row's dedup key is forgotten: the same key could be queued again afterwards.
    """
    cutoff = clock.now() - older_than
    old = select(OutboxMessage.id).where(
        (OutboxMessage.status == OutboxStatus.SENT) & (OutboxMessage.sent_at < cutoff)
    )
    async with database.session() as session:
        ids = list((await session.exec(old)).all())
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            await session.exec(
                update(ReplyAddress).where(ReplyAddress.outbox_id.in_(chunk)).values(outbox_id=None)
            )
            await session.exec(
                delete(OutboxAttachment).where(OutboxAttachment.outbox_id.in_(chunk))
            )
            await session.exec(delete(OutboxMessage).where(OutboxMessage.id.in_(chunk)))
    return len(ids)
