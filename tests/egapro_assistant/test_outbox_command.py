"""``egapro-assistant outbox list|resend|drop`` in a subprocess, on a SQLite file."""

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest

from store import migrate, outbox
from store.database import Database
from store.tables.outbox import OutboxMessage, OutboxStatus
from store.types import utcnow


@pytest.fixture
async def database(tmp_path):
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'assistant.db'}")
    await migrate.upgrade_async(database)
    yield database
    await database.dispose()


def cli(database: Database, *arguments: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "EGAPRO_DATABASE_URL": database.url}
    return subprocess.run(
        [sys.executable, "-c", "from egapro_assistant.cli import main; main()", *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


async def queue(database, key: str, siren: str = "552100554") -> int:
    async with database.session() as session:
        return await outbox.enqueue(
            session,
            channel="email",
            recipient=f"{key}@durand.fr",
            dedup_key=key,
            kind="notice",
            siren=siren,
            payload={"params": {"subject": key, "body": "x"}},
        )


async def status_of(database, message_id: int) -> str:
    async with database.session() as session:
        return (await session.get(OutboxMessage, message_id)).status


@pytest.fixture
async def rows(database):
    """One row in each state an operator meets."""
    uncertain = await queue(database, "uncertain")
    failed = await queue(database, "failed", siren="732829320")
    sent = await queue(database, "sent")
    claimed = await outbox.claim_due(database, worker="dead")
    assert len(claimed) == 3
    await outbox.mark_failed(database, failed, "dead", "550 no such user")
    await outbox.mark_sent(database, sent, "dead")
    async with database.session() as session:
        row = await session.get(OutboxMessage, uncertain)
        row.claimed_at = utcnow() - outbox.CLAIM_LEASE - timedelta(seconds=1)
    pending = await queue(database, "pending")
    await outbox.claim_due(database, worker="other", limit=0)  # expires the old claim
    return {"uncertain": uncertain, "failed": failed, "sent": sent, "pending": pending}


async def test_list_filters_by_status_and_siren(database, rows):
    listed = cli(database, "outbox", "list", "--status", "uncertain")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("id | état")
    assert len(lines) == 2
    assert lines[1].startswith(f"{rows['uncertain']} | uncertain | email | uncertain@durand.fr")
    assert "may have been sent" in lines[1]

    as_json = cli(database, "outbox", "list", "--siren", "732829320", "--json")
    [record] = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert (record["id"], record["status"], record["last_error"]) == (
        rows["failed"],
        "failed",
        "550 no such user",
    )
    empty = cli(database, "outbox", "list", "--status", "cancelled")
    assert empty.stdout.strip() == "Aucun message dans la file d'envoi pour ces critères."


async def test_resend_and_drop_settle_rows_with_clear_refusals(database, rows):
    resent = cli(database, "outbox", "resend", str(rows["uncertain"]))
    assert resent.returncode == 0, resent.stderr
    assert f"Message n° {rows['uncertain']} remis dans la file" in resent.stdout
    assert await status_of(database, rows["uncertain"]) == OutboxStatus.PENDING

    dropped = cli(database, "outbox", "drop", str(rows["failed"]))
    assert dropped.returncode == 0, dropped.stderr
    assert await status_of(database, rows["failed"]) == OutboxStatus.CANCELLED

    already_sent = cli(database, "outbox", "resend", str(rows["sent"]))
    assert already_sent.returncode == 1
    assert "est « sent »" in already_sent.stderr
    assert "seuls les messages incertains, en échec ou annulés" in already_sent.stderr
    cannot_drop = cli(database, "outbox", "drop", str(rows["sent"]))
    assert cannot_drop.returncode == 1
    assert "seuls les messages en attente, incertains ou en échec" in cannot_drop.stderr
    unknown = cli(database, "outbox", "resend", "999999")
    assert unknown.returncode == 1
    assert "Aucun message n° 999999" in unknown.stderr
    assert await status_of(database, rows["sent"]) == OutboxStatus.SENT
    assert await status_of(database, rows["pending"]) == OutboxStatus.PENDING
