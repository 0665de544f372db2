"""Reminders when the channels misbehave: Telegram's 429 with retry_after, a user who blocked the
bot (403), a relay that refuses for an hour. Each reminder arrives once, late rather than twice."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot import outbox_render
from bot.delivery import TelegramTransport
from egapro_assistant.send_window import SendWindow
from egapro_assistant.sender import OutboxSender, Pacer
from egapro_assistant.usecases import reminders
from egapro_assistant.usecases.reminder_rules import ReminderPolicy
from mail.email_transport import EmailTransport
from store.campaigns import CampaignCalendar
from store.clock import FixedClock
from store.tables.outbox import OutboxMessage, OutboxStatus
from tests.egapro_assistant.reminder_population import FIRST_USER, email_of, populate
from tests.mail.smtp_server import SmtpCapture, mail_settings

NOW = datetime(2027, 2, 15, 9, 0, tzinfo=UTC)  # Monday 10:00 Paris: J−14 due, window open
COMPANIES, USERS = 6, 3


async def _no_wait(seconds: float) -> None:
    return None


@pytest.fixture
async def smtp():
    capture = SmtpCapture()
    await capture.start()
    yield capture
    await capture.stop()


async def campaign(database, telegram, smtp):
    await populate(database, COMPANIES, telegram_users=USERS, now=NOW)
    clock = FixedClock(NOW)
    await reminders.tick(
        database,
        policy=ReminderPolicy(CampaignCalendar.load()),
        window=SendWindow(),
        clock=clock,
    )
    bot = telegram.make_bot()
    sender = OutboxSender(
        database,
        email_transport=EmailTransport(database, mail_settings(smtp.port)),
        telegram_transport=TelegramTransport(bot, database, render=outbox_render.render),
        worker_id="w",
        clock=clock,
        window=SendWindow(),
        pacer=Pacer(clock=lambda: clock.now().timestamp(), sleep=_no_wait),
    )
    return clock, bot, sender


async def drain(sender) -> None:
    while await sender.run_once():
        pass


async def statuses(database) -> dict[tuple[str, str], str]:
    async with database.session() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
    return {(row.channel, row.recipient): row.status for row in rows}


async def test_429_then_403_each_reminder_once(sqlite_db, telegram, smtp):
    for number in range(USERS):
        telegram.user(FIRST_USER + number)
    telegram.rate_limit(FIRST_USER, retry_after=30)
    telegram.block(FIRST_USER + 1)
    clock, bot, sender = await campaign(sqlite_db, telegram, smtp)
    try:
        await drain(sender)
        assert telegram.user(FIRST_USER).messages == []  # 429: waits 30 s
        assert len(telegram.user(FIRST_USER + 2).messages) == 1  # the others go on
        clock.advance(timedelta(seconds=31))
        await drain(sender)
    finally:
        await sender.close()
        await bot.session.close()
    assert len(telegram.user(FIRST_USER).messages) == 1
    assert telegram.user(FIRST_USER + 1).messages == []
    # The blocked user's address already had the step's email: the fallback is that same email.
    received = [r.recipients[0] for r in smtp.received]
    assert sorted(received) == sorted(email_of(n) for n in range(COMPANIES))
    found = await statuses(sqlite_db)
    assert found[("telegram", str(FIRST_USER + 1))] == OutboxStatus.FAILED
    assert found[("telegram", str(FIRST_USER))] == OutboxStatus.SENT


async def test_a_relay_refusing_for_an_hour_delays_without_duplicates(sqlite_db, telegram, smtp):
    for number in range(USERS):
        telegram.user(FIRST_USER + number)
    for number in range(COMPANIES):
        smtp.handler.refusals[email_of(number)] = "451 4.3.0 try again later"
    clock, bot, sender = await campaign(sqlite_db, telegram, smtp)
    try:
        for _ in range(12):  # an hour, five minutes at a time
            await drain(sender)
            clock.advance(timedelta(minutes=5))
        assert smtp.received == []
        found = await statuses(sqlite_db)
        assert {found[("email", email_of(n))] for n in range(COMPANIES)} == {OutboxStatus.PENDING}
        smtp.handler.refusals.clear()
        clock.advance(timedelta(hours=1))  # past the longest backoff
        await drain(sender)
    finally:
        await sender.close()
        await bot.session.close()
    received = [r.recipients[0] for r in smtp.received]
    assert sorted(received) == sorted(email_of(n) for n in range(COMPANIES))
    assert all(len(telegram.user(FIRST_USER + n).messages) == 1 for n in range(USERS))
