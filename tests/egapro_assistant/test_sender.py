import asyncio
import itertools
from collections import Counter

import pytest
from sqlmodel import select

from egapro_assistant.sender import Delivery, OutboxSender, Pacer, fallback_dedup_key
from mail.email_transport import EmailTransport
from store import outbox
from store.database import Database
from store.tables.outbox import OutboxMessage, OutboxStatus
from tests.mail.smtp_server import SmtpCapture, mail_settings


@pytest.fixture
async def smtp():
    capture = SmtpCapture()
    await capture.start()
    yield capture
    await capture.stop()


def email_sender(database, port: int, worker: str = "w1", **options) -> OutboxSender:
    transport = EmailTransport(database, mail_settings(port))
    return OutboxSender(database, email_transport=transport, worker_id=worker, **options)


async def enqueue(database, key: str, recipient: str = "rh@durand.fr", **overrides) -> int:
    values = dict(
        channel="email",
        recipient=recipient,
        dedup_key=key,
        kind="notice",
        payload={"language": "fr", "params": {"subject": key, "body": "Texte"}},
    )
    values.update(overrides)
    async with database.session() as session:
        return await outbox.enqueue(session, **values)


async def all_rows(database) -> list[OutboxMessage]:
    async with database.session() as session:
        return list((await session.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all())


def another_handle(database: Database) -> Database:
    """A second connection pool on the same database, as a second instance would have."""
    schema = getattr(database, "test_schema", None)
    return Database(database.url, schema=schema)


async def drain(sender: OutboxSender) -> None:
    while await sender.run_once():
        pass


async def test_two_senders_on_one_database_deliver_each_row_once(db, smtp):
    recipients = [f"d{number}@durand.fr" for number in range(24)]
    for number, recipient in enumerate(recipients):
        await enqueue(db, f"k{number}", recipient)
    other = another_handle(db)
    try:
        first = email_sender(db, smtp.port, "instance-a", batch_size=5)
        second = email_sender(other, smtp.port, "instance-b", batch_size=5)
        await asyncio.gather(drain(first), drain(second))
    finally:
        await other.dispose()

    delivered = Counter(r for received in smtp.received for r in received.recipients)
    assert delivered == Counter(recipients)
    rows = await all_rows(db)
    assert {row.status for row in rows} == {OutboxStatus.SENT}
    assert {row.claimed_by for row in rows} <= {"instance-a", "instance-b"}


async def test_notify_wakes_the_loop_before_the_poll_interval(sqlite_db, smtp):
    sender = email_sender(sqlite_db, smtp.port, poll_seconds=600)
    stop = asyncio.Event()
    await enqueue(sqlite_db, "first")
    loop_task = asyncio.create_task(sender.run_forever(stop))
    try:
        await smtp.handler.wait_for(1)
        await enqueue(sqlite_db, "fresh verification")
        sender.notify()
        received = await smtp.handler.wait_for(2)
    finally:
        stop.set()
        await asyncio.wait_for(loop_task, 5)
    assert [r.message["Subject"] for r in received] == ["first", "fresh verification"]


async def test_stop_event_ends_an_idle_loop(sqlite_db, smtp):
    sender = email_sender(sqlite_db, smtp.port, poll_seconds=600)
    stop = asyncio.Event()
    loop_task = asyncio.create_task(sender.run_forever(stop))
    await asyncio.sleep(0)
    stop.set()
    await asyncio.wait_for(loop_task, 5)
    assert loop_task.done()


class CrashingTransport:
    async def deliver(self, message):
        raise RuntimeError("bug in a transport")


async def test_transport_crash_or_unknown_channel_loses_nothing(sqlite_db):
    crashed = await enqueue(sqlite_db, "crash")
    strange = await enqueue(sqlite_db, "sms", channel="sms", recipient="+33600000000")
    sender = OutboxSender(
        sqlite_db,
        email_transport=CrashingTransport(),
        telegram_transport=CrashingTransport(),
        worker_id="w",
    )
    assert await sender.run_once() == 2
    rows = {row.id: row for row in await all_rows(sqlite_db)}
    assert (rows[crashed].status, rows[crashed].attempts) == (OutboxStatus.PENDING, 1)
    assert "bug in a transport" in rows[crashed].last_error
    assert rows[strange].status == OutboxStatus.FAILED
    assert "unknown channel" in rows[strange].last_error


async def test_without_telegram_transport_telegram_rows_wait(sqlite_db, smtp):
    waiting = await enqueue(
        sqlite_db, "tg", channel="telegram", recipient="1001", payload={"params": {"text": "x"}}
    )
    assert await email_sender(sqlite_db, smtp.port).run_once() == 0
    [row] = await all_rows(sqlite_db)
    assert (row.id, row.status, row.attempts) == (waiting, OutboxStatus.PENDING, 0)


def test_delivery_constructors():
    assert Delivery.sent().status == "sent"
    assert Delivery.retry("x", after=3).retry_after == 3
    assert Delivery.failed("x").status == "failed"
    assert Delivery.blocked("x").status == "blocked"


def test_the_email_fallback_of_a_step_has_the_key_of_the_step_email():
    step = "reminder:2027:552100554:index:j-30"
    by_key = OutboxMessage(
        channel="telegram",
        recipient="1001",
        dedup_key=outbox.step_key(step, "telegram", "1001"),
        kind="notice",
        payload={},
    )
    by_payload = OutboxMessage(
        channel="telegram",
        recipient="1001",
        dedup_key="sha256:" + "0" * 64,
        kind="notice",
        payload={"step": step},
    )
    direct = outbox.step_key(step, "email", "rh@durand.fr")
    assert fallback_dedup_key(by_key, "rh@durand.fr") == direct
    assert fallback_dedup_key(by_payload, "rh@durand.fr") == direct
    other = OutboxMessage(
        channel="telegram", recipient="1001", dedup_key="notice:7", kind="notice", payload={}
    )
    assert fallback_dedup_key(other, "rh@durand.fr") == "notice:7|email:rh@durand.fr"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_pacer_spaces_messages_overall_and_per_chat():
    clock = FakeClock()
    pacer = Pacer(per_second=25, per_chat_seconds=1.0, clock=clock)
    chats = [str(n % 30) for n in range(60)]  # 30 chats, two messages each
    slots = [clock.now + pacer.reserve(chat) for chat in chats]

    ordered = sorted(slots)
    gaps = [later - earlier for earlier, later in itertools.pairwise(ordered)]
    assert min(gaps) >= 1 / 25 - 1e-9
    by_chat: dict[str, list[float]] = {}
    for chat, slot in zip(chats, slots, strict=True):
        by_chat.setdefault(chat, []).append(slot)
    assert all(b - a >= 1.0 - 1e-9 for a, b in by_chat.values())
    assert slots[0] == pytest.approx(clock.now)
    assert max(slots) - min(slots) < 60 / 25


def test_pacer_holds_a_chat_after_retry_after():
    clock = FakeClock()
    pacer = Pacer(clock=clock)
    pacer.hold("42", 7)
    assert pacer.reserve("42") == pytest.approx(7)
    assert pacer.reserve("43") == 0  # a held chat delays no one else
    assert pacer.reserve("44") == pytest.approx(1 / 25)
    clock.now += 10
    assert pacer.reserve("42") == 0
