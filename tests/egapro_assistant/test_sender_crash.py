"""A sender killed (SIGKILL, a real process) after the relay took a message sends nothing twice."""

import asyncio
import os
import signal
import sys
from datetime import timedelta
from pathlib import Path

from sqlmodel import select

from egapro_assistant.sender import OutboxSender
from mail.email_transport import EmailTransport
from store import outbox
from store.clock import FixedClock
from store.tables.outbox import OutboxMessage, OutboxStatus
from store.types import utcnow
from tests.mail.smtp_server import CapturingHandler, SmtpCapture, mail_settings

PROJECT = Path(__file__).resolve().parents[2]
DOOMED_SENDER = """
import asyncio, sys
from egapro_assistant.sender import OutboxSender
from mail.email_transport import EmailTransport
from store.database import Database
from tests.mail.smtp_server import mail_settings

async def main(url, schema, port):
    database = Database(url, schema=schema or None)
    transport = EmailTransport(database, mail_settings(int(port)))
    sender = OutboxSender(database, email_transport=transport, worker_id="doomed")
    await sender.run_once()
    print("recorded", flush=True)  # never reached: killed while the relay holds the message

asyncio.run(main(*sys.argv[1:]))
"""


class KillingHandler(CapturingHandler):
    """Keeps the message, then kills the sender before it hears the relay's answer."""

    def __init__(self) -> None:
        super().__init__()
        self.process: asyncio.subprocess.Process | None = None

    async def handle_DATA(self, server, session, envelope):
        reply = await super().handle_DATA(server, session, envelope)
        if self.process is not None and self.process.returncode is None:
            os.kill(self.process.pid, signal.SIGKILL)
            await self.process.wait()
        return reply


async def test_a_sender_killed_after_the_relay_took_the_message_leaves_it_uncertain(db):
    relay = SmtpCapture()
    relay.handler = KillingHandler()
    await relay.start()
    try:
        async with db.session() as session:
            doomed = await outbox.enqueue(
                session,
                channel="email",
                recipient="rh@durand.fr",
                dedup_key="verification_link:crash",
                kind="notice",
                payload={"params": {"subject": "Lien", "body": "Bonjour"}},
            )
        relay.handler.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            DOOMED_SENDER,
            db.url,
            getattr(db, "test_schema", None) or "",
            str(relay.port),
            cwd=PROJECT,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        _, stderr = await asyncio.wait_for(relay.handler.process.communicate(), 60)
        assert relay.handler.process.returncode == -signal.SIGKILL, stderr.decode()
        assert len(relay.received) == 1

        async with db.session() as session:
            row = await session.get(OutboxMessage, doomed)
        assert (row.status, row.claimed_by, row.attempts) == (OutboxStatus.SENDING, "doomed", 1)

        # Another instance, before and after the claim's lease ran out.
        async with db.session() as session:
            later = await outbox.enqueue(
                session,
                channel="email",
                recipient="paie@durand.fr",
                dedup_key="receipt:after-crash",
                kind="notice",
                payload={"params": {"subject": "Reçu", "body": "Bonjour"}},
            )
        clock = FixedClock(utcnow())
        sender = OutboxSender(
            db,
            email_transport=EmailTransport(db, mail_settings(relay.port)),
            worker_id="survivor",
            clock=clock,
        )
        assert await sender.run_once() == 1  # only the new row
        clock.advance(outbox.CLAIM_LEASE + timedelta(seconds=1))
        assert await sender.run_once() == 0
        await sender.close()

        async with db.session() as session:
            rows = {r.id: r for r in (await session.exec(select(OutboxMessage))).all()}
        assert rows[doomed].status == OutboxStatus.UNCERTAIN
        assert rows[later].status == OutboxStatus.SENT
        delivered = [r.recipients for r in relay.received]
        assert delivered == [["rh@durand.fr"], ["paie@durand.fr"]]
    finally:
        await relay.stop()


class CrashingTransport:
    async def deliver(self, message):
        raise RuntimeError("this row breaks the transport")


async def test_a_poison_row_ends_failed_after_max_attempts(db):
    clock = FixedClock(utcnow())
    async with db.session() as session:
        poison = await outbox.enqueue(
            session,
            channel="email",
            recipient="rh@durand.fr",
            dedup_key="poison",
            kind="notice",
            payload={},
            clock=clock,
        )
    sender = OutboxSender(db, email_transport=CrashingTransport(), worker_id="w", clock=clock)
    claims = 0
    while await sender.run_once():
        claims += 1
        clock.advance(timedelta(hours=2))  # past any backoff
    async with db.session() as session:
        row = await session.get(OutboxMessage, poison)
    assert claims == outbox.MAX_ATTEMPTS
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, outbox.MAX_ATTEMPTS)
    assert "this row breaks the transport" in row.last_error
