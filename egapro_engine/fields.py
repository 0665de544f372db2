"""Validated value types of the JSON inputs, each failing with its own stable error code."""

import math
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from . import rules_2019 as rules
from .messages import ERRORS, EXPECTED

# Far above any real company or pay, low enough that every value converts to a float.
MAX_HEADCOUNT = 10_000_000
MAX_SALARY = 1_000_000_000
MAX_RESULT = 1_000_000
MIN_YEAR, MAX_YEAR = 2018, 2100


def shown(value: Any) -> str:
    """A short printable form of a user value for a message."""
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def fail(code: str, value: Any = None, **context: str) -> PydanticCustomError:
    """An error with our ``code``; the user's ``value`` is shortened for the message."""
    return PydanticCustomError(code, ERRORS[code], {"value": shown(value), **context})


def is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def is_whole(value: Any) -> bool:
    return is_number(value) and (isinstance(value, int) or value.is_integer())


def _whole_in(code: str, low: int, high: int):
    def check(value: Any) -> int:
        if not is_whole(value) or not low <= value <= high:
            raise fail(code)
        return int(value)

    return check


def _salary(value: Any) -> float | None:
    if value is None:
        return None
    if not is_number(value) or not 0 < value <= MAX_SALARY:
        raise fail("invalid_salary")
    return float(value)


def _rate(value: Any) -> float:
    if not is_number(value) or not 0 <= value <= 100:
        raise fail("invalid_rate")
    return float(value)


def _non_negative_result(value: Any) -> float | int:
    if not is_number(value) or not 0 <= value <= MAX_RESULT:
        raise fail("invalid_result", expected=EXPECTED["non_negative"])
    return value


def _maternity_result(value: Any) -> float | int:
    if not is_number(value) or not 0 <= value <= 100:
        raise fail("invalid_result", expected=EXPECTED["maternity"])
    return value


def _top_ten_result(value: Any) -> int:
    if not is_whole(value) or not 0 <= value <= 5:
        raise fail("invalid_result", expected=EXPECTED["top_ten"])
    return int(value)


def _percentage(value: Any) -> float | int:
    if not is_number(value) or not 0 <= value <= 100:
        raise fail("invalid_percentage")
    if Decimal(repr(value)).as_tuple().exponent < -1:
        raise fail("too_many_decimals")
    return value


def _choice(code: str, choices: tuple[str, ...]):
    def check(value: Any) -> str:
        if not isinstance(value, str) or value not in choices:
            raise fail(code, value=value)
        return value

    return check


def _favorable(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in ("women", "men", "equality"):
        raise fail("invalid_favorable_population", value=value)
    return value


def _reason(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in rules.REASONS:
        raise fail("unknown_reason", value=value)
    return value


Headcount = Annotated[int, BeforeValidator(_whole_in("invalid_headcount", 0, MAX_HEADCOUNT))]
Count = Annotated[int, BeforeValidator(_whole_in("invalid_count", 0, MAX_HEADCOUNT))]
TopTenCount = Annotated[
    int, BeforeValidator(_whole_in("top_ten_out_of_range", 0, rules.TOP_EARNERS))
]
Year = Annotated[int, BeforeValidator(_whole_in("invalid_year", MIN_YEAR, MAX_YEAR))]
Salary = Annotated[float | None, BeforeValidator(_salary)]
Rate = Annotated[float, BeforeValidator(_rate)]
NonNegativeResult = Annotated[float | int, BeforeValidator(_non_negative_result)]
MaternityResult = Annotated[float | int, BeforeValidator(_maternity_result)]
TopTenResult = Annotated[int, BeforeValidator(_top_ten_result)]
Percentage = Annotated[float | int, BeforeValidator(_percentage)]
Band = Annotated[str, BeforeValidator(_choice("invalid_workforce_range", rules.BANDS))]
Mode = Annotated[str, BeforeValidator(_choice("invalid_mode", rules.MODES))]
CspKey = Annotated[str, AfterValidator(_choice("unknown_csp", rules.CSPS))]
AgeKey = Annotated[str, AfterValidator(_choice("unknown_age_band", rules.AGE_BANDS))]
FavorablePopulation = Annotated[str | None, BeforeValidator(_favorable)]
Reason = Annotated[str | None, BeforeValidator(_reason)]
