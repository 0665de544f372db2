"""Scores, index and obligations from declared results, as the official platform stores them.

This is the official DeclarationComputer (index-rules §2, §6, §9): score tables looked up at
``ceil(result)``, compensation when indicator 1 and the raise/promotion indicator favour
different sexes, index ``Math.round(points / max * 100)`` when at least 75 points count.
"""

from . import rules_2019 as rules
from .declared import Declared
from .jsmath import js_round, table_note, table_note_floor
from .outputs import IndexOutput


def favoured_sex(declared: Declared | None) -> str | None:
    """The favoured sex of a calculable indicator, ``None`` for equality or unknown."""
    if declared is None or not declared.calculable:
        return None
    return declared.favorable if declared.favorable in ("women", "men") else None


def is_compensated(pay_gap: Declared | None, declared: Declared) -> bool:
    """Catch-up rule: the raises/promotions favour the sex that indicator 1 shows less paid."""
    pay_sex = favoured_sex(pay_gap)
    own_sex = favoured_sex(declared)
    return pay_sex is not None and own_sex is not None and pay_sex != own_sex


def indicator_note(key: str, declared: Declared) -> tuple[int, dict]:
    """The note of a calculable indicator, with the extra output fields it explains."""
    table = rules.NOTE_TABLES[key]
    if key == rules.IND4:
        return table_note_floor(table, declared.result / 100), {}
    if key == rules.IND23:
        percent = table_note(table, declared.result)
        equivalent = table_note(table, declared.result_equivalent)
        extra = {"note_percent": percent, "note_equivalent_employees": equivalent}
        return max(percent, equivalent), extra
    return table_note(table, declared.result), {}


def indicator_result(key: str, declared: Declared, pay_gap: Declared | None) -> dict:
    """The fields of the indicator's output object (``outputs.Indicators``)."""
    fields: dict = {"calculable": declared.calculable, "max_note": rules.MAX_NOTES[key]}
    if key in (rules.IND1, rules.IND2, rules.IND3):
        fields["valid_headcount"] = declared.valid_headcount
        fields["total_headcount"] = declared.total_headcount
    if not declared.calculable:
        return {"reason": declared.reason, **fields}
    note, extra = indicator_note(key, declared)
    if key in (rules.IND2, rules.IND3, rules.IND23):
        fields["compensated"] = is_compensated(pay_gap, declared)
        if fields["compensated"]:
            note = rules.MAX_NOTES[key]
    if key == rules.IND23:
        fields["result_equivalent_employees"] = declared.result_equivalent
    favorable = None if key == rules.IND4 else (declared.favorable or "equality")
    return {
        "result": declared.result,
        "favorable_population": favorable,
        "note": note,
        **fields,
        **extra,
    }


def index_from(points: int, max_points: int) -> int | None:
    if max_points < rules.INDEX_MIN_MAX_POINTS:
        return None
    return js_round(points / max_points * 100)


def obligations_for(index: int | None, year: int | None, indicators: dict[str, dict]) -> dict:
    """``indicators``: the output fields of each indicator, in the official order."""
    objectives = (
        index is not None
        and index < rules.OBJECTIVES_BELOW
        and (year is None or year >= rules.OBJECTIVES_FROM_YEAR)
    )
    below_max = [
        key
        for key, result in indicators.items()
        if result["calculable"]
        and result["note"] is not None
        and result["note"] < result["max_note"]
    ]
    corrective = index is not None and index < rules.CORRECTIVE_MEASURES_BELOW
    return {
        "corrective_measures_required": corrective,
        "objectives_required": objectives,
        "objectives_for": below_max if objectives else [],
    }


def score(
    band: str, declared: dict[str, Declared], *, year: int | None, source: str | None
) -> IndexOutput:
    """Score the declared indicators of ``band`` (every one of them must be in ``declared``)."""
    pay_gap = declared.get(rules.IND1)
    results = {
        key: indicator_result(key, declared[key], pay_gap) for key in rules.INDICATORS_BY_BAND[band]
    }
    counted = [r for r in results.values() if r["calculable"]]
    points = sum(r["note"] for r in counted)
    max_points = sum(r["max_note"] for r in counted)
    index = index_from(points, max_points)
    # One validation builds every output object (faster than one constructor call each).
    return IndexOutput.model_validate(
        {
            "source": source,
            "workforce_range": band,
            "indicators": results,
            "points": points,
            "max_points": max_points,
            "index": index,
            "obligations": obligations_for(index, year, results),
            "year": year,
        }
    )
