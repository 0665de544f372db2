"""Read the values of import cells: workforce bands, open-data notes, years, NAF codes."""

import re
from typing import Any

from store.imports.reading import cell_text

_THOUSANDS_SPACE = re.compile(r"(?<=\d)[ .](?=\d{3}\b)")
_BANDS = {(50, 250): "50:250", (251, 999): "251:999", (1000,): "1000:"}
_NOT_CALCULABLE = {"nc", "n c", "non calculable"}
_NAF = re.compile(r"^\s*(\d{2})\.?(\d{2})\s*([A-Za-z])\b")
_SIREN_IN_LIST = re.compile(r"(?<!\d)\d{9}(?!\d)")

NOT_CALCULABLE = "nc"


class BadValue(ValueError):
    pass


def workforce_range(value: Any) -> str | None:
    """``"50 à 250"``, ``"251:999"``, ``"1 000 et plus"``, ``"1000+"`` → the engine's band code."""
    text = cell_text(value)
    if not text:
        return None
    numbers = tuple(int(n) for n in re.findall(r"\d+", _THOUSANDS_SPACE.sub("", text)))
    band = _BANDS.get(numbers)
    if band is None:
        raise BadValue(text)
    return band


def note(value: Any) -> int | str | None:
    """An open-data note: an integer 0–100, ``"nc"`` (not calculable), or None (empty)."""
    text = cell_text(value)
    if not text:
        return None
    if re.sub(r"[^a-z]+", " ", text.lower()).strip() in _NOT_CALCULABLE:
        return NOT_CALCULABLE
    try:
        number = float(text.replace(",", "."))
    except ValueError as error:
        raise BadValue(text) from error
    if not number.is_integer() or not 0 <= number <= 100:
        raise BadValue(text)
    return int(number)


def year(value: Any) -> int:
    text = cell_text(value)
    if not re.fullmatch(r"\d{4}", text) or not 2000 <= int(text) <= 2100:
        raise BadValue(text)
    return int(text)


def naf_code(value: Any) -> str | None:
    """``"70.10Z - Activités des sièges sociaux"`` → ``"70.10Z"``; other text kept as written."""
    text = cell_text(value)
    if not text:
        return None
    match = _NAF.match(text)
    if match:
        return f"{match[1]}.{match[2]}{match[3].upper()}"
    return text


def sirens_in(value: Any) -> list[str]:
    """The 9-digit numbers of an open-data UES member list, in order, without repeats."""
    return list(dict.fromkeys(_SIREN_IN_LIST.findall(cell_text(value))))


def optional_text(value: Any) -> str | None:
    return cell_text(value) or None
