"""Declared results, score tables, compensation, index and obligations (index-rules §2, §6, §9)."""

import pytest

from egapro_engine import compute_document
from egapro_engine.jsmath import js_round, one_decimal, table_note

from .builders import compute, indicator, large_raw, large_results, small_raw, small_results

# index-rules §3.5: upper bound of each row -> points
INDICATOR1_ROWS = [
    (0, 40), (1, 39), (2, 38), (3, 37), (4, 36), (5, 35), (6, 34), (7, 33), (8, 31), (9, 29),
    (10, 27), (11, 25), (12, 23), (13, 21), (14, 19), (15, 17), (16, 14), (17, 11), (18, 8),
    (19, 5), (20, 2),
]  # fmt: skip


@pytest.mark.parametrize(("upper", "points"), INDICATOR1_ROWS)
def test_indicator1_table_rows_include_their_upper_bound(upper, points):
    document = small_results(indicator1={"result": upper, "favorable_population": "men"})
    if upper == 0:
        document["indicator1"]["favorable_population"] = None
    assert indicator(document, "indicator1")["note"] == points
    if upper > 0:
        just_above_previous = round(upper - 0.9, 1)
        document["indicator1"]["result"] = just_above_previous
        assert indicator(document, "indicator1")["note"] == points


@pytest.mark.parametrize("result", [20.1, 25, 100, 5000])
def test_indicator1_above_20_percent_scores_zero(result):
    document = small_results(indicator1={"result": result, "favorable_population": "women"})
    assert indicator(document, "indicator1")["note"] == 0


@pytest.mark.parametrize(
    ("result", "points"),
    [(0, 35), (2, 35), (2.1, 25), (5, 25), (5.1, 15), (10, 15), (10.1, 0), (40, 0)],
)
def test_indicator2and3_table(result, points):
    document = small_results(
        indicator2and3={
            "result": result,
            "result_equivalent_employees": result,
            "favorable_population": "men" if result else None,
        }
    )
    assert indicator(document, "indicator2and3")["note"] == points


@pytest.mark.parametrize(
    ("result", "points1", "points2"),
    [(0.03, 39, 20), (5.04, 34, 5), (2.01, 37, 10), (0.0, 40, 20)],
)
def test_two_decimal_results_use_the_ceiling_row(result, points1, points2):
    # index-rules §11 quirk 5: the stored score looks up T[ceil(result)]
    sex = "men" if result else None
    document = large_results(
        indicator1={"result": result, "favorable_population": sex},
        indicator2={"result": result, "favorable_population": sex},
    )
    got = compute(document)["indicators"]
    assert (got["indicator1"]["note"], got["indicator2"]["note"]) == (points1, points2)


def test_official_declaration_snapshot_1820():
    document = large_results(
        indicator1={"calculable": True, "result": 2.4, "favorable_population": "women"},
        indicator2={"calculable": True, "result": 1.4, "favorable_population": "men"},
        indicator3={"calculable": True, "result": 4.7, "favorable_population": "women"},
        indicator4={"calculable": True, "result": 100},
        indicator5={"result": 5, "favorable_population": None},
    )
    got = compute(document)
    notes = [got["indicators"][k]["note"] for k in got["indicators"]]
    assert notes == [37, 20, 10, 15, 10]
    assert (got["points"], got["max_points"], got["index"]) == (92, 100, 92)


# --- compensation (index-rules §6, DeclarationComputer variant) ---------------------------


@pytest.mark.parametrize(
    ("pay_gap", "raises", "compensated", "note"),
    [
        ({"result": 3, "favorable_population": "men"}, "women", True, 20),
        ({"result": 3, "favorable_population": "women"}, "men", True, 20),
        ({"result": 3, "favorable_population": "men"}, "men", False, 0),
        ({"result": 0, "favorable_population": None}, "women", False, 0),
        ({"result": 0, "favorable_population": "equality"}, "men", False, 0),
        ({"calculable": False, "reason": "egvi40pcet"}, "women", False, 0),
    ],
)
def test_raises_favouring_the_less_paid_sex_get_the_maximum(pay_gap, raises, compensated, note):
    document = large_results(
        indicator1=pay_gap,
        indicator2={"result": 15, "favorable_population": raises},
        indicator3={"result": 15, "favorable_population": raises},
    )
    got = compute(document)["indicators"]
    assert (got["indicator2"]["compensated"], got["indicator2"]["note"]) == (compensated, note)
    assert (got["indicator3"]["compensated"], got["indicator3"]["note"]) == (
        compensated,
        15 if compensated else 0,
    )


def test_compensation_of_indicator_2and3():
    document = small_results(
        indicator1={"result": 8.2, "favorable_population": "women"},
        indicator2and3={
            "result": 30,
            "result_equivalent_employees": 12,
            "favorable_population": "men",
        },
    )
    got = indicator(document, "indicator2and3")
    assert (got["compensated"], got["note"]) == (True, 35)


def test_no_compensation_when_the_raise_gap_is_zero():
    document = large_results(
        indicator1={"result": 3, "favorable_population": "men"},
        indicator2={"result": 0, "favorable_population": None},
    )
    got = indicator(document, "indicator2")
    assert (got["compensated"], got["note"], got["favorable_population"]) == (False, 20, "equality")


def test_compensation_from_raw_data():
    document = large_raw()
    document["indicator1"]["csp_mean_salaries"]["emp"]["40_49"]["women"] = 20000  # men +
    pairs = {csp: {"women": 62, "men": 50} for csp in ("ouv", "emp", "tam", "ic")}
    document["indicator2"]["rate_pct"] = pairs
    got = compute(document)["indicators"]
    assert got["indicator1"]["favorable_population"] == "men"
    assert (got["indicator2"]["result"], got["indicator2"]["favorable_population"]) == (
        12.0,
        "women",
    )
    assert (got["indicator2"]["note"], got["indicator2"]["compensated"]) == (20, True)


# --- index -----------------------------------------------------------------------------------


def small_with_points(indicator1_result):
    """50-250, indicator 4 scoring 0: points = note(indicator1) + 35 + 0 + 10."""
    sex = "men" if indicator1_result else None
    return small_results(
        indicator1={"result": indicator1_result, "favorable_population": sex},
        indicator4={"result": 50},
    )


@pytest.mark.parametrize(
    ("indicator1_result", "index", "measures", "objectives", "objectives_for"),
    [
        (1.5, 83, False, True, ["indicator1", "indicator4"]),
        (0.5, 84, False, True, ["indicator1", "indicator4"]),
        (0, 85, False, False, []),
        (10, 72, True, True, ["indicator1", "indicator4"]),
        (9, 74, True, True, ["indicator1", "indicator4"]),
    ],
)
def test_index_thresholds_and_obligations(
    indicator1_result, index, measures, objectives, objectives_for
):
    got = compute(small_with_points(indicator1_result))
    assert got["max_points"] == 100
    assert got["index"] == index
    assert got["obligations"] == {
        "corrective_measures_required": measures,
        "objectives_required": objectives,
        "objectives_for": objectives_for,
    }


def test_index_75_needs_objectives_but_no_measures():
    document = small_results(
        indicator1={"result": 0},
        indicator2and3={
            "result": 4,
            "result_equivalent_employees": 4,
            "favorable_population": "women",
        },
        indicator4={"result": 0},
    )
    got = compute(document)
    assert (got["points"], got["index"]) == (75, 75)
    assert got["obligations"]["corrective_measures_required"] is False
    assert got["obligations"]["objectives_required"] is True
    assert got["obligations"]["objectives_for"] == ["indicator2and3", "indicator4"]


def test_objectives_only_from_data_year_2021():
    document = small_with_points(1.5)
    document["year"] = 2020
    assert compute(document)["obligations"]["objectives_required"] is False
    document["year"] = 2021
    assert compute(document)["obligations"]["objectives_required"] is True


def test_index_needs_75_calculable_points():
    # > 250 without indicators 3 and 4: 40 + 20 + 10 = 70 < 75
    document = large_results(
        indicator3={"calculable": False, "reason": "absprom"},
        indicator4={"calculable": False, "reason": "absrcm"},
    )
    got = compute(document)
    assert (got["points"], got["max_points"], got["index"]) == (70, 70, None)
    assert got["obligations"] == {
        "corrective_measures_required": False,
        "objectives_required": False,
        "objectives_for": [],
    }


def test_index_with_80_calculable_points_is_proportional():
    document = large_results(indicator2={"calculable": False, "reason": "absaugi"})
    got = compute(document)
    assert (got["points"], got["max_points"], got["index"]) == (80, 80, 100)


def test_46_points_out_of_80_is_57_as_stored_not_58():
    # 46 / 80 * 100 = 57.49999999999999 (index-rules §11 quirk 2)
    document = large_results(
        indicator1={"result": 12.5, "favorable_population": "men"},  # 21
        indicator2={"calculable": False, "reason": "absaugi"},
        indicator3={"result": 4, "favorable_population": "men"},  # 10
        indicator5={"result": 1, "favorable_population": "men"},  # 0
    )
    got = compute(document)
    assert (got["points"], got["max_points"], got["index"]) == (46, 80, 57)


def test_small_band_without_2and3_has_no_index():
    document = small_results(indicator2and3={"calculable": False, "reason": "etsno5f5h"})
    got = compute(document)
    assert (got["max_points"], got["index"]) == (65, None)


@pytest.mark.parametrize("band", ["251:999", "1000:"])
def test_large_bands_are_computed_alike(band):
    got = compute(large_raw(band))
    assert list(got["indicators"]) == [
        "indicator1",
        "indicator2",
        "indicator3",
        "indicator4",
        "indicator5",
    ]
    assert (got["workforce_range"], got["index"]) == (band, 100)


def test_small_band_has_2and3_instead_of_2_and_3():
    got = compute(small_raw())
    assert list(got["indicators"]) == ["indicator1", "indicator2and3", "indicator4", "indicator5"]
    assert got["index"] == 95


def test_outputs_are_pydantic_models_with_typed_access():
    output = compute_document(small_raw(), source="doc.json")
    assert output.indicators.indicator1.note == 35
    assert output.indicators.indicator1.valid_headcount == 60
    assert output.indicators.indicator2 is None
    assert output.source == "doc.json"
    assert "valid_headcount" not in output.model_dump(mode="json")["indicators"]["indicator1"]


# --- JavaScript rounding ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "rounded"),
    [(0.5, 1), (1.5, 2), (2.5, 3), (57.49999999999999, 57), (57.5, 58), (0, 0), (99.5, 100)],
)
def test_js_round_is_half_up_not_half_even(value, rounded):
    assert js_round(value) == rounded


def test_js_round_does_not_double_round_just_below_a_half():
    assert js_round(0.49999999999999994) == 0  # floor(x + 0.5) would give 1


@pytest.mark.parametrize(
    ("raw", "declared"), [(1.0499999999999998, 1.0), (-4.25, 4.3), (0.05, 0.1), (0.04999, 0.0)]
)
def test_one_decimal(raw, declared):
    assert one_decimal(raw) == declared


def test_table_lookup_outside_the_table_is_zero():
    results = (-1, 0, 0.5, 1, 1.01, float("nan"), float("inf"))
    assert [table_note((40, 39), x) for x in results] == [0, 40, 39, 39, 0, 0, 0]
