"""The département of a postal code: Corsica split at 20200, overseas on three digits, the rest
on two; codes that cannot exist are refused with the reason."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.data.departements import DEPARTEMENTS
from store.postal_codes import (
    PostalCodeError,
    departement_code,
    departement_of,
    normalise_postal_code,
)


@pytest.mark.parametrize(
    ("postal_code", "expected"),
    [
        ("75008", "75"),
        ("01000", "01"),
        ("09100", "09"),
        ("13001", "13"),
        ("19999", "19"),
        ("20000", "2A"),
        ("20090", "2A"),  # Ajaccio
        ("20199", "2A"),
        ("20200", "2B"),  # Bastia
        ("20600", "2B"),
        ("20999", "2B"),
        ("21000", "21"),
        ("95000", "95"),
        ("97100", "971"),
        ("97200", "972"),
        ("97300", "973"),
        ("97400", "974"),
        ("97600", "976"),
        ("97500", None),  # Saint-Pierre-et-Miquelon: a collectivity, no département
        ("97700", None),
        ("98000", None),  # Monaco
        ("98800", None),
        (" 75 008 ", "75"),
        ("75.008", "75"),
    ],
)
def test_departement_of_a_postal_code(postal_code, expected):
    assert departement_code(postal_code) == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "format"),
        ("7500", "format"),
        ("750080", "format"),
        ("75OO8", "format"),
        ("２００００", "format"),  # full-width digits are not typed postal codes
        ("Paris", "format"),
        ("00100", "unknown"),
        ("96000", "unknown"),
        ("99999", "unknown"),
    ],
)
def test_a_code_that_cannot_be_one_is_refused_with_its_reason(typed, reason):
    with pytest.raises(PostalCodeError) as refused:
        departement_code(typed)
    assert refused.value.code == reason
    assert refused.value.typed == typed


def test_the_departement_comes_with_its_region():
    corse = departement_of("20000")
    assert (corse.code, corse.name, corse.region.name) == ("2A", "Corse-du-Sud", "Corse")
    assert departement_of("97500") is None


@given(st.integers(min_value=1000, max_value=95999))
def test_every_metropolitan_code_names_a_known_departement(number):
    code = f"{number:05d}"
    found = departement_of(code)
    assert found is not None and found in DEPARTEMENTS
    if not code.startswith("20"):
        assert found.code == code[:2]
    assert normalise_postal_code(code) == code
