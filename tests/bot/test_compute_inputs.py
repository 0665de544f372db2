"""Bad input in the middle of the step-by-step computation: a clear answer, the same step, and
nothing already entered lost."""

import pytest

from bot.callbacks import MenuAction
from bot.compute.callbacks import StepChoice
from tests.bot.compute_scripts import dispatcher, load_example, steps_script
from tests.bot.test_compute_steps import open_steps, play
from tests.fakes import running_bot

SCRIPT = steps_script(load_example("official-sim-50-250-00.json")["input"])
# Actions before the question, and the question's progress line.
AT_HEADCOUNT = (SCRIPT[:3], "Étape 4/12")
AT_TOP_TEN = (SCRIPT[:-2], "Étape 11/12")
AT_PAY = (SCRIPT[:8], "Étape 8/12")  # the workers' pay, first question after the mode


@pytest.fixture
async def bot(sqlite_db, telegram):
    async with running_bot(dispatcher(sqlite_db), telegram):
        yield


async def at(user, place) -> None:
    actions, progress = place
    await open_steps(user)
    replies = await play(user, actions)
    assert replies[-1].text.startswith(progress), replies[-1].text


async def refused(user, progress: str, *expected: str) -> str:
    """The answer to a bad input: the problem, then the same question again."""
    reply = await user.next_message()
    assert reply.text.startswith("❌"), reply.text
    for part in expected:
        assert part in reply.text, reply.text
    assert progress in reply.text
    return reply.text


async def finish(user, place) -> None:
    """The right answer is taken at the same step, and the rest of the flow scores as before."""
    actions, _ = place
    result, _, _ = await play(user, SCRIPT[len(actions) :])
    assert "Index : 86/100" in result.text


async def test_a_wrong_count_says_what_was_expected_and_asks_again(telegram, bot):
    user = telegram.user(3001)
    await at(user, AT_HEADCOUNT)
    await user.send_text("1 2 3")
    text = await refused(user, "Étape 4/12", "J'attendais 8 nombre(s), j'en lis 3")
    assert "Femmes : 0 1 2 9" in text  # the question with its example
    await finish(user, AT_HEADCOUNT)


async def test_french_amounts_with_spaces_and_euro_signs_are_read(telegram, bot):
    user = telegram.user(3002)
    await at(user, AT_PAY)
    await user.send_text("23\u202f933,00\u00a0€ ; 26 773 €")
    reply = await user.next_message()
    assert reply.text.startswith("Étape 8/12") and "Employés" in reply.text
    await play(user, SCRIPT[len(AT_PAY[0]) + 1 : -1])
    await user.press(SCRIPT[-1].value)
    assert "→ 33/40" in (await user.next_messages(3))[0].text


async def test_a_document_where_text_is_expected(telegram, bot):
    user = telegram.user(3003)
    await at(user, AT_HEADCOUNT)
    await user.send_document(b"sexe;csp\nF;ouv\n", "salaries.csv")
    await refused(user, "Étape 4/12", "J'attends une réponse tapée au clavier")
    await finish(user, AT_HEADCOUNT)


async def test_a_negative_number(telegram, bot):
    user = telegram.user(3004)
    await at(user, AT_TOP_TEN)
    await user.send_text("-2 8")
    await refused(user, "Étape 11/12", "-2 est trop petit : au moins 0 est attendu")
    await finish(user, AT_TOP_TEN)


async def test_an_absurd_pay(telegram, bot):
    user = telegram.user(3005)
    await at(user, AT_PAY)
    await user.send_text("23 ; 26 773")
    await refused(user, "Étape 8/12", "n'est pas une rémunération annuelle brute plausible")
    await finish(user, AT_PAY)


async def test_an_absurd_headcount(telegram, bot):
    user = telegram.user(3006)
    await at(user, AT_HEADCOUNT)
    await user.send_text("Femmes : 0 1 2 9\nHommes : 0 5 3 40000000")
    await refused(user, "Étape 4/12", "est trop grand")
    await finish(user, AT_HEADCOUNT)


async def test_an_emoji(telegram, bot):
    user = telegram.user(3007)
    await at(user, AT_TOP_TEN)
    await user.send_text("🤷")
    await refused(user, "Étape 11/12", "« 🤷 » n'est pas un nombre")
    await finish(user, AT_TOP_TEN)


async def test_a_message_of_4096_characters(telegram, bot):
    user = telegram.user(3008)
    await at(user, AT_TOP_TEN)
    await user.send_text("9 " * 2048)
    text = await refused(user, "Étape 11/12", "J'attendais 2 nombre(s), j'en lis 2048")
    assert len(text) < 1000
    await finish(user, AT_TOP_TEN)


async def test_an_unknown_command_in_the_middle_of_a_step(telegram, bot):
    user = telegram.user(3009)
    await at(user, AT_TOP_TEN)
    await user.send_command("/frobnicate")
    reply = await user.next_message()
    assert "Vous êtes toujours à la même étape" in reply.text
    await finish(user, AT_TOP_TEN)


async def test_text_where_a_button_is_expected(telegram, bot):
    user = telegram.user(3010)
    await open_steps(user)
    await play(user, SCRIPT[:2])
    await user.send_text("entre 50 et 250")
    await refused(user, "Étape 3/12", "Choisissez avec les boutons")
    await play(user, SCRIPT[2:3])


async def test_an_old_button_does_not_move_the_flow(telegram, bot):
    user = telegram.user(3011)
    await at(user, AT_HEADCOUNT)
    stale = StepChoice(q="band", v="l").pack()
    await user.press(stale)
    await user.wait_for(lambda: user.callback_answers[-1].callback_data == stale)
    answer = user.callback_answers[-1]
    assert answer.show_alert and "ne correspond plus" in answer.text
    await user.expect_no_message(timeout=2)
    await finish(user, AT_HEADCOUNT)


async def test_the_menu_resumes_a_computation_in_progress(telegram, bot):
    user = telegram.user(3012)
    await at(user, AT_TOP_TEN)
    await user.press(MenuAction(action="compute_steps").pack())
    offer = await user.next_message()
    assert "étape 11/12" in offer.text
    await user.press_button("▶️ Reprendre")
    assert (await user.next_message()).text.startswith("Étape 11/12")
    await finish(user, AT_TOP_TEN)
