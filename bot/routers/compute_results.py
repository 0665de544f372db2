"""Scoring indicator results computed elsewhere: typed one indicator at a time, scored at once."""

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MenuAction
from bot.compute import keyboards, results_flow
from bot.compute.callbacks import BAND_CODES, ResultsChoice, ResultsNav
from bot.compute.clock import today
from bot.compute.delivery import send_result
from bot.compute.errors import InputError
from bot.compute.feedback import engine_error_text, error_text
from bot.compute.states import ComputeResults
from bot.compute.steps_answers import FIRST_YEAR
from bot.declaring.common import may_declare
from bot.texts import text
from egapro_assistant.usecases.progress import record_started
from egapro_engine import EngineError, compute_document
from store.database import Database

router = Router(name="compute_results")

FLOW = "results"
ACTIVE = ComputeResults.active.state


def new_flow() -> dict:
    return {"q": "year", "a": {}, "revisit": []}


def question_text(question: str, language: str) -> str:
    if question == "year":
        return text("compute.q.year", language, example=today().year - 1)
    if question == "band":
        return text("compute.q.band", language)
    return text(f"compute.results.q.{question}", language)


async def ask(message: Message, flow: dict, language: str, *, prefix: str | None = None) -> None:
    questions = results_flow.plan(flow["a"])
    heading = text(
        "compute.results.progress",
        language,
        step=questions.index(flow["q"]) + 1,
        total=len(questions),
    )
    body = f"{heading}\n\n{question_text(flow['q'], language)}"
    await message.answer(
        f"{prefix}\n\n{body}" if prefix else body,
        reply_markup=keyboards.results_question(flow["q"], language, today()),
    )


@router.callback_query(MenuAction.filter(F.action == "compute_results"))
async def open_results(
    query: CallbackQuery, state: FSMContext, language: str, database: Database
) -> None:
    await query.answer()
    await record_started(database, telegram_user_id=query.from_user.id, started_by="compute")
    data = await state.get_data()
    flow = new_flow()
    await state.set_state(ComputeResults.active)
    await state.set_data({**data, FLOW: flow})
    await ask(query.message, flow, language, prefix=text("compute.results.intro", language))


@router.message(ComputeResults.active, F.text, ~F.text.startswith("/"))
async def typed_result(
    message: Message, state: FSMContext, database: Database, language: str
) -> None:
    data = await state.get_data()
    flow = data.get(FLOW) or new_flow()
    try:
        answers = results_flow.apply_answer(flow["q"], message.text, flow["a"], today=today())
    except InputError as error:
        await ask(message, flow, language, prefix=error_text(error, language))
        return
    await advance(message, state, data, flow, answers, database, language)


@router.message(ComputeResults.active, ~F.text)
async def not_text(message: Message, state: FSMContext, language: str) -> None:
    flow = (await state.get_data()).get(FLOW) or new_flow()
    await ask(message, flow, language, prefix=error_text(InputError("not_text"), language))


@router.callback_query(ResultsChoice.filter())
async def chosen(
    query: CallbackQuery,
    callback_data: ResultsChoice,
    state: FSMContext,
    raw_state: str | None,
    database: Database,
    language: str,
) -> None:
    data = await state.get_data()
    flow = data.get(FLOW)
    value = choice_value(callback_data) if flow else None
    if raw_state != ACTIVE or value is None or callback_data.q != flow["q"]:
        await query.answer(text("compute.error.stale_button", language), show_alert=True)
        return
    await query.answer()
    answers = {**flow["a"], callback_data.q: value}
    await advance(query.message, state, data, flow, answers, database, language)


def choice_value(choice: ResultsChoice) -> object | None:
    question, value = choice.q, choice.v
    if question == "year" and value.isdigit() and FIRST_YEAR <= int(value) <= today().year:
        return int(value)
    if question == "band":
        return BAND_CODES.get(value)
    if question in results_flow.INDICATOR_KEYS and value in results_flow.reasons(question):
        return {"reason": value}
    return None


@router.callback_query(ResultsNav.filter(F.a == "back"))
async def back(
    query: CallbackQuery, state: FSMContext, raw_state: str | None, language: str
) -> None:
    data = await state.get_data()
    flow = data.get(FLOW)
    previous = results_flow.previous_question(flow["a"], flow["q"]) if flow else None
    if raw_state != ACTIVE or previous is None:
        await query.answer(text("compute.error.stale_button", language), show_alert=True)
        return
    await query.answer()
    flow = {**flow, "q": previous, "revisit": [*flow["revisit"], previous]}
    await state.set_data({**data, FLOW: flow})
    await ask(query.message, flow, language)


async def advance(
    message: Message,
    state: FSMContext,
    data: dict,
    flow: dict,
    answers: dict,
    database: Database,
    language: str,
) -> None:
    revisit = [q for q in flow["revisit"] if q != flow["q"]]
    flow = {"q": results_flow.next_question(answers, revisit), "a": answers, "revisit": revisit}
    if flow["q"] != results_flow.DONE:
        await state.set_data({**data, FLOW: flow})
        await ask(message, flow, language)
        return
    document = results_flow.build_results_document(answers)
    try:
        output = compute_document(document).model_dump(mode="json")
    except EngineError as error:
        flow["q"] = refused_at(answers, error.where)
        await state.set_data({**data, FLOW: flow})
        await ask(message, flow, language, prefix=engine_error_text(error, language))
        return
    await state.set_state(None)
    await state.set_data(
        {**data, FLOW: flow, "last_result": {"document": document, "output": output}}
    )
    await send_result(
        message,
        output,
        language,
        year=answers["year"],
        reply_markup=keyboards.result_menu(
            language, declarable=await may_declare(database, state.key.user_id)
        ),
    )


def refused_at(answers: dict, where: str | None) -> str:
    for question, key in results_flow.INDICATOR_KEYS.items():
        if (where or "").split(".")[0] == key and question in results_flow.plan(answers):
            return question
    return results_flow.plan(answers)[-1]
