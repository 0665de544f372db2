"""The reminder rows written in one statement, on SQLite and PostgreSQL: stored as an insert of
each row would store them, in their order, a key already there (or twice in the rows) skipped."""

from datetime import UTC, datetime

from sqlmodel import select

from store import reminders
from store.tables.outbox import OutboxMessage

NOW = datetime(2027, 2, 15, 9, 30, tzinfo=UTC)
LATER = datetime(2027, 2, 15, 8, 0, 0, 123456, tzinfo=UTC)


def _row(key: str, *, siren: str | None = "552100554", status: str = "pending") -> dict:
    return {
        "channel": "email",
        "recipient": f"{key}@entreprise.test",
        "dedup_key": key,
        "kind": "reminder",
        "siren": siren,
        "payload": {"language": "fr", "params": {"étape": "j-14", "days": 14}, "reminder": True},
        "status": status,
        "priority": 10,
        "topic": None if siren is None else "reminders:2027:index",
        "attempts": 0,
        "next_attempt_at": LATER,
        "created_at": NOW,
    }


async def test_rows_written_once_in_their_order(db):
    async with db.session() as session:
        first = await reminders.write_rows(session, [_row("a"), _row("b", siren=None)])
    async with db.session() as session:
        again = await reminders.write_rows(
            session, [_row("c", status="skipped"), _row("a"), _row("d"), _row("c")]
        )
        none = await reminders.write_rows(session, [])
    async with db.session() as session:
        rows = (await session.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all()
    assert (first, again, none) == (2, 2, 0)
    assert [(r.dedup_key, r.status, r.siren, r.topic) for r in rows] == [
        ("a", "pending", "552100554", "reminders:2027:index"),
        ("b", "pending", None, None),
        ("c", "skipped", "552100554", "reminders:2027:index"),
        ("d", "pending", "552100554", "reminders:2027:index"),
    ]
    written = rows[0]
    assert written.payload == _row("a")["payload"]
    assert (written.next_attempt_at, written.created_at) == (LATER, NOW)
    assert (written.priority, written.attempts, written.recipient) == (10, 0, "a@entreprise.test")
    assert written.claimed_at is None and written.sent_at is None
