"""Computing the index from an employee file (CSV or XLSX) sent as a document."""

import io
import logging
import math
from datetime import date

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Document, Message

from bot.callbacks import MenuAction
from bot.compute import keyboards
from bot.compute.callbacks import BAND_CODES, BAND_NAMES, MODE_CODES, FileOption
from bot.compute.delivery import send_result
from bot.compute.errors import InputError
from bot.compute.feedback import where_text
from bot.compute.numbers import parse_date, shorten
from bot.compute.result_view import file_read_message, number
from bot.compute.states import ComputeFile
from bot.declaring.common import may_declare
from bot.texts import text
from egapro_assistant.usecases.file_scoring import score_employee_file
from egapro_assistant.usecases.progress import record_started
from egapro_engine import EngineError
from reports.formatting import format_date
from store.database import Database

router = Router(name="compute_file")
log = logging.getLogger(__name__)

OPTIONS = "file"
WAITING = ComputeFile.waiting.state
LIMIT_MB = 20
LIMIT_BYTES = LIMIT_MB * 1024 * 1024  # what the Bot API lets a bot download
SUFFIXES = (".csv", ".xlsx")
MIME_SUFFIXES = {
    "text/csv": ".csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}


def default_options() -> dict:
    return {"band": None, "mode": "csp", "period_end": None}


def ask_text(options: dict, language: str) -> str:
    band = options.get("band")
    period_end = options.get("period_end")
    return text(
        "compute.file.ask",
        language,
        band=text(f"compute.band.{BAND_NAMES[band]}", language)
        if band
        else text("compute.file.band_auto", language),
        mode=text(f"compute.mode.{options.get('mode', 'csp')}", language),
        period_end=format_date(period_end, language)
        if period_end
        else text("compute.file.period_none", language),
        limit=LIMIT_MB,
    )


async def ask(message: Message, options: dict, language: str, *, prefix: str | None = None) -> None:
    body = ask_text(options, language)
    await message.answer(
        f"{prefix}\n\n{body}" if prefix else body,
        reply_markup=keyboards.file_options(options, language),
    )


@router.callback_query(MenuAction.filter(F.action == "compute_file"))
async def open_file(
    query: CallbackQuery, state: FSMContext, language: str, database: Database
) -> None:
    await query.answer()
    await record_started(database, telegram_user_id=query.from_user.id, started_by="compute")
    data = await state.get_data()
    # "open" until a file is scored: a file awaited is under way (offered again by /start).
    options = {**(data.get(OPTIONS) or default_options()), "open": True}
    await state.set_state(ComputeFile.waiting)
    await state.set_data({**data, OPTIONS: options})
    await ask(query.message, options, language)


@router.callback_query(FileOption.filter())
async def set_option(
    query: CallbackQuery,
    callback_data: FileOption,
    state: FSMContext,
    raw_state: str | None,
    language: str,
) -> None:
    data = await state.get_data()
    options = dict(data.get(OPTIONS) or default_options())
    key, value = callback_data.k, callback_data.v
    if raw_state != WAITING or not (
        (key == "band" and (value == "auto" or value in BAND_CODES))
        or (key == "mode" and value in MODE_CODES)
    ):
        await query.answer(text("compute.error.stale_button", language), show_alert=True)
        return
    if key == "band":
        options["band"] = None if value == "auto" else value
    else:
        options["mode"] = MODE_CODES[value]
    await state.set_data({**data, OPTIONS: options})
    await query.answer(text("compute.file.option_set", language))
    await query.message.edit_text(
        ask_text(options, language), reply_markup=keyboards.file_options(options, language)
    )


@router.message(ComputeFile.waiting, F.document)
async def received(
    message: Message, state: FSMContext, bot: Bot, database: Database, language: str
) -> None:
    document = message.document
    name = file_name(document)
    if document.file_size and document.file_size > LIMIT_BYTES:
        size = number(math.ceil(document.file_size * 10 / (1024 * 1024)) / 10, language)
        await message.answer(text("compute.file.too_big", language, size=size, limit=LIMIT_MB))
        return
    if not name.lower().endswith(SUFFIXES):
        await message.answer(text("compute.file.wrong_type", language, name=shorten(name)))
        return
    try:
        content = await bot.download(document, destination=io.BytesIO())
    except TelegramAPIError:
        await message.answer(text("compute.file.download_failed", language))
        return
    data = await state.get_data()
    options = data.get(OPTIONS) or default_options()
    period_end = date.fromisoformat(options["period_end"]) if options.get("period_end") else None
    try:
        scored = await score_employee_file(
            content.getvalue(),
            name,
            band=BAND_CODES.get(options.get("band") or ""),
            mode=options.get("mode", "csp"),
            period_end=period_end,
        )
    except EngineError as error:
        await message.answer(refusal(name, error, language))
        return
    output = scored.output
    intro = file_read_message(
        output, name, language, (scored.valid_headcount, scored.total_headcount)
    )
    last_result = {**scored.result, "period_end": options.get("period_end")}
    await state.set_data({**data, OPTIONS: {**options, "open": False}, "last_result": last_result})
    await send_result(
        message,
        output,
        language,
        year=period_end.year if period_end else None,
        intro=intro,
        closing=text("compute.file.again", language),
        reply_markup=keyboards.result_menu(
            language, declarable=await may_declare(database, state.key.user_id)
        ),
    )


def file_name(document: Document) -> str:
    """The document's name; a nameless file is named after its MIME type when it is known."""
    if document.file_name:
        return document.file_name
    return "fichier" + MIME_SUFFIXES.get(document.mime_type or "", "")


def refusal(name: str, error: EngineError, language: str) -> str:
    where = where_text(error.where, language)
    if where and where.split(",")[0].lower() in error.message.lower():
        where = ""  # the message already says which row
    return text(
        "compute.file.error",
        language,
        name=shorten(name),
        message=error.message,
        where=text("compute.file.where", language, where=where) if where else "",
    )


@router.message(ComputeFile.waiting, F.text, ~F.text.startswith("/"))
async def typed(message: Message, state: FSMContext, language: str) -> None:
    """A date sets the period end (for birth dates); any other text gets told what is awaited."""
    data = await state.get_data()
    options = data.get(OPTIONS) or default_options()
    try:
        period_end = parse_date(message.text)
    except InputError:
        await ask(
            message, options, language, prefix=text("compute.file.expected_document", language)
        )
        return
    options = {**options, "period_end": period_end.isoformat()}
    await state.set_data({**data, OPTIONS: options})
    await message.answer(
        text("compute.file.period_set", language, date=format_date(period_end, language))
    )


@router.message(ComputeFile.waiting, ~F.text)
async def not_a_document(message: Message, state: FSMContext, language: str) -> None:
    options = (await state.get_data()).get(OPTIONS) or default_options()
    await ask(message, options, language, prefix=text("compute.file.expected_document", language))
