"""French phone numbers as typed by declarants, stored in their national 10-digit form."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.declaration_rules import DeclarationError
from store.phone_numbers import display_phone, normalise_phone


@pytest.mark.parametrize(
    ("typed", "national"),
    [
        ("01 23 45 67 89", "0123456789"),
        ("0123456789", "0123456789"),
        ("01.23.45.67.89", "0123456789"),
        ("01-23-45-67-89", "0123456789"),
        (" 06 12 34 56 78 ", "0612345678"),
        ("01\u00a023\u00a045\u00a067\u00a089", "0123456789"),
        ("+33 1 23 45 67 89", "0123456789"),
        ("+33123456789", "0123456789"),
        ("+33 (0)1 23 45 67 89", "0123456789"),
        ("+33 0 1 23 45 67 89", "0123456789"),
        ("0033 1 23 45 67 89", "0123456789"),
        ("(01) 23 45 67 89", "0123456789"),
        ("+262 692 12 34 56", "0692123456"),
        ("+590 590 12 34 56", "0590123456"),
        ("+596 696 12 34 56", "0696123456"),
    ],
)
def test_french_formats_are_accepted(typed, national):
    assert normalise_phone(typed) == national


@pytest.mark.parametrize(
    "typed",
    [
        "01 23 45 67",  # too short
        "01 23 45 67 89 00",  # too long
        "00 23 45 67 89",  # an international prefix with no number after it
        "1 23 45 67 89",  # the leading 0 is missing
        "+44 20 7946 0958",  # not French
        "+33 1 23 45 67",
        "01 23 45 67 8a",
        "٠١٢٣٤٥٦٧٨٩",  # digits, but not ASCII ones
        "Anne Martin",
        "📞",
    ],
)
def test_anything_else_is_refused(typed):
    with pytest.raises(DeclarationError) as caught:
        normalise_phone(typed)
    assert caught.value.code == "phone_invalid"


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_nothing_typed_is_missing(typed):
    with pytest.raises(DeclarationError) as caught:
        normalise_phone(typed)
    assert caught.value.code == "phone_missing"


NATIONAL = st.from_regex(r"\A0[1-9][0-9]{8}\Z")
SEPARATOR = st.sampled_from(["", " ", ".", "-", "\u00a0"])


@given(NATIONAL, SEPARATOR, st.booleans())
def test_any_number_written_any_way_comes_back_the_same(national, separator, international):
    pairs = [national[i : i + 2] for i in range(0, 10, 2)]
    written = separator.join(pairs)
    if international:
        written = "+33" + separator + written[1:]
    assert normalise_phone(written) == national
    assert normalise_phone(display_phone(national)) == national


def test_display():
    assert display_phone("0123456789") == "01 23 45 67 89"
    assert display_phone("inconnu") == "inconnu"
