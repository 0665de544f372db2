import asyncio
from datetime import timedelta

from sqlmodel import select

from store import outbox
from store.tables.outbox import OutboxMessage, OutboxStatus
from store.types import utcnow


async def _enqueue(database, key, **overrides):
    values = dict(
        channel="email",
        recipient="rh@example.fr",
        dedup_key=key,
        kind="test",
        payload={"subject": "Bonjour"},
    )
    values.update(overrides)
    async with database.session() as session:
        return await outbox.enqueue(session, **values)


async def test_same_dedup_key_is_queued_once(db):
    first = await _enqueue(db, "reminder:2027:552100554:j-30:email:rh@example.fr")
    second = await _enqueue(db, "reminder:2027:552100554:j-30:email:rh@example.fr")
    assert first is not None
    assert second is None
    async with db.session() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
    assert len(rows) == 1


async def test_attachments_are_kept_with_their_message(db):
    async with db.session() as session:
        message_id = await outbox.enqueue(
            session,
            channel="email",
            recipient="rh@example.fr",
            dedup_key="receipt:1",
            kind="receipt",
            payload={},
            attachments=[outbox.Attachment("recap.pdf", "application/pdf", b"%PDF-1.7 x")],
        )
    async with db.session() as session:
        attachments = await outbox.attachments_of(session, message_id)
    assert attachments == [outbox.Attachment("recap.pdf", "application/pdf", b"%PDF-1.7 x")]


async def test_concurrent_claims_never_share_a_row(db):
    for number in range(30):
        await _enqueue(db, f"k{number}")
    claims = await asyncio.gather(
        *(outbox.claim_due(db, worker=f"w{n}", limit=7) for n in range(6))
    )
    claimed_ids = [message.id for claim in claims for message in claim]
    assert len(claimed_ids) == 30
    assert len(set(claimed_ids)) == 30


async def test_future_and_sent_rows_are_not_claimed(db):
    await _enqueue(db, "later", not_before=utcnow() + timedelta(hours=1))
    await _enqueue(db, "now")
    claimed = await outbox.claim_due(db, worker="w")
    assert [m.dedup_key for m in claimed] == ["now"]
    assert await outbox.mark_sent(db, claimed[0].id, "w")
    assert await outbox.claim_due(db, worker="w") == []


async def test_retry_puts_the_row_back_later_with_backoff(db):
    await _enqueue(db, "flaky")
    [message] = await outbox.claim_due(db, worker="w")
    assert await outbox.mark_retry(db, message, "w", "relay down")
    assert await outbox.claim_due(db, worker="w") == []
    async with db.session() as session:
        row = (await session.exec(select(OutboxMessage))).one()
    assert row.status == OutboxStatus.PENDING
    assert row.attempts == 1
    assert row.last_error == "relay down"
    assert row.next_attempt_at > utcnow() + timedelta(seconds=20)


async def test_a_row_taken_over_cannot_be_finished_by_the_old_worker(db):
    await _enqueue(db, "k")
    [message] = await outbox.claim_due(db, worker="old")
    async with db.session() as session:
        row = await session.get(OutboxMessage, message.id)
        row.claimed_at = utcnow() - outbox.CLAIM_LEASE - timedelta(seconds=1)
    [again] = await outbox.claim_due(db, worker="new")
    assert again.id == message.id
    assert not await outbox.mark_sent(db, message.id, "old")
    assert await outbox.mark_sent(db, message.id, "new")


async def test_too_many_attempts_mark_the_row_failed(db):
    await _enqueue(db, "k")
    async with db.session() as session:
        row = (await session.exec(select(OutboxMessage))).one()
        row.attempts = outbox.MAX_ATTEMPTS - 1
    [message] = await outbox.claim_due(db, worker="w")
    await outbox.mark_retry(db, message, "w", "still down")
    async with db.session() as session:
        row = (await session.exec(select(OutboxMessage))).one()
    assert row.status == OutboxStatus.FAILED


async def test_cancel_pending_by_prefix(db):
    await _enqueue(db, "reminder:2027:552100554:j-30")
    await _enqueue(db, "reminder:2027:552100554:j-14")
    await _enqueue(db, "reminder:2027:732829320:j-14")
    async with db.session() as session:
        prefix = "reminder:2027:552100554:"
        cancelled = await outbox.cancel_pending(session, dedup_key_prefix=prefix)
    assert cancelled == 2
    claimed = await outbox.claim_due(db, worker="w")
    assert [m.dedup_key for m in claimed] == ["reminder:2027:732829320:j-14"]


async def test_datetimes_come_back_timezone_aware(db):
    await _enqueue(db, "k")
    async with db.session() as session:
        row = (await session.exec(select(OutboxMessage))).one()
    assert row.created_at.tzinfo is not None
    assert row.next_attempt_at.utcoffset() == timedelta(0)
