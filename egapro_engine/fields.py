"""Validated value types of the JSON inputs, each failing with its own stable error code.

Each type is checked by a Python function that names the error; most also carry a ``Fast``
equivalent in pydantic-core terms, which ``validation`` tries first (no Python call per value).
"""

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, GetCoreSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from . import rules_2019 as rules
from .messages import ERRORS, EXPECTED

# Far above any real company or pay, low enough that every value converts to a float.
MAX_HEADCOUNT = 10_000_000
MAX_SALARY = 1_000_000_000
MAX_RESULT = 1_000_000
MIN_YEAR, MAX_YEAR = 2018, 2100
FAVORABLE_POPULATIONS = ("women", "men", "equality")

FAST_SCHEMA = "egapro_fast_schema"  # core schema metadata key


@dataclass(frozen=True, eq=False)  # hashed by identity: a schema is a dict
class Fast:
    """The check of a type as a pydantic-core schema, tried before its Python function.

    It must accept only values the Python check accepts, and give the same value for them
    (``tests/egapro_engine/test_fast_validation.py``); a value it refuses goes through the
    Python check, which accepts it or names the error.
    """

    schema: core_schema.CoreSchema

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler):
        schema = handler(source)
        return {**schema, "metadata": {**schema.get("metadata", {}), FAST_SCHEMA: self.schema}}


def _strict_int(low: int, high: int) -> Fast:
    return Fast(core_schema.int_schema(strict=True, ge=low, le=high))


def _strict_float(**bounds: float) -> core_schema.CoreSchema:
    return core_schema.float_schema(strict=True, allow_inf_nan=False, **bounds)


def _int_or_float(low: int, high: int) -> Fast:
    """The ``float | int`` union of the type, strict: an int stays an int, a float a float."""
    choices = [_strict_float(ge=low, le=high), core_schema.int_schema(strict=True, ge=low, le=high)]
    return Fast(core_schema.union_schema(choices))


def _one_of(choices: tuple[str, ...], *, nullable: bool = False) -> Fast:
    schema = core_schema.literal_schema(list(choices))
    return Fast(core_schema.nullable_schema(schema) if nullable else schema)


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
    if not isinstance(value, str) or value not in FAVORABLE_POPULATIONS:
        raise fail("invalid_favorable_population", value=value)
    return value


def _reason(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in rules.REASONS:
        raise fail("unknown_reason", value=value)
    return value


def _whole(code: str, low: int, high: int):
    return Annotated[int, BeforeValidator(_whole_in(code, low, high)), _strict_int(low, high)]


Headcount = _whole("invalid_headcount", 0, MAX_HEADCOUNT)
Count = _whole("invalid_count", 0, MAX_HEADCOUNT)
TopTenCount = _whole("top_ten_out_of_range", 0, rules.TOP_EARNERS)
Year = _whole("invalid_year", MIN_YEAR, MAX_YEAR)
Salary = Annotated[
    float | None,
    BeforeValidator(_salary),
    Fast(core_schema.nullable_schema(_strict_float(gt=0, le=MAX_SALARY))),
]
Rate = Annotated[float, BeforeValidator(_rate), Fast(_strict_float(ge=0, le=100))]
NonNegativeResult = Annotated[
    float | int, BeforeValidator(_non_negative_result), _int_or_float(0, MAX_RESULT)
]
MaternityResult = Annotated[float | int, BeforeValidator(_maternity_result), _int_or_float(0, 100)]
TopTenResult = Annotated[int, BeforeValidator(_top_ten_result), _strict_int(0, 5)]
# No fast check: the number of decimals is read from the value's repr.
Percentage = Annotated[float | int, BeforeValidator(_percentage)]
Band = Annotated[
    str, BeforeValidator(_choice("invalid_workforce_range", rules.BANDS)), _one_of(rules.BANDS)
]
Mode = Annotated[str, BeforeValidator(_choice("invalid_mode", rules.MODES)), _one_of(rules.MODES)]
CspKey = Annotated[str, AfterValidator(_choice("unknown_csp", rules.CSPS)), _one_of(rules.CSPS)]
AgeKey = Annotated[
    str, AfterValidator(_choice("unknown_age_band", rules.AGE_BANDS)), _one_of(rules.AGE_BANDS)
]
FavorablePopulation = Annotated[
    str | None, BeforeValidator(_favorable), _one_of(FAVORABLE_POPULATIONS, nullable=True)
]
Reason = Annotated[str | None, BeforeValidator(_reason), _one_of(rules.REASONS, nullable=True)]
