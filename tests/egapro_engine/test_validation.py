"""Every invalid input is an EngineError with a stable code, a French message and its place."""

import pytest

from egapro_engine import EngineError, compute_document
from egapro_engine.messages import ERRORS

from .builders import (
    changed,
    headcount,
    large_raw,
    large_results,
    removed,
    small_raw,
    small_results,
)


def levels_document(levels, mode="branch_level"):
    document = small_raw()
    document["indicator1"] = {"mode": mode, "levels": levels}
    return document


def level(name, **groups):
    return {"name": name, "groups": groups}


MATCHING_LEVELS = [
    level("A", **{"30_39": {"women_count": 30, "men_count": 30}}),
    level("B", **{"40_49": {"women_count": 14, "men_count": 26}}),
]

CASES = [
    # documents
    ("kind missing", removed(small_raw(), "kind"), "missing_field", "kind"),
    ("unknown kind", changed(small_raw(), "kind", "declaration"), "unknown_kind", "kind"),
    ("unknown field", changed(small_raw(), "colour", 1), "unknown_field", "colour"),
    ("band missing", removed(small_raw(), "workforce_range"), "missing_field", "workforce_range"),
    (
        "unknown band",
        changed(small_raw(), "workforce_range", "50-250"),
        "invalid_workforce_range",
        "workforce_range",
    ),
    (
        "band as number",
        changed(small_raw(), "workforce_range", 250),
        "invalid_workforce_range",
        "workforce_range",
    ),
    ("bad year", changed(small_raw(), "year", 2017), "invalid_year", "year"),
    ("headcount missing", removed(small_raw(), "headcount"), "missing_field", "headcount"),
    (
        "headcount not an object",
        changed(small_raw(), "headcount", [1, 2]),
        "invalid_type",
        "headcount",
    ),
    (
        "indicator wrong band",
        changed(small_raw(), "indicator2", {"declared_calculable": False}),
        "indicator_not_in_band",
        "indicator2",
    ),
    ("indicator missing", removed(small_raw(), "indicator4"), "missing_indicator", "indicator4"),
    (
        "2 and 3 missing above 250",
        removed(large_raw(), "indicator3"),
        "missing_indicator",
        "indicator3",
    ),
    (
        "2&3 above 250",
        changed(large_raw(), "indicator2and3", {"declared_calculable": False}),
        "indicator_not_in_band",
        "indicator2and3",
    ),
    # headcount
    (
        "unknown csp",
        changed(small_raw(), "headcount.cadres", {}),
        "unknown_csp",
        "headcount.cadres",
    ),
    (
        "unknown age band",
        changed(small_raw(), "headcount.emp.60_plus", {"women": 1}),
        "unknown_age_band",
        "headcount.emp.60_plus",
    ),
    (
        "negative headcount",
        changed(small_raw(), "headcount.emp.30_39.women", -1),
        "invalid_headcount",
        "headcount.emp.30_39.women",
    ),
    (
        "fractional headcount",
        changed(small_raw(), "headcount.emp.30_39.men", 30.5),
        "invalid_headcount",
        "headcount.emp.30_39.men",
    ),
    (
        "headcount as text",
        changed(small_raw(), "headcount.emp.30_39.men", "30"),
        "invalid_headcount",
        "headcount.emp.30_39.men",
    ),
    (
        "headcount as boolean",
        changed(small_raw(), "headcount.emp.30_39.men", True),
        "invalid_headcount",
        "headcount.emp.30_39.men",
    ),
    (
        "absurd headcount",
        changed(small_raw(), "headcount.emp.30_39.men", 10**400),
        "invalid_headcount",
        "headcount.emp.30_39.men",
    ),
    # indicator 1
    (
        "unknown mode",
        changed(small_raw(), "indicator1.mode", "niveau"),
        "invalid_mode",
        "indicator1.mode",
    ),
    (
        "zero salary",
        changed(small_raw(), "indicator1.csp_mean_salaries.emp.30_39.men", 0),
        "invalid_salary",
        "indicator1.csp_mean_salaries.emp.30_39.men",
    ),
    (
        "negative salary",
        changed(small_raw(), "indicator1.csp_mean_salaries.emp.30_39.women", -5),
        "invalid_salary",
        "indicator1.csp_mean_salaries.emp.30_39.women",
    ),
    (
        "salary as text",
        changed(small_raw(), "indicator1.csp_mean_salaries.emp.30_39.women", "30 000"),
        "invalid_salary",
        "indicator1.csp_mean_salaries.emp.30_39.women",
    ),
    (
        "salary unknown csp",
        changed(small_raw(), "indicator1.csp_mean_salaries.ouvriers", {}),
        "unknown_csp",
        "indicator1.csp_mean_salaries.ouvriers",
    ),
    (
        "salary unknown age band",
        changed(small_raw(), "indicator1.csp_mean_salaries.emp.30-39", {}),
        "unknown_age_band",
        "indicator1.csp_mean_salaries.emp.30-39",
    ),
    (
        "half salary pair",
        changed(small_raw(), "indicator1.csp_mean_salaries.emp.30_39", {"women": 30000}),
        "incomplete_salaries",
        "indicator1.csp_mean_salaries.emp.30_39",
    ),
    (
        "levels in csp mode",
        changed(small_raw(), "indicator1.levels", MATCHING_LEVELS),
        "field_not_for_mode",
        "indicator1.levels",
    ),
    (
        "csp salaries in level mode",
        changed(levels_document(MATCHING_LEVELS), "indicator1.csp_mean_salaries", {}),
        "field_not_for_mode",
        "indicator1.csp_mean_salaries",
    ),
    (
        "levels missing",
        changed(small_raw(), "indicator1", {"mode": "other_level"}),
        "missing_field",
        "indicator1.levels",
    ),
    (
        "level name missing",
        levels_document([{"groups": {}}]),
        "missing_field",
        "indicator1.levels[0].name",
    ),
    (
        "level unknown age band",
        levels_document([level("A", **{"60+": {}})]),
        "unknown_age_band",
        "indicator1.levels[0].groups.60+",
    ),
    (
        "level negative count",
        levels_document([level("A", **{"30_39": {"women_count": -2}})]),
        "invalid_headcount",
        "indicator1.levels[0].groups.30_39.women_count",
    ),
    (
        "level zero salary",
        levels_document([level("A", **{"30_39": {"women_mean_salary": 0, "men_mean_salary": 1}})]),
        "invalid_salary",
        "indicator1.levels[0].groups.30_39.women_mean_salary",
    ),
    (
        "level half salary",
        levels_document([*MATCHING_LEVELS, level("C", **{"50_plus": {"women_mean_salary": 1}})]),
        "incomplete_salaries",
        "indicator1.levels[2].groups.50_plus",
    ),
    (
        "duplicate level",
        levels_document([*MATCHING_LEVELS, level("A")]),
        "duplicate_level_name",
        "indicator1.levels[2].name",
    ),
    (
        "level totals differ",
        levels_document(MATCHING_LEVELS[:1]),
        "level_headcount_mismatch",
        "indicator1.levels",
    ),
    # indicators 2 and 3
    (
        "rate above 100",
        changed(large_raw(), "indicator2.rate_pct.emp.men", 100.5),
        "invalid_rate",
        "indicator2.rate_pct.emp.men",
    ),
    (
        "negative rate",
        changed(large_raw(), "indicator3.rate_pct.ic.women", -1),
        "invalid_rate",
        "indicator3.rate_pct.ic.women",
    ),
    (
        "rate unknown csp",
        changed(large_raw(), "indicator2.rate_pct.cadres", {"women": 1, "men": 1}),
        "unknown_csp",
        "indicator2.rate_pct.cadres",
    ),
    (
        "all raise rates zero",
        changed(large_raw(), "indicator2.rate_pct", {"emp": {"women": 0, "men": 0}}),
        "all_rates_zero",
        "indicator2.rate_pct",
    ),
    (
        "all promotion rates zero",
        changed(large_raw(), "indicator3.rate_pct", {}),
        "all_rates_zero",
        "indicator3.rate_pct",
    ),
    (
        "rates missing",
        changed(large_raw(), "indicator2", {"declared_calculable": True}),
        "missing_field",
        "indicator2.rate_pct",
    ),
    (
        "declared calculable as text",
        changed(large_raw(), "indicator2.declared_calculable", "oui"),
        "invalid_type",
        "indicator2.declared_calculable",
    ),
    # indicator 2&3
    (
        "raised above headcount",
        changed(small_raw(), "indicator2and3.raised_women", 45),
        "raised_above_headcount",
        "indicator2and3.raised_women",
    ),
    (
        "raised men above headcount",
        changed(small_raw(), "indicator2and3.raised_men", 57),
        "raised_above_headcount",
        "indicator2and3.raised_men",
    ),
    (
        "both raised zero",
        changed(
            changed(small_raw(), "indicator2and3.raised_women", 0), "indicator2and3.raised_men", 0
        ),
        "raised_counts_zero",
        "indicator2and3",
    ),
    (
        "raised count missing",
        removed(small_raw(), "indicator2and3.raised_men"),
        "missing_field",
        "indicator2and3.raised_men",
    ),
    (
        "negative raised",
        changed(small_raw(), "indicator2and3.raised_men", -1),
        "invalid_count",
        "indicator2and3.raised_men",
    ),
    # indicator 4
    (
        "raised above returned",
        changed(small_raw(), "indicator4.raised_count", 4),
        "raised_above_returned",
        "indicator4.raised_count",
    ),
    (
        "returned missing",
        removed(small_raw(), "indicator4.returned_count"),
        "missing_field",
        "indicator4.returned_count",
    ),
    (
        "fractional returned",
        changed(small_raw(), "indicator4.returned_count", 2.5),
        "invalid_count",
        "indicator4.returned_count",
    ),
    # indicator 5
    (
        "top ten above 10",
        changed(small_raw(), "indicator5.women", 11),
        "top_ten_out_of_range",
        "indicator5.women",
    ),
    (
        "top ten negative",
        changed(small_raw(), "indicator5.men", -1),
        "top_ten_out_of_range",
        "indicator5.men",
    ),
    (
        "top ten sum above 10",
        changed(small_raw(), "indicator5", {"women": 6, "men": 5}),
        "top_ten_out_of_range",
        "indicator5",
    ),
    ("top ten missing", removed(small_raw(), "indicator5.men"), "missing_field", "indicator5.men"),
    # declared results
    (
        "negative result",
        changed(small_results(), "indicator1.result", -0.1),
        "invalid_result",
        "indicator1.result",
    ),
    (
        "result as text",
        changed(small_results(), "indicator1.result", "2,4"),
        "invalid_result",
        "indicator1.result",
    ),
    (
        "maternity above 100",
        changed(small_results(), "indicator4.result", 100.5),
        "invalid_result",
        "indicator4.result",
    ),
    (
        "top ten result 6",
        changed(small_results(), "indicator5.result", 6),
        "invalid_result",
        "indicator5.result",
    ),
    (
        "top ten fractional",
        changed(small_results(), "indicator5.result", 2.5),
        "invalid_result",
        "indicator5.result",
    ),
    (
        "missing result",
        changed(small_results(), "indicator1", {"favorable_population": "men"}),
        "missing_result",
        "indicator1.result",
    ),
    (
        "missing equivalent",
        changed(small_results(), "indicator2and3", {"result": 3, "favorable_population": "men"}),
        "missing_result",
        "indicator2and3.result_equivalent_employees",
    ),
    (
        "result when not calculable",
        changed(
            large_results(), "indicator3", {"calculable": False, "reason": "absprom", "result": 3}
        ),
        "result_when_not_calculable",
        "indicator3.result",
    ),
    (
        "reason with a result",
        changed(large_results(), "indicator3", {"reason": "absprom", "result": 3}),
        "reason_when_calculable",
        "indicator3.reason",
    ),
    (
        "unknown reason",
        changed(large_results(), "indicator3", {"calculable": False, "reason": "nope"}),
        "unknown_reason",
        "indicator3.reason",
    ),
    (
        "absprom for raises",
        changed(large_results(), "indicator2", {"calculable": False, "reason": "absprom"}),
        "reason_not_allowed",
        "indicator2.reason",
    ),
    (
        "absaugi for promotions",
        changed(large_results(), "indicator3", {"calculable": False, "reason": "absaugi"}),
        "reason_not_allowed",
        "indicator3.reason",
    ),
    (
        "etsno5f5h for pay",
        changed(large_results(), "indicator1", {"calculable": False, "reason": "etsno5f5h"}),
        "reason_not_allowed",
        "indicator1.reason",
    ),
    (
        "egvi40pcet for 2&3",
        changed(small_results(), "indicator2and3", {"calculable": False, "reason": "egvi40pcet"}),
        "reason_not_allowed",
        "indicator2and3.reason",
    ),
    (
        "absaugi for maternity",
        changed(small_results(), "indicator4", {"calculable": False, "reason": "absaugi"}),
        "reason_not_allowed",
        "indicator4.reason",
    ),
    (
        "top ten not calculable",
        changed(small_results(), "indicator5.calculable", False),
        "indicator5_always_calculable",
        "indicator5.calculable",
    ),
    (
        "unknown favourable population",
        changed(small_results(), "indicator1", {"result": 2, "favorable_population": "femmes"}),
        "invalid_favorable_population",
        "indicator1.favorable_population",
    ),
    (
        "favoured sex with result 0",
        changed(small_results(), "indicator1", {"result": 0, "favorable_population": "men"}),
        "favorable_population_without_gap",
        "indicator1.favorable_population",
    ),
    (
        "favoured sex with raises 0",
        changed(large_results(), "indicator2", {"result": 0.0, "favorable_population": "women"}),
        "favorable_population_without_gap",
        "indicator2.favorable_population",
    ),
    (
        "favoured sex with 2&3 at 0",
        changed(
            small_results(),
            "indicator2and3",
            {"result": 0, "result_equivalent_employees": 0, "favorable_population": "men"},
        ),
        "favorable_population_without_gap",
        "indicator2and3.favorable_population",
    ),
    (
        "favoured sex at 5 / 5",
        changed(small_results(), "indicator5", {"result": 5, "favorable_population": "women"}),
        "favorable_population_without_gap",
        "indicator5.favorable_population",
    ),
    (
        "calculable as text",
        changed(small_results(), "indicator1.calculable", "true"),
        "invalid_type",
        "indicator1.calculable",
    ),
    (
        "results wrong band",
        changed(small_results(), "indicator3", {"result": 1}),
        "indicator_not_in_band",
        "indicator3",
    ),
]


@pytest.mark.parametrize(
    ("document", "code", "where"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_invalid_documents(document, code, where):
    with pytest.raises(EngineError) as caught:
        compute_document(document)
    error = caught.value
    assert (error.code, error.where) == (code, where)
    assert error.message.endswith(".") and "{" not in error.message
    assert error.as_contract() == {"code": code, "message": error.message, "where": where}


@pytest.mark.parametrize("document", [None, [], "raw", 3, True])
def test_a_document_must_be_an_object(document):
    with pytest.raises(EngineError) as caught:
        compute_document(document)
    assert (caught.value.code, caught.value.where) == ("not_an_object", None)


def test_messages_are_french_and_name_the_value():
    with pytest.raises(EngineError) as caught:
        compute_document(changed(small_raw(), "headcount.cadres", {}))
    assert "inconnue « cadres »" in caught.value.message


def test_raise_above_headcount_message_gives_the_numbers():
    with pytest.raises(EngineError) as caught:
        compute_document(changed(small_raw(), "indicator2and3.raised_women", 45))
    assert caught.value.message == "45 femmes augmenté(e)s, plus que l'effectif de 44 femmes."


def test_every_documented_code_has_a_message():
    codes = {case[2] for case in CASES}
    assert codes <= set(ERRORS)


def test_valid_group_without_salaries_is_not_an_error():
    document = small_raw()
    document["indicator1"]["csp_mean_salaries"] = {"emp": {"30_39": {"women": None, "men": None}}}
    assert compute_document(document).indicators.indicator1.result == 0.0


def test_declared_absence_ignores_leftover_rates():
    document = changed(large_raw(), "indicator2.declared_calculable", False)
    document["indicator2"]["rate_pct"] = {"emp": {"women": 0, "men": 0}}
    assert compute_document(document).indicators.indicator2.reason == "absaugi"


def test_not_calculable_without_reason_is_accepted():
    document = changed(large_results(), "indicator3", {"calculable": False})
    got = compute_document(document).indicators.indicator3
    assert (got.calculable, got.reason) == (False, None)


def test_reason_alone_means_not_calculable():
    document = changed(large_results(), "indicator3", {"reason": "absprom"})
    got = compute_document(document).indicators.indicator3
    assert (got.calculable, got.reason) == (False, "absprom")


def test_headcount_cells_default_to_zero():
    document = small_raw()
    document["headcount"] = headcount({("emp", "30_39"): (30, 30)})
    document["headcount"]["ouv"] = {"40_49": {"men": 22}, "50_plus": {}}
    document["indicator2and3"]["raised_women"] = 20
    assert compute_document(document).indicators.indicator1.total_headcount == 82


def test_legacy_reason_am_is_accepted_for_indicators_1_to_4():
    document = large_results(indicator1={"calculable": False, "reason": "am"})
    assert compute_document(document).indicators.indicator1.reason == "am"
