import asyncio
from datetime import timedelta

from store import rate_limits
from store.rate_limits import Limit
from store.types import utcnow


async def _acquire(database, limits, **kwargs):
    async with database.session() as session:
        return await rate_limits.try_acquire(session, limits, **kwargs)


async def test_limit_refuses_the_request_past_the_count(db):
    limits = [Limit("user", "42", 3)]
    results = [await _acquire(db, limits) for _ in range(4)]
    assert results[:3] == [None, None, None]
    assert results[3] == Limit("user", "42", 3)


async def test_exhausted_limit_counts_nothing_under_the_others(db):
    await _acquire(db, [Limit("siren", "552100554", 1)])
    refused = await _acquire(db, [Limit("user", "1", 5), Limit("siren", "552100554", 1)])
    assert refused.scope == "siren"
    async with db.session() as session:
        assert await rate_limits.count(session, "user", "1") == 0


async def test_keys_and_scopes_are_separate(db):
    assert await _acquire(db, [Limit("email", "a@example.fr", 1)]) is None
    assert await _acquire(db, [Limit("email", "b@example.fr", 1)]) is None
    assert await _acquire(db, [Limit("siren", "a@example.fr", 1)]) is None
    assert await _acquire(db, [Limit("email", "a@example.fr", 1)]) is not None


async def test_window_slides(db):
    limits = [Limit("user", "7", 2)]
    two_hours_ago = utcnow() - timedelta(hours=2)
    assert await _acquire(db, limits, now=two_hours_ago) is None
    assert await _acquire(db, limits, now=two_hours_ago) is None
    assert await _acquire(db, limits, now=two_hours_ago) is not None
    assert await _acquire(db, limits) is None


async def test_a_limit_with_its_own_window_slides_by_it(db):
    """A web chat's burst (10 s) and rate per minute, checked together in one call."""
    burst = Limit("web_chat_burst", "5", 2, timedelta(seconds=10))
    minute = Limit("web_chat_minute", "5", 3, timedelta(minutes=1))
    start = utcnow() - timedelta(seconds=30)
    assert await _acquire(db, [burst, minute], now=start) is None
    assert await _acquire(db, [burst, minute], now=start) is None
    assert await _acquire(db, [burst, minute], now=start) == burst
    later = start + timedelta(seconds=11)  # the burst has passed, not the minute
    assert await _acquire(db, [burst, minute], now=later) is None
    assert await _acquire(db, [burst, minute], now=later) == minute
    async with db.session() as session:
        # Each scope keeps what its own window needs: the burst's older hits are gone.
        assert await rate_limits.count(session, "web_chat_minute", "5", now=later) == 3
        assert await rate_limits.count(session, "web_chat_burst", "5", now=later) == 1


async def test_concurrent_requests_never_exceed_the_limit(db):
    limits = [Limit("user", "99", 3)]

    async def attempt():
        try:
            return await _acquire(db, limits)
        except Exception as error:  # SQLite may refuse a concurrent writer: not counted
            return error

    results = await asyncio.gather(*(attempt() for _ in range(10)))
    assert sum(result is None for result in results) <= 3
    async with db.session() as session:
        assert await rate_limits.count(session, "user", "99") <= 3


async def test_purge_forgets_old_hits(db):
    await _acquire(db, [Limit("user", "5", 9)], now=utcnow() - timedelta(hours=3))
    await _acquire(db, [Limit("user", "6", 9)])
    async with db.session() as session:
        assert await rate_limits.purge(session) == 1
    async with db.session() as session:
        assert await rate_limits.count(session, "user", "5", window=timedelta(days=1)) == 0
        assert await rate_limits.count(session, "user", "6") == 1
