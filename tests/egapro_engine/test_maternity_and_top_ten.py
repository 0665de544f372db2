"""Indicators 4 (return from maternity leave) and 5 (ten highest pay) (index-rules §7, §8)."""

import pytest

from .builders import changed, indicator, small_raw, small_results


@pytest.mark.parametrize(
    ("returned", "raised", "result", "note"),
    [
        (3, 3, 100, 15),
        (3, 2, 66, 0),
        (9, 3, 33, 0),
        (100, 29, 28, 0),
        (1, 0, 0, 0),
        (286, 286, 100, 15),
    ],
)
def test_maternity_result_is_the_truncated_percentage(returned, raised, result, note):
    # 29/100 * 100 = 28.999999999999996 on doubles: the simulator declares 28
    document = changed(
        small_raw(),
        "indicator4",
        {"declared_calculable": True, "returned_count": returned, "raised_count": raised},
    )
    got = indicator(document, "indicator4")
    assert (got["result"], got["note"], got["favorable_population"]) == (result, note, None)


def test_no_return_from_maternity_leave_is_absrcm():
    document = changed(small_raw(), "indicator4", {"declared_calculable": False})
    assert indicator(document, "indicator4") == {
        "calculable": False,
        "reason": "absrcm",
        "result": None,
        "favorable_population": None,
        "note": None,
        "max_note": 15,
    }


def test_no_eligible_return_is_absaugpdtcm():
    document = changed(
        small_raw(),
        "indicator4",
        {"declared_calculable": True, "returned_count": 0, "raised_count": 0},
    )
    assert indicator(document, "indicator4")["reason"] == "absaugpdtcm"


@pytest.mark.parametrize(("result", "note"), [(100, 15), (99, 0), (99.9, 0), (0, 0), (50, 0)])
def test_declared_maternity_result_scores_15_only_at_100(result, note):
    got = indicator(small_results(indicator4={"result": result}), "indicator4")
    assert got["note"] == note


@pytest.mark.parametrize(
    ("women", "men", "result", "favorable", "note"),
    [
        (0, 10, 0, "men", 0),
        (1, 9, 1, "men", 0),
        (2, 8, 2, "men", 5),
        (7, 3, 3, "women", 5),
        (4, 6, 4, "men", 10),
        (5, 5, 5, "equality", 10),
        (3, 3, 3, "equality", 5),  # fewer than 10 entered: still counted (index-rules §11.3)
    ],
)
def test_top_ten(women, men, result, favorable, note):
    document = changed(small_raw(), "indicator5", {"women": women, "men": men})
    got = indicator(document, "indicator5")
    assert got == {
        "calculable": True,
        "reason": None,
        "result": result,
        "favorable_population": favorable,
        "note": note,
        "max_note": 10,
    }


@pytest.mark.parametrize(("result", "note"), [(0, 0), (1, 0), (2, 5), (3, 5), (4, 10), (5, 10)])
def test_declared_top_ten_table(result, note):
    got = indicator(small_results(indicator5={"result": result}), "indicator5")
    assert (got["note"], got["calculable"]) == (note, True)
