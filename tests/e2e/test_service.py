"""The service's start and stop: migrations, web app on port 0, no bot without a token."""

import asyncio
import json
import logging
import os
import re
import signal
import sqlite3
import subprocess
import sys

from sqlmodel import select

from egapro_assistant.service import Service
from store import migrate, outbox
from store.tables.outbox import OutboxMessage, OutboxStatus
from tests.e2e.conftest import service_settings


async def statuses_of(database) -> list[str]:
    async with database.session() as session:
        rows = (await session.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all()
    return [row.status for row in rows]


async def eventually(read, expected, timeout: float = 5.0):
    """What ``read()`` returns once it equals ``expected``, or its last value at the timeout."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (value := await read()) != expected and loop.time() < deadline:
        await asyncio.sleep(0.05)
    return value


async def test_without_a_token_the_service_runs_without_the_bot(tmp_path, smtp, http, caplog):
    settings = service_settings(tmp_path, smtp, web_port=0)
    caplog.set_level(logging.INFO, logger="egapro_assistant.service")
    async with Service(settings) as service:
        assert service.bot is None
        assert service.web_port not in (None, 0)
        async with http.get(f"{service.web_url}/healthz") as response:
            assert response.status == 200
            health = await response.json()
        assert health["status"] == "ok"
        assert health["parts"]["telegram"] == {"ok": True, "mode": "off"}
        assert {"database", "sender", "inbound_smtp"} <= set(health["parts"])
        assert await migrate.current_revision(service.database) == migrate.head_revision()
        # Email is still sent; Telegram rows wait for a bot.
        async with service.database.session() as session:
            for channel, recipient in (("email", "rh@acme.fr"), ("telegram", "42")):
                await outbox.enqueue(
                    session,
                    channel=channel,
                    recipient=recipient,
                    dedup_key=f"test:{channel}",
                    kind="notice",
                    payload={"params": {"subject": "Test", "body": "Bonjour", "text": "Bonjour"}},
                )
        service.sender.notify()
        [received] = await smtp.handler.wait_for(1)
        assert received.recipients == ["rh@acme.fr"]
        statuses = await eventually(
            lambda: statuses_of(service.database), [OutboxStatus.SENT, OutboxStatus.PENDING]
        )
        assert statuses == [OutboxStatus.SENT, OutboxStatus.PENDING]
    assert "Telegram is off: EGAPRO_TELEGRAM_TOKEN is not set" in caplog.text


async def test_run_command_serves_until_sigterm(tmp_path, smtp):
    settings = service_settings(tmp_path, smtp, web_port=0)
    env = {
        **os.environ,
        "EGAPRO_DATABASE_URL": settings.database_url,
        "EGAPRO_WEB_PORT": "0",
        "EGAPRO_SMTP_HOST": "127.0.0.1",
        "EGAPRO_SMTP_PORT": str(smtp.port),
    }
    env.pop("EGAPRO_TELEGRAM_TOKEN", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        "from egapro_assistant.cli import main; main()",
        "run",
        "--log-format",
        "json",
        cwd=tmp_path,
        env=env,
        stderr=subprocess.PIPE,
    )
    log = []
    try:
        while not any("service started" in line for line in log):
            line = await asyncio.wait_for(process.stderr.readline(), 120)
            assert line, "the service exited early:\n" + "".join(log)
            log.append(line.decode())
        port = re.search(r"web on http://127\.0\.0\.1:(\d+)", "".join(log)).group(1)
        reader, writer = await asyncio.open_connection("127.0.0.1", int(port))
        writer.write(b"GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n")
        answer = await reader.read()
        writer.close()
        assert answer.startswith(b"HTTP/1.0 200") or answer.startswith(b"HTTP/1.1 200")
        process.send_signal(signal.SIGTERM)
        _, rest = await asyncio.wait_for(process.communicate(), 30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log.append(rest.decode())
    assert process.returncode == 0, "".join(log)
    # --log-format json: one JSON object a line; at INFO, no third-party chatter (the
    # migrations of this fresh database ran without Alembic's lines).
    records = [json.loads(line) for line in "".join(log).splitlines()]
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records), log
    messages = [r["message"] for r in records]
    assert "Telegram is off: EGAPRO_TELEGRAM_TOKEN is not set (bot disabled)" in messages
    assert "service stopped" in messages
    assert not [r for r in records if not r["logger"].startswith("egapro_assistant")], log
    tables = sqlite3.connect(settings.database_url.split("///", 1)[1]).execute(
        "SELECT name FROM sqlite_master WHERE type='table'"
    )
    assert {"alembic_version", "company_link", "verification_token"} <= {t for (t,) in tables}
