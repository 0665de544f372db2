"""Valid input documents to start from; tests change the one thing they are about."""

import copy
from typing import Any

from egapro_engine import compute_document

AGE_BANDS = ("under_30", "30_39", "40_49", "50_plus")


def headcount(cells: dict[tuple[str, str], tuple[int, int]]) -> dict:
    """``{("emp", "30_39"): (women, men)}`` -> the contract's headcount object."""
    result: dict[str, dict[str, dict[str, int]]] = {}
    for (csp, age), (women, men) in cells.items():
        result.setdefault(csp, {})[age] = {"women": women, "men": men}
    return result


def small_raw() -> dict[str, Any]:
    """index-rules §14: 50-250 company, index 95."""
    return {
        "kind": "raw",
        "workforce_range": "50:250",
        "year": 2024,
        "headcount": headcount(
            {
                ("ouv", "40_49"): (2, 20),
                ("emp", "30_39"): (30, 30),
                ("tam", "50_plus"): (10, 2),
                ("ic", "under_30"): (2, 4),
            }
        ),
        "indicator1": {
            "mode": "csp",
            "csp_mean_salaries": {"emp": {"30_39": {"women": 30000, "men": 33000}}},
        },
        "indicator2and3": {"declared_calculable": True, "raised_women": 20, "raised_men": 28},
        "indicator4": {"declared_calculable": True, "returned_count": 3, "raised_count": 3},
        "indicator5": {"women": 4, "men": 6},
    }


def large_raw(band: str = "251:999") -> dict[str, Any]:
    """Every CSP has 20 women and 20 men aged 40-49, paid the same: 100/100."""
    csps = ("ouv", "emp", "tam", "ic")
    return {
        "kind": "raw",
        "workforce_range": band,
        "year": 2024,
        "headcount": headcount({(csp, "40_49"): (20, 20) for csp in csps}),
        "indicator1": {
            "mode": "csp",
            "csp_mean_salaries": {csp: {"40_49": {"women": 30000, "men": 30000}} for csp in csps},
        },
        "indicator2": {
            "declared_calculable": True,
            "rate_pct": {csp: {"women": 50, "men": 50} for csp in csps},
        },
        "indicator3": {
            "declared_calculable": True,
            "rate_pct": {csp: {"women": 10, "men": 10} for csp in csps},
        },
        "indicator4": {"declared_calculable": True, "returned_count": 2, "raised_count": 2},
        "indicator5": {"women": 5, "men": 5},
    }


def small_results(**indicators: Any) -> dict[str, Any]:
    document = {
        "kind": "results",
        "workforce_range": "50:250",
        "year": 2024,
        "indicator1": {"result": 0, "favorable_population": None},
        "indicator2and3": {"result": 0, "result_equivalent_employees": 0},
        "indicator4": {"result": 100},
        "indicator5": {"result": 5},
    }
    document.update(indicators)
    return document


def large_results(**indicators: Any) -> dict[str, Any]:
    document = {
        "kind": "results",
        "workforce_range": "251:999",
        "year": 2024,
        "indicator1": {"result": 0},
        "indicator2": {"result": 0},
        "indicator3": {"result": 0},
        "indicator4": {"result": 100},
        "indicator5": {"result": 5},
    }
    document.update(indicators)
    return document


def changed(document: dict, path: str, value: Any) -> dict:
    """A copy of ``document`` with the dotted ``path`` set to ``value`` (created if needed)."""
    result = copy.deepcopy(document)
    *parents, last = path.split(".")
    node = result
    for key in parents:
        node = node.setdefault(key, {})
    node[last] = value
    return result


def removed(document: dict, path: str) -> dict:
    result = copy.deepcopy(document)
    *parents, last = path.split(".")
    node = result
    for key in parents:
        node = node[key]
    del node[last]
    return result


def compute(document: dict) -> dict:
    """The contract JSON of a document."""
    return compute_document(document).model_dump(mode="json")


def indicator(document: dict, key: str) -> dict:
    return compute(document)["indicators"][key]
