"""Reading one cell of an employee-level file: sex, CSP, age, dates, amounts, yes/no, level.

Cells come from a CSV (always text) or a spreadsheet (text, numbers, booleans, dates).
Each reader returns the value the engine uses or raises ``CellError``; the caller adds the
row and the column.
"""

import datetime
import math
import re
from itertools import repeat
from typing import Any

from .employee_columns import fold

AGE_MIN, AGE_MAX = 14, 100
# Same ceiling as the raw documents' mean salaries: far above any real pay.
MAX_PAY = 1_000_000_000


class CellError(Exception):
    """A cell that cannot be read: ``code`` and the key of what was expected."""

    def __init__(self, code: str, expected: str, index: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.expected = expected
        self.index = index
        self.key: Any = None


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _label_table(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {fold(label): value for value, labels in table.items() for label in labels}


_SEXES = _label_table(
    {
        "women": ("f", "femme", "femmes", "w", "woman", "women", "female", "féminin"),
        "men": ("h", "homme", "hommes", "m", "man", "men", "male", "masculin"),
    }
)
_CSPS = _label_table(
    {
        "ouv": ("ouv", "ouvrier", "ouvriers", "ouvrière", "ouvrières"),
        "emp": ("emp", "employé", "employés", "employée", "employées"),
        "tam": (
            "tam",
            "techniciens et agents de maîtrise",
            "technicien et agent de maîtrise",
            "techniciens agents de maîtrise",
        ),
        "ic": (
            "ic",
            "ingénieurs et cadres",
            "ingénieur et cadre",
            "ingénieurs cadres",
            "cadre",
            "cadres",
        ),
    }
)
FLAG_LABELS = {
    "yes": ("oui", "o", "yes", "y", "true", "vrai", "1", "x"),
    "no": ("non", "n", "no", "false", "faux", "0"),
}
_FLAGS = _label_table(FLAG_LABELS)


def _label(value: Any, table: dict[str, str], code: str, expected: str) -> str:
    if is_empty(value):
        raise CellError("missing_value", expected)
    if not isinstance(value, str):
        raise CellError(code, expected)
    found = table.get(fold(value))
    if found is None:
        raise CellError(code, expected)
    return found


def parse_sex(value: Any) -> str:
    """``"women"`` or ``"men"``."""
    return _label(value, _SEXES, "invalid_sex", "sex")


def parse_csp(value: Any) -> str:
    """``ouv``, ``emp``, ``tam`` or ``ic``."""
    return _label(value, _CSPS, "invalid_csp", "csp")


def parse_flag(value: Any) -> bool:
    """Yes/no; an empty cell is no."""
    if is_empty(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise CellError("invalid_boolean", "boolean")
    if not isinstance(value, str):
        raise CellError("invalid_boolean", "boolean")
    found = _FLAGS.get(fold(value))
    if found is None:
        raise CellError("invalid_boolean", "boolean")
    return found == "yes"


def age_band(age: int) -> int:
    """Index in ``AGE_BANDS``: under 30, 30-39, 40-49, 50 and over."""
    if age < 30:
        return 0
    if age < 50:
        return 1 if age < 40 else 2
    return 3


def _whole_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            return None
    else:
        return None
    return number if number.is_integer() else None


def parse_age_band(value: Any) -> int:
    """The age band of an age given in whole years."""
    if is_empty(value):
        raise CellError("missing_value", "age")
    number = _whole_number(value)
    if number is None or not AGE_MIN <= number <= AGE_MAX:
        raise CellError("invalid_age", "age")
    return age_band(int(number))


_DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][0-9:.]*)?")


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = map(int, match.groups())
    elif match := _YEAR_FIRST.fullmatch(text):
        year, month, day = map(int, match.groups())
    else:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def birth_date_band_reader(period_end: datetime.date):
    """A reader of birth dates giving the age band on the last day of the period."""

    def parse_birth_date_band(value: Any) -> int:
        if is_empty(value):
            raise CellError("missing_value", "birth_date")
        birth = _date(value)
        if birth is None or birth > period_end:
            raise CellError("invalid_birth_date", "birth_date")
        age = age_on(birth, period_end)
        if not AGE_MIN <= age <= AGE_MAX:
            raise CellError("invalid_birth_date", "birth_date")
        return age_band(age)

    return parse_birth_date_band


def parse_level(value: Any) -> str:
    """The level's name: text as written, or a whole number without decimals."""
    if is_empty(value):
        raise CellError("missing_value", "level")
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise CellError("invalid_level", "level")
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# Characters a person puts in amounts that mean nothing: spaces of every kind, €, apostrophes.
AMOUNT_NOISE = " \t\u00a0\u202f\u2007\u2009\u2008\u200a'’€"
_AMOUNT_NOISE = dict.fromkeys(map(ord, AMOUNT_NOISE))
_PLAIN_NUMBER = re.compile(r"\+?\d+(?:\.\d+)?")
_GROUPED = {sep: re.compile(r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+") for sep in ",."}


def _normalised_number(text: str) -> str | None:
    """``32.500,50`` / ``32,500.50`` / ``1.234.567`` -> ``32500.50`` ..., or None."""
    text = text.translate(_AMOUNT_NOISE)
    if text[-3:].casefold() == "eur":
        text = text[:-3]
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        whole, _, fraction = text.rpartition(decimal)
        if not _GROUPED["." if decimal == "," else ","].fullmatch(whole):
            return None
        text = whole.replace(".", "").replace(",", "") + "." + fraction
    elif commas > 1 or dots > 1:
        separator = "," if commas else "."
        if not _GROUPED[separator].fullmatch(text):
            return None
        text = text.replace(separator, "")
    elif commas:
        text = text.replace(",", ".")
    return text if _PLAIN_NUMBER.fullmatch(text) else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str):
        return None
    # Same order as ``parse_amounts`` so that both read every text the same way.
    for candidate in (value, value.replace(",", ".")):
        try:
            return float(candidate)
        except ValueError:
            pass
    text = _normalised_number(value)
    return None if text is None else float(text)


def _acceptable(number: float | None, positive: bool) -> bool:
    if number is None or not math.isfinite(number) or number > MAX_PAY:
        return False
    return number > 0 if positive else number >= 0


def parse_amount(value: Any, *, field_name: str, positive: bool) -> float:
    """An annual pay in euros: decimal comma or point, thousands separators, € tolerated."""
    if is_empty(value):
        raise CellError("missing_value", field_name)
    number = _number(value)
    if not _acceptable(number, positive):
        raise CellError("invalid_amount", field_name)
    return number


def parse_amounts(
    values: list, *, field_name: str, positive: bool, texts: bool = False
) -> list[float]:
    """Every amount of a column; ``CellError.index`` is the first bad one.

    Most columns are read by ``float`` over the whole list at C speed; a column with any
    other form falls back to reading cell by cell. ``texts``: every cell is a ``str`` (CSV),
    so no spreadsheet boolean can pass for a number.
    """
    numbers = None
    if texts or bool not in set(map(type, values)):
        try:
            numbers = list(map(float, values))
        except (ValueError, TypeError):
            try:
                numbers = list(map(float, map(str.replace, values, repeat(","), repeat("."))))
            except (ValueError, TypeError):
                numbers = None
    if numbers and math.isfinite(sum(numbers)):
        low, high = min(numbers), max(numbers)
        if (low > 0 if positive else low >= 0) and high <= MAX_PAY:
            return numbers
    if numbers is not None and not numbers:
        return numbers
    result = []
    for index, value in enumerate(values):
        try:
            result.append(parse_amount(value, field_name=field_name, positive=positive))
        except CellError as error:
            error.index = index
            raise
    return result
