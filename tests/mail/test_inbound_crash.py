"""A process killed between 250 and processing: after restart the message is processed once.
Also the operator commands that list questions and quarantined mail."""

import asyncio
import os
import signal
import subprocess
import sys

from sqlmodel import select

from mail.inbound_processing import InboundProcessor
from store import replies
from store.database import Database
from store.tables.inbound import InboundMessage, InboundStatus
from store.tables.outbox import OutboxMessage
from tests.mail.inbound_helpers import SETTINGS, Inbound, reply, reply_to


async def test_killed_after_250_then_processed_once_after_restart(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'crash.db'}"
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.mail.inbound_process", url],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = int(await asyncio.to_thread(server.stdout.readline))
        database = Database(url)
        async with database.session() as session:
            token = await replies.create(
                session, email="rh@durand.fr", siren="552100554", kind="reminder"
            )
        client = Inbound(database)
        client.port = port
        assert await client.send(reply("Une question ?"), reply_to(token)) == {}  # 250
    finally:
        os.kill(server.pid, signal.SIGKILL)
        server.wait()

    # Restarted: the processor picks up what was stored and not processed.
    for _ in range(2):
        processor = InboundProcessor(database, SETTINGS)
        while await processor.run_once():
            pass
    async with database.session() as session:
        [row] = list(await session.exec(select(InboundMessage)))
        sent = list(await session.exec(select(OutboxMessage)))
    assert row.status == InboundStatus.PROCESSED and row.outcome == "question"
    assert sorted(m.kind for m in sent) == ["question_forwarded", "question_received"]

    def cli(*args: str) -> str:
        env = {**os.environ, "EGAPRO_DATABASE_URL": url}
        done = subprocess.run(
            [sys.executable, "-m", "egapro_assistant.cli", *args],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        return done.stdout

    async with database.session() as session:
        session.add(
            InboundMessage(
                recipient="r+x@reply",
                raw=b"x",
                status=InboundStatus.QUARANTINED,
                reason="NUL byte in the message",
            )
        )
    await database.dispose()
    listed = await asyncio.to_thread(cli, "questions", "list", "--open")
    assert "Une question ?" in listed and "rh@durand.fr" in listed
    quarantined = await asyncio.to_thread(cli, "mail", "quarantine")
    assert "NUL byte in the message" in quarantined


async def test_a_message_processed_again_changes_nothing_twice(sqlite_db):
    """A processor that died after its effects but before recording the outcome: the message is
    offered again once its claim runs out, and processing it again sends and records nothing new."""
    from sqlalchemy import update

    from store.tables.declarations import IndexDeclaration
    from store.tables.inbound import EmailQuestion

    inbound = await Inbound(sqlite_db).start()
    try:
        token = await inbound.token(campaign_year=2026)
        for text in ("Une question ?", "FAIT 87", "STOP"):
            assert await inbound.send(reply(text), reply_to(token)) == {}
        assert await inbound.process() == 3
        async with sqlite_db.session() as session:
            before = [(m.dedup_key, m.kind) for m in await session.exec(select(OutboxMessage))]
            await session.exec(update(InboundMessage).values(status=InboundStatus.RECEIVED))
        assert await inbound.process() == 3
    finally:
        await inbound.stop()
    async with sqlite_db.session() as session:
        after = [(m.dedup_key, m.kind) for m in await session.exec(select(OutboxMessage))]
        asked = list(await session.exec(select(EmailQuestion)))
        declared = list(await session.exec(select(IndexDeclaration)))
        outcomes = sorted(m.outcome for m in await session.exec(select(InboundMessage)))
    assert sorted(kind for _, kind in before) == [
        "question_forwarded",
        "question_received",
        "reply_declared",
        "reply_unsubscribed",
    ]
    assert after == before
    assert len(asked) == 1 and len(declared) == 1
    assert outcomes == ["declared", "question", "stop"]
