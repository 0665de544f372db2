import asyncio
from datetime import timedelta

import pytest
from sqlmodel import select

from store import outbox
from store.clock import FixedClock
from store.tables.outbox import OutboxMessage, OutboxStatus
from store.tables.replies import ReplyAddress
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


async def _expire_claim(database, message_id: int) -> None:
    async with database.session() as session:
        row = await session.get(OutboxMessage, message_id)
        row.claimed_at = utcnow() - outbox.CLAIM_LEASE - timedelta(seconds=1)


async def _row(database, message_id: int) -> OutboxMessage:
    async with database.session() as session:
        return await session.get(OutboxMessage, message_id)


async def test_an_expired_claim_makes_the_row_uncertain_never_sent_again(db):
    message_id = await _enqueue(db, "k")
    [message] = await outbox.claim_due(db, worker="dead")
    await _expire_claim(db, message.id)

    assert await outbox.claim_due(db, worker="new") == []
    row = await _row(db, message_id)
    assert (row.status, row.attempts) == (OutboxStatus.UNCERTAIN, 1)
    assert "may have been sent" in row.last_error
    assert not await outbox.mark_sent(db, message.id, "dead")  # too late to record anything
    assert await outbox.claim_due(db, worker="new") == []


async def test_attempts_are_counted_when_claimed(db):
    message_id = await _enqueue(db, "k")
    [message] = await outbox.claim_due(db, worker="w")
    assert message.attempts == 1
    assert (await _row(db, message_id)).attempts == 1


async def test_a_row_that_keeps_killing_its_sender_ends_failed_not_uncertain(db):
    message_id = await _enqueue(db, "poison")
    async with db.session() as session:
        row = await session.get(OutboxMessage, message_id)
        row.attempts = outbox.MAX_ATTEMPTS - 1
    await outbox.claim_due(db, worker="dead")
    await _expire_claim(db, message_id)
    await outbox.claim_due(db, worker="new")
    row = await _row(db, message_id)
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, outbox.MAX_ATTEMPTS)


async def test_too_many_attempts_mark_the_row_failed(db):
    await _enqueue(db, "k")
    async with db.session() as session:
        row = (await session.exec(select(OutboxMessage))).one()
        row.attempts = outbox.MAX_ATTEMPTS - 1
    [message] = await outbox.claim_due(db, worker="w")
    await outbox.mark_retry(db, message, "w", "still down")
    async with db.session() as session:
        row = (await session.exec(select(OutboxMessage))).one()
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, outbox.MAX_ATTEMPTS)


async def test_a_released_row_is_not_counted_and_waits(db):
    clock = FixedClock(utcnow())
    message_id = await _enqueue(db, "k", clock=clock)
    [message] = await outbox.claim_due(db, worker="w", clock=clock)
    assert await outbox.release(db, message, "w", at=clock.now() + timedelta(seconds=3))
    row = await _row(db, message_id)
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 0)
    assert await outbox.claim_due(db, worker="w", clock=clock) == []
    clock.advance(timedelta(seconds=3))
    assert [m.id for m in await outbox.claim_due(db, worker="w", clock=clock)] == [message_id]


async def test_people_go_before_bulk_whatever_the_queue_order(db):
    for number in range(30):
        await _enqueue(db, f"reminder:{number}", priority=outbox.PRIORITY_BULK)
    await _enqueue(db, "verification_link:1")
    await _enqueue(db, "reminder:late", priority=outbox.PRIORITY_BULK)
    await _enqueue(db, "receipt:1")
    claimed = await outbox.claim_due(db, worker="w", limit=4)
    assert [m.dedup_key for m in claimed] == [
        "verification_link:1",
        "receipt:1",
        "reminder:0",
        "reminder:1",
    ]


async def test_cancel_pending_by_topic_and_company(db):
    index = "reminders:2027:index"
    await _enqueue(db, "a", topic=index, siren="552100554")
    await _enqueue(db, "b", topic=index, siren="552100554")
    await _enqueue(db, "c", topic=index, siren="732829320")
    await _enqueue(db, "d", topic="reminders:2027:objectives", siren="552100554")
    async with db.session() as session:
        cancelled = await outbox.cancel_pending(session, topic=index, siren="552100554")
    assert cancelled == 2
    claimed = await outbox.claim_due(db, worker="w")
    assert [m.dedup_key for m in claimed] == ["c", "d"]
    await _enqueue(db, "e", topic=index)
    async with db.session() as session:
        assert await outbox.cancel_pending(session, topic=index) == 1  # c is being sent


async def test_keys_of_any_length_are_deduplicated(db):
    email = "a" * 64 + "@" + ("b" * 60 + ".") * 3 + "fr"
    long_key = outbox.step_key("index_receipt:12:r1", "email", email)
    assert len(long_key) > 255
    first = await _enqueue(db, long_key, recipient=email)
    again = await _enqueue(db, long_key, recipient=email)
    other = await _enqueue(db, long_key.replace("r1", "r2"), recipient=email)
    assert first is not None and again is None and other is not None
    assert (await _row(db, first)).dedup_key == outbox.storable_key(long_key)
    assert len(outbox.storable_key(long_key)) <= 255
    assert outbox.storable_key("short:key") == "short:key"


async def test_resend_and_drop_settle_rows(db):
    uncertain = await _enqueue(db, "uncertain")
    await outbox.claim_due(db, worker="dead")
    await _expire_claim(db, uncertain)
    await outbox.claim_due(db, worker="w")  # expires the claim
    pending = await _enqueue(db, "pending", not_before=utcnow() + timedelta(hours=1))

    async with db.session() as session:
        again = await outbox.resend(session, uncertain)
        assert (again.status, again.claimed_by) == (OutboxStatus.PENDING, None)
        with pytest.raises(outbox.OutboxActionError) as refused:
            await outbox.resend(session, pending)
        assert refused.value.status == OutboxStatus.PENDING
        with pytest.raises(outbox.OutboxActionError) as unknown:
            await outbox.drop(session, 999_999)
        assert unknown.value.status is None
        dropped = await outbox.drop(session, pending)
        assert dropped.status == OutboxStatus.CANCELLED
    [claimed] = await outbox.claim_due(db, worker="w")
    assert claimed.id == uncertain
    async with db.session() as session:
        listed = await outbox.list_rows(session, status=OutboxStatus.CANCELLED)
    assert [row.id for row in listed] == [pending]


async def test_resend_gives_a_worn_out_row_one_more_try(db):
    message_id = await _enqueue(db, "k")
    async with db.session() as session:
        row = await session.get(OutboxMessage, message_id)
        row.status, row.attempts = OutboxStatus.FAILED, outbox.MAX_ATTEMPTS
    async with db.session() as session:
        await outbox.resend(session, message_id)
    [message] = await outbox.claim_due(db, worker="w")
    assert message.attempts == outbox.MAX_ATTEMPTS
    await outbox.mark_retry(db, message, "w", "down again")
    assert (await _row(db, message_id)).status == OutboxStatus.FAILED


async def test_purge_forgets_old_sent_rows_and_keeps_the_unsettled(db):
    clock = FixedClock(utcnow())
    sent = await _enqueue(
        db,
        "sent",
        clock=clock,
        attachments=[outbox.Attachment("recap.pdf", "application/pdf", b"%PDF")],
    )
    failed = await _enqueue(db, "failed", clock=clock)
    fresh = await _enqueue(db, "fresh", clock=clock)
    await outbox.claim_due(db, worker="w", clock=clock)
    async with db.session() as session:
        session.add(
            ReplyAddress(token_hash="h" * 64, email="rh@example.fr", kind="test", outbox_id=sent)
        )
    assert await outbox.mark_sent(db, sent, "w", clock=clock)
    assert await outbox.mark_failed(db, failed, "w", "refused")
    clock.advance(timedelta(days=31))
    assert await outbox.mark_sent(db, fresh, "w", clock=clock)

    assert await outbox.purge_sent(db, older_than=timedelta(days=30), clock=clock) == 1
    async with db.session() as session:
        ids = [row.id for row in await outbox.list_rows(session)]
        assert await outbox.attachments_of(session, sent) == []
        reply = (await session.exec(select(ReplyAddress))).one()
    assert ids == [failed, fresh]
    assert reply.outbox_id is None  # an answer to it is still understood


async def test_datetimes_come_back_timezone_aware(db):
    await _enqueue(db, "k")
    async with db.session() as session:
        row = (await session.exec(select(OutboxMessage))).one()
    assert row.created_at.tzinfo is not None
    assert row.next_attempt_at.utcoffset() == timedelta(0)
