"""Independent reference model of the Index Egapro, written from index-rules.md alone.

Deliberately naive: one function per indicator, straight from the spec's formulas, no shared code
with ``egapro_engine``. Used by ``test_differential.py`` to cross-check the engine.
Returns the comparable part of the contract's output object, or raises ``ModelError(code)`` for
the few invalid inputs the differential test generates on purpose.
"""

import math

CSPS = ("ouv", "emp", "tam", "ic")
AGES = ("under_30", "30_39", "40_49", "50_plus")
SMALL = "50:250"

# index-rules §3.5, §4, §5, §7, §8: the row index is ceil(result).
TABLE_1 = [40, 39, 38, 37, 36, 35, 34, 33, 31, 29, 27, 25, 23, 21, 19, 17, 14, 11, 8, 5, 2, 0]
TABLE_2 = [20, 20, 20, 10, 10, 10, 5, 5, 5, 5, 5, 0]
TABLE_3 = [15, 15, 15, 10, 10, 10, 5, 5, 5, 5, 5, 0]
TABLE_23 = [35, 35, 35, 25, 25, 25, 15, 15, 15, 15, 15, 0]
TABLE_4 = [0, 15]
TABLE_5 = [0, 0, 5, 5, 10, 10]
MAX_NOTE = {
    "indicator1": 40,
    "indicator2": 20,
    "indicator3": 15,
    "indicator2and3": 35,
    "indicator4": 15,
    "indicator5": 10,
}


class ModelError(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def js_round(x: float) -> int:
    """JavaScript ``Math.round``: nearest integer, ties up (x - floor(x) is exact on doubles)."""
    low = math.floor(x)
    return low + 1 if x - low >= 0.5 else low


def one_decimal(raw: float) -> float:
    return js_round(abs(raw) * 10) / 10


def lookup(table: list[int], result: float) -> int:
    row = math.ceil(result)
    if row < 0 or row >= len(table):
        return 0
    return table[row]


def not_calculable(reason: str | None) -> dict:
    return {
        "calculable": False,
        "reason": reason,
        "result": None,
        "favorable_population": None,
        "note": None,
    }


def calculable(result, favorable, note) -> dict:
    return {
        "calculable": True,
        "reason": None,
        "result": result,
        "favorable_population": favorable,
        "note": note,
    }


def favorable_with_dead_zone(raw: float) -> str:
    if raw == 0 or abs(raw) < 0.05:
        return "equality"
    return "men" if raw > 0 else "women"


def compensates(indicator1: dict, other: dict) -> bool:
    """§6, DeclarationComputer variant: ind. 1 calculable, both sexes set, and different."""
    sexes = ("men", "women")
    return (
        indicator1["calculable"]
        and other["calculable"]
        and indicator1["favorable_population"] in sexes
        and other["favorable_population"] in sexes
        and indicator1["favorable_population"] != other["favorable_population"]
    )


# ----------------------------------------------------------------------------------- raw data


def cell(document: dict, csp: str, age: str) -> tuple[int, int]:
    group = document.get("headcount", {}).get(csp, {}).get(age, {})
    return group.get("women", 0), group.get("men", 0)


def indicator1_groups(document: dict) -> list[tuple[int, int, float | None, float | None]]:
    """(women, men, women_pay, men_pay) per group, in the §3.3 sum order."""
    data = document["indicator1"]
    groups = []
    if data["mode"] == "csp":
        salaries = data.get("csp_mean_salaries", {})
        for csp in CSPS:
            for age in AGES:
                women, men = cell(document, csp, age)
                pay = salaries.get(csp, {}).get(age)
                groups.append(
                    (women, men, pay and pay["women"], pay and pay["men"]),
                )
        return groups
    for level in data["levels"]:
        for age in AGES:
            group = level["groups"].get(age)
            if group is None:
                groups.append((0, 0, None, None))
                continue
            groups.append(
                (
                    group["women_count"],
                    group["men_count"],
                    group.get("women_mean_salary"),
                    group.get("men_mean_salary"),
                )
            )
    women = sum(g[0] for g in groups)
    men = sum(g[1] for g in groups)
    headcount_women = sum(cell(document, c, a)[0] for c in CSPS for a in AGES)
    headcount_men = sum(cell(document, c, a)[1] for c in CSPS for a in AGES)
    if (women, men) != (headcount_women, headcount_men):
        raise ModelError("level_headcount_mismatch")
    return groups


def raw_indicator1(document: dict) -> dict:
    groups = indicator1_groups(document)
    threshold = 5 if document["indicator1"]["mode"] == "csp" else 2
    total = sum(w + m for w, m, _, _ in groups)
    valid = [g for g in groups if g[0] >= 3 and g[1] >= 3]
    valid_total = sum(w + m for w, m, _, _ in valid)
    if total == 0 or valid_total / total < 0.4:
        return not_calculable("egvi40pcet")
    raw = 0.0
    for women, men, women_pay, men_pay in valid:
        gap = 0.0  # a valid group without salaries weighs in with a 0 gap (§3.3)
        if women_pay is not None and men_pay is not None:
            gap = (men_pay - women_pay) / men_pay * 100
        adjusted = max(gap - threshold, 0) if gap > 0 else min(gap + threshold, 0)
        # Official operation order (IndicateurUnComputer): adj * (n / V).
        raw += adjusted * ((women + men) / valid_total)
    result = one_decimal(raw)
    return calculable(result, favorable_with_dead_zone(raw), lookup(TABLE_1, result))


def raw_rate_indicator(document: dict, key: str, table: list[int], absence: str) -> dict:
    data = document[key]
    sizes = {}
    for csp in CSPS:
        women = sum(cell(document, csp, age)[0] for age in AGES)
        men = sum(cell(document, csp, age)[1] for age in AGES)
        sizes[csp] = (women, men)
    rates = data.get("rate_pct", {}) if data["declared_calculable"] else {}
    if data["declared_calculable"]:
        every = [rates.get(c, {}).get(s, 0) for c in CSPS for s in ("women", "men")]
        if all(rate == 0 for rate in every):
            raise ModelError("all_rates_zero")
    total = sum(w + m for w, m in sizes.values())
    valid = [c for c in CSPS if sizes[c][0] >= 10 and sizes[c][1] >= 10]
    valid_total = sum(sum(sizes[c]) for c in valid)
    if total == 0 or valid_total / total < 0.4:
        return not_calculable("egvi40pcet")
    if not data["declared_calculable"]:
        return not_calculable(absence)
    raw = 0.0
    for csp in valid:
        rate = rates.get(csp, {"women": 0, "men": 0})
        gap = rate["men"] - rate["women"]
        # Official operation order (IndicateurDeuxComputer): (gap * n) / V.
        raw += gap * sum(sizes[csp]) / valid_total
    result = one_decimal(raw)
    return calculable(result, favorable_with_dead_zone(raw), lookup(table, result))


def raw_indicator2and3(document: dict) -> dict:
    data = document["indicator2and3"]
    women = sum(cell(document, c, a)[0] for c in CSPS for a in AGES)
    men = sum(cell(document, c, a)[1] for c in CSPS for a in AGES)
    if data["declared_calculable"]:
        raised_women, raised_men = data["raised_women"], data["raised_men"]
        if raised_women > women or raised_men > men:
            raise ModelError("raised_above_headcount")
        if raised_women == 0 and raised_men == 0:
            raise ModelError("raised_counts_zero")
    if women < 5 or men < 5:
        return {**not_calculable("etsno5f5h"), "result_equivalent_employees": None}
    if not data["declared_calculable"]:
        return {**not_calculable("absaugi"), "result_equivalent_employees": None}
    gap = raised_men / men - raised_women / women
    result = one_decimal(gap * 100)
    equivalent = one_decimal(gap * min(women, men))
    favorable = "equality" if gap == 0 else ("men" if gap > 0 else "women")
    note = max(lookup(TABLE_23, result), lookup(TABLE_23, equivalent))
    return {**calculable(result, favorable, note), "result_equivalent_employees": equivalent}


def raw_indicator4(document: dict) -> dict:
    data = document["indicator4"]
    if not data["declared_calculable"]:
        return not_calculable("absrcm")
    returned, raised = data["returned_count"], data["raised_count"]
    if raised > returned:
        raise ModelError("raised_above_returned")
    if returned == 0:
        return not_calculable("absaugpdtcm")
    result = math.floor(raised / returned * 100)
    return calculable(result, None, lookup(TABLE_4, math.floor(result / 100)))


def raw_indicator5(document: dict) -> dict:
    women, men = document["indicator5"]["women"], document["indicator5"]["men"]
    if women + men > 10:
        raise ModelError("top_ten_out_of_range")
    result = min(women, men)
    favorable = "men" if men > women else ("women" if women > men else "equality")
    return calculable(result, favorable, lookup(TABLE_5, result))


def compute_raw(document: dict) -> dict:
    indicators = {"indicator1": raw_indicator1(document)}
    if document["workforce_range"] == SMALL:
        indicators["indicator2and3"] = raw_indicator2and3(document)
    else:
        indicators["indicator2"] = raw_rate_indicator(document, "indicator2", TABLE_2, "absaugi")
        indicators["indicator3"] = raw_rate_indicator(document, "indicator3", TABLE_3, "absprom")
    indicators["indicator4"] = raw_indicator4(document)
    indicators["indicator5"] = raw_indicator5(document)
    return finish(document, indicators)


# ------------------------------------------------------------------------- declared results


def declared_population(value: str | None) -> str:
    return "equality" if value in (None, "equality") else value


def declared(data: dict, table: list[int]) -> dict:
    if not data.get("calculable", True):
        return not_calculable(data.get("reason"))
    result = data["result"]
    return calculable(
        result, declared_population(data.get("favorable_population")), lookup(table, result)
    )


def declared_2and3(data: dict) -> dict:
    if not data.get("calculable", True):
        return {**not_calculable(data.get("reason")), "result_equivalent_employees": None}
    result, equivalent = data["result"], data["result_equivalent_employees"]
    note = max(lookup(TABLE_23, result), lookup(TABLE_23, equivalent))
    favorable = declared_population(data.get("favorable_population"))
    return {**calculable(result, favorable, note), "result_equivalent_employees": equivalent}


def declared_4(data: dict) -> dict:
    if not data.get("calculable", True):
        return not_calculable(data.get("reason"))
    result = data["result"]
    return calculable(result, None, lookup(TABLE_4, math.floor(result / 100)))


def compute_results(document: dict) -> dict:
    indicators = {"indicator1": declared(document["indicator1"], TABLE_1)}
    if document["workforce_range"] == SMALL:
        indicators["indicator2and3"] = declared_2and3(document["indicator2and3"])
    else:
        indicators["indicator2"] = declared(document["indicator2"], TABLE_2)
        indicators["indicator3"] = declared(document["indicator3"], TABLE_3)
    indicators["indicator4"] = declared_4(document["indicator4"])
    indicators["indicator5"] = declared(document["indicator5"], TABLE_5)
    return finish(document, indicators)


# ------------------------------------------------------------------------------------ total


def finish(document: dict, indicators: dict) -> dict:
    for key in ("indicator2", "indicator3", "indicator2and3"):
        if key in indicators:
            flag = compensates(indicators["indicator1"], indicators[key])
            indicators[key]["compensated"] = flag
            if flag:
                indicators[key]["note"] = MAX_NOTE[key]
    for key, value in indicators.items():
        value["max_note"] = MAX_NOTE[key]
    counted = [key for key, value in indicators.items() if value["calculable"]]
    points = sum(indicators[key]["note"] for key in counted)
    max_points = sum(MAX_NOTE[key] for key in counted)
    index = js_round(points / max_points * 100) if max_points >= 75 else None
    year = document.get("year")
    objectives = index is not None and index < 85 and (year is None or year >= 2021)
    return {
        "workforce_range": document["workforce_range"],
        "indicators": indicators,
        "points": points,
        "max_points": max_points,
        "index": index,
        "obligations": {
            "corrective_measures_required": index is not None and index < 75,
            "objectives_required": objectives,
            "objectives_for": [
                key for key in counted if objectives and indicators[key]["note"] < MAX_NOTE[key]
            ],
        },
    }


def compute(document: dict) -> dict:
    if document["kind"] == "raw":
        return compute_raw(document)
    return compute_results(document)
