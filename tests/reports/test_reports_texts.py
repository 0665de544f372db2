from datetime import UTC, date, datetime

import pytest

from reports.formatting import (
    format_date,
    format_datetime,
    format_number,
    format_siren,
    period_start,
)
from reports.texts import (
    CATALOGUE,
    normalize_language,
    reason_label,
    reason_short,
    text,
)

# index-rules §10 and §12, written out here so that a code dropped from the catalogue is caught.
ALL_REASON_CODES = (
    "egvi40pcet",
    "absaugi",
    "absprom",
    "etsno5f5h",
    "absrcm",
    "absaugpdtcm",
    "am",
    "aucun_cadre_dirigeant",
    "un_seul_cadre_dirigeant",
    "aucune_instance_dirigeante",
)


def test_french_and_english_catalogues_have_the_same_keys_and_placeholders():
    assert CATALOGUE["fr"].keys() == CATALOGUE["en"].keys()
    for key, french in CATALOGUE["fr"].items():
        english = CATALOGUE["en"][key]
        assert set(_placeholders(french)) == set(_placeholders(english)), key


def _placeholders(template: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


@pytest.mark.parametrize("code", ALL_REASON_CODES)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_reason_code_has_a_label_and_a_short_label(code, language):
    label = reason_label(language, code)
    short = reason_short(language, code)
    assert label == CATALOGUE[language][f"reason.{code}"]
    assert short == CATALOGUE[language][f"reason_short.{code}"]
    assert code not in label and len(short) <= len(label)
    assert reason_label("fr", code) != reason_label("en", code) or code == "am"


def test_unknown_reason_code_is_shown_as_is():
    assert reason_label("fr", "xyz") == "Motif « xyz »"
    assert reason_short("en", "xyz") == "Reason “xyz”"


def test_language_normalisation():
    assert normalize_language("en-GB") == "en"
    assert normalize_language("EN") == "en"
    assert normalize_language("de") == "fr"
    assert normalize_language(None) == "fr"
    assert text("en-US", "population.women") == "Women"
    assert text("it", "population.women") == "Femmes"


def test_numbers_dates_and_siren():
    assert format_number(6.1, "fr") == "6,1"
    assert format_number(6.0, "fr", min_decimals=1) == "6,0"
    assert format_number(2.04, "en", min_decimals=1) == "2.04"
    assert format_number(1250, "fr") == "1\u202f250"
    assert format_number(1250, "en") == "1,250"
    assert format_date(date(2026, 3, 1), "fr") == "1er mars 2026"
    assert format_date("2026-08-15", "en") == "15 August 2026"
    assert format_date(None, "fr") == "Non renseigné"
    winter = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)
    assert format_datetime(winter, "fr") == "1er février 2026 à 00:30"
    assert format_datetime("2026-06-30T22:15:00", "en") == "1 July 2026 at 00:15"
    assert format_siren("552100554") == "552\u00a0100\u00a0554"
    assert format_siren("55210") == "55210"


def test_reference_period_start():
    assert period_start(date(2025, 12, 31)) == date(2025, 1, 1)
    assert period_start(date(2024, 2, 29)) == date(2023, 3, 1)
    assert period_start(date(2025, 6, 30)) == date(2024, 7, 1)
