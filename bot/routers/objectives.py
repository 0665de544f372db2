"""Objectives of progression and corrective measures of an index declaration (index-rules §9.3).

A form: one line per indicator of the band, the publication dates and the modalities, each with
its button. Fields the rules forbid (an objective for an indicator at its maximum, a measures
date for an index of 75 or more...) keep their button: pressing it explains the rule. Answers
live in ``data["objectives"]`` until saved.
"""

from datetime import date

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MenuAction
from bot.compute.errors import InputError
from bot.declaring.common import (
    Notify,
    ObjectivesAction,
    active_link,
    button,
    input_refusal,
    label_of,
    markup,
    read_date,
    refusal,
    refuse_not_linked,
    when,
)
from bot.texts import text
from egapro_assistant.usecases.declarations import NotLinked
from egapro_assistant.usecases.objectives import record_objectives
from store import declarations
from store.database import Database
from store.declaration_rules import (
    OBJECTIVE_MAX_LENGTH,
    DeclarationError,
    check_measures_date,
    check_modalities,
    check_objective_key,
    check_objective_text,
    check_objectives_date,
    measures_required,
    modalities_required,
)
from store.tables.declarations import IndexDeclaration

router = Router(name="objectives")

FORM = "objectives"
DATE_FIELDS = {"od": "objectives_date", "md": "measures_date"}


class ObjectivesForm(StatesGroup):
    """Filling the form in ``data["objectives"]``; ``field`` is the one being typed, if any."""

    active = State()


# -- the form ----------------------------------------------------------------------------------


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _form_text(declaration: IndexDeclaration, form: dict, label: str, language: str) -> str:
    output = declaration.engine_output
    index = declaration.index
    lines = [
        text(
            "objectives.title",
            language,
            company=label,
            year=declaration.year,
            index=index,
        ),
        "",
    ]
    for key, result in output["indicators"].items():
        name = text(f"compute.indicator.{key}", language)
        if not result["calculable"]:
            lines.append(text("objectives.line.not_calculable", language, name=name))
        elif result["note"] >= result["max_note"]:
            lines.append(
                text("objectives.line.at_maximum", language, name=name, note=result["note"])
            )
        else:
            typed = form["texts"].get(key)
            lines.append(
                text(
                    "objectives.line.objective",
                    language,
                    name=name,
                    note=result["note"],
                    max_note=result["max_note"],
                    value=f"« {typed} »" if typed else text("objectives.to_fill", language),
                )
            )
    lines.append("")
    lines.append(
        text("objectives.line.objectives_date", language, value=_date_value(form, "od", language))
    )
    if measures_required(index):
        lines.append(
            text("objectives.line.measures_date", language, value=_date_value(form, "md", language))
        )
    else:
        lines.append(text("objectives.line.no_measures", language))
    if modalities_required(index, declaration.publication_url):
        value = form.get("mo") or text("objectives.to_fill", language)
        lines.append(text("objectives.line.modalities", language, value=value))
    else:
        lines.append(text("objectives.line.no_modalities", language))
    return "\n".join(lines)


def _date_value(form: dict, field: str, language: str) -> str:
    value = form.get(field)
    return (
        when(date.fromisoformat(value), language) if value else text("objectives.to_fill", language)
    )


def _keyboard(declaration: IndexDeclaration, language: str):
    def act(action: str, value: str = "") -> ObjectivesAction:
        return ObjectivesAction(a=action, s=declaration.siren, y=declaration.year, v=value)

    rows = []
    for key, result in declaration.engine_output["indicators"].items():
        short = text(f"compute.indicator_short.{key}", language)
        due = result["calculable"] and result["note"] < result["max_note"]
        label = text("objectives.button.objective" if due else "objectives.button.none", language)
        rows.append([button(label.format(name=short), act("f", key))])
    rows.append([button(text("objectives.button.objectives_date", language), act("f", "od"))])
    rows.append([button(text("objectives.button.measures_date", language), act("f", "md"))])
    rows.append([button(text("objectives.button.modalities", language), act("f", "mo"))])
    rows.append(
        [
            button(text("objectives.button.save", language), act("save")),
            button(text("declare.button.stop", language), act("stop")),
        ]
    )
    return markup(*rows)


async def show_form(
    message: Message,
    database: Database,
    declaration: IndexDeclaration,
    form: dict,
    language: str,
    *,
    prefix: str | None = None,
) -> None:
    async with database.session() as session:
        label = await label_of(session, declaration.siren, language)
    body = _form_text(declaration, form, label, language)
    await message.answer(
        f"{prefix}\n\n{body}" if prefix else body, reply_markup=_keyboard(declaration, language)
    )


async def _save_form(state: FSMContext, form: dict) -> None:
    data = await state.get_data()
    await state.set_state(ObjectivesForm.active)
    await state.set_data({**data, FORM: form})


async def _end(state: FSMContext) -> None:
    data = await state.get_data()
    data.pop(FORM, None)
    await state.set_state(None)
    await state.set_data(data)


# -- opening -----------------------------------------------------------------------------------


async def _declaration(database: Database, siren: str, year: int) -> IndexDeclaration | None:
    async with database.session() as session:
        return await declarations.get_index(session, siren, year)


@router.callback_query(ObjectivesAction.filter(F.a == "open"))
async def open_form(
    query: CallbackQuery,
    callback_data: ObjectivesAction,
    state: FSMContext,
    database: Database,
    language: str,
) -> None:
    await query.answer()
    message, siren, year = query.message, callback_data.s, callback_data.y
    if await active_link(database, query.from_user.id, siren) is None:
        await refuse_not_linked(message, language)
        return
    async with database.session() as session:
        declaration = await declarations.get_index(session, siren, year)
        existing = (
            await declarations.objectives_of(session, declaration.id) if declaration else None
        )
    if declaration is None:
        await message.answer(refusal(DeclarationError("no_declaration", year=year), language))
        return
    reason = declarations.objectives_refusal(declaration)
    if reason:
        error = DeclarationError("objectives_not_applicable", reason=reason)
        await message.answer(refusal(error, language))
        return
    form = {
        "s": siren,
        "y": year,
        "rev": declaration.revision,
        "texts": dict(existing.objectives) if existing else {},
        "od": _iso(existing.objectives_publication_date) if existing else None,
        "md": _iso(existing.measures_publication_date) if existing else None,
        "mo": existing.modalities if existing else None,
        "field": None,
    }
    await _save_form(state, form)
    intro = text("objectives.intro_existing" if existing else "objectives.intro", language)
    await show_form(message, database, declaration, form, language, prefix=intro)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# -- filling -----------------------------------------------------------------------------------


async def _current(
    message: Message,
    state: FSMContext,
    raw_state: str | None,
    database: Database,
    user_id: int,
    language: str,
    siren: str | None = None,
    year: int | None = None,
) -> tuple[dict, IndexDeclaration] | None:
    """The form being filled and its declaration, once the user is checked again."""
    form = (await state.get_data()).get(FORM) if raw_state == ObjectivesForm.active.state else None
    if form is None or (siren is not None and (siren, year) != (form["s"], form["y"])):
        await message.answer(text("compute.error.stale_button", language))
        return None
    if await active_link(database, user_id, form["s"]) is None:
        await _end(state)
        await refuse_not_linked(message, language)
        return None
    declaration = await _declaration(database, form["s"], form["y"])
    if declaration is None or declaration.revision != form["rev"]:
        await _end(state)
        await message.answer(refusal(DeclarationError("declaration_changed"), language))
        return None
    return form, declaration


def _prompt(field: str, declaration: IndexDeclaration, form: dict, language: str) -> str:
    if field in DATE_FIELDS:
        return text(
            f"objectives.ask.{field}",
            language,
            period_end=when(declaration.period_end, language),
        )
    if field == "mo":
        return text("objectives.ask.mo", language)
    current = form["texts"].get(field)
    prompt = text(
        "objectives.ask.objective",
        language,
        name=text(f"compute.indicator.{field}", language),
        maximum=OBJECTIVE_MAX_LENGTH,
    )
    if current:
        prompt += "\n\n" + text("objectives.current", language, value=current)
    return prompt


def _check_field(field: str, declaration: IndexDeclaration) -> None:
    """Refuse a field the rules forbid for this declaration, before asking for it."""
    index = declaration.index
    if field == "md" and not measures_required(index):
        raise DeclarationError("measures_date_forbidden", index=index)
    if field == "mo" and not modalities_required(index, declaration.publication_url):
        raise DeclarationError("modalities_forbidden", index=index)
    if field not in ("od", "md", "mo"):
        check_objective_key(field, declaration.engine_output)


@router.callback_query(ObjectivesAction.filter(F.a == "f"))
async def choose_field(
    query: CallbackQuery,
    callback_data: ObjectivesAction,
    state: FSMContext,
    raw_state: str | None,
    database: Database,
    language: str,
) -> None:
    await query.answer()
    current = await _current(
        query.message,
        state,
        raw_state,
        database,
        query.from_user.id,
        language,
        callback_data.s,
        callback_data.y,
    )
    if current is None:
        return
    form, declaration = current
    field = callback_data.v
    try:
        _check_field(field, declaration)
    except DeclarationError as error:
        form["field"] = None
        await _save_form(state, form)
        await show_form(
            query.message, database, declaration, form, language, prefix=refusal(error, language)
        )
        return
    form["field"] = field
    await _save_form(state, form)
    await query.message.answer(_prompt(field, declaration, form, language))


def _apply(field: str, typed: str, declaration: IndexDeclaration, form: dict) -> None:
    index, period_end = declaration.index, declaration.period_end
    if field == "od":
        form["od"] = check_objectives_date(read_date(typed), period_end).isoformat()
    elif field == "md":
        form["md"] = check_measures_date(read_date(typed), index, period_end).isoformat()
    elif field == "mo":
        form["mo"] = check_modalities(typed, index, declaration.publication_url)
    else:
        form["texts"][field] = check_objective_text(field, typed, declaration.engine_output)


@router.message(ObjectivesForm.active, F.text, ~F.text.startswith("/"))
async def typed(
    message: Message, state: FSMContext, raw_state: str | None, database: Database, language: str
) -> None:
    current = await _current(message, state, raw_state, database, message.from_user.id, language)
    if current is None:
        return
    form, declaration = current
    field = form.get("field")
    if field is None:
        prefix = input_refusal(InputError("use_buttons"), language)
        await show_form(message, database, declaration, form, language, prefix=prefix)
        return
    try:
        _apply(field, message.text, declaration, form)
    except InputError as error:
        await message.answer(
            f"{input_refusal(error, language)}\n\n{_prompt(field, declaration, form, language)}"
        )
        return
    except DeclarationError as error:
        await message.answer(
            f"{refusal(error, language)}\n\n{_prompt(field, declaration, form, language)}"
        )
        return
    form["field"] = None
    await _save_form(state, form)
    await show_form(
        message, database, declaration, form, language, prefix=text("objectives.noted", language)
    )


@router.message(ObjectivesForm.active, ~F.text)
async def not_text(message: Message, language: str) -> None:
    await message.answer(input_refusal(InputError("not_text"), language))


# -- saving ------------------------------------------------------------------------------------


@router.callback_query(ObjectivesAction.filter(F.a.in_({"save", "stop"})))
async def save(
    query: CallbackQuery,
    callback_data: ObjectivesAction,
    state: FSMContext,
    raw_state: str | None,
    database: Database,
    language: str,
    notify_outbox: Notify | None = None,
) -> None:
    await query.answer()
    message, user_id = query.message, query.from_user.id
    current = await _current(
        message, state, raw_state, database, user_id, language, callback_data.s, callback_data.y
    )
    if current is None:
        return
    form, declaration = current
    if callback_data.a == "stop":
        await _end(state)
        await message.answer(text("declare.stopped", language))
        return
    draft = declarations.ObjectivesDraft(
        texts=dict(form["texts"]),
        objectives_date=_day(form.get("od")),
        measures_date=_day(form.get("md")),
        modalities=form.get("mo"),
    )
    try:
        recorded = await record_objectives(
            database,
            declaration,
            draft,
            revision=form["rev"],
            acting_user_id=user_id,
            language=language,
        )
    except NotLinked:
        await _end(state)
        await refuse_not_linked(message, language)
        return
    except DeclarationError as error:
        await show_form(
            message, database, declaration, form, language, prefix=refusal(error, language)
        )
        return
    sent = recorded.receipts
    async with database.session() as session:
        label = await label_of(session, declaration.siren, language)
    if notify_outbox:
        notify_outbox()
    await _end(state)
    await message.answer(
        text("objectives.saved", language, company=label, year=declaration.year, count=sent),
        reply_markup=markup([button(text("menu.status", language), MenuAction(action="status"))]),
    )
