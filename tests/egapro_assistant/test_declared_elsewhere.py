"""Recording "declared on the official platform": once, its reminders stopped, other users told."""

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from egapro_assistant.usecases.declared_elsewhere import record_declared_elsewhere
from egapro_assistant.usecases.reminders import reminder_topic
from store import companies, declarants, declarations, links, outbox, telegram_users
from store.campaign_status import IndexStatus, standing
from store.campaigns import CampaignCalendar
from store.clock import FixedClock
from store.declaration_rules import DeclarationError
from store.tables.declarations import IndexDeclaration
from store.tables.outbox import OutboxMessage, OutboxStatus

SIREN = "552100554"
OTHER_SIREN = "732829320"
CLOCK = FixedClock(datetime(2027, 2, 10, 9, tzinfo=UTC))
ACTOR, COLLEAGUE, BLOCKED = 101, 102, 103


async def _company_with_three_users(database) -> None:
    async with database.session() as session:
        await companies.upsert(session, SIREN, name="Acme", workforce_range="50:250")
        await declarants.add(session, SIREN, "rh@acme.fr")
        for user_id in (ACTOR, COLLEAGUE, BLOCKED):
            await telegram_users.touch(
                session,
                user_id=user_id,
                chat_id=user_id + 1000,
                first_name="U",
                telegram_language="fr",
            )
            await links.link(session, telegram_user_id=user_id, siren=SIREN, email="rh@acme.fr")
        await telegram_users.mark_blocked(session, BLOCKED)
        for siren, year in ((SIREN, 2027), (SIREN, 2026), (OTHER_SIREN, 2027)):
            await outbox.enqueue(
                session,
                channel="email",
                recipient="rh@acme.fr",
                dedup_key=f"reminder:{year}:{siren}:j-7:email:rh@acme.fr",
                kind="reminder",
                siren=siren,
                payload={},
                topic=reminder_topic(year),
            )


async def _outbox(database) -> dict[str, str]:
    async with database.session() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
    return {row.dedup_key: (row.status, row.recipient) for row in rows}


async def test_recorded_once_reminders_stopped_colleagues_told(db):
    await _company_with_three_users(db)
    first = await record_declared_elsewhere(
        db,
        siren=SIREN,
        campaign_year=2027,
        source="telegram",
        telegram_user_id=ACTOR,
        email="rh@acme.fr",
        clock=CLOCK,
    )
    again = await record_declared_elsewhere(
        db, siren=SIREN, campaign_year=2027, source="email_reply", index=82, clock=CLOCK
    )
    assert (first.recorded, first.index, first.reminders_cancelled, first.notified) == (
        True,
        None,
        1,
        1,
    )
    assert (again.recorded, again.index, again.notified) == (False, 82, 0)
    rows = await _outbox(db)
    assert rows["reminder:2027:552100554:j-7:email:rh@acme.fr"][0] == OutboxStatus.CANCELLED
    assert rows["reminder:2026:552100554:j-7:email:rh@acme.fr"][0] == OutboxStatus.PENDING
    assert rows["reminder:2027:732829320:j-7:email:rh@acme.fr"][0] == OutboxStatus.PENDING
    notices = {key: value for key, value in rows.items() if key.startswith("declared_elsewhere")}
    assert notices == {
        f"declared_elsewhere:2027:{SIREN}:{COLLEAGUE}": (
            OutboxStatus.PENDING,
            str(COLLEAGUE + 1000),
        )
    }
    async with db.session() as session:
        row = await declarations.get_index(session, SIREN, 2026)
        found = await standing(session, SIREN, CampaignCalendar.load().campaign(2027))
    assert (row.channel, row.elsewhere_source, row.index) == ("official_platform", "telegram", 82)
    assert row.first_submitted_at == CLOCK.now()
    assert (found.status, found.index, found.declared_at) == (
        IndexStatus.DECLARED_ELSEWHERE,
        82,
        CLOCK.now(),
    )


async def test_a_declaration_made_here_is_kept(db):
    async with db.session() as session:
        await companies.upsert(session, SIREN, workforce_range="50:250")
        await declarations.record_official_platform(session, SIREN, 2026, source="import")
    async with db.session() as session:
        row = await declarations.get_index(session, SIREN, 2026)
        row.channel = declarations.ASSISTANT
        row.index = 91
    result = await record_declared_elsewhere(
        db, siren=SIREN, campaign_year=2027, source="email_reply", index=40, clock=CLOCK
    )
    assert (result.recorded, result.declared_here, result.index) == (False, True, 91)


async def test_an_index_out_of_range_is_refused(db):
    with pytest.raises(DeclarationError) as refused:
        await record_declared_elsewhere(
            db, siren=SIREN, campaign_year=2027, source="import", index=101, clock=CLOCK
        )
    assert refused.value.code == "official_index_range"


async def test_an_unknown_source_is_refused(db):
    with pytest.raises(ValueError):
        await record_declared_elsewhere(db, siren=SIREN, campaign_year=2027, source="fax")


async def test_a_later_index_cancels_the_queued_reminders_of_objectives_it_replaces(db):
    """Objectives still due from the 2025 index are reminded into the 2027 campaign; declaring
    the 2026 index elsewhere replaces them: their queued reminders go too, not only the
    campaign's own. Another company's are not touched."""
    async with db.session() as session:
        await companies.upsert(session, SIREN, workforce_range="50:250")
        await companies.upsert(session, OTHER_SIREN, workforce_range="50:250")
        for siren, year, objectives in ((SIREN, 2025, "to_fill"), (OTHER_SIREN, 2025, "to_fill")):
            session.add(
                IndexDeclaration(
                    siren=siren,
                    year=year,
                    index=78,
                    objectives_status=objectives,
                    first_submitted_at=datetime(2026, 2, 1, tzinfo=UTC),
                )
            )
        for siren in (SIREN, OTHER_SIREN):
            await outbox.enqueue(
                session,
                channel="email",
                recipient="rh@acme.fr",
                dedup_key=f"reminder:2026:{siren}:objectives:m+12:email:rh@acme.fr",
                kind="reminder",
                siren=siren,
                payload={},
                topic=reminder_topic(2026, "objectives"),
            )
    result = await record_declared_elsewhere(
        db, siren=SIREN, campaign_year=2027, source="email_reply", clock=CLOCK
    )
    assert result.recorded and result.reminders_cancelled == 1
    rows = await _outbox(db)
    assert rows[f"reminder:2026:{SIREN}:objectives:m+12:email:rh@acme.fr"][0] == (
        OutboxStatus.CANCELLED
    )
    assert rows[f"reminder:2026:{OTHER_SIREN}:objectives:m+12:email:rh@acme.fr"][0] == (
        OutboxStatus.PENDING
    )
