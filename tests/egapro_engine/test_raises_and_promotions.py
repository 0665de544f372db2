"""Indicators 2, 3 (> 250) and 2&3 (50-250) from raw data (index-rules §4, §5)."""

import pytest

from .builders import changed, compute, headcount, indicator, large_raw, small_raw


def rates(**by_csp):
    return {"declared_calculable": True, "rate_pct": by_csp}


@pytest.mark.parametrize("key", ["indicator2", "indicator3"])
@pytest.mark.parametrize(
    ("size", "calculable"),
    [((10, 10), True), ((9, 10), False), ((10, 9), False)],
)
def test_a_csp_counts_with_ten_women_and_ten_men(key, size, calculable):
    document = large_raw()
    document["headcount"] = headcount({("emp", "30_39"): size})
    document["indicator1"]["csp_mean_salaries"] = {}
    document[key] = rates(emp={"women": 10, "men": 20})
    result = indicator(document, key)
    assert result["calculable"] is calculable
    assert result["reason"] == (None if calculable else "egvi40pcet")


@pytest.mark.parametrize(
    ("small_csp_men", "calculable"),
    [(28, True), (29, False)],  # valid 20 of 50 = exactly 40 %; 20 of 51 is not enough
)
def test_valid_csp_need_40_percent_of_the_headcount(small_csp_men, calculable):
    document = large_raw()
    document["headcount"] = headcount(
        {("emp", "30_39"): (10, 10), ("ic", "under_30"): (2, small_csp_men)}
    )
    document["indicator2"] = rates(emp={"women": 10, "men": 20})
    assert indicator(document, "indicator2")["calculable"] is calculable


@pytest.mark.parametrize(("key", "reason"), [("indicator2", "absaugi"), ("indicator3", "absprom")])
def test_declared_absence_of_raises_or_promotions(key, reason):
    document = changed(large_raw(), key, {"declared_calculable": False})
    assert indicator(document, key) == {
        "calculable": False,
        "reason": reason,
        "result": None,
        "favorable_population": None,
        "note": None,
        "max_note": 20 if key == "indicator2" else 15,
        "compensated": False,
    }


@pytest.mark.parametrize("key", ["indicator2", "indicator3"])
def test_the_40_percent_rule_comes_before_the_declared_absence(key):
    document = changed(large_raw(), key, {"declared_calculable": False})
    document["headcount"] = headcount({("emp", "30_39"): (9, 30)})
    assert indicator(document, key)["reason"] == "egvi40pcet"


def test_rate_gap_is_weighted_by_csp_headcount_and_signed():
    document = large_raw()
    document["headcount"] = headcount({("ouv", "40_49"): (10, 10), ("ic", "30_39"): (15, 25)})
    document["indicator1"]["csp_mean_salaries"] = {}
    # ouv: men - women = -10 (weight 20/60); ic: +4 (weight 40/60) -> -0.666...
    document["indicator2"] = rates(ouv={"women": 30, "men": 20}, ic={"women": 10, "men": 14})
    got = indicator(document, "indicator2")
    assert (got["result"], got["favorable_population"], got["note"]) == (0.7, "women", 20)


def test_a_missing_csp_counts_as_zero_and_zero():
    document = large_raw()
    document["indicator2"] = rates(ouv={"women": 0, "men": 40})  # +40 weighted by 1/4
    got = indicator(document, "indicator2")
    assert (got["result"], got["favorable_population"], got["note"]) == (10.0, "men", 5)


@pytest.mark.parametrize(
    ("men_rate", "result", "favorable", "note2", "note3"),
    [
        (50, 0.0, "equality", 20, 15),
        (52, 2.0, "men", 20, 15),
        (52.1, 2.1, "men", 10, 10),
        (55, 5.0, "men", 10, 10),
        (55.1, 5.1, "men", 5, 5),
        (60, 10.0, "men", 5, 5),
        (60.1, 10.1, "men", 0, 0),
    ],
)
def test_score_tables_of_indicators_2_and_3(men_rate, result, favorable, note2, note3):
    document = large_raw()
    pairs = {csp: {"women": 50, "men": men_rate} for csp in ("ouv", "emp", "tam", "ic")}
    document["indicator2"] = rates(**pairs)
    document["indicator3"] = rates(**pairs)
    got = compute(document)["indicators"]
    assert (got["indicator2"]["result"], got["indicator2"]["favorable_population"]) == (
        result,
        favorable,
    )
    assert (got["indicator2"]["note"], got["indicator3"]["note"]) == (note2, note3)


def test_52_05_minus_50_is_2_0499999_and_keeps_the_maximum():
    document = large_raw()
    pairs = {csp: {"women": 50, "men": 52.05} for csp in ("ouv", "emp", "tam", "ic")}
    document["indicator2"] = rates(**pairs)
    got = indicator(document, "indicator2")
    assert (got["result"], got["note"]) == (2.0, 20)  # index-rules §11.1: not 2.1 / 10 points


@pytest.mark.parametrize(
    ("women", "men", "result", "favorable"),
    [(5, 5.05, 0.0, "equality"), (10, 10.05, 0.1, "men")],
)
def test_rate_gaps_around_0_05_follow_the_doubles(women, men, result, favorable):
    # 5.05 - 5 = 0.04999999999999982; 10.05 - 10 = 0.05000000000000071
    document = large_raw()
    pairs = {csp: {"women": women, "men": men} for csp in ("ouv", "emp", "tam", "ic")}
    document["indicator3"] = rates(**pairs)
    got = indicator(document, "indicator3")
    assert (got["result"], got["favorable_population"]) == (result, favorable)


# --- indicator 2&3 -------------------------------------------------------------------------


def small_with(women, men, raised_women, raised_men):
    document = small_raw()
    document["headcount"] = headcount({("emp", "30_39"): (women, men)})
    document["indicator1"]["csp_mean_salaries"] = {}
    document["indicator2and3"] = {
        "declared_calculable": True,
        "raised_women": raised_women,
        "raised_men": raised_men,
    }
    return document


@pytest.mark.parametrize(
    ("women", "men", "calculable"),
    [(5, 5, True), (4, 5, False), (5, 4, False)],
)
def test_2and3_needs_five_women_and_five_men(women, men, calculable):
    got = indicator(small_with(women, men, 2, 1), "indicator2and3")
    assert got["calculable"] is calculable
    assert got["reason"] == (None if calculable else "etsno5f5h")


def test_2and3_declared_without_raises_is_absaugi():
    document = changed(small_raw(), "indicator2and3", {"declared_calculable": False})
    assert indicator(document, "indicator2and3")["reason"] == "absaugi"


def test_2and3_headcount_check_comes_before_the_declared_absence():
    document = changed(small_with(4, 30, 1, 1), "indicator2and3", {"declared_calculable": False})
    assert indicator(document, "indicator2and3")["reason"] == "etsno5f5h"


def test_2and3_worked_example():
    # index-rules §14: 20/44 women vs 28/56 men -> 4.5 % and 2.0 employees
    got = indicator(small_raw(), "indicator2and3")
    assert got == {
        "calculable": True,
        "reason": None,
        "result": 4.5,
        "result_equivalent_employees": 2.0,
        "favorable_population": "men",
        "note": 35,
        "max_note": 35,
        "compensated": False,
    }


@pytest.mark.parametrize(
    ("women", "men", "raised_women", "raised_men", "result", "equivalent", "note"),
    [
        (10, 60, 2, 36, 40.0, 4.0, 25),  # the equivalent-employee note wins
        (200, 200, 100, 112, 6.0, 12.0, 15),  # the % note wins
        (15, 100, 5, 36, 2.7, 0.4, 35),  # 0.0267 x 15 = 0.4: best note 35
    ],
)
def test_2and3_keeps_the_better_of_the_two_notes(
    women, men, raised_women, raised_men, result, equivalent, note
):
    got = indicator(small_with(women, men, raised_women, raised_men), "indicator2and3")
    assert (got["result"], got["result_equivalent_employees"], got["note"]) == (
        result,
        equivalent,
        note,
    )


def test_2and3_favourable_population_is_the_sign_without_dead_zone():
    # 12/1000 women vs 12/1001 men: the gap rounds to 0.0 but women are still favoured
    got = indicator(small_with(1000, 1001, 12, 12), "indicator2and3")
    assert (got["result"], got["result_equivalent_employees"]) == (0.0, 0.0)
    assert got["favorable_population"] == "women"
    assert got["note"] == 35


def test_2and3_equal_rates_favour_nobody():
    got = indicator(small_with(20, 40, 10, 20), "indicator2and3")
    assert (got["result"], got["favorable_population"]) == (0.0, "equality")
