"""Scoring results computed elsewhere: the questions, what a typed result means, and the
results document (engine-contract §3) built from the answers.

Answers: ``year``, ``band``, then per indicator ``{"reason": code}`` when not calculable, else
``{"result": x, "population": p}`` (``r1``, ``r2``, ``r3``), plus ``"equivalent"`` (``r23``),
``{"result": n}`` (``r4``), ``{"result": n, "population": p}`` (``r5``).
"""

import re
from datetime import date

from bot.compute.errors import InputError
from bot.compute.labels import favoured_population
from bot.compute.numbers import parse_numbers, within
from bot.compute.steps_answers import parse_year
from egapro_engine.rules_2019 import ALLOWED_REASONS, BAND_SMALL, REASON_AM

DONE = "done"
INDICATOR_KEYS = {
    "r1": "indicator1",
    "r2": "indicator2",
    "r3": "indicator3",
    "r23": "indicator2and3",
    "r4": "indicator4",
    "r5": "indicator5",
}
MAX_GAP = 100
MAX_EQUIVALENT = 1_000_000
_WORDS = re.compile(r"[^\W\d_]+|=")

Answers = dict


def plan(answers: Answers) -> list[str]:
    indicators = ["r1", "r23"] if answers.get("band") in (None, BAND_SMALL) else ["r1", "r2", "r3"]
    return ["year", "band", *indicators, "r4", "r5"]


def next_question(answers: Answers, revisit: list[str]) -> str:
    for question in plan(answers):
        if question in revisit or question not in answers:
            return question
    return DONE


def previous_question(answers: Answers, current: str) -> str | None:
    questions = plan(answers)
    if current not in questions:
        return None
    position = questions.index(current)
    return questions[position - 1] if position else None


def reasons(question: str) -> tuple[str, ...]:
    """The non-calculability reasons offered for an indicator (none for indicator 5)."""
    return tuple(r for r in ALLOWED_REASONS[INDICATOR_KEYS[question]] if r != REASON_AM)


def apply_answer(question: str, text: str, answers: Answers, *, today: date) -> Answers:
    updated = dict(answers)
    if question == "year":
        updated["year"] = parse_year(text, today)
    elif question in ("r1", "r2", "r3"):
        updated[question] = parse_gap(text)
    elif question == "r23":
        updated[question] = parse_raises_gap(text)
    elif question == "r4":
        updated[question] = parse_maternity_result(text)
    elif question == "r5":
        updated[question] = parse_top_ten_result(text)
    else:
        raise InputError("use_buttons")
    return updated


def _numbers_and_population(text: str, count: int) -> tuple[list[float], str | None]:
    population = favoured_population(text)
    values = parse_numbers(_WORDS.sub(" ", text), count)
    return values, population


def _population_for(values: list[float], population: str | None) -> str | None:
    """The favoured sex is given iff a result is not 0 (official rule)."""
    if any(values):
        if population not in ("women", "men"):
            raise InputError("population_needed")
        return population
    if population in ("women", "men"):
        raise InputError("population_with_zero")
    return None


def parse_gap(text: str) -> dict:
    """Indicator 1, 2 or 3: a gap ≥ 0 (%, or percentage points) and the favoured sex."""
    values, population = _numbers_and_population(text, 1)
    within(values, 0, MAX_GAP)
    return {"result": values[0], "population": _population_for(values, population)}


def parse_raises_gap(text: str) -> dict:
    """Indicator 2&3: gap in %, gap in equivalent employees, and the favoured sex."""
    values, population = _numbers_and_population(text, 2)
    within(values[:1], 0, MAX_GAP)
    within(values[1:], 0, MAX_EQUIVALENT)
    return {
        "result": values[0],
        "equivalent": values[1],
        "population": _population_for(values, population),
    }


def parse_maternity_result(text: str) -> dict:
    """Indicator 4: % of women raised on their return, a whole number from 0 to 100."""
    value = parse_numbers(_WORDS.sub(" ", text), 1, whole=True)[0]
    within([value], 0, 100)
    return {"result": value}


def parse_top_ten_result(text: str) -> dict:
    """Indicator 5: how many of the under-represented sex (0-5), and the majority sex."""
    values, population = _numbers_and_population(text, 1)
    if values[0] != int(values[0]):
        raise InputError("not_whole")
    within(values, 0, 5)
    result = int(values[0])
    if result == 5:
        return {"result": 5, "population": "equality"}
    if population not in ("women", "men"):
        raise InputError("majority_needed")
    return {"result": result, "population": population}


def build_results_document(answers: Answers) -> dict:
    document = {"kind": "results", "workforce_range": answers["band"], "year": answers["year"]}
    for question in plan(answers)[2:]:
        document[INDICATOR_KEYS[question]] = _declared(question, answers[question])
    return document


def _declared(question: str, answer: dict) -> dict:
    if "reason" in answer:
        return {"calculable": False, "reason": answer["reason"]}
    if question == "r4":
        return {"calculable": True, "result": answer["result"]}
    declared = {"result": answer["result"], "favorable_population": answer["population"]}
    if question != "r5":
        declared["calculable"] = True
    if question == "r23":
        declared["result_equivalent_employees"] = answer["equivalent"]
    return declared
