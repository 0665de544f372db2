"""Reminder campaign benchmark: the tick, then the email and Telegram sending of what it wrote.

    .venv/bin/python bench/campaign.py [--sizes 5000 50000 500000] [--backends sqlite postgresql]
                                       [--emails 2000] [--telegram 300] [--skip-send]

1. Tick. For each size N and backend, a fresh database gets N companies of 50-250 that have not
   declared (one declarant address each, a linked Telegram user for one in ten), the previous
   tick just before the latest step became due. Timed: the tick that decides and writes what is
   due (N emails + N/10 Telegram rows), then a tick that finds nothing new. Baseline in the same
   run: ``store.campaign_status.standings`` alone (the one query a tick starts with) and a plain
   ``SELECT siren FROM company``.
2. Email. ``--emails`` reminder rows drained by the one sender (real ``EmailTransport``, batch
   100) into an aiosmtpd sink running in a child process: messages/s. Baseline: as many plain
   ``notice`` rows the same way.
3. Telegram. ``--telegram`` reminder rows to ``--telegram / 3`` chats (three steps each) through
   ``TelegramTransport`` against the fake Bot API server: messages/s against the 25/s pacing,
   and the shortest gap between two messages of one chat (must be >= 1 s).

PostgreSQL: ``EGAPRO_TEST_POSTGRES_URL`` (default postgresql+asyncpg://postgres@127.0.0.1/test),
in a schema created and dropped by the run.
"""

import argparse
import asyncio
import itertools
import multiprocessing
import os
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text


def _always():
    from datetime import time as clock_time

    from egapro_assistant.send_window import SendWindow

    return SendWindow(clock_time(0), clock_time(23, 59, 59), frozenset(range(7)), True)


POSTGRES_URL = os.environ.get(
    "EGAPRO_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


async def open_database(backend: str, directory: Path, size: int):
    from store.database import Database

    if backend == "sqlite":
        return Database(f"sqlite+aiosqlite:///{directory / f'campaign-{size}.db'}"), None
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = Database(POSTGRES_URL)
    async with admin.engine.begin() as connection:
        await connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    await admin.dispose()
    return Database(POSTGRES_URL, schema=schema), schema


async def drop_schema(schema: str | None) -> None:
    from store.database import Database

    if schema is None:
        return
    admin = Database(POSTGRES_URL)
    async with admin.engine.begin() as connection:
        await connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    await admin.dispose()


async def bench_tick(backend: str, size: int, directory: Path) -> dict:
    from egapro_assistant.send_window import SendWindow
    from egapro_assistant.usecases import reminders
    from egapro_assistant.usecases.reminder_rules import ReminderPolicy
    from store.campaign_status import standings
    from store.campaigns import CampaignCalendar
    from store.clock import FixedClock
    from tests.egapro_assistant.reminder_population import populate

    database, schema = await open_database(backend, directory, size)
    try:
        await database.create_all()
        now = datetime(2027, 2, 15, 9, 30, tzinfo=UTC)  # J−14 became due at midnight
        started = time.perf_counter()
        await populate(database, size, telegram_users=size // 10, now=now)
        filled = time.perf_counter() - started
        calendar = CampaignCalendar.load()
        policy, window = ReminderPolicy(calendar), SendWindow()
        async with database.session() as session:
            started = time.perf_counter()
            await session.exec(text("SELECT siren FROM company"))
            plain = time.perf_counter() - started
            started = time.perf_counter()
            await standings(session, calendar.campaign(2027))
            status = time.perf_counter() - started
        clock = FixedClock(now)
        started = time.perf_counter()
        result = await reminders.tick(database, policy=policy, window=window, clock=clock)
        tick = time.perf_counter() - started
        clock.advance(timedelta(minutes=5))
        started = time.perf_counter()
        again = await reminders.tick(database, policy=policy, window=window, clock=clock)
        steady = time.perf_counter() - started
        assert result.queued == size + size // 10, result
        assert again.queued == 0
        return dict(
            fill=filled, plain=plain, status=status, tick=tick, steady=steady, rows=result.queued
        )
    finally:
        await database.dispose()
        await drop_schema(schema)


def _sink(port_pipe, count) -> None:
    from aiosmtpd.smtp import SMTP

    class Counting:
        async def handle_DATA(self, server, session, envelope):
            with count.get_lock():
                count.value += 1
            return "250 OK"

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(
            lambda: SMTP(Counting(), hostname="localhost", loop=loop), host="127.0.0.1", port=0
        )
        port_pipe.send(server.sockets[0].getsockname()[1])
        await asyncio.Event().wait()

    asyncio.run(serve())


async def bench_email(directory: Path, messages: int, port: int, count) -> dict:
    from egapro_assistant.config import Settings
    from egapro_assistant.sender import OutboxSender
    from egapro_assistant.usecases import reminders
    from egapro_assistant.usecases.reminder_rules import ReminderPolicy
    from mail.email_transport import EmailTransport
    from store import outbox
    from store.campaigns import CampaignCalendar
    from store.clock import FixedClock
    from store.database import Database
    from tests.egapro_assistant.reminder_population import populate

    always = _always()
    settings = Settings(
        _env_file=None,
        smtp_host="127.0.0.1",
        smtp_port=port,
        reply_domain="reply.bench.test",
        public_base_url="https://bench.test/",
    )
    results = {}
    for label in ("notice (baseline)", "reminder"):
        database = Database(f"sqlite+aiosqlite:///{directory / f'mail-{label[:6]}.db'}")
        await database.create_all()
        now = datetime.now(UTC)
        if label == "reminder":
            await populate(database, messages, now=now)
            await reminders.tick(
                database,
                policy=ReminderPolicy(CampaignCalendar.load()),
                window=always,
                clock=FixedClock(now),
            )
        else:
            async with database.session() as session:
                for number in range(messages):
                    await outbox.enqueue(
                        session,
                        channel="email",
                        recipient=f"rh{number}@entreprise{number % 97}.test",
                        dedup_key=f"bench:{number}",
                        kind="notice",
                        payload={"params": {"subject": "Bonjour", "body": "Bonjour.\n" * 20}},
                        priority=outbox.PRIORITY_BULK,
                    )
        sender = OutboxSender(
            database,
            email_transport=EmailTransport(database, settings),
            worker_id="bench",
            batch_size=100,
        )
        before = count.value
        started = time.perf_counter()
        while await sender.run_once():
            pass
        elapsed = time.perf_counter() - started
        await sender.close()
        await database.dispose()
        results[label] = (count.value - before, elapsed)
    return results


async def bench_telegram(directory: Path, messages: int) -> dict:
    from bot import outbox_render
    from bot.delivery import TelegramTransport
    from egapro_assistant.sender import OutboxSender
    from store import outbox
    from store.database import Database
    from tests.fakes import FakeTelegramServer

    chats = max(messages // 3, 1)
    database = Database(f"sqlite+aiosqlite:///{directory / 'telegram.db'}")
    await database.create_all()
    async with database.session() as session:
        for step in ("j-14", "j-7", "j-2"):
            for chat in range(chats):
                params = {
                    "siren": "552100554",
                    "campaign_year": 2027,
                    "year": 2026,
                    "about": "index",
                    "state": "not_started",
                    "deadline": "2027-03-01",
                    "days": 14,
                    "step": step,
                }
                await outbox.enqueue(
                    session,
                    channel="telegram",
                    recipient=str(800_000 + chat),
                    dedup_key=f"reminder:{step}:telegram:{chat}",
                    kind="reminder",
                    payload={"language": "fr", "params": params, "reminder": True},
                    priority=outbox.PRIORITY_BULK,
                )
    sent_at: dict[str, list[float]] = defaultdict(list)

    class Timed(TelegramTransport):
        async def deliver(self, message):
            sent_at[message.recipient].append(time.perf_counter())
            return await super().deliver(message)

    async with FakeTelegramServer() as server:
        for chat in range(chats):
            server.user(800_000 + chat)
        bot = server.make_bot()
        sender = OutboxSender(
            database,
            email_transport=None,
            telegram_transport=Timed(bot, database, render=outbox_render.render),
            worker_id="bench",
            batch_size=100,
            poll_seconds=0.05,
        )
        started = time.perf_counter()
        stop = asyncio.Event()
        task = asyncio.create_task(sender.run_forever(stop))
        while sum(len(u.messages) for u in server.users.values()) < chats * 3:
            await asyncio.sleep(0.05)
        elapsed = time.perf_counter() - started
        stop.set()
        await task
        await bot.session.close()
    await database.dispose()
    gaps = [b - a for times in sent_at.values() for a, b in itertools.pairwise(times)]
    return {"messages": chats * 3, "seconds": elapsed, "min_gap": min(gaps) if gaps else None}


async def run_ticks(args, directory: Path) -> None:
    print("Tick: decide and write what is due (one step per company)")
    print(
        f"{'backend':<11} {'companies':>9} {'rows':>8} {'fill s':>7} {'SELECT s':>9} "
        f"{'status s':>9} {'tick s':>7} {'steady s':>9}"
    )
    for backend in args.backends:
        for size in args.sizes:
            found = await bench_tick(backend, size, directory)
            print(
                f"{backend:<11} {size:>9,} {found['rows']:>8,} {found['fill']:>7.2f} "
                f"{found['plain']:>9.3f} {found['status']:>9.3f} {found['tick']:>7.2f} "
                f"{found['steady']:>9.2f}",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 50_000, 500_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--emails", type=int, default=2_000)
    parser.add_argument("--telegram", type=int, default=300)
    parser.add_argument("--skip-send", action="store_true", help="the tick only")
    parser.add_argument("--skip-tick", action="store_true", help="the sending only")
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="bench-campaign-"))
    if not args.skip_tick:
        asyncio.run(run_ticks(args, directory))
    if args.skip_send:
        return
    count = multiprocessing.Value("i", 0)
    receiver, sender_end = multiprocessing.Pipe(duplex=False)
    sink = multiprocessing.Process(target=_sink, args=(sender_end, count), daemon=True)
    sink.start()
    try:
        port = receiver.recv()
        emails = asyncio.run(bench_email(directory, args.emails, port, count))
    finally:
        sink.terminate()
        sink.join()
    print("\nEmail: outbox rows handed to a local SMTP server (SQLite, batch 100)")
    for label, (sent, seconds) in emails.items():
        print(f"  {label:<18} {sent:>6} emails in {seconds:6.2f} s = {sent / seconds:6.0f}/s")
    telegram = asyncio.run(bench_telegram(directory, args.telegram))
    rate = telegram["messages"] / telegram["seconds"]
    print("\nTelegram: reminder rows through the fake Bot API (pacing 25/s, 1/s per chat)")
    print(
        f"  {telegram['messages']} messages in {telegram['seconds']:.2f} s = {rate:.1f}/s "
        f"({rate / 25:.0%} of 25/s); shortest gap in one chat {telegram['min_gap']:.3f} s"
    )


if __name__ == "__main__":
    main()
