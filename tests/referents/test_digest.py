"""The weekly digest: its content for a prepared territory and week, once per référent and ISO
week, the change since last week, newly overdue companies, unsubscribed addresses."""

import asyncio
from datetime import UTC, datetime

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlmodel import select

from egapro_assistant.config import Settings
from egapro_assistant.usecases.referent_digest import queue_weekly_digests
from mail import templates
from scheduler import digest as digest_job
from store import companies, declarations, email_standing, referents
from store.clock import FixedClock
from store.database import Database
from store.referents import Territory
from store.tables.outbox import OutboxMessage
from tests.referents.territory import prepare

# Campaign 2027: deadline Monday 1 March 2027; companies are late from 2 March.
MONDAY_1_MARCH = datetime(2027, 3, 1, 7, 0, tzinfo=UTC)  # 08:00 in Paris, week 2027-W09
MONDAY_8_MARCH = datetime(2027, 3, 8, 7, 0, tzinfo=UTC)  # week 2027-W10
MONDAY_15_MARCH = datetime(2027, 3, 15, 7, 0, tzinfo=UTC)  # week 2027-W11


async def _digests(database) -> list[OutboxMessage]:
    async with database.session() as session:
        rows = await session.exec(
            select(OutboxMessage)
            .where(OutboxMessage.kind == "referent_digest")
            .order_by(OutboxMessage.id)
        )
        return list(rows.all())


def _text(row: OutboxMessage) -> str:
    extra = {"unsubscribe_url": "https://assistant.test/unsubscribe/t"}
    rendered = templates.render(row.kind, row.payload["params"], "fr", reminder=True, extra=extra)
    return rendered.subject + "\n" + rendered.text


async def test_the_digest_of_a_territory_week_by_week(db):
    calendar = Settings(_env_file=None).calendar
    ids = await prepare(db, year=2027)
    clock = FixedClock(MONDAY_1_MARCH)
    url = "https://assistant.test"

    assert await queue_weekly_digests(db, calendar, url, clock=clock) == 2
    assert await queue_weekly_digests(db, calendar, url, clock=clock) == 0  # once a week
    first = {row.recipient: row for row in await _digests(db)}
    alice = first["alice@dreets.gouv.fr"]
    assert alice.dedup_key.endswith(":2027-W09")
    assert alice.priority == 10 and alice.payload["reminder"] is True
    text = _text(alice)
    assert "Votre territoire cette semaine (2027-W09) – campagne 2027" in text
    assert "Non commencées : 3\n" in text  # no previous week: no change shown
    assert "Déclarées sur la plateforme officielle : 1\n" in text
    assert "En retard (index non déclaré après la date limite) : 0" in text
    assert "Aucune entreprise nouvellement en retard cette semaine." in text
    assert "Questions reçues par email en attente de réponse : 1" in text
    assert "https://assistant.test/referents" in text
    assert "Ne plus recevoir ce récapitulatif" in text
    assert "Non commencées : 1\n" in _text(first["bruno@dreets.gouv.fr"])

    # During the week one company of Gironde declares elsewhere, and the deadline passes.
    from tests.referents.territory import BORDEAUX, FORMULA, SCRIPT

    async with db.session() as session:
        await declarations.record_official_platform(session, BORDEAUX, 2026, source="telegram")
        await email_standing.unsubscribe(session, "bruno@dreets.gouv.fr")
    clock.set(MONDAY_8_MARCH)
    assert await queue_weekly_digests(db, calendar, url, clock=clock) == 1  # Bruno unsubscribed
    second = (await _digests(db))[-1]
    assert second.recipient == "alice@dreets.gouv.fr"
    text = _text(second)
    assert "Non commencées : 2 (-1)" in text
    assert "Déclarées sur la plateforme officielle : 2 (+1)" in text
    assert "En cours : 0 (=)" in text
    assert "En retard (index non déclaré après la date limite) : 2" in text
    assert "Nouvellement en retard cette semaine : 2" in text
    assert f"{SCRIPT} <script>alert(1)</script> SA" in text
    assert f"{FORMULA} =HYPERLINK" in text
    assert "Questions reçues par email en attente de réponse : 1" in text
    assert ids  # the questions of the territory exist

    # The week after: still late, but no longer newly overdue.
    clock.set(MONDAY_15_MARCH)
    assert await queue_weekly_digests(db, calendar, url, clock=clock) == 1
    text = _text((await _digests(db))[-1])
    assert "En retard (index non déclaré après la date limite) : 2" in text
    assert "Aucune entreprise nouvellement en retard cette semaine." in text
    assert "Non commencées : 2 (=)" in text


async def test_two_instances_running_the_digest_at_once_write_each_digest_once(db):
    """Every instance runs the Monday job: each référent still gets one digest a week."""
    calendar = Settings(_env_file=None).calendar
    await prepare(db, year=2027)
    other = Database(
        db.url, schema=getattr(db, "test_schema", None)
    )  # another process's pool on the same database
    try:
        runs = [
            queue_weekly_digests(database, calendar, "https://assistant.test", clock=clock)
            for database in (db, other, db, other)
            for clock in [FixedClock(MONDAY_1_MARCH)]
        ]
        assert sum(await asyncio.gather(*runs)) == 2
    finally:
        await other.dispose()
    digests = await _digests(db)
    assert sorted(row.recipient for row in digests) == [
        "alice@dreets.gouv.fr",
        "bruno@dreets.gouv.fr",
    ]


async def test_a_referent_without_departement_gets_no_digest(sqlite_db):
    async with sqlite_db.session() as session:
        await referents.upsert(session, "vide@dreets.gouv.fr", "Vide", [])
        await referents.upsert(
            session, "x@dreets.gouv.fr", "X", [Territory("75", "Île-de-France", False)]
        )
        await companies.upsert(session, "552100554", name="Paris SA", departement="75")
    calendar = Settings(_env_file=None).calendar
    clock = FixedClock(MONDAY_1_MARCH)
    assert await queue_weekly_digests(sqlite_db, calendar, "http://x", clock=clock) == 1
    assert [row.recipient for row in await _digests(sqlite_db)] == ["x@dreets.gouv.fr"]


@pytest.mark.parametrize(
    ("moment", "due"),
    [
        (datetime(2027, 3, 1, 6, 59, tzinfo=UTC), False),  # Monday 07:59 in Paris
        (datetime(2027, 3, 1, 7, 0, tzinfo=UTC), True),
        (datetime(2027, 3, 7, 22, 0, tzinfo=UTC), True),  # Sunday 23:00
    ],
)
def test_the_job_catches_up_a_missed_monday(moment, due):
    assert digest_job.due_this_week(moment) is due


async def test_the_job_runs_on_mondays_at_eight_in_paris(sqlite_db):
    scheduler = AsyncIOScheduler(timezone=digest_job.PARIS)
    settings = Settings(_env_file=None)
    digest_job.add_job(scheduler, sqlite_db, settings, clock=FixedClock(MONDAY_1_MARCH))
    scheduler.start(paused=True)
    try:
        job = scheduler.get_job(digest_job.JOB_ID)
        after = datetime(2027, 3, 2, 12, 0, tzinfo=digest_job.PARIS)
        following = job.trigger.get_next_fire_time(None, after)
        assert (following.weekday(), following.hour, following.minute) == (0, 8, 0)
        assert following.date().isoformat() == "2027-03-08"
        assert scheduler.get_job(f"{digest_job.JOB_ID}:catch-up") is not None
    finally:
        scheduler.shutdown(wait=False)
