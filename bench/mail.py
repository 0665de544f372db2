"""Email throughput: replies received and processed per second through the real inbound SMTP
server from concurrent clients, and outbound messages per second to a local SMTP server.

``.venv/bin/python bench/mail.py [--replies 2000] [--clients 4] [--outbound 1000]
[--project CHECKOUT]``: ``--project`` measures another checkout's code with the same script (a
baseline in the same run). Aims: >= 300 replies/s, >= 500 outbound/s. Run on SQLite in a
temporary directory. The server's CPU time per reply is printed too: on a shared machine the
rate follows the CPU the server is given, the CPU per reply does not.
"""

import argparse
import asyncio
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _project() -> Path:
    if "--project" in sys.argv:
        return Path(sys.argv[sys.argv.index("--project") + 1]).resolve()
    return Path(__file__).resolve().parents[1]


PROJECT = _project()
sys.path.insert(0, str(PROJECT))

from egapro_assistant.sender import OutboxSender  # noqa: E402
from mail.email_transport import EmailTransport  # noqa: E402
from store import inbound as inbound_store  # noqa: E402
from store import outbox  # noqa: E402
from store.database import Database  # noqa: E402
from tests.mail.inbound_helpers import Inbound, reply_to  # noqa: E402
from tests.mail.smtp_server import SmtpCapture, mail_settings  # noqa: E402


async def replies_per_second(directory: Path, count: int, clients: int) -> float:
    database = Database(f"sqlite+aiosqlite:///{directory / 'replies.db'}")
    await database.create_all()
    inbound = await Inbound(database).start()
    stop = asyncio.Event()
    processing = asyncio.create_task(inbound.processor.run_forever(stop))
    tokens = [await inbound.token(email=f"rh{i}@durand.fr") for i in range(clients)]
    shares = []
    for client in range(clients):
        messages = [
            f"From: rh{client}@durand.fr\r\nSubject: Re: Rappel\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\nQuestion {n} ?\r\n\r\n"
            f"Le lun. 3 févr. 2025 à 10:00, X a écrit :\r\n> Bonjour\r\n".encode()
            for n in range(count // clients)
        ]
        path = directory / f"share{client}.pickle"
        path.write_bytes(pickle.dumps(messages))
        shares.append((reply_to(tokens[client]), path))
    started = time.perf_counter()
    cpu = time.process_time()
    senders = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.mail.send_corpus", str(inbound.port), address, str(p)],
            stdout=subprocess.PIPE,
            cwd=PROJECT,
        )
        for address, p in shares
    ]
    for sender in senders:
        await asyncio.to_thread(sender.wait)
    while True:
        async with database.session() as session:
            if await inbound_store.pending_count(session) == 0:
                break
        inbound.processor.notify()
        await asyncio.sleep(0.05)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    print(f"  server CPU {cpu / count * 1000:.2f} ms per reply, {cpu / elapsed:.0%} of a core")
    stop.set()
    inbound.processor.notify()
    await processing
    await inbound.stop()
    await database.dispose()
    return (count // clients * clients) / elapsed


async def outbound_per_second(directory: Path, count: int) -> float:
    database = Database(f"sqlite+aiosqlite:///{directory / 'outbound.db'}")
    await database.create_all()
    capture = SmtpCapture()
    await capture.start()
    async with database.session() as session:
        for n in range(count):
            await outbox.enqueue(
                session,
                channel="email",
                recipient=f"rh{n}@durand.fr",
                dedup_key=f"bench:{n}",
                kind="notice",
                payload={"language": "fr", "params": {"subject": "Bonjour", "body": "Texte"}},
            )
    transport = EmailTransport(database, mail_settings(capture.port))
    sender = OutboxSender(database, email_transport=transport, worker_id="bench", batch_size=100)
    started = time.perf_counter()
    while await sender.run_once():
        pass
    elapsed = time.perf_counter() - started
    assert len(capture.received) == count, len(capture.received)
    await capture.stop()
    await database.dispose()
    return count / elapsed


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--replies", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--outbound", type=int, default=1000)
    parser.add_argument("--project", help="another checkout to measure (default: this one)")
    args = parser.parse_args()
    print(f"{PROJECT}:")
    with tempfile.TemporaryDirectory() as directory:
        inbound_rate = await replies_per_second(Path(directory), args.replies, args.clients)
        print(f"replies received and processed: {inbound_rate:.0f}/s (aim >= 300/s)")
        outbound_rate = await outbound_per_second(Path(directory), args.outbound)
        print(f"outbound to a local SMTP server: {outbound_rate:.0f}/s (aim >= 500/s)")


if __name__ == "__main__":
    asyncio.run(main())
