"""What a person types and presses to enter an example of spec/examples step by step."""

import json
from dataclasses import dataclass

from aiogram import Dispatcher

from bot.app import build_dispatcher
from bot.compute.callbacks import StepChoice, StepNav
from tests.spec_examples import EXAMPLES_DIR as EXAMPLES

CSPS = ("ouv", "emp", "tam", "ic")
AGES = ("under_30", "30_39", "40_49", "50_plus")
CSP_WORDS = {"ouv": "Ouvriers", "emp": "Employés", "tam": "Techniciens", "ic": "Cadres"}
BAND_CODES = {"50:250": "s", "251:999": "m", "1000:": "l"}
MODE_CODES = {"csp": "csp", "branch_level": "bl", "other_level": "ol"}
YEAR = 2024


def dispatcher(database) -> Dispatcher:
    return build_dispatcher(database)


@dataclass(frozen=True)
class Action:
    kind: str  # "text" or "press"
    value: str
    replies: int = 1


def load_example(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text())


def french(value: float) -> str:
    """``22434`` -> ``22 434``; ``97.5`` -> ``97,5`` (as people type in France)."""
    whole = int(value)
    grouped = f"{whole:,}".replace(",", " ")
    if value == whole:
        return grouped
    return grouped + "," + repr(value).split(".")[1]


def press(question: str, value: str) -> Action:
    return Action("press", StepChoice(q=question, v=value).pack())


def counts(cells: dict, sex: str) -> str:
    return " ".join(str(cells.get(age, {}).get(sex, 0)) for age in AGES)


def level_counts(groups: dict, key: str) -> str:
    return " ".join(str(groups.get(age, {}).get(key, 0)) for age in AGES)


def headcount_actions(document: dict) -> list[Action]:
    headcount = document["headcount"]
    return [
        Action(
            "text",
            f"Femmes : {counts(headcount.get(csp, {}), 'women')}\n"
            f"Hommes : {counts(headcount.get(csp, {}), 'men')}",
        )
        for csp in CSPS
    ]


def valid(women: int, men: int, minimum: int = 3) -> bool:
    return women >= minimum and men >= minimum


def pay_actions(document: dict) -> list[Action]:
    indicator = document["indicator1"]
    actions = [press("i1.mode", MODE_CODES[indicator["mode"]])]
    if indicator["mode"] == "csp":
        salaries = indicator["csp_mean_salaries"]
        for csp in CSPS:
            cells = document["headcount"].get(csp, {})
            ages = [
                a
                for a in AGES
                if valid(cells.get(a, {}).get("women", 0), cells.get(a, {}).get("men", 0))
            ]
            if ages:
                lines = [
                    f"{french(salaries[csp][a]['women'])} ; {french(salaries[csp][a]['men'])}"
                    for a in ages
                ]
                actions.append(Action("text", "\n".join(lines)))
        return actions
    for level in indicator["levels"]:
        groups = level["groups"]
        actions.append(
            Action(
                "text",
                f"{level['name']}\nFemmes : {level_counts(groups, 'women_count')}\n"
                f"Hommes : {level_counts(groups, 'men_count')}",
            )
        )
        ages = [
            a
            for a in AGES
            if a in groups and valid(groups[a]["women_count"], groups[a]["men_count"])
        ]
        if ages:
            lines = [
                f"{french(groups[a]['women_mean_salary'])} ; {french(groups[a]['men_mean_salary'])}"
                for a in ages
            ]
            actions.append(Action("text", "\n".join(lines)))
    return actions


def rate_actions(document: dict, key: str, question: str) -> list[Action]:
    headcount = document["headcount"]
    valid_csps = [
        csp
        for csp in CSPS
        if valid(
            sum(headcount.get(csp, {}).get(a, {}).get("women", 0) for a in AGES),
            sum(headcount.get(csp, {}).get(a, {}).get("men", 0) for a in AGES),
            10,
        )
    ]
    if not valid_csps:
        return []
    indicator = document[key]
    if not indicator["declared_calculable"]:
        return [press(question, "none")]
    rates = indicator["rate_pct"]
    return [
        Action(
            "text",
            "\n".join(
                f"{CSP_WORDS[csp]} : {french(rates[csp]['women'])} ; {french(rates[csp]['men'])}"
                for csp in valid_csps
            ),
        )
    ]


def steps_script(document: dict, *, year: int = YEAR) -> list[Action]:
    """Every action from the menu button to the result (whose reply is 3 messages)."""
    actions = [
        Action("text", str(year)),
        press("period_end", "dec31"),
        press("band", BAND_CODES[document["workforce_range"]]),
        *headcount_actions(document),
        *pay_actions(document),
    ]
    if document["workforce_range"] == "50:250":
        raised = document["indicator2and3"]
        if raised["declared_calculable"]:
            actions.append(Action("text", f"{raised['raised_women']} {raised['raised_men']}"))
        else:
            actions.append(press("i23", "none"))
    else:
        actions += rate_actions(document, "indicator2", "i2")
        actions += rate_actions(document, "indicator3", "i3")
    maternity = document["indicator4"]
    if maternity["declared_calculable"]:
        actions.append(Action("text", f"{maternity['returned_count']} {maternity['raised_count']}"))
    else:
        actions.append(press("i4", "none"))
    top = document["indicator5"]
    actions.append(Action("text", f"{top['women']} {top['men']}"))
    actions.append(Action("press", StepNav(a="compute").pack(), replies=3))
    return actions


def assert_expected(output: dict, expected: dict) -> None:
    """The fields the example fixes (numbers to within 1e-9)."""
    for key in ("points", "max_points", "index"):
        assert output[key] == expected[key], key
    for indicator, fields in expected["indicators"].items():
        for field, value in fields.items():
            got = output["indicators"][indicator][field]
            if isinstance(value, float) and got is not None:
                assert abs(got - value) < 1e-9, (indicator, field)
            else:
                assert got == value, (indicator, field, got, value)
