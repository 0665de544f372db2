"""From raw aggregated data to declared results, as the official simulator computes them.

Floating-point operations follow the official code's order (index-rules §3.3-§8) so that the
declared results are bit-for-bit those of the simulator, x.x5 boundaries included.
"""

import math
from dataclasses import dataclass

from . import rules_2019 as rules
from .declared import Declared, not_calculable
from .inputs import Headcounts, RawDocument, RawIndicator1, SexCounts
from .jsmath import one_decimal


@dataclass(frozen=True)
class PayGroup:
    women: int
    men: int
    women_salary: float | None
    men_salary: float | None

    @property
    def size(self) -> int:
        return self.women + self.men


def cell(headcount: Headcounts, csp: str, age: str) -> SexCounts:
    return headcount.get(csp, {}).get(age) or SexCounts()


def csp_totals(headcount: Headcounts, csp: str) -> tuple[int, int]:
    cells = [cell(headcount, csp, age) for age in rules.AGE_BANDS]
    return sum(c.women for c in cells), sum(c.men for c in cells)


def workforce_totals(headcount: Headcounts) -> tuple[int, int]:
    totals = [csp_totals(headcount, csp) for csp in rules.CSPS]
    return sum(t[0] for t in totals), sum(t[1] for t in totals)


def pay_groups(headcount: Headcounts, indicator: RawIndicator1) -> list[PayGroup]:
    """Every group of indicator 1 in the official summation order."""
    if indicator.mode == rules.MODE_CSP:
        salaries = indicator.csp_mean_salaries or {}
        groups = []
        for csp in rules.CSPS:
            for age in rules.AGE_BANDS:
                counts = cell(headcount, csp, age)
                pair = salaries.get(csp, {}).get(age)
                groups.append(
                    PayGroup(
                        counts.women,
                        counts.men,
                        pair.women if pair else None,
                        pair.men if pair else None,
                    )
                )
        return groups
    return [
        PayGroup(g.women_count, g.men_count, g.women_mean_salary, g.men_mean_salary)
        for level in indicator.levels or []
        for g in (level.groups.get(age) for age in rules.AGE_BANDS)
        if g is not None
    ]


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


def group_pay_gap(group: PayGroup) -> float:
    """Signed gap in % of the men's pay; 0 when it is not a finite number (no salaries)."""
    men = group.men_salary or 0.0
    women = group.women_salary or 0.0
    if men == 0:
        return 0.0
    return ((men - women) / men) * 100


def indicator1(headcount: Headcounts, indicator: RawIndicator1) -> Declared:
    groups = pay_groups(headcount, indicator)
    minimum = rules.IND1_GROUP_MIN_PER_SEX
    valid = [g for g in groups if g.women >= minimum and g.men >= minimum]
    total_count = sum(g.size for g in groups)
    valid_count = sum(g.size for g in valid)
    counts = {"valid_headcount": valid_count, "total_headcount": total_count}
    if not share_reached(valid_count, total_count):
        return not_calculable(rules.REASON_EGVI40PCET, **counts)
    threshold = rules.IND1_PERTINENCE_PCT[indicator.mode]
    raw = 0.0
    for group in valid:
        gap = group_pay_gap(group)
        adjusted = max(gap - threshold, 0.0) if gap > 0 else min(gap + threshold, 0.0)
        raw += adjusted * (group.size / valid_count)
    return Declared(
        calculable=True,
        result=one_decimal(raw),
        favorable=favourable_with_dead_zone(raw),
        **counts,
    )


def rate_indicator(doc: RawDocument, key: str) -> Declared:
    """Indicator 2 (raises) or 3 (promotions), by CSP."""
    indicator = getattr(doc, key)
    minimum = rules.IND23_CSP_MIN_PER_SEX
    by_csp = {csp: csp_totals(doc.headcount, csp) for csp in rules.CSPS}
    valid = [csp for csp, (w, m) in by_csp.items() if w >= minimum and m >= minimum]
    total_count = sum(w + m for w, m in by_csp.values())
    valid_count = sum(sum(by_csp[csp]) for csp in valid)
    counts = {"valid_headcount": valid_count, "total_headcount": total_count}
    if not share_reached(valid_count, total_count):
        return not_calculable(rules.REASON_EGVI40PCET, **counts)
    if not indicator.declared_calculable:
        return not_calculable(rules.DECLARED_NOT_CALCULABLE_REASON[key], **counts)
    rates = indicator.rate_pct or {}
    raw = 0.0
    for csp in valid:
        pair = rates.get(csp)
        gap = (pair.men - pair.women) if pair else 0.0
        raw += (gap * sum(by_csp[csp])) / valid_count
    return Declared(
        calculable=True,
        result=one_decimal(raw),
        favorable=favourable_with_dead_zone(raw),
        **counts,
    )


def raises_and_promotions(doc: RawDocument) -> Declared:
    """Indicator 2&3 (50-250): company-wide raise rates, raises including promotions."""
    indicator = doc.indicator2and3
    women, men = workforce_totals(doc.headcount)
    minimum = rules.IND2AND3_MIN_PER_SEX
    if women < minimum or men < minimum:
        return not_calculable(rules.REASON_ETSNO5F5H)
    if not indicator.declared_calculable:
        return not_calculable(rules.DECLARED_NOT_CALCULABLE_REASON[rules.IND23])
    gap = indicator.raised_men / men - indicator.raised_women / women
    equivalent = abs(gap) * min(women, men)
    return Declared(
        calculable=True,
        result=one_decimal(gap * 100),
        result_equivalent=one_decimal(equivalent),
        favorable=favourable_by_sign(gap),
    )


def maternity(doc: RawDocument) -> Declared:
    indicator = doc.indicator4
    if not indicator.declared_calculable:
        return not_calculable(rules.DECLARED_NOT_CALCULABLE_REASON[rules.IND4])
    if indicator.returned_count == 0:
        return not_calculable(rules.REASON_ABSAUGPDTCM)
    ratio = indicator.raised_count / indicator.returned_count
    return Declared(calculable=True, result=math.floor(ratio * 100))


def top_ten(doc: RawDocument) -> Declared:
    women, men = doc.indicator5.women, doc.indicator5.men
    majority = "men" if men > women else "women" if women > men else "equality"
    return Declared(calculable=True, result=min(women, men), favorable=majority)


def declared_from_raw(doc: RawDocument) -> dict[str, Declared]:
    """What the simulator pre-fills in the declaration, for the indicators of the band."""
    compute = {
        rules.IND1: lambda: indicator1(doc.headcount, doc.indicator1),
        rules.IND2: lambda: rate_indicator(doc, rules.IND2),
        rules.IND3: lambda: rate_indicator(doc, rules.IND3),
        rules.IND23: lambda: raises_and_promotions(doc),
        rules.IND4: lambda: maternity(doc),
        rules.IND5: lambda: top_ten(doc),
    }
    return {key: compute[key]() for key in rules.INDICATORS_BY_BAND[doc.workforce_range]}
