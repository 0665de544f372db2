"""The questions of the step-by-step computation, in the order of the official simulator.

Answers live in a plain dict (kept in the FSM data, so JSON only), keyed by question id:

- ``year`` int, ``period_end`` ISO date, ``band`` ``50:250`` / ``251:999`` / ``1000:``;
- ``hc.<csp>``: ``{"women": [4 counts], "men": [4 counts]}`` by age band;
- ``i1.mode``; ``i1.pay.<csp>``: ``{age: [women pay, men pay]}`` for the valid groups;
  ``i1.levels``: ``[{"name", "women": [4], "men": [4], "pay": {age: [w, m]}}]``;
- ``i2`` / ``i3``: ``{"none": true}`` or ``{"rates": {csp: [women %, men %]}}``;
- ``i23``: ``{"none": true}`` or ``{"women": n, "men": n}``;
- ``i4``: ``{"none": true}`` or ``{"returned": n, "raised": n}``; ``i5``: ``{"women", "men"}``.

The next question is always the first one of the plan that is unanswered, no longer consistent
with the answers before it (a headcount changed), or to be revisited (back button, "modify a
step"). Nothing already answered is dropped by moving around.
"""

from egapro_engine.rules_2019 import (
    AGE_BANDS,
    BAND_SMALL,
    CSPS,
    IND1_GROUP_MIN_PER_SEX,
    IND23_CSP_MIN_PER_SEX,
    MODE_CSP,
)

SUMMARY = "summary"
HEADCOUNT_QUESTIONS = tuple(f"hc.{csp}" for csp in CSPS)
LEVEL_MODES = ("branch_level", "other_level")
STEPS_SMALL = ("year", "period_end", "band", *HEADCOUNT_QUESTIONS, "i1", "i23", "i4", "i5")
STEPS_LARGE = ("year", "period_end", "band", *HEADCOUNT_QUESTIONS, "i1", "i2", "i3", "i4", "i5")
QUESTIONS_WITH_NONE = ("i2", "i3", "i23", "i4")

Answers = dict


# --- what the headcount implies ----------------------------------------------------------


def headcount(answers: Answers, csp: str) -> dict[str, list[int]]:
    return answers.get(f"hc.{csp}") or {"women": [0] * 4, "men": [0] * 4}


def workforce_totals(answers: Answers) -> tuple[int, int]:
    women = sum(sum(headcount(answers, csp)["women"]) for csp in CSPS)
    men = sum(sum(headcount(answers, csp)["men"]) for csp in CSPS)
    return women, men


def is_valid_pay_group(women: int, men: int) -> bool:
    return women >= IND1_GROUP_MIN_PER_SEX and men >= IND1_GROUP_MIN_PER_SEX


def valid_ages(counts: dict[str, list[int]]) -> list[str]:
    """Age bands with at least 3 women and 3 men: the only groups whose pay is asked."""
    return [
        age
        for position, age in enumerate(AGE_BANDS)
        if is_valid_pay_group(counts["women"][position], counts["men"][position])
    ]


def valid_rate_csps(answers: Answers) -> list[str]:
    """Categories with at least 10 women and 10 men: the only ones whose rates are asked."""
    return [
        csp
        for csp in CSPS
        if sum(headcount(answers, csp)["women"]) >= IND23_CSP_MIN_PER_SEX
        and sum(headcount(answers, csp)["men"]) >= IND23_CSP_MIN_PER_SEX
    ]


def level_totals(levels: list[dict]) -> tuple[int, int]:
    return sum(sum(level["women"]) for level in levels), sum(sum(level["men"]) for level in levels)


def is_large(answers: Answers) -> bool:
    return answers.get("band") not in (None, BAND_SMALL)


# --- the plan ----------------------------------------------------------------------------


def steps(answers: Answers) -> tuple[str, ...]:
    return STEPS_LARGE if is_large(answers) else STEPS_SMALL


def step_of(question: str) -> str:
    return "i1" if question.startswith("i1.") else question


def plan(answers: Answers) -> list[str]:
    """The questions to answer, in order, given the answers so far."""
    questions = ["year", "period_end", "band", *HEADCOUNT_QUESTIONS, "i1.mode"]
    mode = answers.get("i1.mode")
    if mode == MODE_CSP:
        questions += [f"i1.pay.{csp}" for csp in CSPS if valid_ages(headcount(answers, csp))]
    elif mode in LEVEL_MODES:
        levels = answers.get("i1.levels") or []
        questions += [
            f"i1.level_pay.{position}"
            for position, level in enumerate(levels)
            if _missing_level_pay(level)
        ]
        questions.append("i1.levels")
    if is_large(answers):
        questions += [key for key in ("i2", "i3") if valid_rate_csps(answers)]
    else:
        questions.append("i23")
    questions += ["i4", "i5"]
    return questions


def _missing_level_pay(level: dict) -> list[str]:
    return [age for age in valid_ages(level) if age not in level.get("pay", {})]


def missing_pay(answers: Answers, csp: str) -> list[str]:
    given = answers.get(f"i1.pay.{csp}") or {}
    return [age for age in valid_ages(headcount(answers, csp)) if age not in given]


def problem(question: str, answers: Answers) -> tuple[str, dict] | None:
    """Why an answer given earlier no longer fits the answers before it, if it does not."""
    if (
        question == "period_end"
        and "period_end" in answers
        and "year" in answers
        and int(answers["period_end"][:4]) != answers["year"]
    ):
        return "period_not_in_year", {"year": answers["year"]}
    if question == "i1.levels" and answers.get("i1.levels"):
        level_women, level_men = level_totals(answers["i1.levels"])
        women, men = workforce_totals(answers)
        if level_women > women or level_men > men:
            return "levels_total", {
                "level_women": level_women,
                "level_men": level_men,
                "women": women,
                "men": men,
            }
    if question == "i23" and "women" in (answers.get("i23") or {}):
        women, men = workforce_totals(answers)
        if answers["i23"]["women"] > women or answers["i23"]["men"] > men:
            return "raised_above_headcount", {"women": women, "men": men}
    if question in ("i2", "i3") and "rates" in (answers.get(question) or {}):
        missing = [c for c in valid_rate_csps(answers) if c not in answers[question]["rates"]]
        if missing:
            return "rates_missing", {}
    return None


def is_complete(question: str, answers: Answers) -> bool:
    if question.startswith("i1.pay."):
        return not missing_pay(answers, question.removeprefix("i1.pay."))
    if question.startswith("i1.level_pay."):
        levels = answers.get("i1.levels") or []
        position = int(question.removeprefix("i1.level_pay."))
        return position < len(levels) and not _missing_level_pay(levels[position])
    if question == "i1.levels":
        levels = answers.get("i1.levels") or []
        return bool(levels) and level_totals(levels) == workforce_totals(answers)
    return question in answers and problem(question, answers) is None


def next_question(answers: Answers, revisit: list[str]) -> str:
    for question in plan(answers):
        if question in revisit or not is_complete(question, answers):
            return question
    return SUMMARY


def previous_question(answers: Answers, current: str) -> str | None:
    questions = plan(answers)
    if current == SUMMARY:
        return questions[-1]
    if current not in questions:
        return None
    position = questions.index(current)
    return questions[position - 1] if position else None


def questions_of_step(answers: Answers, step: str) -> list[str]:
    return [question for question in plan(answers) if step_of(question) == step]


def progress(answers: Answers, question: str) -> tuple[int, int]:
    """(this step's number, number of steps), the summary being the last step."""
    all_steps = steps(answers)
    total = len(all_steps) + 1
    if question == SUMMARY:
        return total, total
    return all_steps.index(step_of(question)) + 1, total
