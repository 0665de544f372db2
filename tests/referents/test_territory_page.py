"""The territory's page computed in SQL (counts grouped by what decides a status, the page sorted
and cut by the database) equals the same page computed from every company's standing."""

import random
from datetime import date

import pytest

from egapro_assistant.usecases.territory import (
    Filters,
    _territory_page_in_memory,
    territory_page,
)
from store import campaign_progress, companies, declarations
from store.campaigns import CampaignCalendar
from tests.store.import_files import valid_siren

CAMPAIGN = CampaignCalendar.load().campaign(2027)
LATE_DAY = date(2027, 3, 10)
BANDS = ["50:250", "251:999", "1000:", None]


async def _population(database) -> None:
    rng = random.Random(3)
    async with database.session() as session:
        for number in range(40):
            siren = valid_siren(40_000_000 + number)
            name = (
                None if number % 11 == 0 else rng.choice(["alpha", "Beta", "gamma"]) + f" {number}"
            )
            await companies.upsert(
                session,
                siren,
                name=name,
                departement=rng.choice(["33", "40", "64"]),
                workforce_range=rng.choice(BANDS),
            )
            draw = rng.random()
            if draw < 0.2:
                await declarations.record_official_platform(
                    session, siren, CAMPAIGN.data_year, index=rng.choice([None, 77])
                )
            elif draw < 0.35:
                await companies.record_index_history(
                    session, siren, CAMPAIGN.data_year, index=80, notes={}, workforce_range="1000:"
                )
            elif draw < 0.5:
                await campaign_progress.record_started(
                    session, siren=siren, campaign_year=CAMPAIGN.year, started_by="compute"
                )


FILTERS = [
    Filters(),
    Filters(sort="siren", descending=True, page=2),
    Filters(sort="departement", page=3),
    Filters(sort="band", descending=True),
    Filters(status="not_started", sort="name", page=2),
    Filters(status="declared_elsewhere", sort="siren"),
    Filters(status="not_subject"),
    Filters(status="in_progress", departement="40"),
    Filters(band="1000:", sort="departement"),
    Filters(search="alpha", sort="name", descending=True),
    Filters(search=valid_siren(40_000_001)[:7]),
    Filters(departement="75"),  # outside the scope: nothing
]


async def test_sql_page_equals_the_page_from_every_standing(db):
    await _population(db)
    scope = frozenset({"33", "40"})
    async with db.session() as session:
        for filters in FILTERS:
            fast = await territory_page(
                session, CAMPAIGN, scope, filters, today=LATE_DAY, page_size=7
            )
            slow = await _territory_page_in_memory(
                session, CAMPAIGN, scope, filters, today=LATE_DAY, page_size=7
            )
            assert fast.counts == slow.counts, filters
            assert (fast.total, fast.page, fast.pages, fast.late) == (
                slow.total,
                slow.page,
                slow.pages,
                slow.late,
            ), filters
            assert [r.standing for r in fast.rows] == [r.standing for r in slow.rows], filters
    assert sum(fast.counts.values()) == 0


@pytest.mark.parametrize("sort", ["status", "index"])
async def test_sorts_by_status_or_index_read_every_standing(sqlite_db, sort):
    await _population(sqlite_db)
    async with sqlite_db.session() as session:
        page = await territory_page(
            session, CAMPAIGN, {"33", "40", "64"}, Filters(sort=sort), today=LATE_DAY
        )
    assert page.total == 40
