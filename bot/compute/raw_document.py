"""The raw document (engine-contract §2) built from the step-by-step answers."""

from bot.compute.steps_plan import (
    LEVEL_MODES,
    Answers,
    headcount,
    is_large,
    valid_ages,
    valid_rate_csps,
)
from egapro_engine.rules_2019 import AGE_BANDS, CSPS, MODE_CSP

NOT_CALCULABLE = {"declared_calculable": False}


def build_raw_document(answers: Answers) -> dict:
    document = {
        "kind": "raw",
        "workforce_range": answers["band"],
        "year": answers["year"],
        "headcount": {
            csp: {
                age: {"women": counts["women"][i], "men": counts["men"][i]}
                for i, age in enumerate(AGE_BANDS)
            }
            for csp in CSPS
            for counts in [headcount(answers, csp)]
        },
        "indicator1": _indicator1(answers),
    }
    if is_large(answers):
        document["indicator2"] = _rates(answers, "i2")
        document["indicator3"] = _rates(answers, "i3")
    else:
        document["indicator2and3"] = _raised(answers["i23"])
    document["indicator4"] = _maternity(answers["i4"])
    document["indicator5"] = {"women": answers["i5"]["women"], "men": answers["i5"]["men"]}
    return document


def _indicator1(answers: Answers) -> dict:
    mode = answers["i1.mode"]
    if mode == MODE_CSP:
        salaries = {}
        for csp in CSPS:
            given = answers.get(f"i1.pay.{csp}") or {}
            pairs = {
                age: {"women": given[age][0], "men": given[age][1]}
                for age in valid_ages(headcount(answers, csp))
                if age in given
            }
            if pairs:
                salaries[csp] = pairs
        return {"mode": MODE_CSP, "csp_mean_salaries": salaries}
    assert mode in LEVEL_MODES
    return {"mode": mode, "levels": [_level(level) for level in answers["i1.levels"]]}


def _level(level: dict) -> dict:
    groups = {}
    for i, age in enumerate(AGE_BANDS):
        women, men = level["women"][i], level["men"][i]
        if not women and not men:
            continue
        pay = level.get("pay", {}).get(age)
        groups[age] = {
            "women_count": women,
            "men_count": men,
            "women_mean_salary": pay[0] if pay else None,
            "men_mean_salary": pay[1] if pay else None,
        }
    return {"name": level["name"], "groups": groups}


def _rates(answers: Answers, key: str) -> dict:
    answer = answers.get(key) or {}
    csps = valid_rate_csps(answers)
    if not csps or answer.get("none"):
        return dict(NOT_CALCULABLE)
    return {
        "declared_calculable": True,
        "rate_pct": {
            csp: {"women": answer["rates"][csp][0], "men": answer["rates"][csp][1]} for csp in csps
        },
    }


def _raised(answer: dict) -> dict:
    if answer.get("none"):
        return dict(NOT_CALCULABLE)
    return {
        "declared_calculable": True,
        "raised_women": answer["women"],
        "raised_men": answer["men"],
    }


def _maternity(answer: dict) -> dict:
    if answer.get("none"):
        return dict(NOT_CALCULABLE)
    return {
        "declared_calculable": True,
        "returned_count": answer["returned"],
        "raised_count": answer["raised"],
    }
