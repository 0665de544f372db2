"""Rules that tie several input fields together; each failure is an ``EngineError``."""

from decimal import Decimal

from . import rules_2019 as rules
from .errors import EngineError
from .inputs import (
    DeclaredIndicator,
    DeclaredMaternity,
    DeclaredRaisesAndPromotions,
    DeclaredTopTen,
    RawDocument,
    RepresentationDocument,
    RepresentationPair,
    ResultsDocument,
)
from .messages import RAISES_WHAT, SEX_PLURAL, error_message
from .raw import workforce_totals


def error(code: str, where: str | None, **values: object) -> EngineError:
    return EngineError(code, error_message(code, **values), where)


def check_band(document: RawDocument | ResultsDocument) -> None:
    band = document.workforce_range
    expected = rules.INDICATORS_BY_BAND[band]
    for key in rules.ALL_INDICATORS:
        present = getattr(document, key) is not None
        if present and key not in expected:
            raise error("indicator_not_in_band", key, indicator=key, band=band)
        if not present and key in expected:
            raise error("missing_indicator", key, indicator=key, band=band)


# --- raw documents -------------------------------------------------------------------------


def check_raw(document: RawDocument) -> None:
    check_band(document)
    check_indicator1(document)
    for key in (rules.IND2, rules.IND3):
        if getattr(document, key) is not None:
            check_rates(document, key)
    if document.indicator2and3 is not None:
        check_raises_and_promotions(document)
    check_maternity(document)
    check_top_ten(document)


def check_indicator1(document: RawDocument) -> None:
    indicator = document.indicator1
    if indicator.mode == rules.MODE_CSP:
        if indicator.levels is not None:
            raise error("field_not_for_mode", "indicator1.levels", mode=indicator.mode)
        for csp, ages in (indicator.csp_mean_salaries or {}).items():
            for age, pair in ages.items():
                if (pair.women is None) != (pair.men is None):
                    where = f"indicator1.csp_mean_salaries.{csp}.{age}"
                    raise error("incomplete_salaries", where)
        return
    if indicator.csp_mean_salaries is not None:
        raise error("field_not_for_mode", "indicator1.csp_mean_salaries", mode=indicator.mode)
    if indicator.levels is None:
        raise error("missing_field", "indicator1.levels")
    check_levels(document)


def check_levels(document: RawDocument) -> None:
    levels = document.indicator1.levels
    seen: set[str] = set()
    for position, level in enumerate(levels):
        if level.name in seen:
            raise error(
                "duplicate_level_name", f"indicator1.levels[{position}].name", name=level.name
            )
        seen.add(level.name)
        for age, group in level.groups.items():
            if (group.women_mean_salary is None) != (group.men_mean_salary is None):
                raise error("incomplete_salaries", f"indicator1.levels[{position}].groups.{age}")
    level_women = sum(g.women_count for level in levels for g in level.groups.values())
    level_men = sum(g.men_count for level in levels for g in level.groups.values())
    women, men = workforce_totals(document.headcount)
    if (level_women, level_men) != (women, men):
        raise error(
            "level_headcount_mismatch",
            "indicator1.levels",
            level_women=level_women,
            level_men=level_men,
            women=women,
            men=men,
        )


def check_rates(document: RawDocument, key: str) -> None:
    indicator = getattr(document, key)
    if not indicator.declared_calculable:
        return
    if indicator.rate_pct is None:
        raise error("missing_field", f"{key}.rate_pct")
    if all(p.women == 0 and p.men == 0 for p in indicator.rate_pct.values()):
        raise error("all_rates_zero", f"{key}.rate_pct", what=RAISES_WHAT[key])


def check_raises_and_promotions(document: RawDocument) -> None:
    indicator = document.indicator2and3
    if not indicator.declared_calculable:
        return
    totals = dict(zip(rules.SEXES, workforce_totals(document.headcount), strict=True))
    for sex in rules.SEXES:
        raised = getattr(indicator, f"raised_{sex}")
        where = f"indicator2and3.raised_{sex}"
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
    if indicator.raised_women == 0 and indicator.raised_men == 0:
        raise error("raised_counts_zero", "indicator2and3")


def check_maternity(document: RawDocument) -> None:
    indicator = document.indicator4
    if not indicator.declared_calculable:
        return
    for field in ("returned_count", "raised_count"):
        if getattr(indicator, field) is None:
            raise error("missing_field", f"indicator4.{field}")
    if indicator.raised_count > indicator.returned_count:
        raise error(
            "raised_above_returned",
            "indicator4.raised_count",
            raised=indicator.raised_count,
            returned=indicator.returned_count,
        )


def check_top_ten(document: RawDocument) -> None:
    top = document.indicator5
    if top.women + top.men > rules.TOP_EARNERS:
        raise error("top_ten_out_of_range", "indicator5")


# --- results documents ---------------------------------------------------------------------

Declaration = DeclaredIndicator | DeclaredMaternity | DeclaredTopTen


def is_calculable(declared: Declaration) -> bool:
    """``calculable`` defaults to true, unless only a reason is given."""
    if declared.calculable is not None:
        return declared.calculable
    return getattr(declared, "reason", None) is None or declared.result is not None


def check_results(document: ResultsDocument) -> None:
    check_band(document)
    for key in rules.INDICATORS_BY_BAND[document.workforce_range]:
        check_declared(key, getattr(document, key))


def check_declared(key: str, declared: Declaration) -> None:
    if key == rules.IND5:
        if declared.calculable is False:
            raise error("indicator5_always_calculable", "indicator5.calculable")
        check_no_favoured_sex(key, declared, gapless=declared.result == 5)
        return
    if not is_calculable(declared):
        if declared.result is not None:
            raise error("result_when_not_calculable", f"{key}.result")
        if declared.reason is not None and declared.reason not in rules.ALLOWED_REASONS[key]:
            allowed = ", ".join(rules.ALLOWED_REASONS[key])
            raise error(
                "reason_not_allowed", f"{key}.reason", value=declared.reason, allowed=allowed
            )
        return
    if declared.reason is not None:
        raise error("reason_when_calculable", f"{key}.reason")
    if declared.result is None:
        raise error("missing_result", f"{key}.result")
    if isinstance(declared, DeclaredRaisesAndPromotions):
        if declared.result_equivalent_employees is None:
            raise error("missing_result", f"{key}.result_equivalent_employees")
        gapless = declared.result == 0 and declared.result_equivalent_employees == 0
        check_no_favoured_sex(key, declared, gapless=gapless)
    elif key != rules.IND4:
        check_no_favoured_sex(key, declared, gapless=declared.result == 0)


def check_no_favoured_sex(key: str, declared: Declaration, *, gapless: bool) -> None:
    if gapless and declared.favorable_population in rules.SEXES:
        raise error(
            "favorable_population_without_gap",
            f"{key}.favorable_population",
            result=declared.result,
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
