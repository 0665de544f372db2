"""/status and the facts it reads: work started is stored as "in progress" for its campaign."""

import pytest
from sqlmodel import select

from bot.outbox_render import render
from egapro_assistant.usecases.campaigns import current_campaign
from store.tables.campaigns import CampaignProgress
from tests.bot.test_declare import (
    OTHER_SIREN,
    RESULTS,
    RESULTS_80,
    SIREN,
    YEAR,
    compute_results,
    declare_from_status,
    linked,
    wakes,  # noqa: F401  (fixture)
)

pytestmark = pytest.mark.usefixtures("wakes")


async def _progress(database) -> set[tuple[str, int, str, int | None]]:
    async with database.session() as session:
        rows = (await session.exec(select(CampaignProgress))).all()
    return {(r.siren, r.campaign_year, r.started_by, r.telegram_user_id) for r in rows}


async def test_starting_a_computation_marks_the_linked_companies_in_progress(sqlite_db, telegram):
    await linked(sqlite_db, 6001, "rh@acme.fr")
    await linked(sqlite_db, 6001, "rh@other.fr", siren=OTHER_SIREN)
    user = telegram.user(6001)
    await user.send_command("/start")
    await user.next_message()
    await user.press(RESULTS)
    await user.next_message()
    year = current_campaign().year
    assert await _progress(sqlite_db) == {
        (SIREN, year, "compute", 6001),
        (OTHER_SIREN, year, "compute", 6001),
    }


async def test_a_user_with_no_company_marks_nothing(sqlite_db, telegram):
    user = telegram.user(6002)
    await user.send_command("/start")
    await user.next_message()
    await user.press(RESULTS)
    await user.next_message()
    assert await _progress(sqlite_db) == set()


async def test_starting_a_declaration_marks_its_campaign(sqlite_db, telegram):
    await linked(sqlite_db, 6003, "rh@acme.fr")
    user = telegram.user(6003)
    await compute_results(user, RESULTS_80)
    # The computation marked the current campaign; only the declaration's campaign counts here.
    async with sqlite_db.session() as session:
        for row in (await session.exec(select(CampaignProgress))).all():
            await session.delete(row)
    await declare_from_status(user)
    assert await _progress(sqlite_db) == {(SIREN, YEAR + 1, "declaration", 6003)}


def test_the_declared_elsewhere_notice_renders():
    content = render(
        "declared_elsewhere",
        {"siren": SIREN, "year": 2026, "company_name": "Acme", "index": 88},
        "fr",
    )
    assert "Acme" in content.text and "88/100" in content.text and "2026" in content.text
