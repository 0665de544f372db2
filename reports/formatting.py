"""Numbers, dates and identifiers as people read them, in French or English."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from reports.texts import MONTHS, normalize_language, text

PARIS = ZoneInfo("Europe/Paris")
_NBSP = "\u00a0"
_NARROW_NBSP = "\u202f"


def format_number(value: float | int, language: str | None, min_decimals: int = 0) -> str:
    """``6.1`` → ``"6,1"`` (fr) / ``"6.1"`` (en); ``1250`` → ``"1 250"`` / ``"1,250"``.

    Shows the decimals the value has (up to 3), at least ``min_decimals``.
    """
    lang = normalize_language(language)
    decimals = min_decimals
    for candidate in range(min_decimals, 4):
        decimals = candidate
        if abs(round(value, candidate) - value) < 1e-9:
            break
    rendered = f"{value:,.{decimals}f}"
    if lang == "fr":
        rendered = rendered.replace(",", _NARROW_NBSP).replace(".", ",")
    return rendered


def format_percent(value: float | int, language: str | None, min_decimals: int = 0) -> str:
    return text(language, "result.percent", value=format_number(value, language, min_decimals))


def as_date(value: date | datetime | str | None) -> date | None:
    """A date from a ``date``, a ``datetime`` (its Paris date) or an ISO string."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return as_datetime(value).astimezone(PARIS).date()
    if isinstance(value, date):
        return value
    text_value = str(value).strip()
    if "T" in text_value or " " in text_value:
        return as_date(as_datetime(text_value))
    return date.fromisoformat(text_value)


def as_datetime(value: datetime | str | None) -> datetime | None:
    """A timezone-aware datetime; naive values and strings are taken as UTC."""
    if value is None or value == "":
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).strip())
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def format_date(value: date | datetime | str | None, language: str | None) -> str:
    """``2026-03-01`` → ``"1er mars 2026"`` (fr) / ``"1 March 2026"`` (en)."""
    day = as_date(value)
    if day is None:
        return text(language, "value.not_provided")
    lang = normalize_language(language)
    day_text = text(lang, "date.day_first") if day.day == 1 else str(day.day)
    return text(lang, "date.date", day=day_text, month=MONTHS[lang][day.month - 1], year=day.year)


def format_datetime(value: datetime | str | None, language: str | None) -> str:
    """A moment shown in Europe/Paris: ``"21 novembre 2025 à 14:05"``."""
    moment = as_datetime(value)
    if moment is None:
        return text(language, "value.not_provided")
    local = moment.astimezone(PARIS)
    return text(
        language,
        "date.datetime",
        date=format_date(local.date(), language),
        time=local.strftime("%H:%M"),
    )


def period_start(end: date) -> date:
    """First day of the 12-month reference period that ends on ``end``."""
    try:
        year_before = end.replace(year=end.year - 1)
    except ValueError:  # 29 February
        year_before = end.replace(year=end.year - 1, day=28)
    return year_before + timedelta(days=1)


def format_siren(siren: str | int | None) -> str:
    """``"123456789"`` → ``"123 456 789"``; anything else is shown as given."""
    digits = "".join(ch for ch in str(siren or "") if ch.isdigit())
    if len(digits) != 9:
        return str(siren or "")
    return f"{digits[:3]}{_NBSP}{digits[3:6]}{_NBSP}{digits[6:]}"
