"""/status and the facts it reads: work started is stored as "in progress" for its campaign."""

import pytest
from sqlmodel import select

from bot.outbox_render import render
from bot.texts import text
from egapro_assistant.usecases.campaigns import current_campaign, paris_today
from reports.formatting import format_date
from store.tables.campaigns import CampaignProgress
from tests.bot.test_declare import (
    OTHER_SIREN,
    RESULTS,
    RESULTS_14,
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


async def test_status_shows_the_deadline_the_standing_and_what_to_do_next(sqlite_db, telegram):
    await linked(sqlite_db, 6004, "rh@acme.fr", band="50:250")
    user = telegram.user(6004)
    await user.send_command("/start")
    await user.next_message()
    await user.press(RESULTS)  # starting a computation: in progress
    await user.next_message()
    await user.send_command("/status")
    shown = (await user.next_message()).text
    campaign = current_campaign()
    days = (campaign.index_deadline - paris_today()).days
    deadline = format_date(campaign.index_deadline, "fr")
    params = {"year": campaign.year, "data_year": campaign.data_year, "deadline": deadline}
    if days > 0:
        expected = text("status.campaign.days_left", days=days, **params)
    elif days == 0:
        expected = text("status.campaign.today", **params)
    else:
        expected = text("status.campaign.late", days=-days, **params)
    assert expected in shown
    assert text("status.index.in_progress", year=campaign.data_year) in shown
    what = text("status.next.declare", year=campaign.data_year)
    assert text("status.next", what=what) in shown


async def test_status_shows_measures_and_objectives_due_after_a_low_index(sqlite_db, telegram):
    await linked(sqlite_db, 6005, "rh@acme.fr", band="50:250")
    user = telegram.user(6005)
    await compute_results(user, RESULTS_14)
    await declare_from_status(user, measures="mmo")
    await user.send_command("/status")
    shown = (await user.next_message()).text
    assert text("status.measures_required") in shown
    what = text("status.next.objectives", year=YEAR)
    assert text("status.next", what=what) in shown
