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
from .raw import csp_totals, group_pay_gap, level_group, level_groups, pay_groups


@dataclass(frozen=True)
class GroupGaps:
    """Indicator 1 gaps by category name (CSP code or level name), then by age band."""

    categories: list[tuple[str, dict[str, float | None]]]


def three_decimals(value: float) -> float:
    """``Math.round(value * 1000) / 1000`` as the official code rounds the group gaps."""
    return js_round(value * 1000) / 1000


def pay_gaps(document: RawDocument) -> GroupGaps:
    """Indicator 1: ``{age band: signed gap %}`` per category, ``None`` where a group does not
    count. Groups come in the official order (categories, then age bands)."""
    data = document.model_dump()
    indicator = data["indicator1"]
    minimum = rules.IND1_GROUP_MIN_PER_SEX
    if indicator["mode"] == rules.MODE_CSP:
        names = list(rules.CSPS)
        groups = iter(pay_groups(data["headcount"], indicator))
        by_category = [[next(groups) for _ in rules.AGE_BANDS] for _ in rules.CSPS]
    else:
        levels = indicator["levels"] or []
        names = [level["name"] for level in levels]
        by_category = [list(map(level_group, level_groups(level))) for level in levels]
    categories = []
    for name, groups in zip(names, by_category, strict=True):
        tranches: dict[str, float | None] = {}
        for age, group in zip(rules.AGE_BANDS, groups, strict=True):
            women, men, women_salary, men_salary = group or (0, 0, None, None)
            counts = women >= minimum and men >= minimum
            if counts and women_salary and men_salary:
                tranches[age] = three_decimals(group_pay_gap(women_salary, men_salary))
            else:
                tranches[age] = None
        categories.append((name, tranches))
    return GroupGaps(categories)


def rate_gaps(document: RawDocument, key: str) -> list[float | None]:
    """Indicator 2 or 3: signed ``men% − women%`` for ``ouv``, ``emp``, ``tam``, ``ic``;
    ``None`` for a CSP with fewer than 10 women or 10 men."""
    data = document.model_dump()
    indicator = data[key]
    rates = (indicator["rate_pct"] if indicator is not None else None) or {}
    minimum = rules.IND23_CSP_MIN_PER_SEX
    gaps: list[float | None] = []
    for csp in rules.CSPS:
        women, men = csp_totals(data["headcount"], csp)
        if women < minimum or men < minimum:
            gaps.append(None)
            continue
        pair = rates.get(csp)
        gaps.append(three_decimals(pair["men"] - pair["women"]) if pair else 0.0)
    return gaps
