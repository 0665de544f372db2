"""The per-group gaps a declaration carries next to each result (index-rules §3.4, §4).

The official simulator pre-fills the declaration with, for indicator 1, the signed pay gap of
each valid group *before* the pertinence threshold, and for indicators 2 and 3 the signed
``men% − women%`` of each valid CSP; both rounded to 3 decimals, empty for groups that do not
count (too few women or men, or no salaries).
"""

from dataclasses import dataclass

from . import rules_2019 as rules
from .inputs import RawDocument
from .jsmath import js_round
from .raw import PayGroup, csp_totals, group_pay_gap, pay_groups


@dataclass(frozen=True)
class GroupGaps:
    """Indicator 1 gaps by category name (CSP code or level name), then by age band."""

    categories: list[tuple[str, dict[str, float | None]]]


def three_decimals(value: float) -> float:
    """``Math.round(value * 1000) / 1000`` as the official code rounds the group gaps."""
    return js_round(value * 1000) / 1000


def _category_names(document: RawDocument) -> list[str]:
    indicator = document.indicator1
    if indicator.mode == rules.MODE_CSP:
        return list(rules.CSPS)
    return [level.name for level in indicator.levels or []]


def pay_gaps(document: RawDocument) -> GroupGaps:
    """Indicator 1: ``{age band: signed gap %}`` per category, ``None`` where a group does not
    count. Groups come in the official order (categories, then age bands)."""
    indicator = document.indicator1
    minimum = rules.IND1_GROUP_MIN_PER_SEX
    if indicator.mode == rules.MODE_CSP:
        groups = iter(pay_groups(document.headcount, indicator))
        by_category = [[next(groups) for _ in rules.AGE_BANDS] for _ in rules.CSPS]
    else:
        by_category = []
        for level in indicator.levels or []:
            by_category.append([_level_group(level.groups.get(age)) for age in rules.AGE_BANDS])
    categories = []
    for name, groups in zip(_category_names(document), by_category, strict=True):
        tranches: dict[str, float | None] = {}
        for age, group in zip(rules.AGE_BANDS, groups, strict=True):
            counts = group is not None and group.women >= minimum and group.men >= minimum
            salaries = group is not None and group.women_salary and group.men_salary
            tranches[age] = three_decimals(group_pay_gap(group)) if counts and salaries else None
        categories.append((name, tranches))
    return GroupGaps(categories)


def _level_group(group) -> PayGroup | None:
    if group is None:
        return None
    return PayGroup(
        group.women_count, group.men_count, group.women_mean_salary, group.men_mean_salary
    )


def rate_gaps(document: RawDocument, key: str) -> list[float | None]:
    """Indicator 2 or 3: signed ``men% − women%`` for ``ouv``, ``emp``, ``tam``, ``ic``;
    ``None`` for a CSP with fewer than 10 women or 10 men."""
    indicator = getattr(document, key)
    rates = (indicator.rate_pct if indicator is not None else None) or {}
    minimum = rules.IND23_CSP_MIN_PER_SEX
    gaps: list[float | None] = []
    for csp in rules.CSPS:
        women, men = csp_totals(document.headcount, csp)
        if women < minimum or men < minimum:
            gaps.append(None)
            continue
        pair = rates.get(csp)
        gaps.append(three_decimals(pair.men - pair.women) if pair else 0.0)
    return gaps
