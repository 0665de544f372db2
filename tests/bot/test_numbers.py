"""Numbers and dates as people type them."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.compute.errors import InputError
from bot.compute.numbers import parse_date, parse_number, parse_numbers, within


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("32 500,50", 32500.5),
        ("32500.5", 32500.5),
        ("32 500 €", 32500),
        ("32\u00a0500\u00a0€", 32500),
        ("32\u202f500,50\u202f€", 32500.5),
        ("1.234.567", 1234567),
        ("1,234.56", 1234.56),
        ("1.234,56 EUR", 1234.56),
        ("97,5 %", 97.5),
        ("+12", 12),
        ("\u22125", -5),
        ("1 000 000", 1000000),
    ],
)
def test_one_number_the_french_way_or_not(typed, value):
    assert parse_number(typed) == value


@pytest.mark.parametrize(
    ("typed", "count", "values"),
    [
        ("0 1 2 9", 4, [0, 1, 2, 9]),
        ("0, 1, 2, 9", 4, [0, 1, 2, 9]),
        ("0;1;2;9", 4, [0, 1, 2, 9]),
        ("1,2,3,4", 4, [1, 2, 3, 4]),
        ("31 305 31 102", 2, [31305, 31102]),
        ("32 500,50 ; 34 000", 2, [32500.5, 34000]),
        ("23933\t26773", 2, [23933, 26773]),
        ("12,5 ; 10", 2, [12.5, 10]),
        ("1\n2\n3\n4", 4, [1, 2, 3, 4]),
    ],
)
def test_several_numbers_in_one_message(typed, count, values):
    assert parse_numbers(typed, count) == values


@pytest.mark.parametrize(
    ("typed", "count", "key"),
    [
        ("1 245 1 270 872 351", 4, "ambiguous_numbers"),
        ("1 2 3", 4, "wrong_count"),
        ("", 1, "wrong_count"),
        ("😀", 1, "not_a_number"),
        ("douze", 1, "not_a_number"),
        ("1.2.3", 1, "not_a_number"),
        ("9 " * 2048, 2, "wrong_count"),
    ],
)
def test_what_cannot_be_read_is_refused(typed, count, key):
    with pytest.raises(InputError) as refused:
        parse_numbers(typed, count)
    assert refused.value.key == key


def test_whole_numbers_refuse_decimals():
    with pytest.raises(InputError) as refused:
        parse_numbers("2,5 3", 2, whole=True)
    assert refused.value.key == "not_whole"


def test_range_check_names_the_bound():
    with pytest.raises(InputError) as refused:
        within([-1], 0, 10)
    assert refused.value.params == {"minimum": 0, "value": -1}
    with pytest.raises(InputError) as refused:
        within([11], 0, 10)
    assert refused.value.key == "above_maximum"


@given(st.integers(min_value=0, max_value=10**9))
def test_any_integer_grouped_with_spaces_reads_back(value):
    french = f"{value:,}".replace(",", "\u202f")
    assert parse_number(french) == value


@given(st.lists(st.integers(min_value=0, max_value=999), min_size=1, max_size=8))
def test_small_counts_separated_by_spaces_read_one_by_one(values):
    assert parse_numbers(" ".join(map(str, values)), len(values)) == values


@pytest.mark.parametrize(
    "typed",
    ["31/12/2025", "31-12-2025", "31.12.25", "2025-12-31", "31 décembre 2025", "December 31, 2025"],
)
def test_dates(typed):
    assert parse_date(typed) == date(2025, 12, 31)


@pytest.mark.parametrize("typed", ["31/02/2025", "demain", "2025", "12/31"])
def test_not_dates(typed):
    with pytest.raises(InputError) as refused:
        parse_date(typed)
    assert refused.value.key == "not_a_date"
