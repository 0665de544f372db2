"""Représentation équilibrée (companies of 1000+ employees three years running; index-rules §12).

The shares of women and men among the cadres dirigeants and among the members of the instances
dirigeantes (each pair sums to 100, or the non-calculability motive), compared by the engine
with the year's target; then the publication and the declarant. Answers live in
``data["representation"]``.
"""

from datetime import date
from decimal import Decimal

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MenuAction
from bot.compute.clock import today
from bot.compute.errors import InputError
from bot.compute.numbers import parse_numbers
from bot.declaring.common import (
    Notify,
    RepresentationAction,
    active_link,
    button,
    current_data_year,
    input_refusal,
    label_of,
    markup,
    read_date,
    refusal,
    refuse_not_linked,
    when,
)
from bot.outbox_render import company_label
from bot.texts import text
from egapro_assistant.usecases.declarations import NotLinked
from egapro_assistant.usecases.representation import record_representation
from egapro_engine import rules_2019 as rules
from reports.formatting import format_number
from store import declarations, links
from store.database import Database
from store.declaration_rules import (
    MODALITIES_MAX_LENGTH,
    DeclarationError,
    check_period_end,
    check_representation_year,
    check_text,
    normalise_url,
    split_name,
)
from store.types import utcnow

router = Router(name="representation")

FLOW = "representation"
PAIRS = {"executives": rules.REP_EXECUTIVES, "governing": rules.REP_GOVERNING_BODIES}
MOTIVE_CODES = {
    "acd": "aucun_cadre_dirigeant",
    "ucd": "un_seul_cadre_dirigeant",
    "aid": "aucune_instance_dirigeante",
}


class Representing(StatesGroup):
    active = State()


def next_question(flow: dict) -> str:
    answers = flow["a"]
    if "siren" not in answers:
        return "company"
    for question in ("year", "period_end", "executives", "governing", "publication_date", "url"):
        if question not in answers:
            return question
    if not answers["url"] and "modalities" not in answers:
        return "modalities"
    if "first_name" not in answers:
        return "declarant"
    return "confirm"


def _act(flow: dict, action: str, value: str = "", year: int = 0) -> RepresentationAction:
    return RepresentationAction(a=action, s=flow["a"].get("siren", ""), y=year, v=value)


def _output(answers: dict) -> dict:
    return declarations.compute_representation(
        answers["year"], answers["executives"], answers["governing"]
    )[1]


def _pair_line(key: str, pair: dict, target: int | None, language: str) -> str:
    name = text(f"representation.pair.{key}", language)
    if not pair["calculable"]:
        motive = text(f"representation.motive.{pair['reason']}", language)
        return text("representation.result.nc", language, name=name, motive=motive)
    values = dict(
        name=name,
        women=format_number(pair["women_pct"], language),
        men=format_number(pair["men_pct"], language),
    )
    if target is None:
        return text("representation.result.no_target", language, **values)
    verdict = "met" if pair["meets_target"] else "missed"
    return text(f"representation.result.{verdict}", language, target=target, **values)


def comparison(output: dict, language: str) -> str:
    target = output["target_pct"]
    return "\n".join(
        [
            text("representation.result.title", language, year=output["year"]),
            _pair_line("executives", output["executives"], target, language),
            _pair_line("governing", output["governing_bodies"], target, language),
        ]
    )


async def _question(database: Database, user_id: int, flow: dict, language: str):
    q, answers = flow["q"], flow["a"]
    rows: list[list] = []
    params: dict = {}
    if q == "company":
        async with database.session() as session:
            linked = await links.companies_of(session, user_id)
        rows = [
            [
                button(
                    company_label(c.siren, c.name, language),
                    RepresentationAction(a="co", s=c.siren),
                )
            ]
            for c in linked
        ]
    elif q == "year":
        years = (current_data_year(), current_data_year() - 1)
        rows = [[button(str(y), _act(flow, "yr", year=y)) for y in years]]
    elif q == "period_end":
        rows = [[button(f"31/12/{answers['year']}", _act(flow, "pe"))]]
        params = {"year": answers["year"]}
    elif q in PAIRS:
        motives = rules.REP_MOTIVES[PAIRS[q]]
        codes = {motive: code for code, motive in MOTIVE_CODES.items()}
        rows = [
            [button(text(f"representation.motive.{m}", language), _act(flow, "nc", codes[m]))]
            for m in motives
        ]
    elif q == "publication_date":
        rows = [[button(text("declare.button.today", language), _act(flow, "pd"))]]
    elif q == "url":
        rows = [[button(text("declare.button.no_website", language), _act(flow, "nourl"))]]
    elif q == "confirm":
        return await _summary(database, flow, language), markup(
            [button(text("declare.button.confirm", language), _act(flow, "ok"))],
            [button(text("declare.button.stop", language), _act(flow, "stop"))],
        )
    if q != "company":
        rows.append([button(text("declare.button.stop", language), _act(flow, "stop"))])
    return text(f"representation.q.{q}", language, **params), markup(*rows)


async def _summary(database: Database, flow: dict, language: str) -> str:
    answers = flow["a"]
    async with database.session() as session:
        label = await label_of(session, answers["siren"], language)
    lines = [
        text("representation.summary.title", language),
        text("declare.summary.company", language, company=label),
        text("declare.summary.year", language, year=answers["year"]),
        text(
            "declare.summary.period_end",
            language,
            date=when(date.fromisoformat(answers["period_end"]), language),
        ),
        comparison(_output(answers), language),
        text(
            "declare.summary.publication",
            language,
            date=when(date.fromisoformat(answers["publication_date"]), language),
            where=answers["url"] or answers.get("modalities", ""),
        ),
        text(
            "declare.summary.declarant",
            language,
            name=f"{answers['first_name']} {answers['last_name']}",
        ),
    ]
    if answers.get("modifying"):
        lines += ["", text("representation.summary.modifying", language)]
    return "\n".join(lines)


async def ask(
    message: Message,
    state: FSMContext,
    flow: dict,
    database: Database,
    user_id: int,
    language: str,
    *,
    prefix: str | None = None,
) -> None:
    flow["q"] = next_question(flow)
    data = await state.get_data()
    await state.set_state(Representing.active)
    await state.set_data({**data, FLOW: flow})
    body, keyboard = await _question(database, user_id, flow, language)
    await message.answer(f"{prefix}\n\n{body}" if prefix else body, reply_markup=keyboard)


async def _end(state: FSMContext) -> None:
    data = await state.get_data()
    data.pop(FLOW, None)
    await state.set_state(None)
    await state.set_data(data)


# -- starting ------------------------------------------------------------------------------------


@router.callback_query(RepresentationAction.filter(F.a == "start"))
async def start(
    query: CallbackQuery,
    callback_data: RepresentationAction,
    state: FSMContext,
    database: Database,
    language: str,
) -> None:
    await query.answer()
    message, user_id = query.message, query.from_user.id
    flow: dict = {"q": None, "a": {}}
    if callback_data.s:
        if await active_link(database, user_id, callback_data.s) is None:
            await refuse_not_linked(message, language)
            return
        flow["a"]["siren"] = callback_data.s
    prefix = None
    if callback_data.y and "siren" in flow["a"]:
        try:
            prefix = await _choose_year(flow, database, callback_data.y, language)
        except DeclarationError as error:
            prefix = refusal(error, language)
    await ask(message, state, flow, database, user_id, language, prefix=prefix)


async def _choose_year(flow: dict, database: Database, year: int, language: str) -> str | None:
    check_representation_year(year, today())
    async with database.session() as session:
        existing = await declarations.get_representation(session, flow["a"]["siren"], year)
    flow["a"].pop("modifying", None)
    note = None
    if existing is not None:
        deadline = declarations.modification_deadline(existing)
        if utcnow() > deadline:
            raise DeclarationError(
                "modification_closed",
                submitted=existing.first_submitted_at,
                until=deadline,
                year=year,
            )
        flow["a"]["modifying"] = True
        note = text(
            "representation.modifying",
            language,
            year=year,
            submitted=when(existing.first_submitted_at, language),
            until=when(deadline, language),
        )
    flow["a"]["year"] = year
    return note


# -- answers -------------------------------------------------------------------------------------


def parse_pair(typed: str) -> dict:
    """``28,5`` (women; men are the rest) or ``28,5 71,5`` (women, men) → the engine's pair."""
    try:
        values = parse_numbers(typed, 1)
    except InputError:
        values = parse_numbers(typed, 2)
    for value in values:
        if not 0 <= value <= 100:
            raise InputError("rate_range", value=value)
    women = Decimal(str(values[0]))
    men = Decimal(str(values[1])) if len(values) == 2 else Decimal(100) - women
    if women + men != 100:
        raise DeclarationError("pair_sum", women=float(women), men=float(men))
    return {"women_pct": _plain(women), "men_pct": _plain(men)}


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _typed_year(typed: str) -> int:
    digits = typed.strip()
    if not digits.isdigit():
        raise InputError("year_range", first=2021, last=today().year)
    return int(digits)


def _apply_text(question: str, typed: str, answers: dict) -> None:
    if question == "period_end":
        answers["period_end"] = check_period_end(read_date(typed), answers["year"]).isoformat()
    elif question in PAIRS:
        answers[question] = parse_pair(typed)
        if question == "governing":
            _output(answers)  # the engine checks the pairs now, not at the end
    elif question == "publication_date":
        answers["publication_date"] = read_date(typed).isoformat()
    elif question == "url":
        answers["url"] = normalise_url(typed)
    elif question == "modalities":
        answers["modalities"] = check_text(
            typed, code="publication_modalities", maximum=MODALITIES_MAX_LENGTH
        )
    elif question == "declarant":
        answers["first_name"], answers["last_name"] = split_name(typed)
    else:
        raise InputError("use_buttons")


async def _flow(state: FSMContext, raw_state: str | None) -> dict | None:
    if raw_state != Representing.active.state:
        return None
    return (await state.get_data()).get(FLOW)


async def _guard(
    message: Message, state: FSMContext, database: Database, user_id: int, flow: dict, language: str
) -> bool:
    siren = flow["a"].get("siren")
    if siren is None or await active_link(database, user_id, siren) is not None:
        return True
    await _end(state)
    await refuse_not_linked(message, language)
    return False


def _after_pairs(question: str, answers: dict, language: str) -> str | None:
    """Once both pairs are known, the comparison with the target comes with the next question."""
    if question == "governing" and "governing" in answers:
        return comparison(_output(answers), language)
    return None


@router.message(Representing.active, F.text, ~F.text.startswith("/"))
async def typed(
    message: Message, state: FSMContext, raw_state: str | None, database: Database, language: str
) -> None:
    flow = await _flow(state, raw_state)
    user_id = message.from_user.id
    if flow is None or not await _guard(message, state, database, user_id, flow, language):
        return
    question = flow["q"]
    try:
        if question == "year":
            note = await _choose_year(flow, database, _typed_year(message.text), language)
        else:
            _apply_text(question, message.text, flow["a"])
            note = _after_pairs(question, flow["a"], language)
    except InputError as error:
        flow["a"].pop(question, None)
        prefix = input_refusal(error, language)
        await ask(message, state, flow, database, user_id, language, prefix=prefix)
        return
    except DeclarationError as error:
        flow["a"].pop(question, None)
        await ask(
            message, state, flow, database, user_id, language, prefix=refusal(error, language)
        )
        return
    await ask(message, state, flow, database, user_id, language, prefix=note)


@router.message(Representing.active, ~F.text)
async def not_text(message: Message, language: str) -> None:
    await message.answer(input_refusal(InputError("not_text"), language))


QUESTION_OF_ACTION = {
    "co": "company",
    "yr": "year",
    "pe": "period_end",
    "pd": "publication_date",
    "nourl": "url",
    "ok": "confirm",
}


@router.callback_query(
    RepresentationAction.filter(F.a.in_(set(QUESTION_OF_ACTION) | {"nc", "stop"}))
)
async def pressed(
    query: CallbackQuery,
    callback_data: RepresentationAction,
    state: FSMContext,
    raw_state: str | None,
    database: Database,
    language: str,
    notify_outbox: Notify | None = None,
) -> None:
    flow = await _flow(state, raw_state)
    action = callback_data.a
    expected = PAIRS if action == "nc" else {QUESTION_OF_ACTION.get(action)}
    if flow is None or (action != "stop" and flow["q"] not in expected):
        await query.answer(text("compute.error.stale_button", language), show_alert=True)
        return
    await query.answer()
    message, user_id = query.message, query.from_user.id
    if action == "stop":
        await _end(state)
        await message.answer(text("declare.stopped", language))
        return
    if action == "co":
        if await active_link(database, user_id, callback_data.s) is None:
            await refuse_not_linked(message, language)
            return
        flow["a"]["siren"] = callback_data.s
        await ask(message, state, flow, database, user_id, language)
        return
    if not await _guard(message, state, database, user_id, flow, language):
        return
    if callback_data.s != flow["a"].get("siren"):
        await message.answer(text("compute.error.stale_button", language))
        return
    answers, prefix = flow["a"], None
    try:
        if action == "ok":
            await confirm(message, state, flow, database, user_id, language, notify_outbox)
            return
        if action == "yr":
            prefix = await _choose_year(flow, database, callback_data.y, language)
        elif action == "pe":
            answers["period_end"] = date(answers["year"], 12, 31).isoformat()
        elif action == "nc":
            motive = MOTIVE_CODES.get(callback_data.v)
            if motive not in rules.REP_MOTIVES[PAIRS[flow["q"]]]:
                await message.answer(text("compute.error.stale_button", language))
                return
            answers[flow["q"]] = {"not_calculable": motive}
            prefix = _after_pairs(flow["q"], answers, language)
        elif action == "pd":
            answers["publication_date"] = today().isoformat()
        elif action == "nourl":
            answers["url"] = ""
    except DeclarationError as error:
        prefix = refusal(error, language)
    await ask(message, state, flow, database, user_id, language, prefix=prefix)


# -- saving --------------------------------------------------------------------------------------


def _draft(answers: dict, user_id: int, email: str) -> declarations.RepresentationDraft:
    return declarations.RepresentationDraft(
        siren=answers["siren"],
        year=answers["year"],
        executives=answers["executives"],
        governing_bodies=answers["governing"],
        period_end=date.fromisoformat(answers["period_end"]),
        publication_date=date.fromisoformat(answers["publication_date"]),
        publication_url=answers["url"] or None,
        publication_modalities=answers.get("modalities"),
        declarant_email=email,
        declarant_first_name=answers["first_name"],
        declarant_last_name=answers["last_name"],
        telegram_user_id=user_id,
    )


async def confirm(
    message: Message,
    state: FSMContext,
    flow: dict,
    database: Database,
    user_id: int,
    language: str,
    notify_outbox: Notify | None,
) -> None:
    link = await active_link(database, user_id, flow["a"]["siren"])
    if link is None:
        await _end(state)
        await refuse_not_linked(message, language)
        return
    draft = _draft(flow["a"], user_id, link.email)
    try:
        recorded = await record_representation(
            database, draft, acting_user_id=user_id, language=language
        )
    except NotLinked:
        await _end(state)
        await refuse_not_linked(message, language)
        return
    except DeclarationError as error:
        await message.answer(refusal(error, language))
        return
    saved, sent = recorded.saved, recorded.receipts
    async with database.session() as session:
        label = await label_of(session, draft.siren, language)
    if notify_outbox:
        notify_outbox()
    await _end(state)
    key = "representation.saved" if saved.created else "representation.modified"
    await message.answer(
        text(key, language, company=label, year=draft.year, count=sent),
        reply_markup=markup([button(text("menu.status", language), MenuAction(action="status"))]),
    )
