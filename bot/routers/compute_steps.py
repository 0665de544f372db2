"""Computing the index step by step, like the official simulator.

The answers and the current question live in the FSM data (``data["steps"]``), in the database:
a restart resumes at the same question with the same answers. Each update reads the data once
and writes it once.
"""

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MenuAction
from bot.compute import keyboards
from bot.compute.callbacks import BAND_CODES, MODE_CODES, StepChoice, StepNav
from bot.compute.clock import today
from bot.compute.delivery import send_result
from bot.compute.errors import InputError
from bot.compute.feedback import engine_error_text, error_text
from bot.compute.raw_document import build_raw_document
from bot.compute.states import ComputeSteps
from bot.compute.steps_answers import FIRST_YEAR, apply_answer
from bot.compute.steps_plan import (
    QUESTIONS_WITH_NONE,
    SUMMARY,
    next_question,
    previous_question,
    problem,
    progress,
    questions_of_step,
    step_of,
)
from bot.compute.steps_view import prompt, summary_text
from bot.declaring.common import may_declare
from bot.keyboards import main_menu
from bot.texts import text
from egapro_assistant.usecases.progress import record_started
from egapro_engine import EngineError, compute_document
from store.database import Database

router = Router(name="compute_steps")

FLOW = "steps"
ACTIVE = ComputeSteps.active.state
# Moves that make sense with no step-by-step computation under way.
OUT_OF_FLOW_MOVES = ("resume", "restart", "menu")


def new_flow() -> dict:
    return {"q": "year", "a": {}, "revisit": []}


async def load(state: FSMContext) -> tuple[dict, dict]:
    data = await state.get_data()
    return data, data.get(FLOW) or new_flow()


async def save(state: FSMContext, data: dict, flow: dict, **more) -> None:
    await state.set_data({**data, FLOW: flow, **more})


async def ask(message: Message, flow: dict, language: str, *, prefix: str | None = None) -> None:
    """Show the current question (or the summary), after ``prefix`` when given."""
    question, answers = flow["q"], flow["a"]
    if question == SUMMARY:
        body, markup = summary_text(answers, language), keyboards.summary(language)
    else:
        body = prompt(question, answers, language, today(), problem=problem(question, answers))
        markup = keyboards.step_question(question, answers, language, today())
    await message.answer(f"{prefix}\n\n{body}" if prefix else body, reply_markup=markup)


# --- entering the flow -------------------------------------------------------------------


@router.callback_query(MenuAction.filter(F.action == "compute_steps"))
async def open_steps(
    query: CallbackQuery, state: FSMContext, language: str, database: Database
) -> None:
    await query.answer()
    await record_started(database, telegram_user_id=query.from_user.id, started_by="compute")
    data, flow = await load(state)
    if flow["a"]:
        step, total = progress(flow["a"], flow["q"])
        await query.message.answer(
            text("compute.resume", language, step=step, total=total),
            reply_markup=keyboards.resume(language),
        )
        return
    await start(query.message, state, data, language)


async def start(message: Message, state: FSMContext, data: dict, language: str) -> None:
    flow = new_flow()
    await state.set_state(ComputeSteps.active)
    await save(state, data, flow)
    await ask(message, flow, language, prefix=text("compute.steps.intro", language))


# --- answers -----------------------------------------------------------------------------


@router.message(ComputeSteps.active, F.text, ~F.text.startswith("/"))
async def typed_answer(message: Message, state: FSMContext, language: str) -> None:
    data, flow = await load(state)
    question = flow["q"]
    if question == SUMMARY:
        await ask(message, flow, language, prefix=error_text(InputError("use_buttons"), language))
        return
    try:
        answers = apply_answer(
            question,
            message.text,
            flow["a"],
            today=today(),
            restart_levels=question == "i1.levels" and question in flow["revisit"],
        )
    except InputError as error:
        typed = {"id": message.message_id, "q": question, "taken": False}
        await save(state, data, {**flow, "typed": typed})
        await ask(message, flow, language, prefix=error_text(error, language))
        return
    typed = {"id": message.message_id, "q": question, "taken": True}
    await advance(message, state, data, flow, answers, language, typed=typed)


@router.edited_message(ComputeSteps.active, F.text)
async def edited_answer(message: Message, state: FSMContext, language: str) -> None:
    """An edit of the answer to the current step (refused when sent) is that step's answer; an
    edit of the last answer taken replaces it; any other edit is not taken, and said so."""
    data, flow = await load(state)
    typed = flow.get("typed") or {}
    if typed.get("id") != message.message_id:
        await message.answer(text("edit.not_taken", language))
        return
    question = typed["q"]
    if not typed.get("taken") and question == flow["q"]:
        await typed_answer(message, state, language)
        return
    try:
        answers = apply_answer(question, message.text, flow["a"], today=today())
    except InputError as error:
        await ask(message, flow, language, prefix=error_text(error, language))
        return
    revisit = flow["revisit"]
    flow = {**flow, "a": answers, "q": next_question(answers, revisit)}
    await save(state, data, flow)
    title = text(f"compute.step.{step_of(question)}", language)
    taken = text("edit.taken", language, question=title, value=message.text.strip())
    await ask(message, flow, language, prefix=taken)


@router.message(ComputeSteps.active, ~F.text)
async def not_text(message: Message, state: FSMContext, language: str) -> None:
    _, flow = await load(state)
    await ask(message, flow, language, prefix=error_text(InputError("not_text"), language))


@router.callback_query(StepChoice.filter())
async def chosen(
    query: CallbackQuery,
    callback_data: StepChoice,
    state: FSMContext,
    raw_state: str | None,
    language: str,
) -> None:
    data, flow = await load(state)
    value = choice_value(callback_data, flow["a"])
    if raw_state != ACTIVE or callback_data.q != flow["q"] or value is None:
        await query.answer(text("compute.error.stale_button", language), show_alert=True)
        return
    await query.answer()
    answers = {**flow["a"], callback_data.q: value}
    await advance(query.message, state, data, flow, answers, language)


def choice_value(choice: StepChoice, answers: dict) -> object | None:
    """What a button means for its question; None for a button that cannot be right."""
    question, value = choice.q, choice.v
    if question == "year" and value.isdigit() and FIRST_YEAR <= int(value) <= today().year:
        return int(value)
    if question == "period_end" and value == "dec31" and "year" in answers:
        return f"{answers['year']}-12-31"
    if question == "band":
        return BAND_CODES.get(value)
    if question == "i1.mode":
        return MODE_CODES.get(value)
    if question in QUESTIONS_WITH_NONE and value == "none":
        return {"none": True}
    return None


async def advance(
    message: Message,
    state: FSMContext,
    data: dict,
    flow: dict,
    answers: dict,
    language: str,
    *,
    typed: dict | None = None,
) -> None:
    """Record the answer to the current question and ask the next one."""
    question = flow["q"]
    revisiting = question in flow["revisit"]
    revisit = [q for q in flow["revisit"] if q != question]
    if question == "i1.mode" and revisiting:
        revisit += [q for q in questions_of_step(answers, "i1") if q not in (question, *revisit)]
    flow = {"a": answers, "revisit": revisit, "q": next_question(answers, revisit)}
    if typed is not None:
        flow["typed"] = typed
    await save(state, data, flow)
    await ask(message, flow, language)


# --- moving around -----------------------------------------------------------------------


@router.callback_query(StepNav.filter())
async def navigate(
    query: CallbackQuery,
    callback_data: StepNav,
    state: FSMContext,
    raw_state: str | None,
    database: Database,
    language: str,
) -> None:
    move = callback_data.a
    data, flow = await load(state)
    if raw_state != ACTIVE and move not in OUT_OF_FLOW_MOVES:
        await query.answer(text("compute.error.stale_button", language), show_alert=True)
        return
    await query.answer()
    message = query.message
    if move == "menu":
        await state.set_state(None)
        await message.answer(text("menu.title", language), reply_markup=main_menu(language))
    elif move == "restart":
        await start(message, state, data, language)
    elif move == "resume":
        await state.set_state(ComputeSteps.active)
        await ask(message, flow, language)
    elif move == "edit":
        await message.answer(
            text("compute.edit.choose", language),
            reply_markup=keyboards.edit_steps(flow["a"], language),
        )
    elif move == "compute":
        await compute(message, state, data, flow, database, language)
    else:
        flow = moved(flow, move, callback_data.s)
        await save(state, data, flow)
        await ask(message, flow, language)


def moved(flow: dict, move: str, step: str) -> dict:
    """The flow after back / keep / goto / summary / restart_levels."""
    question, answers, revisit = flow["q"], dict(flow["a"]), list(flow["revisit"])
    if move == "back":
        previous = back(question, answers, revisit)
        if previous is None:
            question = "i1.levels"
        elif previous != question:
            question = previous
            revisit += [] if question in revisit else [question]
    elif move == "keep":
        revisit = [q for q in revisit if q != question]
        question = next_question(answers, revisit)
    elif move == "goto":
        revisit = questions_of_step(answers, step)
        question = revisit[0] if revisit else question
    elif move == "summary":
        revisit = []
        question = next_question(answers, revisit)
    elif move == "restart_levels" and question == "i1.levels":
        answers["i1.levels"] = []
        revisit = [q for q in revisit if q != "i1.levels"]
    return {"q": question, "a": answers, "revisit": revisit}


def back(question: str, answers: dict, revisit: list[str]) -> str | None:
    """The question before, to revisit. While levels are being entered, "back" takes out the
    level just entered instead (``answers`` is changed, None is returned)."""
    levels = answers.get("i1.levels") or []
    if question.startswith("i1.level_pay."):
        position = int(question.removeprefix("i1.level_pay."))
        answers["i1.levels"] = levels[:position] + levels[position + 1 :]
        return None
    if question == "i1.levels" and levels and question not in revisit:
        answers["i1.levels"] = levels[:-1]
        return None
    return previous_question(answers, question) or question


# --- computing ---------------------------------------------------------------------------


STEP_OF_FIELD = (
    ("headcount", "hc.ouv"),
    ("indicator1", "i1"),
    ("indicator2and3", "i23"),
    ("indicator2", "i2"),
    ("indicator3", "i3"),
    ("indicator4", "i4"),
    ("indicator5", "i5"),
)


async def compute(
    message: Message, state: FSMContext, data: dict, flow: dict, database: Database, language: str
) -> None:
    """Score the answers with the engine; keep the result for a declaration."""
    answers = flow["a"]
    if next_question(answers, []) != SUMMARY:
        flow = {**flow, "q": next_question(answers, []), "revisit": []}
        await save(state, data, flow)
        await ask(message, flow, language)
        return
    document = build_raw_document(answers)
    try:
        output = compute_document(document).model_dump(mode="json")
    except EngineError as error:
        flow = {**flow, **refused_at(answers, error.where)}
        await save(state, data, flow)
        await ask(message, flow, language, prefix=engine_error_text(error, language))
        return
    flow = {**flow, "q": SUMMARY, "revisit": []}
    last_result = {"document": document, "output": output, "period_end": answers["period_end"]}
    await save(state, data, flow, last_result=last_result)
    await send_result(
        message,
        output,
        language,
        year=answers["year"],
        reply_markup=keyboards.after_result(
            language, declarable=await may_declare(database, state.key.user_id)
        ),
    )


def refused_at(answers: dict, where: str | None) -> dict:
    """Go back to the step the engine refused, so it can be corrected there."""
    for field, step in STEP_OF_FIELD:
        if (where or "").startswith(field):
            questions = [step] if step == "hc.ouv" else questions_of_step(answers, step)
            if questions:
                return {"q": questions[0], "revisit": questions}
    return {"q": SUMMARY, "revisit": []}
