"""Declaring a computed result: the "Déclarer ce résultat" button under a result (only for a user
linked to a company; the links are checked again on press), the declaration after /cancel and
/start (they keep the last result), and a declaration made in Telegram giving an official record
that passes every field rule (phone and "plan de relance" from 2021)."""

import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.app import build_dispatcher
from bot.compute import keyboards
from bot.compute.clock import today
from bot.declaring.common import DeclareAction, declare_result_button, may_declare
from bot.fsm_storage import DatabaseStorage
from bot.texts import text
from egapro_assistant.config import Settings
from store import companies, declarants, declarations
from store.official_record import index_record
from store.official_record_check import problems
from tests.bot.test_compute_steps import fsm_data
from tests.bot.test_declare import (
    COMPANY,
    DECLARE_MENU,
    RESULTS_80,
    SIREN,
    YEAR,
    answer,
    compute_results,
    declare_button,
    linked,
    recorded,
)
from tests.fakes import running_bot

RESULT_BUTTON = DeclareAction(a="start").pack()


@pytest.fixture
async def bot(sqlite_db, telegram):
    settings = Settings(_env_file=None, public_base_url="https://assistant.test")
    dispatcher = build_dispatcher(sqlite_db, settings=settings, notify_outbox=lambda: None)
    async with running_bot(dispatcher, telegram):
        yield


def labels(markup) -> list[str]:
    return [button.text for row in markup.inline_keyboard for button in row]


def test_the_button_is_under_a_result_only_when_declarable():
    declare = text("declare.button.declare_result")
    for build in (keyboards.after_result, keyboards.result_menu):
        assert labels(build("fr"))[0] == declare  # an unlinked user is taken through linking
        shown = build("fr", declarable=True)
        assert labels(shown)[0] == declare
        assert shown.inline_keyboard[0][0].callback_data == RESULT_BUTTON
    assert labels(keyboards.after_result("en", declarable=True))[0] == "📝 Declare this result"
    assert len(declare_result_button("fr").callback_data.encode()) < 64


async def test_may_declare_follows_the_links_in_the_database(sqlite_db):
    assert not await may_declare(sqlite_db, 7001)
    await linked(sqlite_db, 7001, "rh@acme.fr", others=("paie@acme.fr",))
    assert await may_declare(sqlite_db, 7001)
    async with sqlite_db.session() as session:
        await declarants.remove(session, SIREN, "rh@acme.fr")
    assert not await may_declare(sqlite_db, 7001)


async def press_result_button(telegram, user) -> str:
    """Press "Déclarer ce résultat" on the result's last message (the PDF carries the buttons)."""
    telegram.push_callback_query(user, user.last_message, RESULT_BUTTON)
    return (await user.next_message()).text


async def finish(user, *, year: int = YEAR, plan_relance: str | None = "0") -> str:
    """From the period-end question to the saved declaration; returns the bot's last answer."""
    await answer(user, press=declare_button("pe"))
    await answer(user, press=declare_button("ps", "1"))
    await answer(user, press=declare_button("mode", "csp"))
    await answer(user, f"15/02/{year + 1}")
    asked = await answer(user, "https://www.acme.fr/egalite")
    if plan_relance is None:
        assert asked.startswith(text("declare.q.declarant")), asked
    else:
        assert asked.startswith(text("declare.q.plan_relance")), asked
        await answer(user, press=declare_button("pr", plan_relance))
    await answer(user, "Anne Martin")
    summary = await answer(user, "06.12.34.56.78")
    assert "• Téléphone : 06 12 34 56 78" in summary
    assert ("plan de relance" in summary) is (plan_relance is not None)
    return await recorded(user, press=declare_button("ok"))


async def exported(database, year: int = YEAR) -> dict:
    async with database.session() as session:
        row = await declarations.get_index(session, SIREN, year)
        company = await companies.get(session, SIREN)
    return index_record(row, company)


async def test_the_result_button_declares_the_last_result(sqlite_db, telegram, bot):
    await linked(sqlite_db, 7002, "rh@acme.fr")
    anne = telegram.user(7002, "Anne")
    await compute_results(anne, RESULTS_80)
    started = await press_result_button(telegram, anne)
    assert text("declare.company_chosen", company=COMPANY) in started
    # The year comes from the computation: not asked again.
    assert started.endswith(text("declare.q.period_end", year=YEAR))
    done = await finish(anne, plan_relance="1")
    assert done.startswith("✅ Déclaration enregistrée dans l'assistant : " + COMPANY)
    record = await exported(sqlite_db)
    assert problems(record) == []
    assert record["data"]["déclarant"]["téléphone"] == "0612345678"
    assert record["data"]["entreprise"]["plan_relance"] is True
    assert record["data"]["déclaration"]["index"] == 80


async def test_the_links_are_checked_again_when_the_button_is_pressed(
    sqlite_db,
    telegram,
    bot,
):
    await linked(sqlite_db, 7003, "rh@acme.fr", others=("paie@acme.fr",))
    anne = telegram.user(7003, "Anne")
    await compute_results(anne, RESULTS_80)
    async with sqlite_db.session() as session:
        await declarants.remove(session, SIREN, "rh@acme.fr")
    assert (await press_result_button(telegram, anne)).startswith(text("declare.no_company"))
    data = await fsm_data(sqlite_db, telegram, anne)
    assert "declare" not in data and data["last_result"]["output"]["index"] == 80


async def test_declaring_after_cancel_and_start(sqlite_db, telegram, bot):
    await linked(sqlite_db, 7004, "rh@acme.fr")
    anne = telegram.user(7004, "Anne")
    await compute_results(anne, RESULTS_80)

    # /cancel in the middle of a declaration: the answers go, the computed result stays.
    await press_result_button(telegram, anne)
    await answer(anne, press=declare_button("pe"))
    await anne.send_command("/cancel")
    assert (await anne.next_message()).text == text("cancelled")
    data = await fsm_data(sqlite_db, telegram, anne)
    assert "declare" not in data and data["last_result"]["output"]["index"] == 80
    # A button of the abandoned declaration does nothing any more.
    stale_data = declare_button("ps", "1")
    telegram.push_callback_query(anne, anne.last_message, stale_data)
    await anne.wait_for(lambda: any(a.callback_data == stale_data for a in anne.callback_answers))
    [stale] = [a for a in anne.callback_answers if a.callback_data == stale_data]
    assert stale.text == text("compute.error.stale_button") and stale.show_alert

    # /start, then the menu's "Déclarer": a new declaration of the same result, from the start.
    await anne.send_command("/start")
    await anne.next_message()
    started = await answer(anne, press=DECLARE_MENU)
    assert text("declare.company_chosen", company=COMPANY) in started
    assert text("declare.q.year", first=2018, last=today().year) not in started
    assert started.endswith(text("declare.q.period_end", year=YEAR))
    await anne.send_command("/cancel")
    await anne.next_message()

    # /cancel again, then the button under the result: still the same result.
    await press_result_button(telegram, anne)
    done = await finish(anne)
    assert (
        done.startswith("✅ Déclaration enregistrée dans l'assistant : " + COMPANY)
        and "80/100" in done
    )
    assert problems(await exported(sqlite_db)) == []


async def test_before_2021_the_plan_de_relance_is_not_asked(sqlite_db, telegram, bot):
    await linked(sqlite_db, 7005, "rh@acme.fr")
    anne = telegram.user(7005, "Anne")
    await compute_results(anne, RESULTS_80, year=2020)
    await press_result_button(telegram, anne)
    done = await finish(anne, year=2020, plan_relance=None)
    assert done.startswith("✅ Déclaration enregistrée dans l'assistant : " + COMPANY)
    record = await exported(sqlite_db, 2020)
    assert problems(record) == []
    assert "plan_relance" not in record["data"]["entreprise"]
    assert record["data"]["déclarant"]["téléphone"] == "0612345678"


async def test_a_declaration_started_before_the_new_questions_asks_them(sqlite_db, telegram, bot):
    """A summary confirmed from answers stored without the phone and the plan de relance."""
    await linked(sqlite_db, 7008, "rh@acme.fr")
    anne = telegram.user(7008, "Anne")
    await compute_results(anne, RESULTS_80)
    await press_result_button(telegram, anne)
    key = StorageKey(bot_id=telegram.bot_id, chat_id=anne.id, user_id=anne.id)
    storage = DatabaseStorage(sqlite_db)
    data = await storage.get_data(key)
    data["declare"]["a"].update(
        period_end=f"{YEAR}-12-31",
        sufficient=True,
        mode="csp",
        publication_date=f"{YEAR + 1}-02-15",
        url="https://www.acme.fr/egalite",
        first_name="Anne",
        last_name="Martin",
    )
    data["declare"]["q"] = "confirm"
    await storage.set_data(key, data)
    # "Confirm" on the summary shown before the change.
    telegram.push_callback_query(anne, anne.last_message, declare_button("ok"))
    refused = (await anne.next_message()).text
    assert refused.startswith("❌ " + text("declare.error.plan_relance_missing"))
    assert text("declare.q.plan_relance") in refused
    assert (await answer(anne, press=declare_button("pr", "0"))).startswith(text("declare.q.phone"))
    summary = await answer(anne, "0612345678")
    assert "• Aide du plan de relance : non" in summary
    done = await answer(anne, press=declare_button("ok"))
    assert done.startswith("✅ Déclaration enregistrée dans l'assistant : " + COMPANY)
    assert problems(await exported(sqlite_db)) == []


async def test_the_summary_changes_what_the_computation_gave(sqlite_db, telegram, bot):
    """Year, period end, band and address are shown in the summary, each with a button."""
    await linked(sqlite_db, 7009, "rh@acme.fr")
    anne = telegram.user(7009, "Anne")
    await compute_results(anne, RESULTS_80)
    await press_result_button(telegram, anne)
    summary = await finish_to_summary(anne)
    assert "• Année des indicateurs : 2025" in summary
    assert "• Fin de la période de référence : 31 décembre 2025" in summary
    assert "• Tranche d'effectif : 50 à 250 salariés" in summary
    assert "• Adresse : 1 place de la Bourse, 75002 Paris" in summary
    # 50–250 indicators cannot be declared in another band: no band button.
    assert not anne.last_message.has_callback(declare_button("ed", "band"))

    asked = await answer(anne, press=declare_button("ed", "year"))
    assert asked.startswith(text("declare.q.year", first=2018, last=today().year))
    asked = await answer(anne, press=DeclareAction(a="yr", s=SIREN, y=YEAR - 1).pack())
    assert asked.startswith(text("declare.q.period_end", year=YEAR - 1))
    summary = await answer(anne, f"30/09/{YEAR - 1}")
    assert "• Année des indicateurs : 2024" in summary
    assert "• Fin de la période de référence : 30 septembre 2024" in summary

    asked = await answer(anne, press=declare_button("ed", "address"))
    assert asked.startswith(text("declare.q.address"))
    await answer(anne, "3 quai Lunel")
    await answer(anne, "20000")
    summary = await answer(anne, "Ajaccio")
    assert "• Adresse : 3 quai Lunel, 20000 Ajaccio" in summary
    assert "• Département : Corse-du-Sud (2A)" in summary
    assert "• Téléphone : 06 12 34 56 78" in summary  # nothing else asked again
    done = await recorded(anne, press=declare_button("ok"))
    assert done.startswith("✅")
    record = await exported(sqlite_db, YEAR - 1)
    assert problems(record) == []
    company = record["data"]["entreprise"]
    assert (company["adresse"], company["code_postal"], company["commune"]) == (
        "3 quai Lunel",
        "20000",
        "Ajaccio",
    )
    assert (company["département"], company["région"]) == ("2A", "Corse")
    assert record["data"]["déclaration"]["fin_période_référence"] == f"{YEAR - 1}-09-30"


async def finish_to_summary(user) -> str:
    await answer(user, press=declare_button("pe"))
    await answer(user, press=declare_button("ps", "1"))
    await answer(user, press=declare_button("mode", "csp"))
    await answer(user, f"15/02/{YEAR + 1}")
    await answer(user, "https://www.acme.fr/egalite")
    await answer(user, press=declare_button("pr", "0"))
    await answer(user, "Anne Martin")
    return await answer(user, "06.12.34.56.78")


async def test_the_button_is_shown_under_every_result(sqlite_db, telegram, bot):
    await linked(sqlite_db, 7006, "rh@acme.fr")
    anne, eve = telegram.user(7006, "Anne"), telegram.user(7007, "Eve")
    await compute_results(eve, RESULTS_80)
    assert eve.last_message.has_callback(RESULT_BUTTON)  # no company linked: linking first
    await compute_results(anne, RESULTS_80)
    pdf = anne.last_message
    assert pdf.document is not None and pdf.has_callback(RESULT_BUTTON)
    assert pdf.buttons[0][0][0] == text("declare.button.declare_result")
    started = await answer(anne, press=RESULT_BUTTON)
    assert text("declare.company_chosen", company=COMPANY) in started
