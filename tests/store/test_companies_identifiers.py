"""SIREN normalisation and the reference table of départements."""

import pytest

from store.data.departements import (
    DEPARTEMENTS,
    REGIONS,
    departements_of_region,
    find_departement,
    find_region,
)
from store.siren import InvalidSiren, SirenReason, is_valid_siren, normalise_siren
from tests.store.import_files import invalid_siren, valid_siren, valid_siret

ACME = valid_siren(55210055)


@pytest.mark.parametrize(
    "typed",
    [ACME, "552 100 554", "552.100.554", " 552\u00a0100\u202f554 ", valid_siret(ACME, 16)],
)
def test_siren_is_accepted_as_people_type_it(typed):
    assert normalise_siren(typed) == "552100554"


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", SirenReason.EMPTY),
        ("  ", SirenReason.EMPTY),
        ("55210055A", SirenReason.NOT_DIGITS),
        ("552-100-554", SirenReason.NOT_DIGITS),
        ("５５２１００５５４", SirenReason.NOT_DIGITS),  # full-width digits
        ("55210055", SirenReason.BAD_LENGTH),
        ("5521005540001", SirenReason.BAD_LENGTH),
        (invalid_siren(55210055), SirenReason.BAD_CHECKSUM),
        (valid_siret(ACME)[:13] + "9", SirenReason.BAD_SIRET_CHECKSUM),
    ],
)
def test_bad_siren_says_why(typed, reason):
    with pytest.raises(InvalidSiren) as refused:
        normalise_siren(typed)
    assert refused.value.reason == reason
    assert refused.value.text == typed
    assert isinstance(refused.value, ValueError)
    assert not is_valid_siren(typed)


def test_a_siret_with_a_valid_siren_but_a_wrong_key_is_refused():
    siret = valid_siret(ACME, 16)
    wrong = siret[:13] + str((int(siret[13]) + 1) % 10)
    with pytest.raises(InvalidSiren) as refused:
        normalise_siren(wrong)
    assert refused.value.reason == SirenReason.BAD_SIRET_CHECKSUM


def test_la_poste_establishments_follow_their_own_rule():
    # La Poste's SIRETs (SIREN 356000000) use a digit sum multiple of 5, not Luhn.
    assert normalise_siren("356 000 000 00048") == "356000000"
    assert normalise_siren("35600000000010") == "356000000"  # not a Luhn number


def test_every_departement_is_there_once():
    codes = [departement.code for departement in DEPARTEMENTS]
    expected = {f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B"}
    expected |= {"971", "972", "973", "974", "976"}
    assert len(codes) == 101
    assert set(codes) == expected
    assert len(REGIONS) == 18
    assert sum(len(departements_of_region(region)) for region in REGIONS) == 101
    assert [d.code for d in departements_of_region(find_region("Corse"))] == ["2A", "2B"]


@pytest.mark.parametrize(
    ("typed", "code", "region"),
    [
        ("Paris", "75", "Île-de-France"),
        ("PARIS", "75", "Île-de-France"),
        ("cotes d armor", "22", "Bretagne"),
        ("Côtes-d’Armor", "22", "Bretagne"),
        ("Corse du Sud", "2A", "Corse"),
        ("2a", "2A", "Corse"),
        ("Haute-Corse", "2B", "Corse"),
        ("La Réunion", "974", "La Réunion"),
        ("Reunion", "974", "La Réunion"),
        ("971", "971", "Guadeloupe"),
        ("1", "01", "Auvergne-Rhône-Alpes"),
        ("01", "01", "Auvergne-Rhône-Alpes"),
        ("Territoire-de-Belfort", "90", "Bourgogne-Franche-Comté"),
        ("Val d'Oise", "95", "Île-de-France"),
        ("Seine Saint Denis", "93", "Île-de-France"),
        ("75 - Paris", "75", "Île-de-France"),
        ("Hérault (34)", "34", "Occitanie"),
        ("Loire", "42", "Auvergne-Rhône-Alpes"),
        ("Loiret", "45", "Centre-Val de Loire"),
    ],
)
def test_departements_are_found_by_name_or_code(typed, code, region):
    departement = find_departement(typed)
    assert departement is not None
    assert (departement.code, departement.region.name) == (code, region)


@pytest.mark.parametrize("typed", ["", None, "Atlantis", "20", "96", "975", "75 - Gironde", "0"])
def test_unknown_departements_are_none(typed):
    assert find_departement(typed) is None


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("ile de france", "Île-de-France"),
        ("PROVENCE-ALPES-COTE D'AZUR", "Provence-Alpes-Côte d'Azur"),
        ("PACA", "Provence-Alpes-Côte d'Azur"),
        ("Auvergne Rhône Alpes", "Auvergne-Rhône-Alpes"),
    ],
)
def test_regions_are_found_by_name(typed, name):
    assert find_region(typed).name == name
    assert find_region("Gondor") is None
