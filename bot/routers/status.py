"""/status: for each linked company and year, what is declared and what is still due.

Index (declared here, declared on the official platform, or not yet), its objectives
(to fill / filled / not applicable), the représentation équilibrée for companies of 1000+, and a
button to say the index was declared on the official platform (which stops its reminders).
"""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MenuAction
from bot.compute.errors import InputError
from bot.compute.numbers import parse_number
from bot.declaring.common import (
    DeclareAction,
    Notify,
    ObjectivesAction,
    RepresentationAction,
    StatusAction,
    active_link,
    button,
    campaign_year,
    current_data_year,
    index_text,
    input_refusal,
    label_of,
    markup,
    refusal,
    refuse_not_linked,
    when,
)
from bot.outbox_render import company_label
from bot.routers.companies import CompanyAction
from bot.routers.declare import usable_result
from bot.routers.pending import continue_button, pending_of
from bot.texts import text
from egapro_assistant.usecases.campaigns import current_campaign, paris_today
from egapro_assistant.usecases.declared_elsewhere import record_declared_elsewhere
from egapro_engine import rules_2019 as rules
from store import companies, declarations, links
from store.campaign_status import (
    CampaignStanding,
    IndexStatus,
    ObjectivesState,
    RepresentationStatus,
    standings,
)
from store.database import Database
from store.declaration_rules import DeclarationError
from store.tables.declarations import (
    IndexDeclaration,
    ObjectivesStatus,
    RepresentationDeclaration,
)
from store.types import utcnow

router = Router(name="status")

OFFICIAL = "status_official"


class OfficialIndex(StatesGroup):
    """After "declared on the official platform": the index obtained, if the user gives it."""

    index = State()


def _years(siren: str, indexes: dict, representations: dict, current: int) -> list[int]:
    years = {current}
    years |= {year for (s, year) in indexes if s == siren}
    years |= {year for (s, year) in representations if s == siren}
    return sorted(years, reverse=True)[:3]


def _index_line(row: IndexDeclaration | None, year: int, language: str) -> str:
    if row is None:
        return text("status.index.none", language, year=year)
    if row.channel == declarations.OFFICIAL_PLATFORM:
        key = "status.index.official" if row.index is None else "status.index.official_with"
        return text(key, language, year=year, index=row.index)
    line = text(
        "status.index.declared",
        language,
        year=year,
        date=when(row.modified_at or row.first_submitted_at, language),
        index=index_text(row.index, language),
    )
    status = text(f"status.objectives.{row.objectives_status}", language)
    return f"{line}\n    {status}"


def _representation_line(row: RepresentationDeclaration | None, year: int, language: str) -> str:
    if row is None:
        return text("status.representation.none", language, year=year)
    return text(
        "status.representation.declared",
        language,
        year=year,
        date=when(row.modified_at or row.first_submitted_at, language),
    )


def _large(company, rows: list[IndexDeclaration]) -> bool:
    """1000+ employees, as known from the company row or its declarations."""
    if company is not None and company.workforce_range == rules.BAND_LARGE:
        return True
    return any((row.engine_output or {}).get("workforce_range") == rules.BAND_LARGE for row in rows)


def _buttons(siren: str, year: int, row: IndexDeclaration | None, many: bool, language: str):
    suffix = f" – {siren}" if many else ""
    rows = []
    if row is None or row.channel != declarations.ASSISTANT:
        rows.append(
            [
                button(
                    text("status.button.declare", language, year=year) + suffix,
                    DeclareAction(a="start", s=siren, y=year),
                )
            ]
        )
    elif utcnow() <= declarations.modification_deadline(row):
        rows.append(
            [
                button(
                    text("status.button.modify", language, year=year) + suffix,
                    DeclareAction(a="start", s=siren, y=year),
                )
            ]
        )
    if row is not None and row.objectives_status in (
        ObjectivesStatus.TO_FILL,
        ObjectivesStatus.FILLED,
    ):
        rows.append(
            [
                button(
                    text("status.button.objectives", language, year=year) + suffix,
                    ObjectivesAction(a="open", s=siren, y=year),
                )
            ]
        )
    if row is None:
        rows.append(
            [
                button(
                    text("status.button.official", language, year=year) + suffix,
                    StatusAction(a="off", s=siren, y=year),
                )
            ]
        )
    return rows


def _campaign_line(campaign, today, language: str) -> str:
    params = {
        "year": campaign.year,
        "data_year": campaign.data_year,
        "deadline": when(campaign.index_deadline, language),
    }
    if not campaign.index_campaign:
        return text("status.campaign.off", language, **params)
    days = (campaign.index_deadline - today).days
    if days > 0:
        return text("status.campaign.days_left", language, days=days, **params)
    if days == 0:
        return text("status.campaign.today", language, **params)
    return text("status.campaign.late", language, days=-days, **params)


def _current_index_lines(standing: CampaignStanding, row, language: str) -> list[str]:
    """The current campaign, as the status rule sees it."""
    year = standing.campaign_year - 1
    if standing.status == IndexStatus.DECLARED and row is not None:
        lines = [_index_line(row, year, language)]
    elif standing.status == IndexStatus.DECLARED_ELSEWHERE:
        key = "status.index.official" if standing.index is None else "status.index.official_with"
        lines = [text(key, language, year=year, index=standing.index)]
    elif standing.status == IndexStatus.NOT_SUBJECT:
        # Band unknown: a user who came to declare is told what is missing, not "not subject".
        lines = [text("status.index.none", language, year=year)]
    elif standing.status == IndexStatus.IN_PROGRESS:
        lines = [text("status.index.in_progress", language, year=year)]
    else:
        lines = [text("status.index.none", language, year=year)]
    if standing.measures_required:
        lines.append("  " + text("status.measures_required", language))
    return lines


def _next_step(standing: CampaignStanding, large: bool, language: str) -> str | None:
    year = standing.campaign_year - 1
    if standing.status in (
        IndexStatus.NOT_STARTED,
        IndexStatus.IN_PROGRESS,
        IndexStatus.NOT_SUBJECT,
    ):
        what = text("status.next.declare", language, year=year)
    elif standing.objectives == ObjectivesState.TO_FILL:
        what = text("status.next.objectives", language, year=year)
    elif large and standing.representation != RepresentationStatus.DECLARED:
        what = text("status.next.representation", language, year=year)
    else:
        return None
    return text("status.next", language, what=what)


async def send_status(
    message: Message,
    user_id: int,
    database: Database,
    language: str,
    *,
    continue_row: list | None = None,
) -> None:
    """The status; ``continue_row`` (one tap to continue what is under way) goes on top."""
    campaign = current_campaign()
    async with database.session() as session:
        linked = await links.companies_of(session, user_id)
        sirens = [c.siren for c in linked]
        indexes = await declarations.index_declarations_of(session, sirens)
        representations = await declarations.representations_of(session, sirens)
        rows_of = await companies.get_many(session, sirens)
        standing_of = {s.siren: s for s in await standings(session, campaign, sirens=sirens)}
    if not linked:
        link_row = [button(text("companies.button.link", language), CompanyAction(action="link"))]
        await message.answer(
            text("companies.none", language), reply_markup=markup(continue_row or [], link_row)
        )
        return
    blocks, keyboard = [], [continue_row or []]
    many = len(linked) > 1
    current = campaign.data_year
    for company in linked:
        siren = company.siren
        standing = standing_of[siren]
        label = company_label(siren, company.name, language)
        lines = [text("companies.item", language, company=label, email=company.email)]
        declared = [row for (s, _), row in indexes.items() if s == siren]
        large = _large(rows_of.get(siren), declared)
        for year in _years(siren, indexes, representations, current):
            if year == current:
                index_lines = _current_index_lines(standing, indexes.get((siren, year)), language)
            else:
                index_lines = [_index_line(indexes.get((siren, year)), year, language)]
            lines += ["  " + line for line in index_lines]
            if large:
                representation = representations.get((siren, year))
                lines.append("  " + _representation_line(representation, year, language))
        next_step = _next_step(standing, large, language)
        if next_step:
            lines.append(next_step)
        blocks.append("\n".join(lines))
        keyboard += _buttons(siren, current, indexes.get((siren, current)), many, language)
        for (s, year), row in sorted(indexes.items(), reverse=True):
            if s == siren and year != current and row.objectives_status == ObjectivesStatus.TO_FILL:
                keyboard.append(
                    [
                        button(
                            text("status.button.objectives", language, year=year)
                            + (f" – {siren}" if many else ""),
                            ObjectivesAction(a="open", s=siren, y=year),
                        )
                    ]
                )
        if large:
            keyboard.append(
                [
                    button(
                        text("status.button.representation", language, year=current)
                        + (f" – {siren}" if many else ""),
                        RepresentationAction(a="start", s=siren, y=current),
                    )
                ]
            )
    keyboard.append([button(text("menu.declare", language), MenuAction(action="declare"))])
    head = text("status.title", language) + "\n" + _campaign_line(campaign, paris_today(), language)
    body = head + "\n\n" + "\n\n".join(blocks)
    await message.answer(body, reply_markup=markup(*keyboard))


@router.message(Command("status"))
async def status_command(
    message: Message, state: FSMContext, database: Database, language: str
) -> None:
    row = await _continue_row(state, language)
    await _leave_official_question(state)
    await send_status(message, message.from_user.id, database, language, continue_row=row)


@router.callback_query(MenuAction.filter(F.action == "status"))
async def status_button(
    query: CallbackQuery, state: FSMContext, database: Database, language: str
) -> None:
    await query.answer()
    row = await _continue_row(state, language)
    await _leave_official_question(state)
    await send_status(query.message, query.from_user.id, database, language, continue_row=row)


async def _continue_row(state: FSMContext, language: str) -> list:
    """One tap to continue what is under way: a computation or a declaration begun, else the
    declaration of the last result (objectives to fill have their own button below)."""
    data = await state.get_data()
    pending = pending_of(data, await state.get_state())
    if pending is not None:
        return [continue_button(pending, language)]
    last = usable_result(data)
    if last is not None and not last.get("declared"):
        label = text("pending.button.declare_result", language)
        return [button(label, DeclareAction(a="start"))]
    return []


async def _leave_official_question(state: FSMContext) -> None:
    if await state.get_state() == OfficialIndex.index.state:
        data = await state.get_data()
        data.pop(OFFICIAL, None)
        await state.set_state(None)
        await state.set_data(data)


# -- declared on the official platform ------------------------------------------------------------


@router.callback_query(StatusAction.filter(F.a == "off"))
async def declared_elsewhere(
    query: CallbackQuery,
    callback_data: StatusAction,
    state: FSMContext,
    database: Database,
    language: str,
    notify_outbox: Notify | None = None,
) -> None:
    await query.answer()
    message, user_id, siren, year = (
        query.message,
        query.from_user.id,
        callback_data.s,
        callback_data.y,
    )
    link = await active_link(database, user_id, siren)
    if link is None:
        await refuse_not_linked(message, language)
        return
    if not 2018 <= year <= current_data_year() + 1:
        await message.answer(text("compute.error.stale_button", language))
        return
    result = await record_declared_elsewhere(
        database,
        siren=siren,
        campaign_year=campaign_year(year),
        source="telegram",
        telegram_user_id=user_id,
        email=link.email,
    )
    async with database.session() as session:
        label = await label_of(session, siren, language)
    if not result.recorded:
        key = "status.official.already_here" if result.declared_here else "status.official.already"
        await message.answer(text(key, language, company=label, year=year))
        return
    data = await state.get_data()
    await state.set_state(OfficialIndex.index)
    await state.set_data({**data, OFFICIAL: {"s": siren, "y": year}})
    await message.answer(
        text("status.official.recorded", language, company=label, year=year),
        reply_markup=markup(
            [
                button(
                    text("status.button.skip_index", language),
                    StatusAction(a="skip", s=siren, y=year),
                )
            ]
        ),
    )


@router.callback_query(StatusAction.filter(F.a == "skip"))
async def skip_index(query: CallbackQuery, state: FSMContext, database: Database, language: str):
    await query.answer()
    row = await _continue_row(state, language)
    await _leave_official_question(state)
    await send_status(query.message, query.from_user.id, database, language, continue_row=row)


@router.message(OfficialIndex.index, F.text, ~F.text.startswith("/"))
async def official_index(
    message: Message, state: FSMContext, database: Database, language: str
) -> None:
    pending = (await state.get_data()).get(OFFICIAL) or {}
    siren, year = pending.get("s"), pending.get("y")
    if await active_link(database, message.from_user.id, siren) is None:
        await _leave_official_question(state)
        await refuse_not_linked(message, language)
        return
    try:
        index = parse_number(message.text, whole=True)
        if index > 100:
            raise InputError("above_maximum", maximum=100, value=index)
        if index < 0:
            raise InputError("below_minimum", minimum=0, value=index)
        async with database.session() as session:
            await declarations.set_official_index(session, siren, year, int(index))
    except InputError as error:
        await message.answer(
            input_refusal(error, language) + "\n\n" + text("status.official.ask_index", language)
        )
        return
    except DeclarationError as error:
        await message.answer(refusal(error, language))
        return
    await _leave_official_question(state)
    await message.answer(text("status.official.index_noted", language, index=int(index), year=year))
    await send_status(message, message.from_user.id, database, language)
