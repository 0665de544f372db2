"""Retention: each kind of personal data is purged after its setting, and only then."""

from datetime import timedelta

from sqlalchemy import update
from sqlmodel import select

from egapro_assistant import retention
from egapro_assistant.config import Settings
from store import inbound, telegram_updates
from store.clock import FixedClock
from store.tables.inbound import EmailQuestion, InboundMessage, InboundStatus
from store.types import utcnow


async def test_processed_mail_and_handled_updates_go_after_their_retention(db):
    settings = Settings(_env_file=None, inbound_retention_days=30)
    now = utcnow()
    ids = await inbound.store_received_many(
        db, [inbound.Received("rh@acme.fr", "r+x@y", b"mail", None) for _ in range(3)]
    )
    async with db.session() as session:
        session.add(EmailQuestion(email="rh@acme.fr", inbound_message_id=ids[0], text="Q ?"))
        await session.exec(
            update(InboundMessage)
            .where(InboundMessage.id.in_(ids[:2]))
            .values(status=InboundStatus.PROCESSED, processed_at=now - timedelta(days=31))
        )
    payload = {"update_id": 5, "message": {"chat": {"id": 1}}}
    await telegram_updates.store_received(db, payload)
    await telegram_updates.claim(db, "w")
    await telegram_updates.finish(db, 5, "w")
    counts = await retention.purge(db, settings, clock=FixedClock(now + timedelta(days=3)))
    assert counts["inbound"] == 2 and counts["telegram_updates"] == 1
    async with db.session() as session:
        rows = {row.id: row for row in (await session.exec(select(InboundMessage))).all()}
    assert set(rows) == {ids[0], ids[2]}  # the question's mail stays, emptied; the new one too
    assert (rows[ids[0]].raw, rows[ids[0]].envelope_from) == (b"", "")
    assert rows[ids[2]].raw == b"mail"
