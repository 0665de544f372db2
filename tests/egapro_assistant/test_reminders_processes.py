"""Real service processes running a reminder campaign against a real SMTP server and the fake Bot
API server: one killed with SIGKILL in the middle of 5,000 companies then restarted, and two
running side by side on one PostgreSQL database. Each message is received at most once; what was
not received is listed as uncertain.

The suite runs the killed campaign with 1,000 companies; the full run of 5,000 is
``make crash`` (``EGAPRO_CRASH_COMPANIES=5000``)."""

import asyncio
import os
import signal
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import func, select

from store import migrate, outbox
from store.tables.outbox import OutboxMessage, OutboxStatus
from store.types import utcnow
from tests.conftest import close_database, make_database
from tests.egapro_assistant.reminder_population import populate
from tests.fakes import DEFAULT_TOKEN
from tests.mail.smtp_server import SmtpCapture

PROJECT = Path(__file__).resolve().parents[2]
CRASH_COMPANIES = int(os.environ.get("EGAPRO_CRASH_COMPANIES", "1000"))
TIMEOUT = 180


def service_env(database, smtp: SmtpCapture, telegram) -> dict[str, str]:
    env = {
        **os.environ,
        "EGAPRO_DATABASE_URL": database.url,
        "EGAPRO_DATABASE_SCHEMA": getattr(database, "test_schema", None) or "",
        "EGAPRO_WEB_PORT": "0",
        "EGAPRO_INBOUND_ENABLED": "false",
        "EGAPRO_SMTP_HOST": "127.0.0.1",
        "EGAPRO_SMTP_PORT": str(smtp.port),
        "EGAPRO_REPLY_DOMAIN": "reply.assistant.test",
        "EGAPRO_PUBLIC_BASE_URL": "https://assistant.test",
        "EGAPRO_TELEGRAM_TOKEN": DEFAULT_TOKEN,
        "EGAPRO_TELEGRAM_API_BASE": telegram.url,
        "EGAPRO_REMINDER_TICK_SECONDS": "1",
        # Always open: the campaign runs whenever the test does.
        "EGAPRO_SEND_WINDOW": "00:00-23:59",
        "EGAPRO_SEND_DAYS": "mon-sun",
        "EGAPRO_SEND_ON_HOLIDAYS": "true",
        "EGAPRO_SENDER_BATCH_SIZE": "100",
        "EGAPRO_SENDER_POLL_SECONDS": "0.2",
    }
    if not env["EGAPRO_DATABASE_SCHEMA"]:
        env.pop("EGAPRO_DATABASE_SCHEMA")
    return env


async def start_service(env, log: Path) -> asyncio.subprocess.Process:
    with log.open("ab") as output:
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            "from egapro_assistant.cli import main; main()",
            "run",
            cwd=PROJECT,
            env=env,
            stdout=output,
            stderr=output,
        )


async def counts(database) -> Counter:
    async with database.session() as session:
        rows = await session.exec(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        )
        return Counter(dict(rows.all()))


async def wait_until(condition, what: str, log: Path, timeout: float = TIMEOUT) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await condition():
        if loop.time() > deadline:
            raise AssertionError(f"{what} did not happen; service log:\n{log.read_text()[-4000:]}")
        await asyncio.sleep(0.2)


def received(smtp: SmtpCapture, telegram) -> Counter:
    """(channel, recipient) → how many messages arrived there."""
    got = Counter(("email", r.recipients[0]) for r in smtp.received)
    for user_id, user in telegram.users.items():
        if user.messages:
            got[("telegram", str(user_id))] += len(user.messages)
    return got


async def stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 60)
        except TimeoutError:
            process.kill()
            await process.wait()


@pytest.fixture
async def migrated(request, tmp_path):
    """A database built by the migrations, as the service finds it in production (the test
    names which: ``@pytest.mark.parametrize("migrated", [...], indirect=True)``)."""
    database = await make_database(request.param, tmp_path)
    await migrate.upgrade_async(database)
    yield database
    await close_database(database)


@pytest.fixture
async def smtp():
    capture = SmtpCapture()
    await capture.start()
    yield capture
    await capture.stop()


@pytest.mark.parametrize("migrated", ["sqlite"], indirect=True)  # the two-process test: PostgreSQL
async def test_a_service_killed_mid_campaign_then_restarted_sends_nothing_twice(
    migrated, smtp, telegram, tmp_path
):
    sqlite_db = migrated
    companies, users = CRASH_COMPANIES, 100
    await populate(sqlite_db, companies, telegram_users=users)
    for number in range(users):
        telegram.user(900_000 + number)
    env = service_env(sqlite_db, smtp, telegram)
    log = tmp_path / "service.log"
    first = await start_service(env, log)
    try:

        async def some_sent() -> bool:
            return len(smtp.received) > companies // 5

        await wait_until(some_sent, "a fifth of the emails before the kill", log)
        first.send_signal(signal.SIGKILL)
        await first.wait()
    finally:
        if first.returncode is None:
            first.kill()
            await first.wait()
    at_kill = len(smtp.received)
    assert at_kill < companies  # killed in the middle

    second = await start_service(env, log)
    try:

        async def drained() -> bool:
            found = await counts(sqlite_db)
            return found[OutboxStatus.PENDING] == 0 and (
                found[OutboxStatus.SENT] + found[OutboxStatus.SENDING] == companies + users
            )

        await wait_until(drained, "the restarted service sending the rest", log)
    finally:
        await stop(second)
    # The killed process's claims run out: those rows become uncertain, never sent again.
    async with sqlite_db.session() as session:
        await outbox.expire_claims(session, now=utcnow() + outbox.CLAIM_LEASE + timedelta(1))
        rows = (await session.exec(select(OutboxMessage))).all()

    got = received(smtp, telegram)
    assert max(got.values()) == 1  # each message at most once
    assert len(rows) == companies + users
    for row in rows:
        arrived = got[(row.channel, row.recipient)] == 1
        if row.status == OutboxStatus.SENT:
            assert arrived, row
        else:
            assert row.status == OutboxStatus.UNCERTAIN, (row.status, row.last_error)
    assert all(
        row.status == OutboxStatus.UNCERTAIN
        for row in rows
        if got[(row.channel, row.recipient)] == 0
    )
    assert sum(got.values()) >= companies + users - 2 * 100  # at most a batch per channel lost


@pytest.mark.parametrize("migrated", ["postgresql"], indirect=True)
async def test_two_service_processes_on_one_postgresql_send_each_message_once(
    migrated, smtp, telegram, tmp_path
):
    db = migrated
    companies, users = 300, 30
    await populate(db, companies, telegram_users=users)
    for number in range(users):
        telegram.user(900_000 + number)
    env = service_env(db, smtp, telegram)
    log = tmp_path / "service.log"
    processes = [await start_service(env, log), await start_service(env, log)]
    try:

        async def all_sent() -> bool:
            return (await counts(db))[OutboxStatus.SENT] == companies + users

        await wait_until(all_sent, "every reminder sent", log)
    finally:
        for process in processes:
            await stop(process)
    got = received(smtp, telegram)
    assert len(got) == companies + users
    assert set(got.values()) == {1}
    async with db.session() as session:
        workers = (await session.exec(select(OutboxMessage.claimed_by).distinct())).all()
    assert len(workers) == 2  # both instances took part
