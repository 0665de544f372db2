"""``egapro-assistant db backup FILE``: a consistent copy of SQLite while a writer is at work."""

import asyncio
import sqlite3

from egapro_assistant.commands.db import backup
from store import outbox
from store.database import Database


async def test_a_backup_taken_during_writes_is_consistent(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'live.db'}"
    database = Database(url)
    await database.create_all()
    writing = asyncio.Event()

    async def writer() -> None:
        for n in range(200):
            async with database.session() as session:
                await outbox.enqueue(
                    session,
                    channel="email",
                    recipient=f"rh{n}@acme.fr",
                    dedup_key=f"backup:{n}",
                    kind="notice",
                    payload={"params": {"subject": "S", "body": "B"}},
                )
            writing.set()

    task = asyncio.create_task(writer())
    await writing.wait()
    target = tmp_path / "copy.db"
    assert await asyncio.to_thread(backup, url, str(target)) == 0
    await task
    await database.dispose()
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    (copied,) = copy.execute("SELECT count(*) FROM outbox_message").fetchone()
    assert 1 <= copied <= 200
    keys = [k for (k,) in copy.execute("SELECT dedup_key FROM outbox_message ORDER BY id")]
    assert keys == [f"backup:{n}" for n in range(copied)]  # a prefix: nothing half-written


def test_postgresql_is_refused_with_the_way_to_do_it(tmp_path, capsys):
    assert backup("postgresql://postgres@127.0.0.1/test", str(tmp_path / "x.db")) == 2
    assert "pg_dump" in capsys.readouterr().err
