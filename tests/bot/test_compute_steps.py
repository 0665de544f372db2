"""The step-by-step computation through the fake Telegram server, on a real SQLite database."""

import io

import pytest
from aiogram.fsm.storage.base import StorageKey
from PIL import Image
from pypdf import PdfReader

from bot.app import build_bot
from bot.callbacks import MenuAction
from bot.compute.callbacks import StepChoice, StepNav
from bot.fsm_storage import DatabaseStorage
from tests.bot.compute_scripts import (
    Action,
    assert_expected,
    dispatcher,
    load_example,
    steps_script,
)
from tests.fakes import running_bot

STEPS = MenuAction(action="compute_steps").pack()
SMALL = "official-sim-50-250-00.json"
LARGE = "official-sim-251-999-00.json"
LEVELS = "gen-lt250-other-level-2pct.json"


@pytest.fixture
async def bot(sqlite_db, telegram):
    async with running_bot(dispatcher(sqlite_db), telegram):
        yield


@pytest.fixture
async def on_channel(sqlite_db, channel):
    """The bot on the fake Telegram server, then on the web chat."""
    async with channel.running(dispatcher(sqlite_db)):
        yield channel


async def open_steps(user) -> str:
    """/start, then the menu's "step by step": returns the first question."""
    await user.send_command("/start")
    await user.next_message()
    await user.press(STEPS)
    return (await user.next_message()).text


async def play(user, actions: list[Action]):
    """Perform each action and wait for its replies; the last replies are returned."""
    replies = []
    for action in actions:
        if action.kind == "text":
            await user.send_text(action.value)
        else:
            await user.press(action.value)
        replies = await user.next_messages(action.replies)
    return replies


async def fsm_data(database, server, user) -> dict:
    key = StorageKey(bot_id=server.bot_id, chat_id=user.id, user_id=user.id)
    return await DatabaseStorage(database).get_data(key)


def shown_scores(text: str, expected: dict) -> None:
    """The result message shows each expected note and the index."""
    for key, fields in expected["indicators"].items():
        if fields["calculable"]:
            max_note = {"indicator1": 40, "indicator2": 20, "indicator3": 15}.get(key)
            max_note = max_note or {"indicator2and3": 35, "indicator4": 15, "indicator5": 10}[key]
            assert f"→ {fields['note']}/{max_note}" in text, (key, text)
        else:
            assert "non calculable" in text
    if expected["index"] is None:
        assert "Index non calculable" in text
    else:
        assert f"Index : {expected['index']}/100" in text


async def check_full_flow(database, server, name: str) -> dict:
    example = load_example(name)
    user = server.user(2001, "Anne")
    first = await open_steps(user)
    assert first.startswith("Calcul pas à pas")
    assert "Étape 1/" in first
    actions = steps_script(example["input"])
    summary = await play(user, actions[:-1])
    assert "Récapitulatif" in summary[0].text
    result, chart, pdf = await play(user, actions[-1:])
    shown_scores(result.text, example["expected"])
    data = await fsm_data(database, server, user)
    assert_expected(data["last_result"]["output"], example["expected"])
    assert data["last_result"]["document"]["kind"] == "raw"
    assert chart.photo is not None
    with Image.open(io.BytesIO(chart.photo.data)) as image:
        image.verify()
        assert image.format == "PNG"
    assert pdf.document.file_name == "index-egapro-2024.pdf"
    pdf_text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf.document.data)).pages
    )
    pdf_text = pdf_text.replace("\xa0", " ").replace("\u202f", " ")
    return {"pdf": pdf_text, "data": data, "result": result.text, "user": user}


async def test_small_company_flow_shows_the_official_scores(sqlite_db, on_channel):
    seen = await check_full_flow(sqlite_db, on_channel, SMALL)
    assert "Index : 86 / 100" in seen["pdf"]
    assert "6,1 % Femmes 33 / 40" in seen["pdf"] and "Hommes 5 / 10" in seen["pdf"]
    assert "Indicateur 4" in seen["result"] and "aucun retour de congé" in seen["result"]
    assert "ni mesures de correction ni objectifs" in seen["result"]


async def test_large_company_flow_shows_the_official_scores(sqlite_db, telegram, bot):
    seen = await check_full_flow(sqlite_db, telegram, LARGE)
    assert "Index : 94 / 100" in seen["pdf"]
    assert "0,3 % en faveur des hommes → 39/40" in seen["result"]


async def test_level_mode_flow_shows_the_official_scores(sqlite_db, telegram, bot):
    seen = await check_full_flow(sqlite_db, telegram, LEVELS)
    levels = seen["data"]["steps"]["a"]["i1.levels"]
    assert [level["name"] for level in levels] == ["Niveau A", "Niveau B", "Niveau C"]
    assert "Index : 100 / 100" in seen["pdf"]


async def test_a_restart_resumes_at_the_same_step_with_the_same_answers(sqlite_db, telegram):
    example = load_example(SMALL)
    actions = steps_script(example["input"])
    user = telegram.user(2002, "Bruno")
    async with running_bot(dispatcher(sqlite_db), telegram):
        await open_steps(user)
        before = await play(user, actions[:8])
    assert before[0].text.startswith("Étape 8/12")  # indicator 1, after the mode
    # A new dispatcher and a new bot (built as the service does) on the same database.
    bot = build_bot(telegram.token, api_base=telegram.url)
    async with running_bot(dispatcher(sqlite_db), telegram, bot=bot):
        after = await play(user, actions[8:9])
        assert after[0].text.startswith("Étape 8/12")  # the next CSP of indicator 1
        summary = await play(user, actions[9:-1])
        assert "Ouvriers – femmes : 0 · 1 · 2 · 9 ; hommes : 0 · 5 · 3 · 4" in summary[0].text
        result, _, _ = await play(user, actions[-1:])
    shown_scores(result.text, example["expected"])


async def test_back_and_modify_a_step_keep_the_other_answers(sqlite_db, telegram, bot):
    example = load_example(SMALL)
    actions = steps_script(example["input"])
    user = telegram.user(2003, "Chloé")
    await open_steps(user)
    await play(user, actions[:4])  # up to the workers' headcount
    await user.press(StepNav(a="back").pack())
    back = await user.next_message()
    assert back.text.startswith("Étape 4/12")
    assert "Réponse actuelle : Ouvriers – femmes : 0 · 1 · 2 · 9" in back.text
    await user.press(StepNav(a="keep").pack())
    assert (await user.next_message()).text.startswith("Étape 5/12")
    await play(user, actions[4:-1])
    await user.press(StepNav(a="edit").pack())
    choose = await user.next_message()
    await user.press(StepNav(a="goto", s="i5").pack(), choose)
    asked = await user.next_message()
    assert asked.text.startswith("Étape 11/12")
    await user.send_text("5 5")
    summary = await user.next_message()
    assert "Récapitulatif" in summary.text
    assert "Indicateur 5 – hautes rémunérations : 5 femmes, 5 hommes" in summary.text
    result, _, _ = await play(user, actions[-1:])
    assert "→ 10/10" in result.text  # the other answers are unchanged
    assert "→ 33/40" in result.text


async def test_english_user_gets_english_questions_and_result(sqlite_db, telegram, bot):
    example = load_example(SMALL)
    user = telegram.user(2004, "Emma", language_code="en")
    await user.send_command("/start")
    await user.next_message()
    await user.press(STEPS)
    assert "Step 1/12" in (await user.next_message()).text
    result, _, pdf = await play(user, steps_script(example["input"]))
    assert "Index: 86/100" in result.text
    assert "→ 33/40" in result.text
    assert "Index Egapro" in pdf.caption or pdf.document is not None


async def test_callback_data_stays_under_64_bytes():
    longest = [
        StepChoice(q="i1.level_pay.999", v="none").pack(),
        StepNav(a="restart_levels").pack(),
        StepNav(a="goto", s="hc.tam").pack(),
    ]
    assert all(len(data.encode()) < 64 for data in longest)
