"""10,000 malformed messages (with well-formed ones among them) through the running server."""

import asyncio
import pickle
import sys

from sqlmodel import func, select

from store import inbound as inbound_store
from store.tables.inbound import EmailQuestion, InboundMessage, InboundStatus
from tests.mail.inbound_helpers import Inbound, reply_to
from tests.mail.malformed import corpus

COUNT = 10_000
CONNECTIONS = 4


async def send_share(port: int, address: str, share: list[bytes], path) -> int:
    """One SMTP connection from another process, so clients do not slow the server down."""
    path.write_bytes(pickle.dumps(share))
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.mail.send_corpus", str(port), address, str(path),
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    output, _ = await process.communicate()
    assert process.returncode == 0
    return int(output)


async def test_fuzz_corpus_never_crashes_the_server_and_good_mail_is_processed(sqlite_db, tmp_path):
    inbound = await Inbound(sqlite_db).start()
    stop = asyncio.Event()
    processing = asyncio.create_task(inbound.processor.run_forever(stop))
    try:
        token = await inbound.token()
        address = reply_to(token)
        messages = corpus(COUNT)

        raws = [raw for _, raw in messages]
        accepted = await asyncio.gather(
            *(send_share(inbound.port, address, raws[i::CONNECTIONS], tmp_path / f"{i}.pickle")
              for i in range(CONNECTIONS))
        )  # fmt: skip
        assert sum(accepted) == COUNT

        # The server still answers, and a well-formed reply still goes through.
        assert (
            await inbound.send(b"From: rh@durand.fr\r\n\r\nEncore une question\r\n", address) == {}
        )
        while True:
            async with sqlite_db.session() as session:
                if await inbound_store.pending_count(session) == 0:
                    break
            inbound.processor.notify()
            await asyncio.sleep(0.05)
    finally:
        stop.set()
        inbound.processor.notify()
        await processing
        await inbound.stop()

    async with sqlite_db.session() as session:
        statuses = dict(
            (
                await session.exec(
                    select(InboundMessage.status, func.count()).group_by(InboundMessage.status)
                )
            ).all()
        )
        asked = (await session.exec(select(func.count()).select_from(EmailQuestion))).one()
    good = sum(1 for well_formed, _ in messages if well_formed) + 1
    assert sum(statuses.values()) == COUNT + 1
    assert statuses.get(InboundStatus.QUARANTINED, 0) >= COUNT // 2
    assert asked >= good  # every well-formed message became a question
