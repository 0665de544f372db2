"""Indicator 1 from raw data: validity, 40 % rule, pertinence thresholds, rounding (§3)."""

import pytest

from .builders import changed, headcount, indicator, small_raw


def one_group_document(women_pay, men_pay, *, mode="csp", size=(30, 30), filler=(2, 20)):
    """One valid group (employés 30-39 or one level) plus one group too small to count."""
    document = small_raw()
    document["headcount"] = headcount({("emp", "30_39"): size, ("ouv", "40_49"): filler})
    document["indicator2and3"] = {"declared_calculable": True, "raised_women": 1, "raised_men": 1}
    if mode == "csp":
        salaries = {"emp": {"30_39": {"women": women_pay, "men": men_pay}}}
        document["indicator1"] = {"mode": "csp", "csp_mean_salaries": salaries}
        return document
    document["indicator1"] = {
        "mode": mode,
        "levels": [
            {
                "name": "A",
                "groups": {
                    "30_39": {
                        "women_count": size[0],
                        "men_count": size[1],
                        "women_mean_salary": women_pay,
                        "men_mean_salary": men_pay,
                    }
                },
            },
            {
                "name": "B",
                "groups": {"40_49": {"women_count": filler[0], "men_count": filler[1]}},
            },
        ],
    }
    return document


@pytest.mark.parametrize(
    ("size", "calculable"),
    [((3, 3), True), ((2, 3), False), ((3, 2), False), ((2, 2), False)],
)
def test_a_group_counts_with_three_women_and_three_men(size, calculable):
    document = one_group_document(90000, 100000, size=size, filler=(0, 0))
    document["indicator2and3"] = {"declared_calculable": False}
    result = indicator(document, "indicator1")
    assert result["calculable"] is calculable
    assert result["reason"] == (None if calculable else "egvi40pcet")


@pytest.mark.parametrize(
    ("filler_men", "calculable"),
    [(58, True), (59, False)],  # 40/100 = exactly 40 % passes; 40/101 does not
)
def test_valid_groups_need_40_percent_of_the_headcount(filler_men, calculable):
    document = one_group_document(30000, 30000, size=(20, 20), filler=(2, filler_men))
    result = indicator(document, "indicator1")
    assert result["calculable"] is calculable
    if not calculable:
        assert result == {
            "calculable": False,
            "reason": "egvi40pcet",
            "result": None,
            "favorable_population": None,
            "note": None,
            "max_note": 40,
        }


def test_no_headcount_at_all_is_not_calculable():
    document = small_raw()
    document["headcount"] = {}
    document["indicator2and3"] = {"declared_calculable": False}
    document["indicator4"] = {"declared_calculable": False}
    assert indicator(document, "indicator1")["reason"] == "egvi40pcet"


@pytest.mark.parametrize(
    ("women_pay", "men_pay", "result", "favorable", "note"),
    [
        (95000, 100000, 0.0, "equality", 40),  # 5 % gap is within the 5 % threshold
        (94000, 100000, 1.0, "men", 39),  # 6 % - 5 %
        (90000, 100000, 5.0, "men", 35),
        (105000, 100000, 0.0, "equality", 40),  # -5 %
        (110000, 100000, 5.0, "women", 35),  # -10 % + 5 %
        (30000, 33000, 4.1, "men", 35),  # index-rules §14: 9.09 % - 5 %
        (50000, 100000, 45.0, "men", 0),
    ],
)
def test_csp_mode_pertinence_threshold_is_5_percent(women_pay, men_pay, result, favorable, note):
    got = indicator(one_group_document(women_pay, men_pay), "indicator1")
    assert (got["result"], got["favorable_population"], got["note"]) == (result, favorable, note)


@pytest.mark.parametrize("mode", ["branch_level", "other_level"])
@pytest.mark.parametrize(
    ("women_pay", "men_pay", "result", "favorable", "note"),
    [
        (98000, 100000, 0.0, "equality", 40),  # exactly 2 %
        (95000, 100000, 3.0, "men", 37),  # 5 % - 2 %
        (105000, 100000, 3.0, "women", 37),
    ],
)
def test_level_modes_pertinence_threshold_is_2_percent(
    mode, women_pay, men_pay, result, favorable, note
):
    got = indicator(one_group_document(women_pay, men_pay, mode=mode), "indicator1")
    assert (got["result"], got["favorable_population"], got["note"]) == (result, favorable, note)


def test_groups_are_weighted_by_their_share_of_the_valid_headcount():
    document = small_raw()
    document["headcount"] = headcount({("emp", "30_39"): (15, 15), ("ic", "50_plus"): (45, 45)})
    document["indicator1"]["csp_mean_salaries"] = {
        "emp": {"30_39": {"women": 85000, "men": 100000}},  # 15 % -> 10, weight 1/4
        "ic": {"50_plus": {"women": 93000, "men": 100000}},  # 7 % -> 2, weight 3/4
    }
    assert indicator(document, "indicator1")["result"] == 4.0  # 2.5 + 1.5


def test_a_valid_group_without_salaries_weighs_in_with_a_zero_gap():
    document = small_raw()
    document["headcount"] = headcount({("emp", "30_39"): (15, 15), ("ic", "50_plus"): (15, 15)})
    document["indicator1"]["csp_mean_salaries"] = {
        "emp": {"30_39": {"women": 85000, "men": 100000}}
    }
    got = indicator(document, "indicator1")
    assert (got["calculable"], got["result"], got["note"]) == (True, 5.0, 35)


def test_gaps_in_opposite_directions_offset_each_other():
    document = small_raw()
    document["headcount"] = headcount({("emp", "30_39"): (15, 15), ("ic", "50_plus"): (15, 15)})
    document["indicator1"]["csp_mean_salaries"] = {
        "emp": {"30_39": {"women": 85000, "men": 100000}},
        "ic": {"50_plus": {"women": 115000, "men": 100000}},
    }
    got = indicator(document, "indicator1")
    assert (got["result"], got["favorable_population"], got["note"]) == (0.0, "equality", 40)


def test_a_mathematical_1_05_stored_as_1_0499999_rounds_down():
    # (100000 - 93950) / 100000 * 100 - 5 = 1.0499999999999998 on doubles (index-rules §11.1)
    got = indicator(one_group_document(93950, 100000), "indicator1")
    assert (got["result"], got["note"]) == (1.0, 39)


def test_results_below_0_05_favour_nobody():
    # 5.04 % - 5 % = 0.04 (rounded to 0.0): equality, not men
    got = indicator(one_group_document(94960, 100000), "indicator1")
    assert (got["result"], got["favorable_population"], got["note"]) == (0.0, "equality", 40)


def test_level_mode_uses_every_level_cell_for_the_40_percent_rule():
    document = one_group_document(100000, 100000, mode="branch_level", size=(3, 3), filler=(2, 20))
    document["headcount"] = headcount({("emp", "30_39"): (3, 3), ("ouv", "40_49"): (2, 20)})
    document["indicator2and3"] = {"declared_calculable": False}
    assert indicator(document, "indicator1")["reason"] == "egvi40pcet"  # 6 of 28


def test_level_order_does_not_change_a_symmetric_result():
    document = one_group_document(90000, 100000, mode="other_level")
    reordered = changed(document, "indicator1.levels", document["indicator1"]["levels"][::-1])
    assert indicator(document, "indicator1") == indicator(reordered, "indicator1")


def test_a_gap_that_is_not_a_finite_number_counts_as_zero():
    """A denormal men's pay makes the gap overflow; the official code takes it as 0."""
    got = indicator(one_group_document(30000, 1e-320), "indicator1")
    assert (got["calculable"], got["result"], got["favorable_population"], got["note"]) == (
        True,
        0.0,
        "equality",
        40,
    )
