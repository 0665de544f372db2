"""The four defects of a first-time user's path (issue 11), each through the fake Bot API:
a computed result lost by opening a menu, /start discarding a computation in silence, an edited
answer ignored, and a recorded declaration that reads like the legal filing."""

import pytest

from bot.app import build_dispatcher
from bot.compute.callbacks import StepChoice
from bot.texts import text
from egapro_assistant.config import Settings
from reports.formatting import format_date
from tests.bot.test_compute_steps import STEPS, fsm_data
from tests.bot.test_declare import (
    DECLARE_MENU,
    RESULTS_80,
    YEAR,
    compute_results,
    declare_from_status,
    linked,
)
from tests.e2e.flow import COMPANIES
from tests.fakes import running_bot

SETTINGS = Settings(_env_file=None, public_base_url="https://assistant.test")


@pytest.fixture
async def bot(sqlite_db, telegram):
    dispatcher = build_dispatcher(sqlite_db, settings=SETTINGS, notify_outbox=lambda: None)
    async with running_bot(dispatcher, telegram):
        yield


async def test_opening_my_companies_keeps_the_result_ready_to_declare(sqlite_db, telegram, bot):
    await linked(sqlite_db, 8101, "rh@acme.fr")
    anne = telegram.user(8101, "Anne")
    await compute_results(anne, RESULTS_80)
    await anne.press(COMPANIES)
    await anne.next_message()
    await anne.press(DECLARE_MENU)
    started = (await anne.next_message()).text
    assert started != text("declare.need_result")
    assert text("declare.company_chosen", company="Acme Industrie (SIREN 552100554)") in started
    data = await fsm_data(sqlite_db, telegram, anne)
    assert data["last_result"]["output"]["index"] == 80


async def test_start_during_a_computation_offers_to_resume_it(sqlite_db, telegram, bot):
    anne = telegram.user(8102, "Anne")
    await anne.send_command("/start")
    await anne.next_message()
    await anne.press(STEPS)
    await anne.next_message()
    await anne.press(StepChoice(q="year", v=str(YEAR)).pack())
    await anne.next_message()

    await anne.send_command("/start")
    welcome = await anne.next_message()
    assert text("start.in_progress.steps", step=2, total=12) in welcome.text
    await anne.press(STEPS)
    offered = (await anne.next_message()).text
    assert offered.startswith("Vous avez un calcul pas à pas en cours")
    data = await fsm_data(sqlite_db, telegram, anne)
    assert data["steps"]["a"]["year"] == YEAR


async def test_an_edited_answer_is_taken_and_said(sqlite_db, telegram, bot):
    anne = telegram.user(8103, "Anne")
    await anne.send_command("/start")
    await anne.next_message()
    await anne.press(STEPS)
    await anne.next_message()
    sent = await anne.send_text(str(YEAR))
    await anne.next_message()
    await anne.edit_text(sent, str(YEAR - 1))
    said = (await anne.next_message()).text
    assert str(YEAR - 1) in said and said.startswith("✏️")
    data = await fsm_data(sqlite_db, telegram, anne)
    assert data["steps"]["a"]["year"] == YEAR - 1


async def test_the_recorded_declaration_says_what_is_left_to_do(sqlite_db, telegram, bot):
    await linked(sqlite_db, 8104, "rh@acme.fr")
    anne = telegram.user(8104, "Anne")
    await compute_results(anne, RESULTS_80)
    done = await declare_from_status(anne)
    assert SETTINGS.official_platform_url in done
    deadline = SETTINGS.calendar.for_data_year(YEAR).index_deadline
    assert format_date(deadline, "fr") in done
    assert "Accusé de réception" not in done
    sheet_pdf, sheet_text = anne.messages[-2:]
    assert sheet_pdf.document.file_name == f"fiche-de-recopie-552100554-{YEAR}.pdf"
    assert "Numéro SIREN : 552100554" in sheet_text.text
