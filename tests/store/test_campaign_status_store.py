"""The stored facts behind the status, read in one query, on SQLite and PostgreSQL."""

from datetime import UTC, datetime

from store import campaign_progress, companies, declarations
from store.campaign_status import (
    IndexStatus,
    ObjectivesState,
    RepresentationStatus,
    objectives_due,
    standing,
    standings,
)
from store.campaigns import CampaignCalendar
from store.tables.companies import CompanyIndexHistory
from store.tables.declarations import IndexDeclaration, RepresentationDeclaration

CAMPAIGN = CampaignCalendar.load().campaign(2027)
AT = datetime(2027, 2, 1, tzinfo=UTC)

NOT_STARTED, STARTED, HERE, SAID, OPEN_DATA, SMALL, NOWHERE = (
    "552100554",
    "732829320",
    "542107651",
    "356000000",
    "443061841",
    "130005481",
    "404833048",
)


async def _fill(database) -> None:
    async with database.session() as session:
        for siren, band, departement in (
            (NOT_STARTED, "50:250", "75"),
            (STARTED, "251:999", "75"),
            (HERE, "1000:", "69"),
            (SAID, "50:250", "69"),
            (OPEN_DATA, None, "13"),
            (SMALL, None, "13"),
            (NOWHERE, "50:250", None),
        ):
            await companies.upsert(
                session,
                siren,
                name=f"Société {siren}",
                workforce_range=band,
                departement=departement,
            )
        await campaign_progress.record_started(
            session, siren=STARTED, campaign_year=2027, started_by="compute", now=AT
        )
        # Started for another campaign: not in progress in 2027.
        await campaign_progress.record_started(
            session, siren=NOT_STARTED, campaign_year=2026, started_by="declaration", now=AT
        )
        session.add(
            IndexDeclaration(
                siren=HERE,
                year=2026,
                index=70,
                objectives_status="to_fill",
                first_submitted_at=AT,
            )
        )
        session.add(RepresentationDeclaration(siren=HERE, year=2026, first_submitted_at=AT))
        session.add(IndexDeclaration(siren=HERE, year=2025, index=99, first_submitted_at=AT))
        await declarations.record_official_platform(
            session, SAID, 2026, index=88, source="email_reply", now=AT
        )
        session.add(
            CompanyIndexHistory(siren=OPEN_DATA, year=2026, index=91, workforce_range="50:250")
        )
        session.add(CompanyIndexHistory(siren=SMALL, year=2025, index=91))


async def test_standings_of_every_company(db):
    await _fill(db)
    async with db.session() as session:
        found = {s.siren: s for s in await standings(session, CAMPAIGN)}
    assert {siren: s.status for siren, s in found.items()} == {
        NOT_STARTED: IndexStatus.NOT_STARTED,
        STARTED: IndexStatus.IN_PROGRESS,
        HERE: IndexStatus.DECLARED,
        SAID: IndexStatus.DECLARED_ELSEWHERE,
        OPEN_DATA: IndexStatus.DECLARED_ELSEWHERE,
        SMALL: IndexStatus.NOT_SUBJECT,
        NOWHERE: IndexStatus.NOT_STARTED,
    }
    here = found[HERE]
    assert (here.index, here.measures_required, here.objectives) == (
        70,
        True,
        ObjectivesState.TO_FILL,
    )
    assert here.objectives_due_since == AT and here.declared_at == AT
    assert here.representation == RepresentationStatus.DECLARED
    assert (found[SAID].index, found[SAID].declared_at) == (88, AT)
    assert (found[OPEN_DATA].index, found[OPEN_DATA].band) == (91, "50:250")
    assert found[NOWHERE].departement is None
    assert found[STARTED].name == f"Société {STARTED}"


async def test_objectives_due_reads_only_the_companies_whose_objectives_are_due(db):
    await _fill(db)
    async with db.session() as session:
        session.add(  # filled: not due
            IndexDeclaration(
                siren=STARTED,
                year=2026,
                index=60,
                objectives_status="filled",
                first_submitted_at=AT,
            )
        )
        await declarations.record_official_platform(  # elsewhere: not declared here
            session, NOWHERE, 2026, index=60, source="email_reply", now=AT
        )
    async with db.session() as session:
        every = await standings(session, CAMPAIGN)
        due = await objectives_due(session, CAMPAIGN)
        earlier = await objectives_due(session, CampaignCalendar.load().campaign(2026))
    assert due == [s for s in every if s.objectives == ObjectivesState.TO_FILL]
    assert [s.siren for s in due] == [HERE]
    assert earlier == []


async def test_standings_filtered_by_departement_and_siren(db):
    await _fill(db)
    async with db.session() as session:
        in_69 = await standings(session, CAMPAIGN, departements=["69"])
        unknown = await standings(session, CAMPAIGN, departements=[None, "13"])
        chosen = await standings(session, CAMPAIGN, sirens=[STARTED, SAID, "999999999"])
        none = await standings(session, CAMPAIGN, sirens=[])
        one = await standing(session, HERE, CAMPAIGN)
        stranger = await standing(session, "999999999", CAMPAIGN)
        earlier = await standing(session, HERE, CampaignCalendar.load().campaign(2026))
    assert [s.siren for s in in_69] == sorted([HERE, SAID])
    assert [s.siren for s in unknown] == sorted([OPEN_DATA, SMALL, NOWHERE])
    assert [s.siren for s in chosen] == sorted([STARTED, SAID])
    assert none == []
    assert one.status == IndexStatus.DECLARED
    assert stranger.status == IndexStatus.NOT_SUBJECT
    assert (earlier.status, earlier.index, earlier.representation) == (
        IndexStatus.DECLARED,
        99,
        RepresentationStatus.TO_DECLARE,
    )


async def test_in_progress_keeps_the_first_start(db):
    async with db.session() as session:
        first = await campaign_progress.record_started(
            session, siren=STARTED, campaign_year=2027, started_by="compute", telegram_user_id=7
        )
        again = await campaign_progress.record_started(
            session, siren=STARTED, campaign_year=2027, started_by="declaration"
        )
    async with db.session() as session:
        found = await standing(session, STARTED, CAMPAIGN)
    assert (first, again) == (True, False)
    assert found.status == IndexStatus.NOT_SUBJECT  # created through Telegram, band unknown
