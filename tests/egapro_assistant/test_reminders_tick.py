"""The reminder tick against the store (SQLite and PostgreSQL), the operator's preview and history,
/rappels' switch, and the sender's window."""

import asyncio
import json
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from egapro_assistant.cli import main
from egapro_assistant.send_window import SendWindow
from egapro_assistant.sender import Delivery, OutboxSender
from egapro_assistant.usecases import reminders
from egapro_assistant.usecases.reminder_rules import ReminderPolicy
from store import companies, declarants, email_standing, links, outbox, telegram_users
from store import reminders as reminder_store
from store.campaigns import CampaignCalendar
from store.clock import FixedClock
from store.database import Database
from store.tables.companies import CompanyIndexHistory
from store.tables.outbox import OutboxMessage, OutboxStatus

POLICY = ReminderPolicy(calendar=CampaignCalendar.load())
WINDOW = SendWindow()
ACME, BETA = "552100554", "732829320"
# Monday 15 February 2027 (J−14), 00:05 Paris; the previous tick on Sunday evening.
MONDAY = datetime(2027, 2, 14, 23, 5, tzinfo=UTC)
SUNDAY = datetime(2027, 2, 14, 20, 0, tzinfo=UTC)
OPENING = datetime(2027, 2, 15, 8, 0, tzinfo=UTC)  # 09:00 Paris


async def populate(database) -> None:
    async with database.session() as session:
        for siren in (ACME, BETA):
            await companies.upsert(
                session, siren, name=f"Société {siren}", workforce_range="50:250"
            )
            session.add(CompanyIndexHistory(siren=siren, year=2025, index=90))
        await declarants.add(session, ACME, "rh@acme.fr")
        await declarants.add(session, ACME, "paie@acme.fr")
        await declarants.add(session, BETA, "rh@beta.fr")
        await email_standing.unsubscribe(session, "paie@acme.fr")
        for user_id in (7, 8, 9):
            await telegram_users.touch(
                session, user_id=user_id, chat_id=user_id, first_name="U", telegram_language="fr"
            )
            await links.link(session, telegram_user_id=user_id, siren=ACME, email="rh@acme.fr")
        await telegram_users.mark_blocked(session, 8)
        await reminder_store.record_run(session, reminders.JOB, SUNDAY)
    await reminders.set_telegram_reminders(database, 9, on=False)


async def all_rows(database) -> list[OutboxMessage]:
    async with database.session() as session:
        return list((await session.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all())


async def tick(database, at: datetime):
    return await reminders.tick(database, policy=POLICY, window=WINDOW, clock=FixedClock(at))


def summary(found) -> set[tuple]:
    return {(r.siren, r.channel, r.recipient, r.payload["params"]["step"], r.status) for r in found}


async def test_a_tick_writes_each_step_once_to_each_recipient(db):
    await populate(db)
    preview = await reminders.preview(db, at=MONDAY, policy=POLICY, window=WINDOW)
    assert await all_rows(db) == []  # the preview writes nothing
    # Two processes ticking at once, then again a little later: each message once.
    await asyncio.gather(tick(db, MONDAY), tick(db, MONDAY))
    result = await tick(db, MONDAY + timedelta(minutes=5))
    assert result.queued == 0
    found = await all_rows(db)
    expected = {
        # User 8 blocked the bot and user 9 turned reminders off: user 7 only; paie@ is
        # unsubscribed.
        (ACME, "telegram", "7", "j-14", OutboxStatus.PENDING),
        (ACME, "email", "rh@acme.fr", "j-14", OutboxStatus.PENDING),
        (BETA, "email", "rh@beta.fr", "j-14", OutboxStatus.PENDING),
    }
    assert summary(found) == expected
    assert {(m.siren, m.channel, m.recipient, m.step, m.status) for m in preview} == expected
    assert len(found) == 3
    for row in found:
        assert row.priority == outbox.PRIORITY_BULK
        assert row.next_attempt_at == OPENING  # waits for the window
        assert row.topic == "reminders:2027:index"
        assert row.payload["params"]["days"] == 14
        assert row.payload["params"]["campaign_year"] == 2027
    telegram = next(row for row in found if row.channel == "telegram")
    assert telegram.payload["fallback_emails"] == ["rh@acme.fr"]


async def test_a_declaration_cancels_what_waits_and_stops_what_follows(db):
    await populate(db)
    await tick(db, MONDAY)
    async with db.session() as session:
        cancelled = await reminders.cancel_campaign_reminders(
            session, campaign_year=2027, siren=ACME
        )
        await declarants_declared_elsewhere(session, ACME)
    assert cancelled == 2
    # J−7: BETA only.
    await tick(db, datetime(2027, 2, 21, 23, 5, tzinfo=UTC))
    found = [row for row in await all_rows(db) if row.payload["params"]["step"] == "j-7"]
    assert {row.siren for row in found} == {BETA}


async def declarants_declared_elsewhere(session, siren: str) -> None:
    from store import declarations

    await declarations.record_official_platform(
        session, siren, 2026, index=None, source="telegram", now=MONDAY
    )


async def test_after_downtime_one_message_and_the_skipped_steps_kept(db):
    await populate(db)
    # Down from Sunday 14 to Tuesday 23 February: J−14 and J−7 became due meanwhile.
    await tick(db, datetime(2027, 2, 22, 23, 30, tzinfo=UTC))
    found = summary(await all_rows(db))
    assert (BETA, "email", "rh@beta.fr", "j-7", OutboxStatus.PENDING) in found
    assert (BETA, "email", "rh@beta.fr", "j-14", OutboxStatus.SKIPPED) in found
    assert len([row for row in found if row[4] == OutboxStatus.PENDING]) == 3


async def test_the_sender_holds_bulk_rows_outside_the_window_never_what_people_wait_for(
    sqlite_db,
):
    clock = FixedClock(datetime(2027, 2, 13, 11, tzinfo=UTC))  # Saturday noon
    sent: list[str] = []

    class Transport:
        async def deliver(self, message):
            sent.append(message.dedup_key)
            return Delivery.sent()

    async with sqlite_db.session() as session:
        for key, priority in (("bulk", outbox.PRIORITY_BULK), ("person", outbox.PRIORITY_PERSON)):
            await outbox.enqueue(
                session,
                channel="email",
                recipient="rh@acme.fr",
                dedup_key=key,
                kind="notice",
                payload={},
                priority=priority,
                clock=clock,
            )
    sender = OutboxSender(
        sqlite_db, email_transport=Transport(), worker_id="w", clock=clock, window=WINDOW
    )
    await sender.run_once()
    assert sent == ["person"]
    clock.set(datetime(2027, 2, 15, 8, 1, tzinfo=UTC))  # Monday 09:01 Paris
    await sender.run_once()
    assert sent == ["person", "bulk"]


async def test_the_operator_commands(tmp_path, monkeypatch, capsys):
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("EGAPRO_DATABASE_URL", url)
    database = Database(url)
    try:
        from store.migrate import upgrade_async

        await upgrade_async(database)
        await populate(database)
    finally:
        await database.dispose()

    def run(*argv) -> tuple[int, str]:
        try:
            main(list(argv))
        except SystemExit as exit_:
            code = exit_.code
        return code, capsys.readouterr()

    code, output = await asyncio.to_thread(
        run, "reminders", "preview", "--at", "2027-02-15T10:00", "--json"
    )
    assert code == 0, output.err
    lines = [json.loads(line) for line in output.out.splitlines()]
    assert {
        (x["siren"], x["campaign"], x["step"], x["channel"], x["recipient"]) for x in lines
    } == {
        (ACME, 2027, "j-14", "telegram", "7"),
        (ACME, 2027, "j-14", "email", "rh@acme.fr"),
        (BETA, 2027, "j-14", "email", "rh@beta.fr"),
    }
    code, output = await asyncio.to_thread(run, "reminders", "preview", "--at", "demain")
    assert code == 2 and "--at" in output.err
    code, output = await asyncio.to_thread(run, "reminders", "preview", "--at", "2027-02-15T10:00")
    assert code == 0 and "rh@beta.fr" in output.out and "j-14" in output.out

    database = Database(url)
    try:
        await tick(database, MONDAY)
    finally:
        await database.dispose()
    code, output = await asyncio.to_thread(run, "reminders", "history", "--siren", ACME, "--json")
    history = [json.loads(line) for line in output.out.splitlines()]
    assert {(x["step"], x["channel"], x["recipient"], x["status"]) for x in history} == {
        ("j-14", "telegram", "7", "pending"),
        ("j-14", "email", "rh@acme.fr", "pending"),
    }
    code, output = await asyncio.to_thread(run, "reminders", "history", "--siren", ACME)
    assert "en attente" in output.out and "rh@acme.fr" in output.out
