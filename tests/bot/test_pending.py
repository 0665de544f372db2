"""What is under way is never lost without the user choosing it: /start and the menu entries
say so and offer to resume or start again, for every kind of flow; "📋 Où en suis-je ?"
continues it in one tap; /help repeats the current question, or gives the checklist."""

import pytest

from bot.app import build_dispatcher
from bot.callbacks import MenuAction
from bot.compute.callbacks import ResultsChoice
from bot.routers.pending import PendingAction
from bot.texts import text
from egapro_assistant.config import Settings
from tests.bot.test_compute_steps import fsm_data
from tests.bot.test_declare import (
    DECLARE_MENU,
    RESULTS,
    RESULTS_80,
    STATUS,
    YEAR,
    answer,
    compute_results,
    declare_button,
    declare_from_status,
    linked,
)
from tests.fakes import running_bot

SETTINGS = Settings(_env_file=None, public_base_url="https://assistant.test")
FILE = MenuAction(action="compute_file").pack()


@pytest.fixture
async def bot(sqlite_db, telegram):
    dispatcher = build_dispatcher(sqlite_db, settings=SETTINGS, notify_outbox=lambda: None)
    async with running_bot(dispatcher, telegram):
        yield


def pending(action: str, kind: str, entry: str = "") -> str:
    return PendingAction(a=action, k=kind, m=entry).pack()


async def start(user) -> str:
    await user.send_command("/start")
    return (await user.next_message()).text


async def test_typed_results_resume_after_start(sqlite_db, telegram, bot):
    eve = telegram.user(8201, "Eve")
    await start(eve)
    await answer(eve, press=RESULTS)
    await answer(eve, str(YEAR))
    await answer(eve, press=ResultsChoice(q="band", v="s").pack())

    welcome = await start(eve)
    assert text("start.in_progress.results", step=3, total=6) in welcome
    assert eve.last_message.has_callback(pending("restart", "results"))
    # The entry itself says so too, instead of starting over in silence.
    offered = await answer(eve, press=RESULTS)
    assert offered == text("start.in_progress.results", step=3, total=6)
    asked = await answer(eve, press=pending("resume", "results"))
    assert "Indicateur 1" in asked and "étape 3/6" in asked
    asked = await answer(eve, "0")
    assert "étape 4/6" in asked
    data = await fsm_data(sqlite_db, telegram, eve)
    assert data["results"]["a"]["year"] == YEAR

    # Starting again is the user's choice: the answers go then, and only then.
    await start(eve)
    restarted = await answer(eve, press=pending("restart", "results"))
    assert "étape 1/6" in restarted
    assert (await fsm_data(sqlite_db, telegram, eve))["results"]["a"] == {}


async def test_a_declaration_in_progress_is_kept_across_start_and_menus(sqlite_db, telegram, bot):
    await linked(sqlite_db, 8202, "rh@acme.fr")
    anne = telegram.user(8202, "Anne")
    await compute_results(anne, RESULTS_80)
    await answer(anne, press=DECLARE_MENU)
    await answer(anne, press=declare_button("pe"))  # the period end: the next is "sufficient"

    welcome = await start(anne)
    assert text("start.in_progress.declare") in welcome
    # Another entry: resume, or abandon the declaration for that entry.
    offered = await answer(anne, press=FILE)
    assert offered == text("start.in_progress.declare")
    drop = pending("drop", "declare", "compute_file")
    assert anne.last_message.has_callback(drop)
    asked = await answer(anne, press=pending("resume", "declare"))
    assert asked.startswith(text("declare.q.sufficient"))
    data = await fsm_data(sqlite_db, telegram, anne)
    assert data["declare"]["a"]["period_end"] == f"{YEAR}-12-31"

    # "📋 Où en suis-je ?" continues it in one tap.
    await start(anne)
    await answer(anne, press=STATUS)
    go_on = pending("resume", "declare")
    assert anne.last_message.buttons[0][0] == (
        text("pending.button.continue", what=text("pending.kind.declare")),
        go_on,
    )
    assert (await answer(anne, press=go_on)).startswith(text("declare.q.sufficient"))

    # Abandoning it for another entry is the user's choice.
    await start(anne)
    await answer(anne, press=FILE)
    opened = await answer(anne, press=drop)
    assert opened.startswith("Envoyez votre fichier de salariés")
    data = await fsm_data(sqlite_db, telegram, anne)
    assert "declare" not in data and data["last_result"]["output"]["index"] == 80


async def test_status_offers_to_declare_the_last_result_until_it_is(sqlite_db, telegram, bot):
    await linked(sqlite_db, 8203, "rh@acme.fr")
    anne = telegram.user(8203, "Anne")
    await compute_results(anne, RESULTS_80)
    await answer(anne, press=STATUS)
    label = text("pending.button.declare_result")
    assert anne.last_message.buttons[0][0][0] == label
    await declare_from_status(anne)
    await answer(anne, press=STATUS)
    assert label not in str(anne.last_message.buttons)


async def test_a_file_awaited_is_offered_again(sqlite_db, telegram, bot):
    eve = telegram.user(8204, "Eve")
    await start(eve)
    await answer(eve, press=FILE)
    welcome = await start(eve)
    assert text("start.in_progress.file") in welcome
    asked = await answer(eve, press=pending("resume", "file"))
    assert asked.startswith("Envoyez votre fichier de salariés")


async def test_help_repeats_the_question_or_gives_the_checklist(sqlite_db, telegram, bot):
    eve = telegram.user(8205, "Eve")
    await start(eve)
    await eve.send_command("/help")
    checklist = (await eve.next_message()).text
    assert checklist == text("help")
    for entry in ("compute_steps", "compute_file", "compute_results", "declare", "status"):
        assert text(f"menu.{entry}") in checklist
    for band in ("50 à 250 salariés", "251 salariés et plus", "1000 salariés et plus"):
        assert band in checklist

    await answer(eve, press=RESULTS)
    await answer(eve, str(YEAR))
    await eve.send_command("/help")
    helped = (await eve.next_message()).text
    assert helped.startswith(text("help.in_step"))
    assert "étape 2/6" in helped and text("compute.q.band") in helped
    asked = await answer(eve, press=ResultsChoice(q="band", v="s").pack())
    assert "étape 3/6" in asked  # the step goes on where it was
