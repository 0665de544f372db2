import asyncio
from datetime import timedelta

from sqlmodel import select

from store import telegram_users, tokens
from store.clock import FixedClock
from store.tables.identity import VerificationToken
from store.tokens import TokenStatus
from store.types import utcnow

DAY = timedelta(hours=24)


async def _token(database, *, ttl=DAY, now=None, user_id=4001):
    async with database.session() as session:
        await telegram_users.touch(
            session, user_id=user_id, chat_id=user_id, first_name="Anne", telegram_language="fr"
        )
        return await tokens.create(
            session,
            email="rh@example.fr",
            telegram_user_id=user_id,
            siren="552100554",
            ttl=ttl,
            now=now,
        )


async def test_token_has_256_bits_and_only_its_hash_is_stored(db):
    token = await _token(db)
    assert tokens.is_well_formed(token)
    assert len(token) == 43  # 32 bytes in URL-safe base64
    async with db.session() as session:
        rows = (await session.exec(select(VerificationToken))).all()
    assert len(rows) == 1
    assert rows[0].token_hash == tokens.hash_token(token)
    assert token not in {rows[0].token_hash, rows[0].email}
    assert rows[0].expires_at - rows[0].created_at == DAY


async def test_peek_never_uses_the_token(db):
    token = await _token(db)
    for _ in range(3):
        async with db.session() as session:
            check = await tokens.peek(session, token)
        assert check.status is TokenStatus.VALID
        assert check.token.siren == "552100554"
    async with db.session() as session:
        assert (await tokens.consume(session, token)).valid


async def test_consume_works_once(db):
    token = await _token(db)
    async with db.session() as session:
        first = await tokens.consume(session, token)
    async with db.session() as session:
        second = await tokens.consume(session, token)
    async with db.session() as session:
        peeked = await tokens.peek(session, token)
    assert first.valid
    assert first.token.telegram_user_id == 4001
    assert second.status is TokenStatus.USED
    assert peeked.status is TokenStatus.USED


async def test_concurrent_consumes_have_one_winner(db):
    token = await _token(db)

    async def attempt():
        async with db.session() as session:
            return await tokens.consume(session, token)

    results = await asyncio.gather(*(attempt() for _ in range(8)), return_exceptions=True)
    winners = [r for r in results if not isinstance(r, BaseException) and r.valid]
    assert len(winners) == 1


async def test_expired_token_is_refused_by_peek_and_consume(db):
    token = await _token(db, now=utcnow() - timedelta(hours=25))
    async with db.session() as session:
        assert (await tokens.peek(session, token)).status is TokenStatus.EXPIRED
    async with db.session() as session:
        assert (await tokens.consume(session, token)).status is TokenStatus.EXPIRED
    async with db.session() as session:
        row = (await session.exec(select(VerificationToken))).one()
    assert row.consumed_at is None


async def test_forged_and_truncated_tokens_are_unknown(db):
    token = await _token(db)
    forged = ("A" if token[0] != "A" else "B") + token[1:]
    for candidate in (token[:-1], token[:20], forged, token + "x", "", "../" + token[3:], "é" * 43):
        async with db.session() as session:
            assert (await tokens.peek(session, candidate)).status is TokenStatus.UNKNOWN
        async with db.session() as session:
            assert (await tokens.consume(session, candidate)).status is TokenStatus.UNKNOWN
    async with db.session() as session:
        assert (await tokens.consume(session, token)).valid


async def test_a_token_of_another_purpose_is_unknown_here(db):
    async with db.session() as session:
        token = await tokens.create(
            session,
            email="referent@dreets.gouv.fr",
            telegram_user_id=None,
            siren=None,
            ttl=DAY,
            purpose="referent_sign_in",
        )
    async with db.session() as session:
        assert (await tokens.consume(session, token)).status is TokenStatus.UNKNOWN
    async with db.session() as session:
        check = await tokens.consume(session, token, purpose="referent_sign_in")
    assert check.valid


async def test_purge_forgets_long_expired_tokens(db):
    old = await _token(db, now=utcnow() - timedelta(days=10))
    fresh = await _token(db)
    async with db.session() as session:
        assert await tokens.purge_expired(session, older_than=timedelta(days=7)) == 1
    async with db.session() as session:
        assert (await tokens.peek(session, old)).status is TokenStatus.UNKNOWN
        assert (await tokens.peek(session, fresh)).valid


async def test_a_token_lives_by_the_clock_it_is_given(db):
    clock = FixedClock(utcnow())
    async with db.session() as session:
        await telegram_users.touch(
            session, user_id=4002, chat_id=4002, first_name="Paul", telegram_language="fr"
        )
        token = await tokens.create(
            session,
            email="rh@example.fr",
            telegram_user_id=4002,
            siren="552100554",
            ttl=DAY,
            clock=clock,
        )
    clock.advance(DAY - timedelta(seconds=1))
    async with db.session() as session:
        assert (await tokens.peek(session, token, clock=clock)).valid
    clock.advance(timedelta(seconds=1))
    async with db.session() as session:
        assert (await tokens.consume(session, token, clock=clock)).status is TokenStatus.EXPIRED
    clock.advance(timedelta(days=8))
    async with db.session() as session:
        purged = await tokens.purge_expired(session, older_than=timedelta(days=7), clock=clock)
    assert purged == 1
