"""A whole campaign, 1 January to 31 March 2027, simulated day by day with the injected clock: the
reminder tick and the one sender, a real SMTP server (aiosmtpd) and the fake Bot API server, on a
mixed population. Each company gets exactly the expected reminders, on the expected days and
channels; none after it declares, none outside the sending window or on a public holiday; a
week of downtime in February is caught up by one message per company.
"""

import re
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlmodel import select
from stdnum import luhn

from bot import outbox_render
from bot.delivery import TelegramTransport
from egapro_assistant.send_window import PARIS, SendWindow
from egapro_assistant.sender import OutboxSender, Pacer
from egapro_assistant.usecases import reminders
from egapro_assistant.usecases.declared_elsewhere import record_declared_elsewhere
from egapro_assistant.usecases.reminder_rules import ReminderPolicy
from mail.email_transport import EmailTransport
from store import campaign_progress, companies, declarants, email_standing, links, telegram_users
from store import reminders as reminder_store
from store.campaigns import CampaignCalendar
from store.clock import FixedClock
from store.tables.companies import CompanyIndexHistory
from store.tables.declarations import IndexDeclaration, RepresentationDeclaration
from store.tables.outbox import OutboxMessage, OutboxStatus
from tests.mail.smtp_server import SmtpCapture, mail_settings


def siren(n: int) -> str:
    base = f"{n:08d}"
    return base + luhn.calc_check_digit(base)


A, B, C, D, E, F, G, H, K, L = (siren(n) for n in range(10000001, 10000011))
USERS = {A: 101, C: 103, D: 104, F: 106}  # Telegram user (= chat) linked to the company
EMAILS = {
    A: ["a@a.fr"],
    B: ["b@b.fr"],
    C: ["c@c.fr"],
    D: ["d@d.fr"],
    E: ["e@e.fr"],
    F: ["f@f.fr"],
    G: ["g1@g.fr", "g2@g.fr"],
    H: ["h@h.fr"],
    K: ["k@k.fr"],
    L: ["l@l.fr"],
}
BANDS = {A: "50:250", B: "251:999", C: "50:250", D: "50:250", E: "50:250", F: "50:250"}
BANDS |= {G: "50:250", H: None, K: None, L: "1000:"}

DOWN_FROM, DOWN_UNTIL = date(2027, 2, 14), date(2027, 2, 22)  # a week (and a day) down
SLOTS = (time(0, 5), time(9, 5), time(12, 0), time(18, 30))


def paris(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=PARIS).astimezone(UTC)


def d(text: str) -> date:
    return date.fromisoformat(text)


# The index schedule of 2027 (deadline Monday 1 March), as sent: J−30 (Saturday 30 January)
# waits for Monday; the week down swallows J−14 (15 February) and J−7 (22 February): one
# message, J−7, on Tuesday 23 February; J−2 (Saturday 27 February) waits for Monday 1 March.
INDEX_SENT = [
    ("opening", d("2027-01-15")),
    ("j-30", d("2027-02-01")),
    ("j-7", d("2027-02-23")),
    ("j-2", d("2027-03-01")),
    ("j+1", d("2027-03-02")),
]


def expected() -> dict[tuple[str, str], list[tuple[str, str, date]]]:
    """(siren, recipient) → [(subject, step, day sent)]."""
    index = [("index", step, day) for step, day in INDEX_SENT]
    out = {
        (A, "a@a.fr"): index,
        (A, "tg:101"): index,
        (B, "b@b.fr"): index,
        # Declares here on Wednesday 10 February: nothing after.
        (C, "c@c.fr"): index[:2],
        (C, "tg:103"): index[:2],
        # "J'ai déjà déclaré" on Saturday 30 January, while J−30 waits for Monday: cancelled.
        (D, "d@d.fr"): index[:1],
        (D, "tg:104"): index[:1],
        # Index 70 declared here on Friday 5 February at 10:00: objectives at once, J+7 and J+30
        # (Sunday 7 March: Monday); modified on Easter Monday 29 March: afresh, on Tuesday.
        (E, "e@e.fr"): [
            *index[:2],
            ("objectives", "j+0", d("2027-02-05")),
            ("objectives", "j+7", d("2027-02-12")),
            ("objectives", "j+30", d("2027-03-08")),
            ("objectives", "j+0", d("2027-03-30")),
        ],
        # Blocked the bot: the email only, once per step (the fallback is the same message).
        (F, "f@f.fr"): index,
        # g1 unsubscribed: g2 only.
        (G, "g2@g.fr"): index,
        # 1000+, index declared here: the représentation équilibrée, on the same days.
        (L, "l@l.fr"): [("representation", step, day) for step, day in INDEX_SENT],
    }
    return out


async def _no_wait(seconds: float) -> None:
    return None


class Campaign:
    def __init__(self, database, telegram, smtp) -> None:
        self.database = database
        self.telegram = telegram
        self.smtp = smtp
        self.clock = FixedClock(paris(d("2027-01-01"), time(0)))
        self.settings = mail_settings(smtp.port)
        self.calendar = CampaignCalendar.load()
        self.policy = ReminderPolicy(calendar=self.calendar)
        self.window = SendWindow()
        self.received: list[tuple[str, str, datetime]] = []  # (recipient, body, at)
        self._smtp_seen = 0
        self._telegram_seen: dict[int, int] = defaultdict(int)

    async def populate(self) -> None:
        async with self.database.session() as session:
            for company, band in BANDS.items():
                await companies.upsert(
                    session, company, name=f"Société {company[-3:]}", workforce_range=band
                )
                for email in EMAILS[company]:
                    await declarants.add(session, company, email)
                # Last campaign's index is in the official open data: 2026 owes nothing.
                session.add(CompanyIndexHistory(siren=company, year=2025, index=90))
            for company, user in USERS.items():
                await telegram_users.touch(
                    session, user_id=user, chat_id=user, first_name="U", telegram_language="fr"
                )
                await links.link(
                    session, telegram_user_id=user, siren=company, email=EMAILS[company][0]
                )
            await campaign_progress.record_started(
                session, siren=B, campaign_year=2027, started_by="compute", now=self.clock.now()
            )
            await email_standing.unsubscribe(session, "g1@g.fr")
            declared = paris(d("2027-01-05"), time(10))
            session.add(IndexDeclaration(siren=L, year=2026, index=95, first_submitted_at=declared))
            session.add(RepresentationDeclaration(siren=L, year=2025, first_submitted_at=declared))
        for user in USERS.values():
            self.telegram.user(user)
        self.telegram.block(USERS[F])

    def sender(self) -> OutboxSender:
        bot = self.bot
        return OutboxSender(
            self.database,
            email_transport=EmailTransport(self.database, self.settings),
            telegram_transport=TelegramTransport(bot, self.database, render=outbox_render.render),
            worker_id="campaign",
            clock=self.clock,
            # Telegram's pacing on the simulated time (one message per chat per second).
            pacer=Pacer(clock=lambda: self.clock.now().timestamp(), sleep=_no_wait),
            window=self.window,
            batch_size=50,
        )

    async def run_slot(self, sender: OutboxSender) -> None:
        await reminders.tick(
            self.database, policy=self.policy, window=self.window, clock=self.clock
        )
        while await sender.run_once():
            pass
        now = self.clock.now()
        for received in self.smtp.received[self._smtp_seen :]:
            self.received.append((received.recipients[0], received.message, now))
        self._smtp_seen = len(self.smtp.received)
        for user_id in self.users():
            messages = self.telegram.user(user_id).messages
            for message in messages[self._telegram_seen[user_id] :]:
                self.received.append((f"tg:{user_id}", message, now))
            self._telegram_seen[user_id] = len(messages)

    def users(self):
        return USERS.values()

    async def events(self, moment: datetime) -> None:
        """What people do, at their moment (checked before each slot)."""
        for at, action in list(self.pending_events):
            if at <= moment:
                self.pending_events.remove((at, action))
                self.clock.set(at)
                await action()

    async def declare_here(self, company: str, index: int, objectives: str) -> None:
        async with self.database.session() as session:
            session.add(
                IndexDeclaration(
                    siren=company,
                    year=2026,
                    index=index,
                    objectives_status=objectives,
                    first_submitted_at=self.clock.now(),
                )
            )
            # As the declaration use case does once saved.
            for subject in ("index", "objectives"):
                await reminders.cancel_campaign_reminders(
                    session, campaign_year=2027, siren=company, subject=subject
                )

    async def modify_here(self, company: str, index: int) -> None:
        async with self.database.session() as session:
            row = (
                await session.exec(
                    select(IndexDeclaration).where(IndexDeclaration.siren == company)
                )
            ).one()
            row.index, row.modified_at, row.revision = index, self.clock.now(), row.revision + 1
            row.objectives_status = "to_fill"
            for subject in ("index", "objectives"):
                await reminders.cancel_campaign_reminders(
                    session, campaign_year=2027, siren=company, subject=subject
                )

    async def run(self) -> None:
        self.pending_events = [
            (paris(d("2027-01-30"), time(11)), self._d_says_declared),
            (paris(d("2027-02-05"), time(10)), lambda: self.declare_here(E, 70, "to_fill")),
            (paris(d("2027-02-10"), time(10)), lambda: self.declare_here(C, 90, "not_applicable")),
            (paris(d("2027-03-29"), time(10)), lambda: self.modify_here(E, 72)),
        ]
        sender = self.sender()
        day = d("2027-01-01")
        try:
            while day <= d("2027-03-31"):
                for slot in SLOTS:
                    moment = paris(day, slot)
                    await self.events(moment)
                    self.clock.set(moment)
                    if DOWN_FROM <= day <= DOWN_UNTIL:
                        continue
                    await self.run_slot(sender)
                day += timedelta(days=1)
        finally:
            await sender.close()

    async def _d_says_declared(self) -> None:
        await record_declared_elsewhere(
            self.database,
            siren=D,
            campaign_year=2027,
            source="telegram",
            telegram_user_id=USERS[D],
            clock=self.clock,
        )


@pytest.fixture
async def smtp():
    capture = SmtpCapture()
    await capture.start()
    yield capture
    await capture.stop()


def _outbox_id(message) -> int:
    return int(re.search(r"\.o(\d+)@", message["Message-ID"]).group(1))


async def run_campaign(campaign: "Campaign") -> dict[int, OutboxMessage]:
    """Populate and run the simulated ``campaign``; the reminder rows it wrote, by id."""
    campaign.bot = campaign.telegram.make_bot()
    try:
        await campaign.populate()
        await campaign.run()
    finally:
        await campaign.bot.session.close()
    async with campaign.database.session() as session:
        return {
            row.id: row
            for row in (await session.exec(select(OutboxMessage))).all()
            if row.kind.startswith("reminder")
        }


async def test_a_whole_campaign_day_by_day(db, telegram, smtp):
    campaign = Campaign(db, telegram, smtp)
    rows = await run_campaign(campaign)
    by_key = {(row.channel, row.recipient, row.payload["step"]): row for row in rows.values()}

    got: dict[tuple[str, str], list[tuple[str, str, date]]] = defaultdict(list)
    for recipient, message, at in campaign.received:
        # Never outside the window, never on a day off or a public holiday.
        assert campaign.window.is_open(at), (recipient, at)
        day = at.astimezone(PARIS).date()
        if recipient.startswith("tg:"):
            if "Rappel" not in message.text and "retard" not in message.text:
                continue  # the notice of "declared elsewhere", not a reminder
            candidates = [
                row
                for (channel, chat, _), row in by_key.items()
                if channel == "telegram"
                and chat == recipient[3:]
                and row.status == OutboxStatus.SENT
                and row.sent_at == at
            ]
            assert len(candidates) == 1, (recipient, at, message.text)
            row = candidates[0]
        else:
            row = rows[_outbox_id(message)]
            assert message["Auto-Submitted"] == "auto-generated"
            assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        params = row.payload["params"]
        step = params["step"].split(":")[-1]
        got[(params["siren"], recipient)].append((params["about"], step, day))
        if params["about"] == "index" and not recipient.startswith("tg:"):
            text = message.get_body(("plain",)).get_content()
            assert "FAIT" in text and "/declared/" in text
            assert f"SIREN {params['siren']}" in text

    assert dict(got) == expected()
    # Each catch-up left the earlier steps skipped, never sent later.
    skipped = {
        (row.siren, row.payload["params"]["step"])
        for row in rows.values()
        if row.status == OutboxStatus.SKIPPED
    }
    assert (A, "j-14") in skipped and (L, "j-14") in skipped
    # D's J−30 was queued, then cancelled by "J'ai déjà déclaré".
    cancelled = {
        (row.siren, row.payload["params"]["step"])
        for row in rows.values()
        if row.status == OutboxStatus.CANCELLED
    }
    assert (D, "j-30") in cancelled
    # Not subject: nothing ever written.
    assert not [row for row in rows.values() if row.siren in (H, K)]


# -- objectives due in one campaign, carried across the next one's opening ---------------------

P, Q, R = (siren(n) for n in range(10000021, 10000024))
CARRIED_USERS = {P: 201}
CARRIED_EMAILS = {P: "p@p.fr", Q: "q@q.fr", R: "r@r.fr"}
# Index 78 declared here for 2026 on Friday 5 February 2027 at 10:00, objectives never filled.
DUE_SINCE = paris(d("2027-02-05"), time(10))
# The 2028 campaign (data year 2027, deadline Wednesday 1 March 2028): opening on Saturday
# 15 January (Monday), J−30 (31 January), J−14 (16 February), J−7 (23 February), J−2
# (28 February), J+1 (2 March).
INDEX_2028 = [
    ("opening", d("2028-01-17")),
    ("j-30", d("2028-01-31")),
    ("j-14", d("2028-02-16")),
    ("j-7", d("2028-02-23")),
    ("j-2", d("2028-02-28")),
    ("j+1", d("2028-03-02")),
]


def carried_expected() -> dict[tuple[str, str], list[tuple[int, str, str, date]]]:
    """(siren, recipient) → [(campaign, subject, step, day sent)], 20 December 2027 to 10 March
    2028. The 2027 objectives go on monthly from 5 February 2027: M+11 on Wednesday 5 January,
    M+12 on Saturday 5 February (Monday 7), M+13 on Sunday 5 March (Monday 6)."""
    index = [(2028, "index", step, day) for step, day in INDEX_2028]
    objectives = [
        (2027, "objectives", "m+11", d("2028-01-05")),
        (2027, "objectives", "m+12", d("2028-02-07")),
        (2027, "objectives", "m+13", d("2028-03-06")),
    ]
    never_filled = sorted([*index, *objectives], key=lambda item: item[3])
    return {
        (P, "p@p.fr"): never_filled,
        (P, "tg:201"): never_filled,
        # Declares its 2027 index here (80) on Wednesday 16 February 2028 at 10:00: the J−14
        # waiting since midnight is cancelled, the 2027 objectives are replaced by the new
        # index's own (at once, J+7), nothing more of 2027.
        (Q, "q@q.fr"): [
            objectives[0],
            index[0],
            index[1],
            objectives[1],
            (2028, "objectives", "j+0", d("2028-02-16")),
            (2028, "objectives", "j+7", d("2028-02-23")),
        ],
        # Fills its 2027 objectives on Thursday 20 January 2028: they stop.
        (R, "r@r.fr"): sorted([*index, objectives[0]], key=lambda item: item[3]),
    }


class CarriedObjectives(Campaign):
    async def populate(self) -> None:
        self.clock.set(paris(d("2027-12-20"), time(0)))
        async with self.database.session() as session:
            for company, email in CARRIED_EMAILS.items():
                await companies.upsert(
                    session, company, name=f"Société {company[-3:]}", workforce_range="50:250"
                )
                await declarants.add(session, company, email)
                session.add(
                    IndexDeclaration(
                        siren=company,
                        year=2026,
                        index=78,
                        objectives_status="to_fill",
                        first_submitted_at=DUE_SINCE,
                    )
                )
                # The 2027 campaign's représentation équilibrée is not theirs (under 1000).
            for company, user in CARRIED_USERS.items():
                await telegram_users.touch(
                    session, user_id=user, chat_id=user, first_name="U", telegram_language="fr"
                )
                await links.link(
                    session, telegram_user_id=user, siren=company, email=CARRIED_EMAILS[company]
                )
            # The service ran until then: no catch-up of 2027's earlier steps.
            await reminder_store.record_run(session, reminders.JOB, self.clock.now())
        for user in CARRIED_USERS.values():
            self.telegram.user(user)

    def users(self):
        return CARRIED_USERS.values()

    async def declare_2027_index(self) -> None:
        async with self.database.session() as session:
            session.add(
                IndexDeclaration(
                    siren=Q,
                    year=2027,
                    index=80,
                    objectives_status="to_fill",
                    first_submitted_at=self.clock.now(),
                )
            )
            for subject in ("index", "objectives"):
                await reminders.cancel_campaign_reminders(
                    session, campaign_year=2028, siren=Q, subject=subject
                )
            await reminders.cancel_replaced_objectives(session, data_year=2027, siren=Q)

    async def fill_2026_objectives(self) -> None:
        async with self.database.session() as session:
            row = (
                await session.exec(
                    select(IndexDeclaration).where(
                        IndexDeclaration.siren == R, IndexDeclaration.year == 2026
                    )
                )
            ).one()
            row.objectives_status = "filled"
            session.add(row)
            # As the objectives use case does: the campaign of the declaration's year.
            await reminders.cancel_campaign_reminders(
                session, campaign_year=2027, siren=R, subject="objectives"
            )

    async def a_second_process(self) -> None:
        """Another process with no memory of any tick (its own job name): everything due now is
        planned again, and the outbox's keys keep it from being written twice."""
        await reminders.tick(
            self.database,
            policy=self.policy,
            window=self.window,
            clock=self.clock,
            job="reminders-elsewhere",
        )

    async def run(self) -> None:
        self.pending_events = [
            (paris(d("2028-01-20"), time(10)), self.fill_2026_objectives),
            (paris(d("2028-02-08"), time(11)), self.a_second_process),
            (paris(d("2028-02-16"), time(10)), self.declare_2027_index),
            (paris(d("2028-03-06"), time(11)), self.a_second_process),
        ]
        sender = self.sender()
        day = d("2027-12-20")
        try:
            while day <= d("2028-03-10"):
                for slot in (time(0, 5), time(12, 0)):
                    moment = paris(day, slot)
                    await self.events(moment)
                    self.clock.set(moment)
                    await self.run_slot(sender)
                day += timedelta(days=1)
        finally:
            await sender.close()


async def test_objectives_go_on_across_the_next_campaign_until_filled_or_replaced(
    db, telegram, smtp
):
    campaign = CarriedObjectives(db, telegram, smtp)
    rows = await run_campaign(campaign)
    got: dict[tuple[str, str], list[tuple[int, str, str, date]]] = defaultdict(list)
    for recipient, message, at in campaign.received:
        assert campaign.window.is_open(at), (recipient, at)
        day = at.astimezone(PARIS).date()
        if recipient.startswith("tg:"):
            row = next(
                row
                for row in rows.values()
                if row.channel == "telegram"
                and row.recipient == recipient[3:]
                and row.status == OutboxStatus.SENT
                and row.sent_at == at
            )
            body = message.text
        else:
            row = rows[_outbox_id(message)]
            body = message["Subject"] + "\n" + message.get_body(("plain",)).get_content()
        params = row.payload["params"]
        step = params["step"].split(":")[-1]
        got[(params["siren"], recipient)].append(
            (params["campaign_year"], params["about"], step, day)
        )
        if params["about"] == "objectives" and params["campaign_year"] == 2027:
            # The text names the index's year and its campaign, not the one now open.
            assert "Index 2026" in body and "(campagne 2027)" in body, body
            assert "2028" not in body.split("Pour ne plus")[0], body

    assert dict(got) == carried_expected()
    # Nothing written twice: one row per key, whatever the ticks and processes.
    keys = [row.dedup_key for row in rows.values()]
    assert len(keys) == len(set(keys))
