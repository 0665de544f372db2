"""What people wait for goes first; long addresses work; a retried email keeps its identity."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import insert
from sqlmodel import select

from egapro_assistant.sender import OutboxSender
from egapro_assistant.usecases.receipts import queue_index_receipts
from mail.email_transport import EmailTransport
from store import declarants, outbox
from store.clock import FixedClock
from store.tables.declarations import IndexDeclaration
from store.tables.outbox import OutboxMessage, OutboxStatus
from store.tables.replies import ReplyAddress
from store.types import utcnow
from tests.mail.smtp_server import SmtpCapture, mail_settings

SIREN = "552100554"


@pytest.fixture
async def smtp():
    capture = SmtpCapture()
    await capture.start()
    yield capture
    await capture.stop()


def email_sender(database, port: int, **options) -> OutboxSender:
    transport = EmailTransport(database, mail_settings(port))
    return OutboxSender(database, email_transport=transport, worker_id="w1", **options)


def long_address(length: int) -> str:
    domain = ".".join(["d" * 60, "e" * 60, "f" * 60, "fr"])  # 185 characters, labels <= 63
    return "r" * (length - len(domain) - 1) + "@" + domain


async def test_a_verification_link_behind_5000_reminders_is_sent_first(db, smtp):
    now = utcnow()
    reminder = {
        "channel": "email",
        "kind": "notice",
        "payload": {"params": {"subject": "Rappel", "body": "x"}},
        "status": OutboxStatus.PENDING,
        "priority": outbox.PRIORITY_BULK,
        "topic": "reminders:2027:index",
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }
    rows = [
        {**reminder, "recipient": f"rh{n}@durand.fr", "dedup_key": f"reminder:{n}"}
        for n in range(5000)
    ]
    async with db.session() as session:
        await session.exec(insert(OutboxMessage), params=rows)
        await outbox.enqueue(
            session,
            channel="email",
            recipient="anne@durand.fr",
            dedup_key="verification_link:1",
            kind="notice",
            payload={"params": {"subject": "Votre lien", "body": "x"}},
        )
    assert await email_sender(db, smtp.port, batch_size=5).run_once() == 5
    # The first batch: the link, then the oldest reminders (sent over concurrent connections).
    first_batch = {r.recipients[0] for r in smtp.received}
    assert first_batch == {"anne@durand.fr"} | {f"rh{n}@durand.fr" for n in range(4)}


async def test_a_250_character_address_gets_its_receipt(db, smtp):
    email = long_address(250)
    assert len(email) == 250
    now = utcnow()
    declaration = IndexDeclaration(
        id=7, siren=SIREN, year=2026, index=88, points=88, max_points=100, first_submitted_at=now
    )
    async with db.session() as session:
        await declarants.add(session, SIREN, email)
        queued = await queue_index_receipts(
            session,
            declaration,
            None,
            pdfs={"fr": b"%PDF-1.7 recap"},
            acting_email=email,
            language="fr",
            declarant="Anne Durand",
            now=now,
            deadline=date(2027, 3, 1),
            copy_sheet="Copie pour la plateforme officielle",
            copy_sheet_pdf=b"%PDF-1.7 copy sheet",
        )
        again = await queue_index_receipts(
            session,
            declaration,
            None,
            pdfs={"fr": b"%PDF-1.7 recap"},
            acting_email=email,
            language="fr",
            declarant="Anne Durand",
            now=now,
            deadline=date(2027, 3, 1),
            copy_sheet="Copie pour la plateforme officielle",
            copy_sheet_pdf=b"%PDF-1.7 copy sheet",
        )
    assert (queued, again) == (1, 0)  # the long key deduplicates like any other
    assert await email_sender(db, smtp.port).run_once() == 1
    [received] = smtp.received
    assert received.recipients == [email]
    async with db.session() as session:
        row = (await session.exec(select(OutboxMessage))).one()
    assert row.status == OutboxStatus.SENT


async def test_retries_keep_the_message_id_and_the_reply_address(db, smtp):
    clock = FixedClock(utcnow())
    smtp.handler.refusals["rh@durand.fr"] = "451 4.3.0 try again later"
    async with db.session() as session:
        message_id = await outbox.enqueue(
            session,
            channel="email",
            recipient="rh@durand.fr",
            dedup_key="receipt:retried",
            kind="notice",
            siren=SIREN,
            payload={"params": {"subject": "Reçu", "body": "x"}},
            clock=clock,
        )
    sender = email_sender(db, smtp.port, clock=clock)
    assert await sender.run_once() == 1
    async with db.session() as session:
        waiting = await session.get(OutboxMessage, message_id)
    assert (waiting.status, waiting.attempts) == (OutboxStatus.PENDING, 1)
    assert waiting.reply_token is not None and waiting.message_id is not None

    # A second instance (a restart) tries again: same identity.
    del smtp.handler.refusals["rh@durand.fr"]
    clock.advance(timedelta(minutes=5))
    assert await email_sender(db, smtp.port, clock=clock).run_once() == 1
    [received] = smtp.received
    email = received.message
    token = re.fullmatch(r"r\+([a-z2-7]{32})@reply\.assistant\.test", email["Reply-To"]).group(1)
    assert token == waiting.reply_token
    assert email["Message-ID"] == waiting.message_id
    assert received.envelope_from == f"bounce+{token}@bounce.assistant.test"
    async with db.session() as session:
        [reply] = (await session.exec(select(ReplyAddress))).all()
        done = await session.get(OutboxMessage, message_id)
    assert (reply.outbox_id, reply.message_id) == (message_id, waiting.message_id)
    assert (done.status, done.reply_token) == (OutboxStatus.SENT, None)


async def test_one_smtp_connection_serves_a_batch_and_a_lost_one_is_replaced(sqlite_db, smtp):
    relay_settings = mail_settings(smtp.port)
    transport = EmailTransport(sqlite_db, relay_settings)
    sender = OutboxSender(sqlite_db, email_transport=transport, worker_id="w1", batch_size=50)
    async with sqlite_db.session() as session:
        for n in range(12):
            await outbox.enqueue(
                session,
                channel="email",
                recipient=f"rh{n}@durand.fr",
                dedup_key=f"k{n}",
                kind="notice",
                payload={"params": {"subject": f"n{n}", "body": "x"}},
            )
    assert await sender.run_once() == 12
    assert len(smtp.received) == 12
    opened = transport.relay.connections_opened
    assert 1 <= opened <= 4  # the sender's concurrency, not one per message

    await smtp.stop()  # the relay restarts: idle connections are gone
    await smtp.start()
    async with sqlite_db.session() as session:
        await outbox.enqueue(
            session,
            channel="email",
            recipient="late@durand.fr",
            dedup_key="late",
            kind="notice",
            payload={"params": {"subject": "late", "body": "x"}},
        )
    transport.relay.idle_check_seconds = 0  # check idle connections before use
    assert await sender.run_once() == 1
    await sender.close()
    assert smtp.received[-1].recipients == ["late@durand.fr"]
    async with sqlite_db.session() as session:
        statuses = (await session.exec(select(OutboxMessage.status))).all()
    assert set(statuses) == {OutboxStatus.SENT}


async def test_purge_at_the_sender_s_pace(sqlite_db, smtp):
    clock = FixedClock(utcnow())
    async with sqlite_db.session() as session:
        await outbox.enqueue(
            session,
            channel="email",
            recipient="rh@durand.fr",
            dedup_key="old",
            kind="notice",
            payload={"params": {"subject": "old", "body": "x"}},
            clock=clock,
        )
    sender = email_sender(sqlite_db, smtp.port, clock=clock, retention=timedelta(days=30))
    await sender.run_once()
    clock.advance(timedelta(days=31))
    assert await sender.purge() == 1
    async with sqlite_db.session() as session:
        assert (await session.exec(select(OutboxMessage))).all() == []
