"""Declaring an index: from the last computed result, for a company the user is linked to.

The conversation asks the company's address, postal code and commune as the official form does
(the département follows from the postal code; a company that already has them is not asked
again), then whether the reference period is long enough, the publication (date, website or
modalities), the corrective measures below 75, the "plan de relance" answer (from data year 2021)
and the declarant's name and phone. What the computation already knows (data year, end of the
reference period, band) is not asked again: the summary shows it, with a button to change each.
The scores are never taken from the conversation: the store recomputes them from the input
document when it saves. Answers live in ``data["declare"]``; the rest of the FSM data (the last
result) is kept (/cancel and /start keep the last result too).
"""

from datetime import date

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import MenuAction
from bot.compute.callbacks import BAND_CODES, BAND_NAMES, MODE_CODES
from bot.compute.clock import today
from bot.compute.errors import InputError
from bot.declaring.common import (
    DeclareAction,
    Notify,
    ObjectivesAction,
    active_link,
    button,
    current_data_year,
    index_text,
    input_refusal,
    label_of,
    markup,
    read_date,
    refusal,
    refuse_not_linked,
    settings_of,
    when,
)
from bot.outbox_render import company_label
from bot.routers.companies import LinkCompany
from bot.texts import text
from egapro_assistant.config import Settings
from egapro_assistant.usecases.declarations import CompanyDetails, NotLinked, record_index
from egapro_assistant.usecases.progress import record_started
from egapro_engine import rules_2019 as rules
from store import companies, declarations, links
from store.database import Database
from store.declaration_rules import (
    CORRECTIVE_MEASURES,
    FIRST_YEAR,
    LEVEL_MODES,
    MODALITIES_MAX_LENGTH,
    NAME_MAX_LENGTH,
    DeclarationError,
    check_cse_date,
    check_period_end,
    check_text,
    check_year,
    indicator1_mode,
    normalise_url,
    split_name,
)
from store.declarations import plan_relance_asked
from store.phone_numbers import display_phone, normalise_phone
from store.postal_codes import PostalCodeError, departement_of, normalise_postal_code
from store.tables.declarations import ObjectivesStatus
from store.types import utcnow

router = Router(name="declare")

FLOW = "declare"
BUTTON_QUESTIONS = (
    "company",
    "year",
    "band",
    "sufficient",
    "mode",
    "measures",
    "plan_relance",
    "confirm",
)
ADDRESS_MAX_LENGTH = 200
TOWN_MAX_LENGTH = 100
# What the summary offers to change, and the answers each change asks again.
EDITABLE = {
    "year": ("year", "period_end"),
    "period": ("period_end",),
    "band": ("band",),
    "address": ("address", "postal_code", "town"),
}
LARGE_BANDS = ("251:999", "1000:")


class Declaring(StatesGroup):
    """The question being asked is ``data["declare"]["q"]``."""

    active = State()


# -- the questions, in order -------------------------------------------------------------------


def document_of(flow: dict) -> dict:
    """The computed document, with the band chosen in the summary when it was changed."""
    band = flow["a"].get("band")
    document = flow["document"]
    if band and band != document.get("workforce_range"):
        return {**document, "workforce_range": band}
    return document


def _output(flow: dict) -> dict:
    return declarations.compute_index(document_of(flow), flow["a"]["year"])[1]


def _needs_mode(flow: dict, output: dict) -> bool:
    calculable = output["indicators"][rules.IND1]["calculable"]
    return calculable and indicator1_mode(flow["document"], None) is None


def band_choices(document: dict) -> tuple[str, ...]:
    """The bands a computed document can be declared in: the indicators of 50–250 (2 and 3
    together) are not those of larger companies, so only 251–999 and 1000+ can swap."""
    band = document.get("workforce_range")
    return LARGE_BANDS if band in LARGE_BANDS else (band,) if band else ()


def next_question(flow: dict) -> str:
    answers = flow["a"]
    if "siren" not in answers:
        return "company"
    if answers.get("need_name") and "name" not in answers:
        return "name"
    for question in ("address", "postal_code", "town", "year"):
        if question not in answers:
            return question
    if "band" not in answers and not flow["document"].get("workforce_range"):
        return "band"
    for question in ("period_end", "sufficient"):
        if question not in answers:
            return question
    if answers["sufficient"]:
        output = _output(flow)
        if _needs_mode(flow, output) and "mode" not in answers:
            return "mode"
        mode = indicator1_mode(flow["document"], answers.get("mode"))
        if mode in LEVEL_MODES and "cse_date" not in answers:
            return "cse_date"
        for question in ("publication_date", "url"):
            if question not in answers:
                return question
        if not answers["url"] and "modalities" not in answers:
            return "modalities"
        index = output["index"]
        below = index is not None and index < rules.CORRECTIVE_MEASURES_BELOW
        if below and "measures" not in answers:
            return "measures"
    if plan_relance_asked(answers["year"]) and "plan_relance" not in answers:
        return "plan_relance"
    if "first_name" not in answers:
        return "declarant"
    if "phone" not in answers:
        return "phone"
    return "confirm"


# -- asking ------------------------------------------------------------------------------------


def _choice(action: str, flow: dict, value: str = "", year: int = 0) -> DeclareAction:
    return DeclareAction(a=action, s=flow["a"].get("siren", ""), y=year, v=value)


def _stop_row(flow: dict, language: str) -> list:
    return [button(text("declare.button.stop", language), _choice("stop", flow))]


async def _question(database: Database, user_id: int, flow: dict, language: str):
    """The text and the buttons of the current question."""
    q, answers = flow["q"], flow["a"]
    rows: list[list] = []
    params: dict = {}
    if q == "company":
        async with database.session() as session:
            linked = await links.companies_of(session, user_id)
        rows = [
            [button(company_label(c.siren, c.name, language), DeclareAction(a="co", s=c.siren))]
            for c in linked
        ]
    elif q == "year":
        document_year = flow["document"].get("year")
        years = [current_data_year(), current_data_year() - 1]
        if document_year and document_year not in years:
            years.insert(0, document_year)
        rows = [[button(str(y), _choice("yr", flow, year=y)) for y in years]]
        params = {"first": FIRST_YEAR, "last": today().year}
    elif q == "band":
        choices = band_choices(flow["document"]) or tuple(BAND_CODES.values())
        rows = [
            [button(band_text(band, language), _choice("bd", flow, _band_code(band)))]
            for band in choices
        ]
        if len(choices) == 1:
            params = {"note": text("declare.band_fixed", language)}
        else:
            params = {"note": ""}
    elif q == "period_end":
        year = answers["year"]
        rows = [[button(f"31/12/{year}", _choice("pe", flow))]]
        params = {"year": year}
    elif q == "sufficient":
        rows = [
            [
                button(text("declare.button.yes", language), _choice("ps", flow, "1")),
                button(text("declare.button.no", language), _choice("ps", flow, "0")),
            ]
        ]
    elif q == "mode":
        rows = [
            [button(text(f"compute.button.mode.{mode}", language), _choice("mode", flow, code))]
            for code, mode in MODE_CODES.items()
        ]
    elif q == "town":
        params = {
            "postal_code": answers["postal_code"],
            "departement": _departement_text(answers["postal_code"], language),
        }
    elif q == "publication_date":
        rows = [[button(text("declare.button.today", language), _choice("pd", flow))]]
    elif q == "url":
        rows = [[button(text("declare.button.no_website", language), _choice("nourl", flow))]]
    elif q == "measures":
        rows = [
            [button(text(f"declare.measures.{code}", language), _choice("cm", flow, code))]
            for code in CORRECTIVE_MEASURES
        ]
        params = {"index": _output(flow)["index"]}
    elif q == "plan_relance":
        rows = [
            [
                button(text("declare.button.yes", language), _choice("pr", flow, "1")),
                button(text("declare.button.no", language), _choice("pr", flow, "0")),
            ]
        ]
    elif q == "confirm":
        return await _summary(database, flow, language), markup(
            [button(text("declare.button.confirm", language), _choice("ok", flow))],
            *_edit_rows(flow, language),
            _stop_row(flow, language),
        )
    if q != "company":
        rows.append(_stop_row(flow, language))
    return text(f"declare.q.{q}", language, **params), markup(*rows)


def _band_code(band: str) -> str:
    return next(code for code, value in BAND_CODES.items() if value == band)


def band_text(band: str | None, language: str) -> str:
    codes = {value: code for code, value in BAND_CODES.items()}
    return text(f"compute.band.{BAND_NAMES[codes[band]]}", language) if band in codes else ""


def _edit_rows(flow: dict, language: str) -> list[list]:
    """Buttons of the summary that change what the computation or the company record gave."""
    edits = ["year", "period", "address"]
    if len(band_choices(flow["document"])) > 1:
        edits.insert(2, "band")
    labels = [(text(f"declare.button.edit.{edit}", language), edit) for edit in edits]
    buttons = [button(label, _choice("ed", flow, edit)) for label, edit in labels]
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def address_text(answers: dict) -> str:
    place = " ".join(filter(None, (answers.get("postal_code"), answers.get("town"))))
    parts = [answers.get("address"), place]
    return ", ".join(part for part in parts if part)


async def _label(database: Database, siren: str, language: str) -> str:
    async with database.session() as session:
        return await label_of(session, siren, language)


async def _summary(database: Database, flow: dict, language: str) -> str:
    answers = flow["a"]
    output = _output(flow)
    label = answers.get("name") or await _label(database, answers["siren"], language)
    lines = [
        text("declare.summary.title", language),
        text("declare.summary.company", language, company=label),
        text("declare.summary.address", language, address=address_text(answers)),
        text(
            "declare.summary.departement",
            language,
            departement=_departement_text(answers.get("postal_code"), language),
        ),
        text("declare.summary.year", language, year=answers["year"]),
        text(
            "declare.summary.period_end",
            language,
            date=when(date.fromisoformat(answers["period_end"]), language),
        ),
        text(
            "declare.summary.band",
            language,
            band=band_text(document_of(flow).get("workforce_range"), language),
        ),
    ]
    if not answers["sufficient"]:
        lines.append(text("declare.summary.insufficient", language))
    else:
        lines.append(
            text("declare.summary.index", language, index=index_text(output["index"], language))
        )
        lines.append(
            text(
                "declare.summary.points",
                language,
                points=output["points"],
                max_points=output["max_points"],
            )
        )
        lines.append(
            text(
                "declare.summary.publication",
                language,
                date=when(date.fromisoformat(answers["publication_date"]), language),
                where=answers["url"] or answers.get("modalities", ""),
            )
        )
        if answers.get("measures"):
            lines.append(
                text(
                    "declare.summary.measures",
                    language,
                    choice=text(f"declare.measures.{answers['measures']}", language),
                )
            )
    if "plan_relance" in answers:
        key = "declare.button.yes" if answers["plan_relance"] else "declare.button.no"
        lines.append(
            text("declare.summary.plan_relance", language, answer=text(key, language).lower())
        )
    lines.append(
        text(
            "declare.summary.declarant",
            language,
            name=f"{answers['first_name']} {answers['last_name']}",
        )
    )
    lines.append(text("declare.summary.phone", language, phone=display_phone(answers["phone"])))
    if answers.get("modifying"):
        lines.append("")
        lines.append(text("declare.summary.modifying", language))
    lines.append("")
    lines.append(text("declare.summary.recomputed", language))
    return "\n".join(lines)


def _departement_text(postal_code: str | None, language: str) -> str:
    try:
        departement = departement_of(postal_code or "")
    except PostalCodeError:
        departement = None
    if departement is None:
        return text("declare.departement_unknown", language)
    return f"{departement.name} ({departement.code})"


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
    flow["q"] = flow.pop("force", None) or next_question(flow)
    data = await state.get_data()
    await state.set_state(Declaring.active)
    await state.set_data({**data, FLOW: flow})
    body, keyboard = await _question(database, user_id, flow, language)
    await message.answer(f"{prefix}\n\n{body}" if prefix else body, reply_markup=keyboard)


# -- starting ----------------------------------------------------------------------------------


def usable_result(data: dict) -> dict | None:
    last = data.get("last_result")
    if not isinstance(last, dict):
        return None
    document, output = last.get("document"), last.get("output")
    if not isinstance(document, dict) or not isinstance(output, dict):
        return None
    if document.get("kind") not in ("raw", "results") or "indicators" not in output:
        return None
    return last


def _compute_buttons(language: str) -> InlineKeyboardMarkup:
    return markup(
        *[
            [button(text(f"menu.{action}", language), MenuAction(action=action))]
            for action in ("compute_steps", "compute_file", "compute_results")
        ]
    )


async def start(
    message: Message,
    state: FSMContext,
    database: Database,
    user_id: int,
    language: str,
    *,
    siren: str = "",
    year: int = 0,
) -> None:
    data = await state.get_data()
    last = usable_result(data)
    if last is None:
        await message.answer(
            text("declare.need_result", language), reply_markup=_compute_buttons(language)
        )
        return
    async with database.session() as session:
        linked = await links.companies_of(session, user_id)
    if not linked:
        # Straight into the linking; the confirmation offers "Déclarer ce résultat" at once.
        await state.set_state(LinkCompany.siren)
        await message.answer(
            text("declare.no_company", language) + "\n\n" + text("companies.ask_siren", language)
        )
        return
    flow = {"q": None, "document": last["document"], "a": {}, "known": known_of(last)}
    notes: list[str | None] = []
    if siren:
        if siren not in {c.siren for c in linked}:
            await refuse_not_linked(message, language)
            return
        notes.append(await _choose_company(flow, database, siren, language))
    elif len(linked) == 1:
        notes.append(await _choose_company(flow, database, linked[0].siren, language))
    if "siren" in flow["a"]:
        notes.append(await _take_known(flow, database, year, language))
    prefix = "\n\n".join(note for note in notes if note) or None
    await _started(database, user_id, flow)
    await ask(message, state, flow, database, user_id, language, prefix=prefix)


def known_of(last: dict) -> dict:
    """What the computation knows and the declaration does not ask again."""
    document = last["document"]
    period_end = last.get("period_end")
    year = document.get("year") or (int(period_end[:4]) if period_end else None)
    return {"year": year, "period_end": period_end}


async def _take_known(flow: dict, database: Database, year: int, language: str) -> str | None:
    """Take the data year (the one asked for, or the computation's) and the period end of the
    computation; a year that cannot be declared is said, and asked instead."""
    known = flow.get("known") or {}
    year = year or known.get("year")
    if not year:
        return None
    try:
        note = await _choose_year(flow, database, year, language)
    except DeclarationError as error:
        return refusal(error, language)
    period_end = known.get("period_end")
    if period_end and period_end[:4] == str(year):
        flow["a"]["period_end"] = period_end
    return note


async def _started(database: Database, user_id: int, flow: dict) -> None:
    """The company is in progress in the campaign of the year declared (or of the document)."""
    siren = flow["a"].get("siren")
    if siren:
        year = flow["a"].get("year") or flow["document"].get("year")
        await record_started(
            database,
            telegram_user_id=user_id,
            started_by="declaration",
            siren=siren,
            data_year=year,
        )


async def _choose_company(flow: dict, database: Database, siren: str, language: str) -> str:
    async with database.session() as session:
        company = await companies.get(session, siren)
        label = await label_of(session, siren, language)
    flow["a"] = {"siren": siren, "need_name": not (company and company.name)}
    if company and company.address and company.postal_code and company.town:
        flow["a"].update(
            address=company.address, postal_code=company.postal_code, town=company.town
        )
    return text("declare.company_chosen", language, company=label)


async def _choose_year(flow: dict, database: Database, year: int, language: str) -> str | None:
    """Record the year; say when it modifies a declaration, refuse when that is too late."""
    check_year(year, today())
    siren = flow["a"]["siren"]
    async with database.session() as session:
        existing = await declarations.get_index(session, siren, year)
        objectives = await declarations.objectives_of(session, existing.id) if existing else None
    flow["a"].pop("modifying", None)
    note = None
    if existing is not None and existing.channel == declarations.ASSISTANT:
        deadline = declarations.modification_deadline(existing)
        if utcnow() > deadline:
            raise DeclarationError(
                "modification_closed",
                submitted=existing.first_submitted_at,
                until=deadline,
                year=year,
            )
        flow["a"]["modifying"] = True
        key = "declare.modifying_erases" if objectives else "declare.modifying"
        note = text(
            key,
            language,
            year=year,
            submitted=when(existing.first_submitted_at, language),
            until=when(deadline, language),
        )
    elif existing is not None:
        note = text("declare.was_official", language, year=year)
    flow["a"]["year"] = year
    return note


@router.callback_query(MenuAction.filter(F.action == "declare"))
async def from_menu(query: CallbackQuery, state: FSMContext, database: Database, language: str):
    await query.answer()
    await start(query.message, state, database, query.from_user.id, language)


@router.callback_query(DeclareAction.filter(F.a == "start"))
async def from_status(
    query: CallbackQuery,
    callback_data: DeclareAction,
    state: FSMContext,
    database: Database,
    language: str,
) -> None:
    await query.answer()
    await start(
        query.message,
        state,
        database,
        query.from_user.id,
        language,
        siren=callback_data.s,
        year=callback_data.y,
    )


# -- answers -----------------------------------------------------------------------------------


async def _flow(state: FSMContext, raw_state: str | None) -> dict | None:
    if raw_state != Declaring.active.state:
        return None
    return (await state.get_data()).get(FLOW)


async def _guard(
    message: Message, state: FSMContext, database: Database, user_id: int, flow: dict, language: str
) -> bool:
    """The user may still act for the chosen company; otherwise the declaration stops here."""
    siren = flow["a"].get("siren")
    if siren is None or await active_link(database, user_id, siren) is not None:
        return True
    await _end(state)
    await refuse_not_linked(message, language)
    return False


async def _end(state: FSMContext, *, declared: bool = False) -> None:
    """The declaration ends; a recorded one marks the last result as declared (it stays)."""
    data = await state.get_data()
    data.pop(FLOW, None)
    if declared and isinstance(data.get("last_result"), dict):
        data["last_result"] = {**data["last_result"], "declared": True}
    await state.set_state(None)
    await state.set_data(data)


def _apply_text(question: str, typed: str, answers: dict) -> None:
    """Store a typed answer, or raise ``InputError`` / ``DeclarationError``."""
    if question == "name":
        answers["name"] = check_text(typed, code="company_name", maximum=NAME_MAX_LENGTH * 2)
    elif question == "address":
        answers["address"] = check_text(
            " ".join(typed.split()), code="company_address", maximum=ADDRESS_MAX_LENGTH
        )
    elif question == "postal_code":
        answers["postal_code"] = read_postal_code(typed)
    elif question == "town":
        answers["town"] = check_text(
            " ".join(typed.split()), code="company_town", maximum=TOWN_MAX_LENGTH
        )
    elif question == "period_end":
        answers["period_end"] = check_period_end(read_date(typed), answers["year"]).isoformat()
    elif question == "cse_date":
        mode = answers.get("mode")
        cse = check_cse_date(read_date(typed), mode or "branch_level", today())
        answers["cse_date"] = cse.isoformat()
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
    elif question == "phone":
        answers["phone"] = normalise_phone(typed)
    else:
        raise InputError("use_buttons")


def read_postal_code(typed: str) -> str:
    """Five digits of a French postal code; ``DeclarationError`` says what is wrong."""
    try:
        departement_of(typed)
        return normalise_postal_code(typed)
    except PostalCodeError as error:
        raise DeclarationError(f"postal_code_{error.code}", value=typed.strip()) from error


@router.message(Declaring.active, F.text, ~F.text.startswith("/"))
async def typed(
    message: Message, state: FSMContext, raw_state: str | None, database: Database, language: str
) -> None:
    flow = await _flow(state, raw_state)
    user_id = message.from_user.id
    if flow is None:
        await _end(state)
        return
    if not await _guard(message, state, database, user_id, flow, language):
        return
    question = flow["q"]
    try:
        if question == "year":
            note = await _typed_year(flow, database, message.text, language)
        else:
            _apply_text(question, message.text, flow["a"])
            note = None
    except InputError as error:
        await ask(
            message, state, flow, database, user_id, language, prefix=input_refusal(error, language)
        )
        return
    except DeclarationError as error:
        await ask(
            message, state, flow, database, user_id, language, prefix=refusal(error, language)
        )
        return
    await ask(message, state, flow, database, user_id, language, prefix=note)


async def _typed_year(flow: dict, database: Database, typed: str, language: str) -> str | None:
    digits = typed.strip()
    if not digits.isdigit():
        raise InputError("year_range", first=FIRST_YEAR, last=today().year)
    return await _choose_year(flow, database, int(digits), language)


@router.message(Declaring.active, ~F.text)
async def not_text(
    message: Message, state: FSMContext, raw_state: str | None, database: Database, language: str
) -> None:
    flow = await _flow(state, raw_state)
    if flow is None:
        return
    await ask(
        message,
        state,
        flow,
        database,
        message.from_user.id,
        language,
        prefix=input_refusal(InputError("not_text"), language),
    )


def _button_answer(action: str, value: str, year: int, answers: dict) -> bool:
    """Apply a button to the answers; False when the button is not a valid answer."""
    if action == "pe" and "year" in answers:
        answers["period_end"] = date(answers["year"], 12, 31).isoformat()
    elif action == "ps" and value in ("0", "1"):
        answers["sufficient"] = value == "1"
    elif action == "mode" and value in MODE_CODES:
        answers["mode"] = MODE_CODES[value]
    elif action == "pd":
        answers["publication_date"] = today().isoformat()
    elif action == "nourl":
        answers["url"] = ""
    elif action == "cm" and value in CORRECTIVE_MEASURES:
        answers["measures"] = value
    elif action == "pr" and value in ("0", "1"):
        answers["plan_relance"] = value == "1"
    else:
        return False
    return True


QUESTION_OF_ACTION = {
    "co": "company",
    "yr": "year",
    "pe": "period_end",
    "ps": "sufficient",
    "mode": "mode",
    "pd": "publication_date",
    "nourl": "url",
    "cm": "measures",
    "pr": "plan_relance",
    "bd": "band",
    "ok": "confirm",
    "ed": "confirm",
}


@router.callback_query(DeclareAction.filter(F.a.in_(set(QUESTION_OF_ACTION) | {"stop"})))
async def pressed(
    query: CallbackQuery,
    callback_data: DeclareAction,
    state: FSMContext,
    raw_state: str | None,
    database: Database,
    language: str,
    notify_outbox: Notify | None = None,
    settings: Settings | None = None,
) -> None:
    flow = await _flow(state, raw_state)
    action = callback_data.a
    if flow is None or (action != "stop" and QUESTION_OF_ACTION[action] != flow["q"]):
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
        chosen = await _choose_company(flow, database, callback_data.s, language)
        known = await _take_known(flow, database, 0, language)
        prefix = "\n\n".join(note for note in (chosen, known) if note)
        await _started(database, user_id, flow)
        await ask(message, state, flow, database, user_id, language, prefix=prefix)
        return
    if not await _guard(message, state, database, user_id, flow, language):
        return
    if callback_data.s != flow["a"].get("siren"):
        await query.message.answer(text("compute.error.stale_button", language))
        return
    if action == "ok":
        await confirm(message, state, flow, database, user_id, language, notify_outbox, settings)
        return
    if action == "ed" and callback_data.v in EDITABLE:
        for question in EDITABLE[callback_data.v]:
            flow["a"].pop(question, None)
        if callback_data.v == "band":
            flow["force"] = "band"
        await ask(message, state, flow, database, user_id, language)
        return
    if action == "bd":
        band = BAND_CODES.get(callback_data.v)
        if band not in band_choices(flow["document"]):
            await query.message.answer(text("compute.error.stale_button", language))
            return
        flow["a"]["band"] = band
        await ask(message, state, flow, database, user_id, language)
        return
    if action == "yr":
        try:
            prefix = await _choose_year(flow, database, callback_data.y, language)
        except DeclarationError as error:
            prefix = refusal(error, language)
        await ask(message, state, flow, database, user_id, language, prefix=prefix)
        return
    if not _button_answer(action, callback_data.v, callback_data.y, flow["a"]):
        await query.message.answer(text("compute.error.stale_button", language))
        return
    await ask(message, state, flow, database, user_id, language)


# -- saving ------------------------------------------------------------------------------------


def _draft(flow: dict, user_id: int, email: str) -> declarations.IndexDraft:
    answers = flow["a"]
    sufficient = answers["sufficient"]

    def day(name: str) -> date | None:
        value = answers.get(name)
        return date.fromisoformat(value) if value else None

    return declarations.IndexDraft(
        siren=answers["siren"],
        year=answers["year"],
        engine_input=document_of(flow),
        period_end=day("period_end"),
        period_sufficient=sufficient,
        publication_date=day("publication_date") if sufficient else None,
        publication_url=(answers.get("url") or None) if sufficient else None,
        publication_modalities=answers.get("modalities") if sufficient else None,
        corrective_measures=answers.get("measures") if sufficient else None,
        indicator1_mode=answers.get("mode"),
        cse_consultation_date=day("cse_date"),
        declarant_email=email,
        declarant_first_name=answers["first_name"],
        declarant_last_name=answers["last_name"],
        declarant_phone=answers.get("phone"),
        telegram_user_id=user_id,
        plan_relance=answers.get("plan_relance"),
    )


async def confirm(
    message: Message,
    state: FSMContext,
    flow: dict,
    database: Database,
    user_id: int,
    language: str,
    notify_outbox: Notify | None,
    settings: Settings | None = None,
) -> None:
    answers = flow["a"]
    link = await active_link(database, user_id, answers["siren"])
    if link is None:
        await _end(state)
        await refuse_not_linked(message, language)
        return
    draft = _draft(flow, user_id, link.email)
    try:
        recorded = await record_index(
            database,
            draft,
            acting_user_id=user_id,
            language=language,
            details=CompanyDetails(
                name=answers.get("name"),
                address=answers.get("address"),
                postal_code=answers.get("postal_code"),
                town=answers.get("town"),
            ),
            settings=settings_of(settings),
        )
    except NotLinked:
        await _end(state)
        await refuse_not_linked(message, language)
        return
    except DeclarationError as error:
        if next_question(flow) != "confirm":  # started before a question was added: ask it
            await ask(
                message, state, flow, database, user_id, language, prefix=refusal(error, language)
            )
        else:
            await message.answer(refusal(error, language))
        return
    async with database.session() as session:
        label = await label_of(session, draft.siren, language)
    if notify_outbox:
        notify_outbox()
    await _end(state, declared=True)
    await _tell_saved(message, recorded, label, language, settings_of(settings))


async def _tell_saved(
    message: Message, recorded, label: str, language: str, settings: Settings
) -> None:
    saved = recorded.saved
    row = saved.declaration
    key = "declare.saved" if saved.created else "declare.modified"
    lines = [
        text(
            key,
            language,
            company=label,
            year=row.year,
            index=index_text(row.index, language),
            count=recorded.receipts,
            until=when(declarations.modification_deadline(row), language),
        ),
        text(
            "declare.todo_late" if recorded.late else "declare.todo",
            language,
            url=settings.official_platform_url,
            deadline=when(recorded.deadline, language),
            campaign=row.year + 1,
        ),
    ]
    if saved.objectives_erased:
        lines.append(text("declare.erased_here", language, year=row.year))
    rows = []
    if row.objectives_status == ObjectivesStatus.TO_FILL:
        lines.append(text("declare.objectives_due", language))
        rows.append(
            [
                button(
                    text("declare.button.objectives", language, year=row.year),
                    ObjectivesAction(a="open", s=row.siren, y=row.year),
                )
            ]
        )
    rows.append([button(text("menu.status", language), MenuAction(action="status"))])
    await message.answer("\n\n".join(lines))
    await message.answer_document(
        BufferedInputFile(
            recorded.copy_sheet_pdf, filename=f"fiche-de-recopie-{row.siren}-{row.year}.pdf"
        ),
        caption=text("declare.copy_sheet_caption", language, url=settings.official_platform_url),
    )
    await message.answer(recorded.copy_sheet, reply_markup=markup(*rows))
