"""Outbound email throughput: outbox rows handed to a local SMTP sink per second.

N email rows are queued in a fresh database, then the one sender drains the outbox into an
aiosmtpd sink that runs in a child process (so the sink does not take the sender's CPU).
Reports messages/s from the first claim to the last row recorded as sent.

    .venv/bin/python bench/outbound_mail.py                        # SQLite file, 2,000 emails
    .venv/bin/python bench/outbound_mail.py --messages 5000 --batch 100
    .venv/bin/python bench/outbound_mail.py --database postgresql+asyncpg://postgres@127.0.0.1/test
    # the same run against another checkout of the project (its own virtualenv):
    /work/main/.venv/bin/python bench/outbound_mail.py --project /work/main

Only APIs that every version of the project has are used (enqueue, OutboxSender, EmailTransport),
so one script measures before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
import time
import uuid
from pathlib import Path


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


async def _queue(database, outbox, messages: int) -> None:
    rows = 0
    while rows < messages:
        async with database.session() as session:
            for number in range(rows, min(rows + 500, messages)):
                await outbox.enqueue(
                    session,
                    channel="email",
                    recipient=f"rh{number}@entreprise-{number % 97}.fr",
                    dedup_key=f"bench:{number}",
                    kind="notice",
                    siren="552100554",
                    payload={
                        "language": "fr",
                        "params": {"subject": f"Message {number}", "body": "Bonjour.\n" * 20},
                    },
                )
        rows = min(rows + 500, messages)


async def _run(args, port: int, count) -> dict:
    from egapro_assistant.config import Settings
    from egapro_assistant.sender import OutboxSender
    from mail.email_transport import EmailTransport
    from store import outbox
    from store.database import Database

    schema = None
    admin = None
    if args.database:
        url = args.database
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        admin = Database(url)
        async with admin.engine.begin() as connection:
            await connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        database = Database(url, schema=schema)
    else:
        directory = tempfile.mkdtemp(prefix="bench-mail-")
        database = Database(f"sqlite+aiosqlite:///{directory}/bench.db")
    try:
        await database.create_all()
        await _queue(database, outbox, args.messages)
        settings = Settings(
            _env_file=None,
            smtp_host="127.0.0.1",
            smtp_port=port,
            reply_domain="reply.bench.test",
            public_base_url="https://bench.test/",
        )
        sender = OutboxSender(
            database,
            email_transport=EmailTransport(database, settings),
            worker_id="bench",
            batch_size=args.batch,
        )
        started = time.perf_counter()
        cpu = time.process_time()
        while await sender.run_once():
            pass
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu
        close = getattr(sender, "close", None)
        if close is not None:
            await close()
        return {"sent": count.value, "seconds": elapsed, "cpu": cpu}
    finally:
        await database.dispose()
        if admin is not None:
            async with admin.engine.begin() as connection:
                await connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
            await admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=20, help="sender batch size (default 20)")
    parser.add_argument("--database", help="a PostgreSQL URL (default: a temporary SQLite file)")
    parser.add_argument(
        "--project",
        type=Path,
        default=Path(__file__).resolve().parents[1],
        help="the checkout whose code is measured (default: this one)",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(args.project.resolve()))

    count = multiprocessing.Value("i", 0)
    receiver, sender_end = multiprocessing.Pipe(duplex=False)
    sink = multiprocessing.Process(target=_sink, args=(sender_end, count), daemon=True)
    sink.start()
    try:
        port = receiver.recv()
        result = asyncio.run(_run(args, port, count))
    finally:
        sink.terminate()
        sink.join()
    backend = "postgresql" if args.database else "sqlite"
    rate = result["sent"] / result["seconds"]
    print(
        f"{args.project.resolve()} [{backend}, batch {args.batch}]: {result['sent']} emails "
        f"in {result['seconds']:.2f} s = {rate:.0f} messages/s; sender CPU "
        f"{result['cpu'] / max(result['sent'], 1) * 1000:.2f} ms per message"
    )


if __name__ == "__main__":
    main()
