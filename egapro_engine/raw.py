"""From raw aggregated data to declared results, as the official simulator computes them.

Floating-point operations follow the official code's order (index-rules §3.3-§8) so that the
declared results are bit-for-bit those of the simulator, x.x5 boundaries included.

The document is the validated plain data of a ``RawDocument`` (its ``model_dump()`` form:
every field present, defaults filled in).
"""

import math
from typing import Any

from . import rules_2019 as rules
from .declared import Declared, not_calculable
from .jsmath import one_decimal

RawData = dict[str, Any]  # a RawDocument's model_dump()
Headcounts = dict[str, dict[str, dict[str, int]]]  # csp -> age band -> sex -> count
CspTotals = dict[str, tuple[int, int]]  # csp -> (women, men), for every CSP

NOBODY = {"women": 0, "men": 0}
NO_SALARIES = {"women": None, "men": None}

# One group of indicator 1: women, men, women's and men's mean salaries (None if not given).
PayGroup = tuple[int, int, float | None, float | None]


def csp_totals(headcount: Headcounts, csp: str) -> tuple[int, int]:
    women = men = 0
    for cell in headcount.get(csp, {}).values():
        women += cell["women"]
        men += cell["men"]
    return women, men


def all_csp_totals(headcount: Headcounts) -> CspTotals:
    return {csp: csp_totals(headcount, csp) for csp in rules.CSPS}


def workforce_totals(totals: CspTotals) -> tuple[int, int]:
    return sum(women for women, _ in totals.values()), sum(men for _, men in totals.values())


def pay_groups(headcount: Headcounts, indicator: dict[str, Any]) -> list[PayGroup]:
    """Every group of indicator 1 in the official summation order."""
    if indicator["mode"] == rules.MODE_CSP:
        salaries = indicator["csp_mean_salaries"] or {}
        groups = []
        for csp in rules.CSPS:
            cells = headcount.get(csp, {})
            pairs = salaries.get(csp, {})
            for age in rules.AGE_BANDS:
                counts = cells.get(age) or NOBODY
                pair = pairs.get(age) or NO_SALARIES
                groups.append((counts["women"], counts["men"], pair["women"], pair["men"]))
        return groups
    return [
        level_group(group)
        for level in indicator["levels"] or []
        for group in level_groups(level)
        if group is not None
    ]


def level_groups(level: dict[str, Any]) -> list[dict[str, Any] | None]:
    """A level's group of each age band (``None`` where nobody is), in age order."""
    return [level["groups"].get(age) for age in rules.AGE_BANDS]


def level_group(group: dict[str, Any] | None) -> PayGroup | None:
    if group is None:
        return None
    return (
        group["women_count"],
        group["men_count"],
        group["women_mean_salary"],
        group["men_mean_salary"],
    )


def favourable_with_dead_zone(raw: float) -> str:
    if raw == 0 or abs(raw) < rules.EQUALITY_DEAD_ZONE:
        return "equality"
    return "men" if raw > 0 else "women"


def favourable_by_sign(raw: float) -> str:
    if raw == 0:
        return "equality"
    return "men" if raw > 0 else "women"


def share_reached(valid: int, total: int) -> bool:
    return total > 0 and valid / total >= rules.VALID_HEADCOUNT_SHARE


def group_pay_gap(women_salary: float | None, men_salary: float | None) -> float:
    """Signed gap in % of the men's pay; 0 when it is not a finite number (no salaries)."""
    men = men_salary or 0.0
    women = women_salary or 0.0
    if men == 0:
        return 0.0
    gap = ((men - women) / men) * 100
    return gap if math.isfinite(gap) else 0.0  # as the official isFinite(gap) ? gap : 0


def indicator1(headcount: Headcounts, indicator: dict[str, Any]) -> Declared:
    minimum = rules.IND1_GROUP_MIN_PER_SEX
    total_count = 0
    valid = []  # (size, women's salary, men's salary) of the groups that count
    for women, men, women_salary, men_salary in pay_groups(headcount, indicator):
        total_count += women + men
        if women >= minimum and men >= minimum:
            valid.append((women + men, women_salary, men_salary))
    valid_count = sum(size for size, _, _ in valid)
    counts = {"valid_headcount": valid_count, "total_headcount": total_count}
    if not share_reached(valid_count, total_count):
        return not_calculable(rules.REASON_EGVI40PCET, **counts)
    threshold = rules.IND1_PERTINENCE_PCT[indicator["mode"]]
    raw = 0.0
    for size, women_salary, men_salary in valid:
        gap = group_pay_gap(women_salary, men_salary)
        adjusted = max(gap - threshold, 0.0) if gap > 0 else min(gap + threshold, 0.0)
        raw += adjusted * (size / valid_count)
    return Declared(
        calculable=True,
        result=one_decimal(raw),
        favorable=favourable_with_dead_zone(raw),
        **counts,
    )


def rate_indicator(indicator: dict[str, Any], key: str, by_csp: CspTotals) -> Declared:
    """Indicator 2 (raises) or 3 (promotions), by CSP."""
    minimum = rules.IND23_CSP_MIN_PER_SEX
    sizes = {csp: w + m for csp, (w, m) in by_csp.items() if w >= minimum and m >= minimum}
    total_count = sum(w + m for w, m in by_csp.values())
    valid_count = sum(sizes.values())
    counts = {"valid_headcount": valid_count, "total_headcount": total_count}
    if not share_reached(valid_count, total_count):
        return not_calculable(rules.REASON_EGVI40PCET, **counts)
    if not indicator["declared_calculable"]:
        return not_calculable(rules.DECLARED_NOT_CALCULABLE_REASON[key], **counts)
    rates = indicator["rate_pct"] or {}
    raw = 0.0
    for csp, size in sizes.items():  # the CSPs that count
        pair = rates.get(csp)
        gap = (pair["men"] - pair["women"]) if pair else 0.0
        raw += (gap * size) / valid_count
    return Declared(
        calculable=True,
        result=one_decimal(raw),
        favorable=favourable_with_dead_zone(raw),
        **counts,
    )


def raises_and_promotions(indicator: dict[str, Any], by_csp: CspTotals) -> Declared:
    """Indicator 2&3 (50-250): company-wide raise rates, raises including promotions."""
    women, men = workforce_totals(by_csp)
    minimum = rules.IND2AND3_MIN_PER_SEX
    if women < minimum or men < minimum:
        return not_calculable(rules.REASON_ETSNO5F5H)
    if not indicator["declared_calculable"]:
        return not_calculable(rules.DECLARED_NOT_CALCULABLE_REASON[rules.IND23])
    gap = indicator["raised_men"] / men - indicator["raised_women"] / women
    equivalent = abs(gap) * min(women, men)
    return Declared(
        calculable=True,
        result=one_decimal(gap * 100),
        result_equivalent=one_decimal(equivalent),
        favorable=favourable_by_sign(gap),
    )


def maternity(indicator: dict[str, Any]) -> Declared:
    if not indicator["declared_calculable"]:
        return not_calculable(rules.DECLARED_NOT_CALCULABLE_REASON[rules.IND4])
    if indicator["returned_count"] == 0:
        return not_calculable(rules.REASON_ABSAUGPDTCM)
    ratio = indicator["raised_count"] / indicator["returned_count"]
    return Declared(calculable=True, result=math.floor(ratio * 100))


def top_ten(indicator: dict[str, Any]) -> Declared:
    women, men = indicator["women"], indicator["men"]
    majority = "men" if men > women else "women" if women > men else "equality"
    return Declared(calculable=True, result=min(women, men), favorable=majority)


def declared_from_raw(doc: RawData, by_csp: CspTotals) -> dict[str, Declared]:
    """What the simulator pre-fills in the declaration, for the indicators of the band.

    ``by_csp``: the headcount's totals by CSP (``all_csp_totals``)."""
    declared = {rules.IND1: indicator1(doc["headcount"], doc[rules.IND1])}
    if doc["workforce_range"] == rules.BAND_SMALL:
        declared[rules.IND23] = raises_and_promotions(doc[rules.IND23], by_csp)
    else:
        for key in (rules.IND2, rules.IND3):
            declared[key] = rate_indicator(doc[key], key, by_csp)
    declared[rules.IND4] = maternity(doc[rules.IND4])
    declared[rules.IND5] = top_ten(doc[rules.IND5])
    return declared
