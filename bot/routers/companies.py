"""« Mes entreprises »: link a company by email, list linked companies, manage declarant emails.

Every button carries the SIREN it acts on, and every action checks again in the database that
the user may act for that SIREN: callback data is typed by the client and never trusted.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.callbacks import MenuAction
from bot.outbox_render import company_label
from bot.texts import text
from egapro_assistant.config import Settings
from store import companies, declarants, links, outbox, rate_limits, tokens
from store.database import Database
from store.declarants import InvalidEmail, LastDeclarantError, normalise_email
from store.siren import InvalidSiren, normalise_siren
from store.tables.companies import DeclarantEmail

router = Router(name="companies")

Notify = Callable[[], None]


class CompanyAction(CallbackData, prefix="co"):
    """``action``: link, open, decl, add, rm, rmask, rmok; ``ref``: a declarant row id."""

    action: str
    siren: str = ""
    ref: int = 0


class LinkCompany(StatesGroup):
    siren = State()
    email = State()


class AddDeclarant(StatesGroup):
    email = State()


def _button(label: str, action: str, siren: str = "", ref: int = 0) -> InlineKeyboardButton:
    data = CompanyAction(action=action, siren=siren, ref=ref).pack()
    return InlineKeyboardButton(text=label, callback_data=data)


def _markup(*rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def _back(language: str) -> list[InlineKeyboardButton]:
    label = text("companies.button.back", language)
    return [InlineKeyboardButton(text=label, callback_data=MenuAction(action="companies").pack())]


async def _clear(state: FSMContext) -> None:
    """Leave this router's steps; a computation, a declaration or a result in progress stays."""
    data = await state.get_data()
    data.pop("siren", None)
    await state.set_state(None)
    await state.set_data(data)


def _settings(settings: Settings | None) -> Settings:
    return settings or Settings()


async def _label(session: AsyncSession, siren: str, language: str) -> str:
    company = await companies.get(session, siren)
    return company_label(siren, company.name if company else None, language)


# -- the list -------------------------------------------------------------------------------


def _items(linked: list[links.LinkedCompany], language: str) -> str:
    return "\n".join(
        text(
            "companies.item",
            language,
            company=company_label(c.siren, c.name, language),
            email=c.email,
        )
        for c in linked
    )


async def _send_company_list(
    message: Message, user_id: int, database: Database, language: str
) -> None:
    """The linked companies, each with its button, or how to link one."""
    async with database.session() as session:
        linked = await links.companies_of(session, user_id)
    link_row = [_button(text("companies.button.link", language), "link")]
    if not linked:
        await message.answer(text("companies.none", language), reply_markup=_markup(link_row))
        return
    rows = [[_button(company_label(c.siren, c.name, language), "open", c.siren)] for c in linked]
    await message.answer(
        text("companies.list", language, items=_items(linked, language)),
        reply_markup=_markup(*rows, link_row),
    )


@router.callback_query(MenuAction.filter(F.action == "companies"))
async def show_companies(
    query: CallbackQuery, state: FSMContext, database: Database, language: str
) -> None:
    await _clear(state)
    await query.answer()
    await _send_company_list(query.message, query.from_user.id, database, language)


# -- linking a company: SIREN, email, link by email -------------------------------------------


@router.callback_query(CompanyAction.filter(F.action == "link"))
async def start_link(query: CallbackQuery, state: FSMContext, language: str) -> None:
    await _clear(state)
    await state.set_state(LinkCompany.siren)
    await query.answer()
    await query.message.answer(text("companies.ask_siren", language))


@router.message(LinkCompany.siren, F.text, ~F.text.startswith("/"))
async def receive_siren(
    message: Message, state: FSMContext, database: Database, language: str
) -> None:
    try:
        siren = normalise_siren(message.text)
    except InvalidSiren as error:
        typed = message.text.strip()[:40]
        await message.answer(text(f"companies.siren.{error.reason}", language, text=typed))
        return
    async with database.session() as session:
        label = await _label(session, siren, language)
        already = await links.may_act(session, message.from_user.id, siren)
    if already:
        await _clear(state)
        await message.answer(text("companies.already_linked", language, company=label))
        await _send_company_detail(message, message.from_user.id, siren, database, language)
        return
    await state.update_data(siren=siren)
    await state.set_state(LinkCompany.email)
    await message.answer(text("companies.ask_email", language, company=label))


@router.message(LinkCompany.siren, ~F.text)
async def siren_not_text(message: Message, language: str) -> None:
    await message.answer(text("companies.siren.empty", language))


async def _typed_email(message: Message, language: str) -> str | None:
    """The email the user typed, normalised; a bad one is answered and gives None."""
    try:
        return normalise_email(message.text)
    except InvalidEmail:
        await message.answer(
            text("companies.email.invalid", language, text=message.text.strip()[:80])
        )
        return None


@router.message(LinkCompany.email, F.text, ~F.text.startswith("/"))
async def receive_email(
    message: Message,
    state: FSMContext,
    database: Database,
    language: str,
    settings: Settings | None = None,
    notify_outbox: Notify | None = None,
) -> None:
    settings = _settings(settings)
    email = await _typed_email(message, language)
    if email is None:
        return
    siren = (await state.get_data()).get("siren")
    if not siren:
        await state.set_state(LinkCompany.siren)
        await message.answer(text("companies.ask_siren", language))
        return
    user_id = message.from_user.id
    async with database.session() as session:
        label = await _label(session, siren, language)
        exhausted = await rate_limits.try_acquire(
            session,
            [
                rate_limits.Limit("user", str(user_id), settings.rate_limit_per_user_per_hour),
                rate_limits.Limit("email", email, settings.rate_limit_per_email_per_hour),
                rate_limits.Limit("siren", siren, settings.rate_limit_per_siren_per_hour),
            ],
        )
        if exhausted is not None:
            reply = text(
                f"companies.rate_limited.{exhausted.scope}", language, limit=exhausted.per_window
            )
        elif not await links.may_link(session, siren, email):
            # The same words whatever the address typed: nothing tells which ones are attached.
            reply = text("companies.refused", language, company=label)
        else:
            reply = None
            await _send_verification_link(session, settings, user_id, siren, email, language)
    if reply is not None:
        await message.answer(reply)
        return
    if notify_outbox:
        notify_outbox()
    await _clear(state)
    hours = settings.verification_ttl_hours
    await message.answer(text("companies.link_sent", language, email=email, hours=hours))


async def _send_verification_link(
    session: AsyncSession, settings: Settings, user_id: int, siren: str, email: str, language: str
) -> None:
    token = await tokens.create(
        session,
        email=email,
        telegram_user_id=user_id,
        siren=siren,
        ttl=timedelta(hours=settings.verification_ttl_hours),
    )
    company = await companies.get(session, siren)
    params = {
        "siren": siren,
        "link": f"{settings.public_base_url.rstrip('/')}/verify/{token}",
        "expiry_hours": settings.verification_ttl_hours,
        # The email names where the request was made: Telegram, or the web chat (its page).
        "channel": links.channel_of(user_id),
        "chat_url": settings.web_chat_url,
    }
    if company and company.name:
        params["company_name"] = company.name
    # No SIREN on the row: the address is not proved yet, so a reply to this email must not be
    # taken as coming from a declarant of the company.
    await outbox.enqueue(
        session,
        channel="email",
        recipient=email,
        dedup_key=f"verification_link:{tokens.hash_token(token)[:40]}",
        kind="verification_link",
        payload={"language": language, "params": params},
    )


@router.message(LinkCompany.email, ~F.text)
async def email_not_text(message: Message, language: str) -> None:
    await message.answer(text("companies.email.expected", language))


# -- one company: its declarants ---------------------------------------------------------------


async def _active_link(database: Database, user_id: int, siren: str):
    async with database.session() as session:
        return await links.active_link(session, user_id, siren)


async def _refuse(message: Message, language: str) -> None:
    await message.answer(
        text("companies.not_allowed", language), reply_markup=_markup(_back(language))
    )


async def _send_company_detail(
    message: Message, user_id: int, siren: str, database: Database, language: str
) -> None:
    async with database.session() as session:
        link = await links.active_link(session, user_id, siren)
        if link is None:
            await _refuse(message, language)
            return
        label = await _label(session, siren, language)
    await message.answer(
        text("companies.detail", language, company=label, email=link.email),
        reply_markup=_markup(
            [_button(text("companies.button.declarants", language), "decl", siren)],
            [_button(text("companies.button.add_declarant", language), "add", siren)],
            [_button(text("companies.button.remove_declarant", language), "rm", siren)],
            _back(language),
        ),
    )


@router.callback_query(CompanyAction.filter(F.action == "open"))
async def open_company(
    query: CallbackQuery,
    callback_data: CompanyAction,
    state: FSMContext,
    database: Database,
    language: str,
) -> None:
    await _clear(state)
    await query.answer()
    await _send_company_detail(
        query.message, query.from_user.id, callback_data.siren, database, language
    )


async def _declarant_rows(session: AsyncSession, siren: str) -> list[DeclarantEmail]:
    statement = (
        select(DeclarantEmail).where(DeclarantEmail.siren == siren).order_by(DeclarantEmail.email)
    )
    return list((await session.exec(statement)).all())


@router.callback_query(CompanyAction.filter(F.action == "decl"))
async def list_declarants(
    query: CallbackQuery, callback_data: CompanyAction, database: Database, language: str
) -> None:
    await query.answer()
    siren = callback_data.siren
    async with database.session() as session:
        if not await links.may_act(session, query.from_user.id, siren):
            await _refuse(query.message, language)
            return
        label = await _label(session, siren, language)
        emails = await declarants.emails_of(session, siren)
    await query.message.answer(
        text(
            "companies.declarants",
            language,
            company=label,
            emails="\n".join(f"• {e}" for e in emails),
        ),
        reply_markup=_markup(
            [_button(text("companies.button.add_declarant", language), "add", siren)],
            [_button(text("companies.button.remove_declarant", language), "rm", siren)],
            _back(language),
        ),
    )


@router.callback_query(CompanyAction.filter(F.action == "add"))
async def ask_declarant(
    query: CallbackQuery,
    callback_data: CompanyAction,
    state: FSMContext,
    database: Database,
    language: str,
) -> None:
    await query.answer()
    siren = callback_data.siren
    async with database.session() as session:
        if not await links.may_act(session, query.from_user.id, siren):
            await _refuse(query.message, language)
            return
        label = await _label(session, siren, language)
    await _clear(state)
    await state.set_state(AddDeclarant.email)
    await state.update_data(siren=siren)
    await query.message.answer(text("companies.ask_declarant_email", language, company=label))


@router.message(AddDeclarant.email, F.text, ~F.text.startswith("/"))
async def add_declarant(
    message: Message,
    state: FSMContext,
    database: Database,
    language: str,
    settings: Settings | None = None,
    notify_outbox: Notify | None = None,
) -> None:
    settings = _settings(settings)
    email = await _typed_email(message, language)
    if email is None:
        return
    siren = (await state.get_data()).get("siren") or ""
    user_id = message.from_user.id
    async with database.session() as session:
        link = await links.active_link(session, user_id, siren)
        if link is not None:
            label = await _label(session, siren, language)
            outcome = await _add_declarant(
                session, settings, user_id, siren, email, link.email, label, language
            )
    if link is None:
        await _clear(state)
        await _refuse(message, language)
        return
    if outcome.queued and notify_outbox:
        notify_outbox()
    if outcome.ask_again:
        await message.answer(outcome.reply)
        return
    await _clear(state)
    await message.answer(outcome.reply, reply_markup=_markup(_back(language)))


@dataclass(frozen=True)
class _AddOutcome:
    reply: str
    queued: bool = False  # an email waits in the outbox
    ask_again: bool = False  # stay on the question


async def _add_declarant(
    session: AsyncSession,
    settings: Settings,
    user_id: int,
    siren: str,
    email: str,
    acting_email: str,
    label: str,
    language: str,
) -> _AddOutcome:
    limit = settings.rate_limit_per_user_per_hour
    exhausted = await rate_limits.try_acquire(
        session, [rate_limits.Limit("declarant_add", str(user_id), limit)]
    )
    if exhausted is not None:
        return _AddOutcome(
            text("companies.add_rate_limited", language, limit=limit), ask_again=True
        )
    if not await declarants.add(session, siren, email, added_by=f"telegram:{user_id}"):
        return _AddOutcome(
            text("companies.declarant_already", language, email=email, company=label)
        )
    company = await companies.get(session, siren)
    params = {"siren": siren, "added_by": acting_email}
    if company and company.name:
        params["company_name"] = company.name
    await outbox.enqueue(
        session,
        channel="email",
        recipient=email,
        dedup_key=f"declarant_added:{siren}:{uuid.uuid4().hex}",
        kind="declarant_added",
        siren=siren,
        payload={"language": language, "params": params},
    )
    return _AddOutcome(
        text("companies.declarant_added", language, email=email, company=label), queued=True
    )


@router.callback_query(CompanyAction.filter(F.action == "rm"))
async def choose_removal(
    query: CallbackQuery, callback_data: CompanyAction, database: Database, language: str
) -> None:
    await query.answer()
    siren = callback_data.siren
    async with database.session() as session:
        if not await links.may_act(session, query.from_user.id, siren):
            await _refuse(query.message, language)
            return
        label = await _label(session, siren, language)
        rows = await _declarant_rows(session, siren)
    if len(rows) <= 1:
        email = rows[0].email if rows else ""
        await query.message.answer(
            text("companies.last_declarant", language, email=email, company=label),
            reply_markup=_markup(_back(language)),
        )
        return
    buttons = [[_button(row.email, "rmask", siren, row.id)] for row in rows]
    await query.message.answer(
        text("companies.choose_removal", language, company=label),
        reply_markup=_markup(*buttons, _back(language)),
    )


async def _declarant_of(session: AsyncSession, siren: str, ref: int) -> DeclarantEmail | None:
    """The declarant row ``ref`` only if it belongs to ``siren`` (ids are typed by the client)."""
    row = await session.get(DeclarantEmail, ref)
    return row if row is not None and row.siren == siren else None


@router.callback_query(CompanyAction.filter(F.action == "rmask"))
async def confirm_removal(
    query: CallbackQuery, callback_data: CompanyAction, database: Database, language: str
) -> None:
    await query.answer()
    siren = callback_data.siren
    async with database.session() as session:
        if not await links.may_act(session, query.from_user.id, siren):
            await _refuse(query.message, language)
            return
        label = await _label(session, siren, language)
        row = await _declarant_of(session, siren, callback_data.ref)
    if row is None:
        await query.message.answer(text("companies.declarant_gone", language, company=label))
        return
    await query.message.answer(
        text("companies.confirm_removal", language, email=row.email, company=label),
        reply_markup=_markup(
            [_button(text("companies.button.confirm_remove", language), "rmok", siren, row.id)],
            _back(language),
        ),
    )


@router.callback_query(CompanyAction.filter(F.action == "rmok"))
async def remove_declarant(
    query: CallbackQuery, callback_data: CompanyAction, database: Database, language: str
) -> None:
    await query.answer()
    siren = callback_data.siren
    user_id = query.from_user.id
    async with database.session() as session:
        link = await links.active_link(session, user_id, siren)
        if link is None:
            reply = None
        else:
            label = await _label(session, siren, language)
            reply = await _remove(session, siren, callback_data.ref, link.email, label, language)
    if reply is None:
        await _refuse(query.message, language)
        return
    await query.message.answer(reply, reply_markup=_markup(_back(language)))


async def _remove(
    session: AsyncSession, siren: str, ref: int, own_email: str, label: str, language: str
) -> str:
    row = await _declarant_of(session, siren, ref)
    if row is None:
        return text("companies.declarant_gone", language, company=label)
    try:
        removed = await declarants.remove(session, siren, row.email)
    except LastDeclarantError:
        return text("companies.last_declarant", language, email=row.email, company=label)
    if not removed:
        return text("companies.declarant_gone", language, company=label)
    key = (
        "companies.declarant_removed_self"
        if row.email == own_email
        else "companies.declarant_removed"
    )
    return text(key, language, email=row.email, company=label)
