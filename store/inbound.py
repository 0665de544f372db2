"""Inbound messages: stored on receipt, claimed for processing, finished with an outcome.

A message is written before the SMTP server answers ``250``; processing reads it back from
here. A claim is a conditional update, so two processors never take the same row; a claim
older than ``CLAIM_LEASE`` (the process died) is offered again.
"""

from datetime import timedelta

from sqlalchemy import func, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from store.database import Database
from store.tables.inbound import InboundMessage, InboundStatus
from store.types import utcnow

CLAIM_LEASE = timedelta(minutes=5)


async def store_received(
    session: AsyncSession,
    *,
    envelope_from: str,
    recipient: str,
    raw: bytes,
    reply_address_id: int | None,
) -> int:
    row = InboundMessage(
        envelope_from=envelope_from[:1000],
        recipient=recipient[:1000],
        reply_address_id=reply_address_id,
        raw=raw,
        size=len(raw),
    )
    session.add(row)
    await session.flush()
    return row.id


async def claim(database: Database, message_id: int | None = None, *, limit: int = 50) -> list[int]:
    """Mark received (or stale) rows as being processed; returns their ids, oldest first."""
    now = utcnow()
    claimable = (InboundMessage.status == InboundStatus.RECEIVED) | (
        (InboundMessage.status == InboundStatus.PROCESSING)
        & (InboundMessage.claimed_at < now - CLAIM_LEASE)
    )
    candidates = select(InboundMessage.id).where(claimable)
    if message_id is not None:
        candidates = candidates.where(InboundMessage.id == message_id)
    candidates = candidates.order_by(InboundMessage.id).limit(limit)
    if not database.is_sqlite:
        candidates = candidates.with_for_update(skip_locked=True)
    async with database.session() as session:
        # Two statements in one transaction, not ``UPDATE ... WHERE id IN (SELECT ... LIMIT n
        # SKIP LOCKED)``: PostgreSQL may run such a subquery again per row and take more.
        ids = list((await session.exec(candidates)).all())
        if not ids:
            return []
        statement = (
            update(InboundMessage)
            .where(InboundMessage.id.in_(ids))
            .where(claimable)
            .values(status=InboundStatus.PROCESSING, claimed_at=now)
            .returning(InboundMessage.id)
            .execution_options(synchronize_session=False)
        )
        return sorted((await session.exec(statement)).scalars().all())


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
