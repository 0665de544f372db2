"""What a declaration must hold, as the official platform checks it (index-rules §9, §11–§13).

Pure functions on plain values and on the engine's output (engine-contract §4, as a dict). A
refusal is a ``DeclarationError`` whose ``code`` names the rule and whose ``params`` say what
was wrong; the bot and the CLI turn it into words.
"""

import re
from datetime import date, datetime
from typing import Any

from egapro_engine import rules_2019 as rules

FIRST_YEAR = 2018
OBJECTIVE_MAX_LENGTH = 300
MODALITIES_MAX_LENGTH = 2000
NAME_MAX_LENGTH = 100
URL_MAX_LENGTH = 500
CSE_EARLIEST = date(2018, 1, 1)
CORRECTIVE_MEASURES = ("mmo", "me", "mne")
LEVEL_MODES = (rules.MODE_BRANCH_LEVEL, rules.MODE_OTHER_LEVEL)

_URL = re.compile(r"^https?://[^\s/$.?#][^\s.]*(\.[^\s.]+)+$", re.IGNORECASE)
_BARE_DOMAIN = re.compile(r"^[^\s/:@]+\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)


class DeclarationError(ValueError):
    """A declaration refused; ``code`` names the rule broken, ``params`` fill its explanation."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(f"{code}: {params}" if params else code)
        self.code = code
        self.params = params


# -- dates --------------------------------------------------------------------------------------


def one_year_after(moment: datetime) -> datetime:
    """The same moment a year later (29 February gives 28 February)."""
    try:
        return moment.replace(year=moment.year + 1)
    except ValueError:
        return moment.replace(year=moment.year + 1, day=28)


def check_year(year: int, today: date) -> int:
    if not FIRST_YEAR <= year <= today.year:
        raise DeclarationError("year_range", first=FIRST_YEAR, last=today.year)
    return year


def check_period_end(period_end: date | None, year: int) -> date:
    if period_end is None:
        raise DeclarationError("period_end_missing")
    if period_end.year != year:
        raise DeclarationError("period_end_not_in_year", year=year)
    return period_end


def check_cse_date(cse_date: date | None, mode: str | None, today: date) -> date | None:
    """Level modes need the date the CSE was consulted; the CSP mode must not carry one."""
    if mode not in LEVEL_MODES:
        if cse_date is not None:
            raise DeclarationError("cse_date_forbidden")
        return None
    if cse_date is None:
        raise DeclarationError("cse_date_missing")
    if cse_date < CSE_EARLIEST:
        raise DeclarationError("cse_date_too_early", earliest=CSE_EARLIEST)
    if cse_date > today:
        raise DeclarationError("date_in_future")
    return cse_date


# -- free text ----------------------------------------------------------------------------------


def normalise_url(text: str) -> str:
    """``https://…`` as typed, or a bare ``www.example.fr/page`` given an https scheme."""
    url = text.strip()
    if _BARE_DOMAIN.match(url) and "://" not in url:
        url = "https://" + url
    if len(url) > URL_MAX_LENGTH or not _URL.match(url):
        raise DeclarationError("url_invalid", text=text.strip()[:60])
    return url


def check_text(value: str | None, *, code: str, maximum: int) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        raise DeclarationError(f"{code}_missing")
    if len(cleaned) > maximum:
        raise DeclarationError(f"{code}_too_long", length=len(cleaned), maximum=maximum)
    return cleaned


def split_name(text: str) -> tuple[str, str]:
    """``Prénom Nom`` → (first name, last name); both are required."""
    cleaned = " ".join((text or "").split())
    if len(cleaned) > NAME_MAX_LENGTH:
        raise DeclarationError("name_too_long", maximum=NAME_MAX_LENGTH)
    first, _, last = cleaned.partition(" ")
    if not first or not last:
        raise DeclarationError("name_incomplete")
    return first, last


# -- the index declaration ----------------------------------------------------------------------


def is_calculable(output: dict) -> bool:
    return output.get("index") is not None


def check_publication(
    publication_date: date | None, url: str | None, modalities: str | None
) -> None:
    """A publication date, and a website or (without one) the modalities: one of the two."""
    if publication_date is None:
        raise DeclarationError("publication_date_missing")
    if url and modalities:
        raise DeclarationError("publication_both")
    if not url and not modalities:
        raise DeclarationError("publication_channel_missing")


def check_corrective_measures(choice: str | None, index: int | None) -> str | None:
    """Required (mmo/me/mne) below 75; forbidden for 75 and more or a non-calculable index."""
    if index is None:
        if choice:
            raise DeclarationError("corrective_measures_not_calculable")
        return None
    if index >= rules.CORRECTIVE_MEASURES_BELOW:
        if choice:
            raise DeclarationError("corrective_measures_forbidden", index=index)
        return None
    if not choice:
        raise DeclarationError("corrective_measures_missing", index=index)
    if choice not in CORRECTIVE_MEASURES:
        raise DeclarationError("corrective_measures_unknown", value=choice)
    return choice


def check_favoured_sexes(output: dict) -> None:
    """A gap must name the sex it favours (indicators 1, 2, 3, 2&3): the official record needs
    ``population_favorable`` whenever a result is not 0."""
    for key, result in output["indicators"].items():
        if key in (rules.IND4, rules.IND5) or not result.get("calculable"):
            continue
        gap = result.get("result") or result.get("result_equivalent_employees")
        if gap and result.get("favorable_population") not in rules.SEXES:
            raise DeclarationError("favoured_sex_missing", indicator=key)


def check_one_decimal(output: dict) -> None:
    """Declared results of indicators 1, 2, 3 and 2&3 have one decimal at most (the official
    forms); more would be scored differently by the official implementations (§11 quirk 5)."""
    for key, result in output["indicators"].items():
        if key in (rules.IND4, rules.IND5) or not result.get("calculable"):
            continue
        for name in ("result", "result_equivalent_employees"):
            value = result.get(name)
            if value is not None and abs(value * 10 - round(value * 10)) > 1e-9:
                raise DeclarationError("result_decimals", indicator=key, value=value)


def indicator1_mode(document: dict, declared_mode: str | None) -> str | None:
    """The breakdown of indicator 1: the raw document's, else the one declared with it."""
    from_document = (document.get("indicator1") or {}).get("mode")
    if document.get("kind") == "raw" and from_document:
        return from_document
    return declared_mode


def check_mode(output: dict, mode: str | None) -> str | None:
    """Indicator 1 calculable needs its mode (results typed in do not carry it)."""
    calculable = output["indicators"][rules.IND1]["calculable"]
    if not calculable:
        return mode if mode in rules.MODES else None
    if mode is None:
        raise DeclarationError("mode_missing")
    if mode not in rules.MODES:
        raise DeclarationError("mode_unknown", value=mode)
    return mode


# -- objectives and measures (index-rules §9.3) -------------------------------------------------


def objectives_reason(
    *, year: int, period_sufficient: bool, index: int | None, channel: str = "assistant"
) -> str | None:
    """Why objectives cannot be declared here (a code), or None when they are due."""
    if channel != "assistant":
        return "official_platform"
    if not period_sufficient:
        return "period_insufficient"
    if year < rules.OBJECTIVES_FROM_YEAR:
        return "before_2021"
    if index is None:
        return "not_calculable"
    if index >= rules.OBJECTIVES_BELOW:
        return "index_85"
    return None


def objectives_needed(output: dict) -> list[str]:
    """The calculable indicators below their maximum, in the official order."""
    return [
        key
        for key, result in output["indicators"].items()
        if result.get("calculable")
        and result.get("note") is not None
        and result["note"] < result["max_note"]
    ]


def check_objective_key(key: str, output: dict) -> None:
    """Refuse an objective for an indicator that is not calculable or at its maximum."""
    result = output["indicators"].get(key)
    if result is None:
        raise DeclarationError("objective_unknown_indicator", indicator=key)
    if not result.get("calculable"):
        raise DeclarationError("objective_not_calculable", indicator=key)
    if result["note"] >= result["max_note"]:
        raise DeclarationError(
            "objective_at_maximum", indicator=key, note=result["note"], max_note=result["max_note"]
        )


def check_objective_text(key: str, text: str | None, output: dict) -> str:
    check_objective_key(key, output)
    cleaned = (text or "").strip()
    if not cleaned:
        raise DeclarationError("objective_empty", indicator=key)
    if len(cleaned) > OBJECTIVE_MAX_LENGTH:
        raise DeclarationError(
            "objective_too_long", indicator=key, length=len(cleaned), maximum=OBJECTIVE_MAX_LENGTH
        )
    return cleaned


def measures_required(index: int) -> bool:
    return index < rules.CORRECTIVE_MEASURES_BELOW


def modalities_required(index: int, publication_url: str | None) -> bool:
    """Below 75 always; from 75 to 84 when the results are not published on a website."""
    return measures_required(index) or not publication_url


def check_objectives_date(value: date | None, period_end: date | None) -> date:
    if value is None:
        raise DeclarationError("objectives_date_missing")
    if period_end is not None and value < period_end:
        raise DeclarationError("objectives_date_before_period", period_end=period_end)
    return value


def check_measures_date(value: date | None, index: int, period_end: date | None) -> date | None:
    if not measures_required(index):
        if value is not None:
            raise DeclarationError("measures_date_forbidden", index=index)
        return None
    if value is None:
        raise DeclarationError("measures_date_missing", index=index)
    if period_end is not None and value < period_end:
        raise DeclarationError("measures_date_before_period", period_end=period_end)
    return value


def check_modalities(value: str | None, index: int, publication_url: str | None) -> str | None:
    if not modalities_required(index, publication_url):
        if value:
            raise DeclarationError("modalities_forbidden", index=index)
        return None
    if not (value or "").strip():
        raise DeclarationError(
            "modalities_missing" if measures_required(index) else "modalities_missing_no_site",
            index=index,
        )
    return check_text(value, code="modalities", maximum=MODALITIES_MAX_LENGTH)


def check_objectives(
    output: dict,
    *,
    period_end: date | None,
    publication_url: str | None,
    texts: dict[str, str],
    objectives_date: date | None,
    measures_date: date | None,
    modalities: str | None,
) -> dict[str, Any]:
    """Every rule at once; returns the cleaned values."""
    index = output["index"]
    cleaned = {key: check_objective_text(key, text, output) for key, text in texts.items()}
    for key in objectives_needed(output):
        if key not in cleaned:
            raise DeclarationError("objective_missing", indicator=key)
    return {
        "texts": cleaned,
        "objectives_date": check_objectives_date(objectives_date, period_end),
        "measures_date": check_measures_date(measures_date, index, period_end),
        "modalities": check_modalities(modalities, index, publication_url),
    }


# -- représentation équilibrée (index-rules §12) ------------------------------------------------


def check_representation_year(year: int, today: date) -> int:
    if not 2021 <= year <= today.year:
        raise DeclarationError("representation_year_range", first=2021, last=today.year)
    return year
