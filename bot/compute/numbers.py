"""Numbers and dates as people type them.

French or not: ``32 500,50``, ``32500.5``, ``32 500 €``, ``1.234.567``, with normal, non-breaking
or narrow spaces. A space is both the French thousands separator and the separator of a list
(``0 1 2 9``): the count of numbers the question expects decides between the two readings, and
when neither gives that count the person is asked to separate the numbers with ``;``.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from bot.compute.errors import InputError

Number = int | float

_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2005]+")
_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-", "\ufe63": "-", "\uff0d": "-"})
_UNITS = re.compile(r"€|%|\b(?:euros?|eur|pts?|points?)\b", re.IGNORECASE)
# ";", "|", tabs and new lines always separate; a comma does when a space or the end follows.
_LIST_SEPARATORS = re.compile(r"[;|\t\n]+|,(?=[^\S\n]|$)")
_TOKEN = re.compile(r"[+-]?\d+(?:[.,]\d+)*")
_GROUP_HEAD = re.compile(r"[+-]?\d{1,3}")
_GROUP_TAIL = re.compile(r"\d{3}(?:[.,]\d+)?")
_SHOWN_LENGTH = 20

_MONTHS = {
    "janvier": 1, "january": 1, "jan": 1,
    "fevrier": 2, "février": 2, "february": 2, "feb": 2, "fev": 2,
    "mars": 3, "march": 3, "mar": 3,
    "avril": 4, "april": 4, "apr": 4, "avr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "july": 7, "jul": 7, "juil": 7,
    "aout": 8, "août": 8, "august": 8, "aug": 8,
    "septembre": 9, "september": 9, "sep": 9, "sept": 9,
    "octobre": 10, "october": 10, "oct": 10,
    "novembre": 11, "november": 11, "nov": 11,
    "decembre": 12, "décembre": 12, "december": 12, "dec": 12, "déc": 12,
}  # fmt: skip
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDY_DATE = re.compile(r"(\d{1,2})(?:er)?\s+([^\W\d_]+)\.?,?\s+(\d{4})")
_ENGLISH_DATE = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def shorten(value: str) -> str:
    """A piece of what was typed, short enough to quote back."""
    value = value.strip()
    return value if len(value) <= _SHOWN_LENGTH else value[: _SHOWN_LENGTH - 1] + "…"


def normalise(text: str) -> str:
    """One kind of space, one kind of minus, no currency or percent signs."""
    text = text.translate(_MINUS)
    text = _UNITS.sub(" ", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines())


def parse_numbers(text: str, count: int, *, whole: bool = False) -> list[Number]:
    """Exactly ``count`` numbers read from ``text``; ``whole`` refuses decimals."""
    chunks = [chunk.split() for chunk in _LIST_SEPARATORS.split(normalise(text))]
    chunks = [tokens for tokens in chunks if tokens]
    for tokens in chunks:
        for token in tokens:
            if not _TOKEN.fullmatch(token):
                raise InputError("not_a_number", value=shorten(token))
    separate = [value for tokens in chunks for token in tokens for value in _token_values(token)]
    if len(separate) == count:
        values = separate
    else:
        grouped = [value for tokens in chunks for value in _grouped_values(tokens)]
        if len(grouped) == count:
            values = grouped
        elif len(grouped) < count < len(separate):
            raise InputError("ambiguous_numbers", count=count)
        else:
            raise InputError("wrong_count", count=count, got=len(separate))
    if whole and any(value != value.to_integral_value() for value in values):
        raise InputError("not_whole")
    return [_plain(value) for value in values]


def parse_number(text: str, *, whole: bool = False) -> Number:
    return parse_numbers(text, 1, whole=whole)[0]


def within(values: list[Number], low: Number, high: Number) -> None:
    """Refuse a value below ``low`` or above ``high`` (a negative or absurd number)."""
    for value in values:
        if value < low:
            raise InputError("below_minimum", minimum=low, value=value)
        if value > high:
            raise InputError("above_maximum", maximum=high, value=value)


def parse_date(text: str) -> date:
    """``31/12/2025``, ``31.12.25``, ``2025-12-31``, ``31 décembre 2025``, ``December 31, 2025``."""
    cleaned = _SPACES.sub(" ", text).strip().lower()
    try:
        if match := _ISO_DATE.fullmatch(cleaned):
            year, month, day = (int(part) for part in match.groups())
        elif match := _NUMERIC_DATE.fullmatch(cleaned):
            day, month, year = (int(part) for part in match.groups())
            year += 2000 if year < 100 else 0
        elif (match := _WORDY_DATE.fullmatch(cleaned)) and match.group(2) in _MONTHS:
            day, month, year = int(match.group(1)), _MONTHS[match.group(2)], int(match.group(3))
        elif (match := _ENGLISH_DATE.fullmatch(cleaned)) and match.group(1) in _MONTHS:
            month, day, year = _MONTHS[match.group(1)], int(match.group(2)), int(match.group(3))
        else:
            raise InputError("not_a_date", value=shorten(text))
        return date(year, month, day)
    except ValueError as error:
        if isinstance(error, InputError):
            raise
        raise InputError("not_a_date", value=shorten(text)) from None


def _token_values(token: str) -> list[Decimal]:
    """One token read alone: decimal comma or point, or thousands separators."""
    sign = "-" if token.startswith("-") else ""
    digits = token.lstrip("+-")
    try:
        if "," in digits and "." in digits:
            decimal_mark = "," if digits.rfind(",") > digits.rfind(".") else "."
            thousands = "." if decimal_mark == "," else ","
            integer, fraction = digits.rsplit(decimal_mark, 1)
            groups = integer.split(thousands)
            if not _thousands(groups) or decimal_mark in integer:
                raise InputError("not_a_number", value=shorten(token))
            return [Decimal(f"{sign}{''.join(groups)}.{fraction}")]
        for mark in ",.":
            if digits.count(mark) == 1:
                return [Decimal(sign + digits.replace(mark, "."))]
            if digits.count(mark) > 1:
                groups = digits.split(mark)
                if _thousands(groups):
                    return [Decimal(sign + "".join(groups))]
                if mark == ",":  # "1,2,3,4": a list written without spaces
                    return [Decimal(sign + groups[0])] + [Decimal(g) for g in groups[1:]]
                raise InputError("not_a_number", value=shorten(token))
        return [Decimal(sign + digits)]
    except InvalidOperation:
        raise InputError("not_a_number", value=shorten(token)) from None


def _thousands(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])


def _grouped_values(tokens: list[str]) -> list[Decimal]:
    """Tokens read with spaces as thousands separators wherever the digits allow it."""
    values: list[Decimal] = []
    position = 0
    while position < len(tokens):
        merged = tokens[position]
        following = position + 1
        if _GROUP_HEAD.fullmatch(merged):
            while (
                following < len(tokens)
                and _GROUP_TAIL.fullmatch(tokens[following])
                and not any(mark in merged for mark in ",.")
            ):
                merged += tokens[following]
                following += 1
        values.extend(_token_values(merged))
        position = following
    return values


def _plain(value: Decimal) -> Number:
    if value == value.to_integral_value():
        return int(value)
    return float(value)
