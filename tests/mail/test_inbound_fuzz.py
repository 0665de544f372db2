"""Malformed messages (with well-formed ones among them) through the running server.

The suite sends 1,000 (every kind of breakage, a zip bomb and a 1 MB header line included); the
full run of 10,000 is ``EGAPRO_FUZZ_MESSAGES=10000 pytest tests/mail/test_inbound_fuzz.py``
(``make fuzz``).
"""

import asyncio
import os
import pickle
import sys

from sqlmodel import func, select

from store import inbound as inbound_store
from store.tables.inbound import EmailQuestion, InboundMessage, InboundStatus
from tests.mail.inbound_helpers import Inbound, reply_to
from tests.mail.malformed import corpus

COUNT = int(os.environ.get("EGAPRO_FUZZ_MESSAGES", "1000"))
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
        asked = list((await session.exec(select(EmailQuestion.text))).all())
    good = [raw for well_formed, raw in messages if well_formed]
    assert sum(statuses.values()) == COUNT + 1
    assert statuses.get(InboundStatus.QUARANTINED, 0) >= COUNT // 2
    assert set(statuses) <= {InboundStatus.QUARANTINED, InboundStatus.PROCESSED}
    # Every well-formed message became its own question (and the last one too).
    expected = {raw.decode().split("\r\n\r\n")[1].strip() for raw in good}
    assert len(expected) == len(good)
    assert expected | {"Encore une question"} <= set(asked)
