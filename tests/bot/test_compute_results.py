"""Typing results computed elsewhere, through the fake Telegram server."""

import pytest

from bot.callbacks import MenuAction
from bot.compute.callbacks import ResultsChoice, ResultsNav
from tests.bot.compute_scripts import dispatcher
from tests.bot.test_compute_steps import fsm_data
from tests.fakes import running_bot

RESULTS = MenuAction(action="compute_results").pack()


@pytest.fixture
async def bot(sqlite_db, telegram):
    async with running_bot(dispatcher(sqlite_db), telegram):
        yield


async def open_results(user) -> str:
    await user.send_command("/start")
    await user.next_message()
    await user.press(RESULTS)
    return (await user.next_message()).text


async def answer(user, typed: str | None = None, *, press: str | None = None) -> str:
    if press:
        await user.press(press)
    else:
        await user.send_text(typed)
    return (await user.next_message()).text


async def test_results_of_a_large_company_are_scored(sqlite_db, telegram, bot):
    user = telegram.user(4001)
    first = await open_results(user)
    assert "Résultats – étape 1/6" in first
    await answer(user, "2024")
    asked = await answer(user, press=ResultsChoice(q="band", v="m").pack())
    assert "Résultats – étape 3/7" in asked and "Indicateur 1" in asked
    await answer(user, "0,3 hommes")
    await answer(user, "0.5 H")
    await answer(user, "0,8 en faveur des hommes")
    await answer(user, "100")
    await user.send_text("2 hommes")
    result, chart, pdf = await user.next_messages(3)
    assert "→ 39/40" in result.text and "→ 20/20" in result.text
    assert "Index : 94/100" in result.text
    assert chart.photo is not None and pdf.document is not None
    data = await fsm_data(sqlite_db, telegram, user)
    assert data["last_result"]["output"]["index"] == 94
    assert data["last_result"]["document"]["kind"] == "results"


async def test_a_not_calculable_indicator_is_chosen_with_its_reason(telegram, bot):
    user = telegram.user(4002)
    await open_results(user)
    await answer(user, press=ResultsChoice(q="year", v="2024").pack())
    await answer(user, press=ResultsChoice(q="band", v="s").pack())
    refused = await answer(user, "6,1")
    assert refused.startswith("❌") and "en faveur de qui" in refused
    await answer(user, "6,1 femmes")
    await answer(user, "4,6 ; 1,7 femmes")
    await answer(user, press=ResultsChoice(q="r4", v="absrcm").pack())
    await user.send_text("2 hommes")
    result, _, _ = await user.next_messages(3)
    assert "non calculable (aucun retour de congé maternité" in result.text
    assert "Index : 86/100" in result.text


async def test_back_goes_to_the_previous_indicator(telegram, bot):
    user = telegram.user(4003)
    await open_results(user)
    await answer(user, "2024")
    await answer(user, press=ResultsChoice(q="band", v="s").pack())
    await answer(user, "0")
    asked = await answer(user, press=ResultsNav(a="back").pack())
    assert "Indicateur 1" in asked
    await answer(user, "16 hommes")
    await answer(user, "0 0")
    await answer(user, "60")
    await user.send_text("1 femmes")
    result, _, _ = await user.next_messages(3)
    assert "16,0 % en faveur des hommes → 14/40" in result.text
    assert "mesures de correction obligatoires" in result.text
    assert "indicateur 1, indicateur 4, indicateur 5" in result.text
