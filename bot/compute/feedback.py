"""Refusals as the person reads them: what was wrong, in their language."""

import re

from bot.compute.errors import InputError
from bot.compute.numbers import shorten
from bot.compute.result_view import number
from bot.texts import text
from egapro_engine import EngineError

_ROW = re.compile(r"\brow\b")
_COLUMN = re.compile(r"\bcolumn\b")


def shown(value: object, language: str) -> object:
    """Numbers as the reader writes them; years and small counts stay as typed."""
    if isinstance(value, int) and abs(value) < 10_000:
        return str(value)
    return number(value, language) if isinstance(value, int | float) else value


def error_text(error: InputError, language: str) -> str:
    params = {key: shown(value, language) for key, value in error.params.items() if key != "line"}
    message = text(f"compute.error.{error.key}", language, **params)
    if "line" in error.params:
        message = text(
            "compute.error.line", language, line=shorten(error.params["line"]), message=message
        )
    return f"❌ {message}"


def where_text(where: str | None, language: str) -> str:
    """``row 14, column pay_fte`` in the reader's language (the engine writes it in English)."""
    if not where:
        return ""
    if language == "fr":
        where = _COLUMN.sub("colonne", _ROW.sub("ligne", where))
    return where


def engine_error_text(error: EngineError, language: str) -> str:
    """The engine's own message (French), and where the problem is."""
    message = error.message
    if error.where:
        message += f" ({where_text(error.where, language)})"
    return "❌ " + text("compute.engine_refused", language, message=message)
