"""What is under way in a conversation, and never lost without the user choosing it.

A computation (step by step, by file, typed results) or a declaration (index, objectives,
représentation équilibrée) keeps its answers in the FSM data until it ends. `/start` and the
menu entries that open a flow say what is under way and offer to resume it or to start again;
"📋 Où en suis-je ?" offers to continue it in one tap; `/help` during a step repeats the current
question and how to answer it, and from the menu gives the checklist per band and what each menu
entry does.
"""

from dataclasses import dataclass, field

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import MenuAction
from bot.compute import results_flow
from bot.compute.states import ComputeFile, ComputeResults, ComputeSteps
from bot.declaring.common import (
    ObjectivesAction,
    RepresentationAction,
    active_link,
    button,
    markup,
)
from bot.keyboards import main_menu
from bot.routers import (
    compute_file,
    compute_results,
    compute_steps,
    declare,
    objectives,
    representation,
)
from bot.routers.common import steps_in_progress
from bot.texts import text
from store import declarations
from store.database import Database

router = Router(name="pending")

# Data key and conversation state of each kind of flow, in the order they are offered.
KINDS = {
    "declare": (declare.FLOW, declare.Declaring.active.state),
    "objectives": (objectives.FORM, objectives.ObjectivesForm.active.state),
    "representation": (representation.FLOW, representation.Representing.active.state),
    "steps": (compute_steps.FLOW, ComputeSteps.active.state),
    "results": (compute_results.FLOW, ComputeResults.active.state),
    "file": (compute_file.OPTIONS, ComputeFile.waiting.state),
}
# Menu entries that open a flow, and the kind of flow each opens.
FLOW_ENTRIES = {
    "compute_steps": "steps",
    "compute_file": "file",
    "compute_results": "results",
    "declare": "declare",
}


class PendingAction(CallbackData, prefix="pg"):
    """``resume`` or ``restart`` the flow of kind ``k``; ``drop`` it and open the menu entry
    ``m``."""

    a: str
    k: str
    m: str = ""


@dataclass(frozen=True)
class Pending:
    kind: str
    params: dict = field(default_factory=dict)


def _under_way(kind: str, data: dict) -> dict | None:
    """The parameters of the notice when a flow of ``kind`` is under way, else None."""
    value = data.get(KINDS[kind][0])
    if not isinstance(value, dict):
        return None
    if kind == "steps":
        progress = steps_in_progress(data)
        return None if progress is None else {"step": progress[0], "total": progress[1]}
    if kind == "results":
        question = value.get("q")
        if not value.get("a") or question == results_flow.DONE:
            return None
        questions = results_flow.plan(value["a"])
        step = questions.index(question) + 1 if question in questions else 1
        return {"step": step, "total": len(questions)}
    if kind == "file":
        return {} if value.get("open") else None
    if kind == "objectives":
        return {"year": value.get("y", "")}
    return {}


def pending_of(data: dict, raw_state: str | None = None) -> Pending | None:
    """The flow under way: the one the conversation is in, else the first found."""
    found = [(kind, params) for kind in KINDS if (params := _under_way(kind, data)) is not None]
    for kind, params in found:
        if KINDS[kind][1] == raw_state:
            return Pending(kind, params)
    return Pending(*found[0]) if found else None


def notice(pending: Pending, language: str) -> str:
    return text(f"start.in_progress.{pending.kind}", language, **pending.params)


def resume_rows(pending: Pending, language: str, *, entry: str = "") -> list[list]:
    """Resume, and start again (the same flow), or leave it for the menu entry chosen."""
    rows = [
        [button(text("pending.button.resume", language), PendingAction(a="resume", k=pending.kind))]
    ]
    if entry and FLOW_ENTRIES.get(entry) != pending.kind:
        label = text("pending.button.drop", language, entry=text(f"menu.{entry}", language))
        rows.append([button(label, PendingAction(a="drop", k=pending.kind, m=entry))])
    else:
        restart = PendingAction(a="restart", k=pending.kind)
        rows.append([button(text("pending.button.restart", language), restart)])
    return rows


def continue_button(pending: Pending, language: str) -> InlineKeyboardButton:
    """The one tap of "📋 Où en suis-je ?" that continues what is under way."""
    label = text(
        "pending.button.continue", language, what=text(f"pending.kind.{pending.kind}", language)
    )
    return button(label, PendingAction(a="resume", k=pending.kind))


# -- resuming and starting again -------------------------------------------------------------


async def resume(
    message: Message,
    state: FSMContext,
    pending: Pending,
    database: Database,
    user_id: int,
    language: str,
    *,
    prefix: str | None = None,
) -> bool:
    """Ask the current question of the flow again, in its state; False when it cannot be."""
    data = await state.get_data()
    key, raw_state = KINDS[pending.kind]
    flow = data.get(key)
    if not isinstance(flow, dict):
        return False
    if pending.kind == "declare":
        if flow.get("a", {}).get("siren") and not await active_link(
            database, user_id, flow["a"]["siren"]
        ):
            return False
        await declare.ask(message, state, flow, database, user_id, language, prefix=prefix)
        return True
    if pending.kind == "representation":
        await representation.ask(message, state, flow, database, user_id, language, prefix=prefix)
        return True
    if pending.kind == "objectives":
        if await active_link(database, user_id, flow.get("s")) is None:
            return False
        async with database.session() as session:
            row = await declarations.get_index(session, flow["s"], flow["y"])
        if row is None or row.revision != flow.get("rev"):
            return False
        await state.set_state(raw_state)
        await objectives.show_form(message, database, row, flow, language, prefix=prefix)
        return True
    await state.set_state(raw_state)
    if pending.kind == "steps":
        await compute_steps.ask(message, flow, language, prefix=prefix)
    elif pending.kind == "results":
        await compute_results.ask(message, flow, language, prefix=prefix)
    else:
        await compute_file.ask(message, flow, language, prefix=prefix)
    return True


async def drop(state: FSMContext, kind: str) -> None:
    """Abandon the flow of ``kind`` (the user chose it); the rest of the data stays."""
    data = await state.get_data()
    data.pop(KINDS[kind][0], None)
    await state.set_state(None)
    await state.set_data(data)


async def open_entry(
    query: CallbackQuery, state: FSMContext, entry: str, database: Database, language: str
) -> None:
    """Open a menu entry as its own button would (the query is answered there)."""
    if entry == "compute_steps":
        await compute_steps.open_steps(query, state, language, database)
    elif entry == "compute_file":
        await compute_file.open_file(query, state, language, database)
    elif entry == "compute_results":
        await compute_results.open_results(query, state, language, database)
    else:
        await declare.from_menu(query, state, database, language)


async def restart(
    query: CallbackQuery,
    state: FSMContext,
    kind: str,
    flow: dict,
    database: Database,
    language: str,
) -> None:
    """Start the flow of ``kind`` again from its beginning."""
    if kind in ("steps", "file", "results", "declare"):
        entry = next(e for e, k in FLOW_ENTRIES.items() if k == kind)
        await open_entry(query, state, entry, database, language)
    elif kind == "objectives":
        again = ObjectivesAction(a="open", s=flow.get("s", ""), y=flow.get("y", 0))
        await objectives.open_form(query, again, state, database, language)
    else:
        again = RepresentationAction(
            a="start", s=flow.get("a", {}).get("siren", ""), y=flow.get("a", {}).get("year", 0)
        )
        await representation.start(query, again, state, database, language)


@router.callback_query(PendingAction.filter())
async def pressed(
    query: CallbackQuery,
    callback_data: PendingAction,
    state: FSMContext,
    database: Database,
    language: str,
) -> None:
    kind, action = callback_data.k, callback_data.a
    if kind not in KINDS:
        await query.answer(text("compute.error.stale_button", language), show_alert=True)
        return
    data = await state.get_data()
    params = _under_way(kind, data)
    if action == "resume":
        done = params is not None and await resume(
            query.message, state, Pending(kind, params), database, query.from_user.id, language
        )
        await query.answer(None if done else text("pending.gone", language), show_alert=not done)
        return
    flow = data.get(KINDS[kind][0]) or {}
    await drop(state, kind)
    if action == "drop" and callback_data.m in FLOW_ENTRIES:
        await open_entry(query, state, callback_data.m, database, language)
    elif action == "restart":
        await restart(query, state, kind, flow, database, language)
    else:
        await query.answer(text("compute.error.stale_button", language), show_alert=True)


# -- menu entries while something is under way ------------------------------------------------


async def _pending_elsewhere(
    query: CallbackQuery, callback_data: MenuAction, state: FSMContext, raw_state: str | None
) -> dict | bool:
    """A flow is under way that the entry would replace or leave behind (the step-by-step
    entry offers its own resume for its own flow)."""
    pending = pending_of(await state.get_data(), raw_state)
    if pending is None or (pending.kind == "steps" and callback_data.action == "compute_steps"):
        return False
    return {"pending": pending}


@router.callback_query(MenuAction.filter(F.action.in_(set(FLOW_ENTRIES))), _pending_elsewhere)
async def entry_while_pending(
    query: CallbackQuery, callback_data: MenuAction, pending: Pending, language: str
) -> None:
    await query.answer()
    rows = resume_rows(pending, language, entry=callback_data.action)
    await query.message.answer(notice(pending, language), reply_markup=markup(*rows))


# -- /start ---------------------------------------------------------------------------------------


@router.message(CommandStart(deep_link=False))
async def start(message: Message, state: FSMContext, raw_state: str | None, language: str) -> None:
    """The menu; a flow under way is kept, said, and offered to resume or start again."""
    pending = pending_of(await state.get_data(), raw_state)
    await state.set_state(None)
    first_name = message.from_user.first_name
    welcome = text("start.welcome", language, name=f" {first_name}" if first_name else "")
    keyboard = main_menu(language)
    if pending is not None:
        welcome = f"{welcome}\n\n{notice(pending, language)}"
        rows = resume_rows(pending, language)
        keyboard = InlineKeyboardMarkup(inline_keyboard=[*rows, *keyboard.inline_keyboard])
    await message.answer(welcome, reply_markup=keyboard)


# -- /help ---------------------------------------------------------------------------------------


@router.message(Command("help"))
async def show_help(
    message: Message, state: FSMContext, raw_state: str | None, database: Database, language: str
) -> None:
    """During a step: the question again, and how to answer it; otherwise the checklist."""
    pending = pending_of(await state.get_data(), raw_state) if raw_state else None
    if pending is not None and KINDS[pending.kind][1] == raw_state:
        prefix = text("help.in_step", language)
        if await resume(
            message, state, pending, database, message.from_user.id, language, prefix=prefix
        ):
            return
    await message.answer(text("help", language))
