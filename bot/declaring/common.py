"""Buttons, checks and wording shared by the declaration flows.

Every button carries the SIREN and year it acts on; every handler checks again, in the database,
that the user may act for that SIREN (callback data is typed by the client, never trusted).
"""

from collections.abc import Callable
from datetime import date, datetime

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.compute.errors import InputError
from bot.compute.feedback import error_text
from bot.compute.numbers import parse_date
from bot.outbox_render import company_label
from bot.texts import text
from egapro_assistant.config import Settings
from egapro_assistant.usecases.campaigns import campaign_of_data_year, current_campaign
from reports.formatting import format_date, format_number
from store import companies, links
from store.database import Database
from store.declaration_rules import DeclarationError
from store.tables.identity import CompanyLink

Notify = Callable[[], None]


class DeclareAction(CallbackData, prefix="dl"):
    """Index declaration: ``start``, ``co`` (company), ``yr``, ``pe`` (31 Dec), ``ps``
    (période suffisante, v=1/0), ``mode``, ``pd`` (publication today), ``nourl``, ``cm``
    (corrective measures), ``pr`` (plan de relance, v=1/0), ``ok`` (confirm), ``stop``.
    ``start`` without a SIREN is the "Déclarer ce résultat" button under a computed result."""

    a: str
    s: str = ""
    y: int = 0
    v: str = ""


class ObjectivesAction(CallbackData, prefix="ob"):
    """Objectives form: ``open``, ``f`` (a field, v = indicator key or od/md/mo), ``save``,
    ``stop``."""

    a: str
    s: str = ""
    y: int = 0
    v: str = ""


class RepresentationAction(CallbackData, prefix="rq"):
    """Représentation équilibrée: ``start``, ``co``, ``yr``, ``pe``, ``nc`` (a motive), ``pd``,
    ``nourl``, ``ok``, ``stop``."""

    a: str
    s: str = ""
    y: int = 0
    v: str = ""


class StatusAction(CallbackData, prefix="st"):
    """``off``: declared on the official platform for year ``y``; ``skip``: no index to give."""

    a: str
    s: str = ""
    y: int = 0


def button(label: str, callback: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=label, callback_data=callback.pack())


def markup(*rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup | None:
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def settings_of(settings: Settings | None) -> Settings:
    return settings or Settings()


def campaign_year(data_year: int) -> int:
    """The campaign that collects the indexes of ``data_year`` (by the calendar)."""
    return campaign_of_data_year(data_year).year


def current_data_year() -> int:
    """The data year of the current campaign (by the calendar, in Europe/Paris)."""
    return current_campaign().data_year


# -- who may act -------------------------------------------------------------------------------


async def active_link(database: Database, user_id: int, siren: str | None) -> CompanyLink | None:
    if not siren:
        return None
    async with database.session() as session:
        return await links.active_link(session, user_id, siren)


async def may_declare(database: Database, user_id: int) -> bool:
    """The user is linked to at least one company: a computed result can be declared."""
    async with database.session() as session:
        return bool(await links.companies_of(session, user_id))


async def label_of(session: AsyncSession, siren: str, language: str) -> str:
    company = await companies.get(session, siren)
    return company_label(siren, company.name if company else None, language)


async def refuse_not_linked(message: Message, language: str) -> None:
    await message.answer(text("declare.not_linked", language))


# -- reading what is typed --------------------------------------------------------------------


def read_date(typed: str) -> date:
    """A date typed the French or English way; ``InputError`` otherwise."""
    return parse_date(typed)


def input_refusal(error: InputError, language: str) -> str:
    return error_text(error, language)


def _shown(value: object, language: str) -> object:
    """Dates (of moments: their Paris date) and decimals as people read them; whole numbers
    (years, lengths, notes) as they are."""
    if isinstance(value, date | datetime):
        return format_date(value, language)
    if isinstance(value, float):
        return format_number(value, language)
    return value


def refusal(error: DeclarationError, language: str) -> str:
    """A refused declaration, in words: the rule and what was wrong."""
    params = {key: _shown(value, language) for key, value in error.params.items()}
    if "indicator" in error.params:
        params["indicator"] = text(f"compute.indicator.{error.params['indicator']}", language)
    if "reason" in error.params:
        params["reason"] = text(f"declare.objectives.reason.{error.params['reason']}", language)
    return "❌ " + text(f"declare.error.{error.code}", language, **params)


def when(moment: datetime | date | None, language: str) -> str:
    """A date (of a moment: its Paris date) as people read it."""
    return format_date(moment, language) if moment is not None else ""


def index_text(index: int | None, language: str) -> str:
    if index is None:
        return text("declare.index_nc", language)
    return text("declare.index_value", language, index=index)


def declare_result_button(language: str) -> InlineKeyboardButton:
    """ "Déclarer ce résultat", under a computed result (``bot.compute.keyboards``, when
    ``may_declare``): it starts the declaration of ``data["last_result"]`` (the company is
    chosen, or the only one taken); the links are checked again in the database on press."""
    return button(text("declare.button.declare_result", language), DeclareAction(a="start"))
