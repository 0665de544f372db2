"""Référents' dashboard sessions: a random token in the (signed) cookie, its SHA-256 here, an
expiry, and an end when the référent signs out. Kept in the database: they survive restarts
and are shared by every instance."""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from store.clock import SYSTEM_CLOCK, Clock
from store.tables.referents import ReferentSession

TTL = timedelta(hours=8)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def open_session(
    session: AsyncSession, referent_id: int, *, ttl: timedelta = TTL, clock: Clock = SYSTEM_CLOCK
) -> tuple[str, datetime]:
    """A new session: (token in clear, expiry)."""
    now = clock.now()
    token = secrets.token_urlsafe(32)
    session.add(
        ReferentSession(
            token_hash=_hash(token), referent_id=referent_id, created_at=now, expires_at=now + ttl
        )
    )
    await session.flush()
    return token, now + ttl


async def referent_of(
    session: AsyncSession, token: str, *, clock: Clock = SYSTEM_CLOCK
) -> int | None:
    """The référent of a live session (not expired, not signed out), else None."""
    statement = select(ReferentSession).where(ReferentSession.token_hash == _hash(token))
    row = (await session.exec(statement)).first()
    if row is None or row.ended_at is not None or row.expires_at <= clock.now():
        return None
    return row.referent_id


async def close_session(session: AsyncSession, token: str, *, clock: Clock = SYSTEM_CLOCK) -> None:
    await session.exec(
        update(ReferentSession)
        .where(ReferentSession.token_hash == _hash(token))
        .where(ReferentSession.ended_at.is_(None))
        .values(ended_at=clock.now())
    )


async def purge(session: AsyncSession, *, clock: Clock = SYSTEM_CLOCK) -> int:
    result = await session.exec(
        delete(ReferentSession).where(ReferentSession.expires_at < clock.now())
    )
    return result.rowcount
