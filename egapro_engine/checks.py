"""Rules that tie several input fields together; each failure is an ``EngineError``.

Raw and results documents are checked as validated plain data (``model_dump()`` form), the
représentation document as its model.
"""

from decimal import Decimal
from typing import Any

from . import rules_2019 as rules
from .errors import EngineError
from .inputs import RepresentationDocument, RepresentationPair
from .messages import RAISES_WHAT, SEX_PLURAL, error_message
from .raw import CspTotals, RawData, workforce_totals

ResultsData = dict[str, Any]  # a ResultsDocument's model_dump()


def error(code: str, where: str | None, **values: object) -> EngineError:
    return EngineError(code, error_message(code, **values), where)


def check_band(document: dict[str, Any]) -> None:
    band = document["workforce_range"]
    expected = rules.INDICATORS_BY_BAND[band]
    for key in rules.ALL_INDICATORS:
        present = document[key] is not None
        if present and key not in expected:
            raise error("indicator_not_in_band", key, indicator=key, band=band)
        if not present and key in expected:
            raise error("missing_indicator", key, indicator=key, band=band)


# --- raw documents -------------------------------------------------------------------------


def check_raw(document: RawData, by_csp: CspTotals) -> None:
    """``by_csp``: the headcount's totals by CSP (``raw.all_csp_totals``)."""
    check_band(document)
    check_indicator1(document, by_csp)
    for key in (rules.IND2, rules.IND3):
        if document[key] is not None:
            check_rates(document[key], key)
    if document[rules.IND23] is not None:
        check_raises_and_promotions(document[rules.IND23], by_csp)
    check_maternity(document[rules.IND4])
    check_top_ten(document[rules.IND5])


def check_indicator1(document: RawData, by_csp: CspTotals) -> None:
    indicator = document[rules.IND1]
    mode = indicator["mode"]
    if mode == rules.MODE_CSP:
        if indicator["levels"] is not None:
            raise error("field_not_for_mode", "indicator1.levels", mode=mode)
        for csp, ages in (indicator["csp_mean_salaries"] or {}).items():
            for age, pair in ages.items():
                if (pair["women"] is None) != (pair["men"] is None):
                    where = f"indicator1.csp_mean_salaries.{csp}.{age}"
                    raise error("incomplete_salaries", where)
        return
    if indicator["csp_mean_salaries"] is not None:
        raise error("field_not_for_mode", "indicator1.csp_mean_salaries", mode=mode)
    if indicator["levels"] is None:
        raise error("missing_field", "indicator1.levels")
    check_levels(indicator["levels"], by_csp)


def check_levels(levels: list[dict[str, Any]], by_csp: CspTotals) -> None:
    seen: set[str] = set()
    for position, level in enumerate(levels):
        name = level["name"]
        if name in seen:
            raise error("duplicate_level_name", f"indicator1.levels[{position}].name", name=name)
        seen.add(name)
        for age, group in level["groups"].items():
            if (group["women_mean_salary"] is None) != (group["men_mean_salary"] is None):
                raise error("incomplete_salaries", f"indicator1.levels[{position}].groups.{age}")
    groups = [group for level in levels for group in level["groups"].values()]
    level_women = sum(group["women_count"] for group in groups)
    level_men = sum(group["men_count"] for group in groups)
    women, men = workforce_totals(by_csp)
    if (level_women, level_men) != (women, men):
        raise error(
            "level_headcount_mismatch",
            "indicator1.levels",
            level_women=level_women,
            level_men=level_men,
            women=women,
            men=men,
        )


def check_rates(indicator: dict[str, Any], key: str) -> None:
    if not indicator["declared_calculable"]:
        return
    if indicator["rate_pct"] is None:
        raise error("missing_field", f"{key}.rate_pct")
    if all(p["women"] == 0 and p["men"] == 0 for p in indicator["rate_pct"].values()):
        raise error("all_rates_zero", f"{key}.rate_pct", what=RAISES_WHAT[key])


def check_raises_and_promotions(indicator: dict[str, Any], by_csp: CspTotals) -> None:
    if not indicator["declared_calculable"]:
        return
    totals = dict(zip(rules.SEXES, workforce_totals(by_csp), strict=True))
    for sex in rules.SEXES:
        field = f"raised_{sex}"
        raised = indicator[field]
        where = f"indicator2and3.{field}"
        if raised is None:
            raise error("missing_field", where)
        if raised > totals[sex]:
            raise error(
                "raised_above_headcount",
                where,
                raised=raised,
                headcount=totals[sex],
                sex=SEX_PLURAL[sex],
            )
    if indicator["raised_women"] == 0 and indicator["raised_men"] == 0:
        raise error("raised_counts_zero", "indicator2and3")


def check_maternity(indicator: dict[str, Any]) -> None:
    if not indicator["declared_calculable"]:
        return
    for field in ("returned_count", "raised_count"):
        if indicator[field] is None:
            raise error("missing_field", f"indicator4.{field}")
    if indicator["raised_count"] > indicator["returned_count"]:
        raise error(
            "raised_above_returned",
            "indicator4.raised_count",
            raised=indicator["raised_count"],
            returned=indicator["returned_count"],
        )


def check_top_ten(top: dict[str, Any]) -> None:
    if top["women"] + top["men"] > rules.TOP_EARNERS:
        raise error("top_ten_out_of_range", "indicator5")


# --- results documents ---------------------------------------------------------------------
# A declared indicator is the plain data of a DeclaredIndicator, DeclaredRaisesAndPromotions,
# DeclaredMaternity or DeclaredTopTen (the last has no ``reason``).


def is_calculable(declared: dict[str, Any]) -> bool:
    """``calculable`` defaults to true, unless only a reason is given."""
    if declared["calculable"] is not None:
        return declared["calculable"]
    return declared.get("reason") is None or declared["result"] is not None


def check_results(document: ResultsData) -> None:
    check_band(document)
    for key in rules.INDICATORS_BY_BAND[document["workforce_range"]]:
        check_declared(key, document[key])


def check_declared(key: str, declared: dict[str, Any]) -> None:
    if key == rules.IND5:
        if declared["calculable"] is False:
            raise error("indicator5_always_calculable", "indicator5.calculable")
        check_no_favoured_sex(key, declared, gapless=declared["result"] == 5)
        return
    if not is_calculable(declared):
        if declared["result"] is not None:
            raise error("result_when_not_calculable", f"{key}.result")
        reason = declared["reason"]
        if reason is not None and reason not in rules.ALLOWED_REASONS[key]:
            allowed = ", ".join(rules.ALLOWED_REASONS[key])
            raise error("reason_not_allowed", f"{key}.reason", value=reason, allowed=allowed)
        return
    if declared["reason"] is not None:
        raise error("reason_when_calculable", f"{key}.reason")
    if declared["result"] is None:
        raise error("missing_result", f"{key}.result")
    if key == rules.IND23:
        equivalent = declared["result_equivalent_employees"]
        if equivalent is None:
            raise error("missing_result", f"{key}.result_equivalent_employees")
        gapless = declared["result"] == 0 and equivalent == 0
        check_no_favoured_sex(key, declared, gapless=gapless)
    elif key != rules.IND4:
        check_no_favoured_sex(key, declared, gapless=declared["result"] == 0)


def check_no_favoured_sex(key: str, declared: dict[str, Any], *, gapless: bool) -> None:
    if gapless and declared["favorable_population"] in rules.SEXES:
        raise error(
            "favorable_population_without_gap",
            f"{key}.favorable_population",
            result=declared["result"],
        )


# --- représentation équilibrée -------------------------------------------------------------


def check_representation(document: RepresentationDocument) -> None:
    for key in (rules.REP_EXECUTIVES, rules.REP_GOVERNING_BODIES):
        check_pair(key, getattr(document, key))


def check_pair(key: str, pair: RepresentationPair) -> None:
    motives = rules.REP_MOTIVES[key]
    given = [p for p in (pair.women_pct, pair.men_pct) if p is not None]
    if pair.not_calculable is not None:
        if pair.not_calculable not in motives:
            raise error(
                "unknown_motive",
                f"{key}.not_calculable",
                value=pair.not_calculable,
                allowed=", ".join(motives),
            )
        if given:
            raise error("motive_with_percentages", f"{key}.not_calculable")
        return
    if len(given) < 2:
        missing = "women_pct" if pair.women_pct is None else "men_pct"
        raise error("incomplete_pair", f"{key}.{missing}")
    total = Decimal(repr(pair.women_pct)) + Decimal(repr(pair.men_pct))
    if total != 100:
        raise error("pair_sum_not_100", key, total=format(total.normalize(), "f"))
