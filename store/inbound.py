"""Inbound messages: stored on receipt, claimed for processing, finished with an outcome.

A message is written before the SMTP server answers ``250``; processing reads it back from
here. A claim is a conditional update, so two processors never take the same row; a claim
older than ``CLAIM_LEASE`` (the process died) is offered again.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, insert, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from store.database import Database
from store.tables.inbound import EmailQuestion, InboundMessage, InboundStatus
from store.tables.replies import ReplyAddress
from store.types import utcnow

CLAIM_LEASE = timedelta(minutes=5)


@dataclass(frozen=True)
class Received:
    """A message as the SMTP server got it, for one of its recipients."""

    envelope_from: str
    recipient: str
    raw: bytes
    reply_address_id: int | None


async def store_received_many(database: Database, messages: list[Received]) -> list[int]:
    """Store several received messages in one transaction (one statement, on a plain
    connection: no ORM session to set up for what is a single insert); their ids, in order."""
    if not messages:
        return []
    now = utcnow()
    rows = [
        {
            "envelope_from": message.envelope_from[:1000],
            "recipient": message.recipient[:1000],
            "reply_address_id": message.reply_address_id,
            "raw": message.raw,
            "size": len(message.raw),
            "status": InboundStatus.RECEIVED,
            "received_at": now,
        }
        for message in messages
    ]
    table = InboundMessage.__table__
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    async with database.engine.begin() as connection:
        return list((await connection.execute(statement, rows)).scalars().all())


async def claim_with_addresses(
    database: Database, *, limit: int = 50
) -> tuple[list[InboundMessage], dict[int, ReplyAddress]]:
    """Mark received (or stale) rows as being processed; returns them, oldest first, and the
    reply addresses they were sent to (by id), in one transaction."""
    now = utcnow()
    claimable = (InboundMessage.status == InboundStatus.RECEIVED) | (
        (InboundMessage.status == InboundStatus.PROCESSING)
        & (InboundMessage.claimed_at < now - CLAIM_LEASE)
    )
    candidates = select(InboundMessage.id).where(claimable).order_by(InboundMessage.id).limit(limit)
    if not database.is_sqlite:
        candidates = candidates.with_for_update(skip_locked=True)
    async with database.session() as session:
        # Two statements in one transaction, not ``UPDATE ... WHERE id IN (SELECT ... LIMIT n
        # SKIP LOCKED)``: PostgreSQL may run such a subquery again per row and take more.
        ids = list((await session.exec(candidates)).all())
        if not ids:
            return [], {}
        statement = (
            update(InboundMessage)
            .where(InboundMessage.id.in_(ids))
            .where(claimable)
            .values(status=InboundStatus.PROCESSING, claimed_at=now)
            .returning(InboundMessage)
            .execution_options(synchronize_session=False)
        )
        claimed = sorted((await session.exec(statement)).scalars().all(), key=lambda r: r.id)
        wanted = {row.reply_address_id for row in claimed if row.reply_address_id}
        found = await session.exec(select(ReplyAddress).where(ReplyAddress.id.in_(wanted)))
        return claimed, {address.id: address for address in found}


async def get(session: AsyncSession, message_id: int) -> InboundMessage | None:
    return await session.get(InboundMessage, message_id)


async def finish(
    session: AsyncSession,
    message_id: int,
    *,
    status: str,
    outcome: str | None = None,
    reason: str | None = None,
) -> None:
    await session.exec(
        update(InboundMessage)
        .where(InboundMessage.id == message_id)
        .values(status=status, outcome=outcome, reason=reason, processed_at=utcnow())
    )


async def finish_many(session: AsyncSession, outcomes: list[dict]) -> None:
    """Record several outcomes in one statement: dicts of id, status, outcome, reason."""
    if not outcomes:
        return
    now = utcnow()
    await session.exec(
        update(InboundMessage),
        params=[{**outcome, "processed_at": now} for outcome in outcomes],
    )


async def pending_count(session: AsyncSession) -> int:
    rows = await session.exec(
        select(func.count()).where(
            InboundMessage.status.in_([InboundStatus.RECEIVED, InboundStatus.PROCESSING])
        )
    )
    return rows.one()


async def list_by_status(
    session: AsyncSession, status: str, *, limit: int = 200
) -> list[InboundMessage]:
    rows = await session.exec(
        select(InboundMessage)
        .where(InboundMessage.status == status)
        .order_by(InboundMessage.id.desc())
        .limit(limit)
    )
    return list(rows)


FINISHED = (
    InboundStatus.PROCESSED,
    InboundStatus.QUARANTINED,
    InboundStatus.AUTO_REPLY,
    InboundStatus.BOUNCE,
)


async def purge_processed(database: Database, *, older_than: timedelta, now=None) -> int:
    """Forget messages finished more than ``older_than`` ago; returns how many.

    A message a recorded question refers to keeps its row (the question names it) but loses its
    content and sender; the question keeps the text it was asked with.
    """
    cutoff = (now or utcnow()) - older_than
    old = (InboundMessage.status.in_(FINISHED)) & (InboundMessage.processed_at < cutoff)
    asked = select(EmailQuestion.inbound_message_id)
    async with database.session() as session:
        emptied = await session.exec(
            update(InboundMessage)
            .where(old, InboundMessage.id.in_(asked), InboundMessage.size > 0)
            .values(raw=b"", size=0, envelope_from="")
        )
        deleted = await session.exec(
            delete(InboundMessage).where(old, InboundMessage.id.not_in(asked))
        )
        return emptied.rowcount + deleted.rowcount
