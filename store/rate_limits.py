"""Sliding-window rate limits kept in the database, so they hold across restarts and instances.

A request is checked against several limits at once (per Telegram user, per email, per SIREN;
a web chat's burst and its rate per minute): it is counted under all of them, or under none when
one is exhausted. A limit has the call's window unless it names its own.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from store.tables.identity import RateLimitHit
from store.types import utcnow

HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class Limit:
    scope: str  # "user", "email", "siren", ...
    key: str
    per_window: int
    window: timedelta | None = None  # None: the window given to try_acquire


async def _lock(session: AsyncSession, limits: Sequence[Limit]) -> None:
    """Serialise concurrent requests on the same keys (PostgreSQL; SQLite has one writer)."""
    if session.bind.dialect.name != "postgresql":
        return
    for name in sorted({f"rate:{limit.scope}:{limit.key}" for limit in limits}):
        await session.exec(select(func.pg_advisory_xact_lock(func.hashtext(name))))


async def count(
    session: AsyncSession, scope: str, key: str, *, window: timedelta = HOUR, now=None
) -> int:
    since = (now or utcnow()) - window
    statement = (
        select(func.count())
        .select_from(RateLimitHit)
        .where(RateLimitHit.scope == scope, RateLimitHit.key == key)
        .where(RateLimitHit.created_at > since)
    )
    return (await session.exec(statement)).one()


async def try_acquire(
    session: AsyncSession,
    limits: Sequence[Limit],
    *,
    window: timedelta = HOUR,
    now: datetime | None = None,
) -> Limit | None:
    """Count one request under every limit; returns the first exhausted limit (nothing counted)."""
    now = now or utcnow()
    await _lock(session, limits)
    for limit in limits:
        span = limit.window or window
        await session.exec(
            delete(RateLimitHit).where(
                RateLimitHit.scope == limit.scope,
                RateLimitHit.key == limit.key,
                RateLimitHit.created_at <= now - span,
            )
        )
        if await count(session, limit.scope, limit.key, window=span, now=now) >= limit.per_window:
            return limit
    for limit in limits:
        session.add(RateLimitHit(scope=limit.scope, key=limit.key, created_at=now))
    await session.flush()
    return None


async def purge(session: AsyncSession, *, older_than: timedelta = HOUR) -> int:
    """Forget hits older than any window in use (keys never seen again are otherwise kept)."""
    result = await session.exec(
        delete(RateLimitHit).where(RateLimitHit.created_at <= utcnow() - older_than)
    )
    return result.rowcount
