"""What a typed answer of the step-by-step computation means; every refusal is an InputError.

``apply_answer`` returns the answers with the new one merged in (a new dict: the caller stores it
only when the whole answer was understood, so a wrong value never loses what was entered).
"""

from datetime import date

from bot.compute.errors import InputError
from bot.compute.labels import csp_of, says_none, sex_of, split_label
from bot.compute.numbers import parse_date, parse_numbers, within
from bot.compute.steps_plan import (
    Answers,
    headcount,
    level_totals,
    valid_ages,
    valid_rate_csps,
    workforce_totals,
)
from egapro_engine.rules_2019 import CSPS, TOP_EARNERS

FIRST_YEAR = 2018
MAX_HEADCOUNT = 500_000
MIN_PAY = 1_000
MAX_PAY = 10_000_000
MAX_LEVEL_NAME = 60
MAX_RETURNS = 1_000_000
SEXES = ("women", "men")


def apply_answer(
    question: str, text: str, answers: Answers, *, today: date, restart_levels: bool = False
) -> Answers:
    """The answers with ``text`` taken as the answer to ``question``."""
    updated = dict(answers)
    if question == "year":
        updated["year"] = parse_year(text, today)
    elif question == "period_end":
        updated["period_end"] = parse_period_end(text, answers["year"]).isoformat()
    elif question.startswith("hc."):
        updated.update(parse_headcount(text, question.removeprefix("hc.")))
    elif question.startswith("i1.pay."):
        csp = question.removeprefix("i1.pay.")
        updated[question] = parse_pay(text, valid_ages(headcount(answers, csp)))
    elif question == "i1.levels":
        levels = [] if restart_levels else list(answers.get("i1.levels") or [])
        updated["i1.levels"] = [*levels, parse_level(text, levels, workforce_totals(answers))]
    elif question.startswith("i1.level_pay."):
        position = int(question.removeprefix("i1.level_pay."))
        levels = [dict(level) for level in answers["i1.levels"]]
        levels[position]["pay"] = parse_pay(text, valid_ages(levels[position]))
        updated["i1.levels"] = levels
    elif question in ("i2", "i3"):
        updated[question] = parse_rates(text, valid_rate_csps(answers))
    elif question == "i23":
        updated["i23"] = parse_raised(text, workforce_totals(answers))
    elif question == "i4":
        updated["i4"] = parse_maternity(text)
    elif question == "i5":
        updated["i5"] = parse_top_ten(text)
    else:
        raise InputError("use_buttons")
    return updated


def parse_year(text: str, today: date) -> int:
    year = parse_numbers(text, 1, whole=True)[0]
    if not FIRST_YEAR <= year <= today.year:
        raise InputError("year_range", first=FIRST_YEAR, last=today.year)
    return year


def parse_period_end(text: str, year: int) -> date:
    end = parse_date(text)
    if end.year != year:
        raise InputError("period_not_in_year", year=year)
    return end


def _lines(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise InputError("empty")
    return lines


def parse_headcount(text: str, current_csp: str) -> dict[str, dict[str, list[int]]]:
    """``hc.<csp>`` answers: two lines (women, men) of four age bands, or one line of eight;
    lines labelled with a category fill that category (all eight lines at once)."""
    by_csp: dict[str, list[tuple[str | None, str, str]]] = {}
    for line in _lines(text):
        label, numbers = split_label(line)
        csp = csp_of(label) or current_csp
        by_csp.setdefault(csp, []).append((sex_of(label), numbers, line))
    return {f"hc.{csp}": _sex_counts(entries) for csp, entries in by_csp.items()}


def _sex_counts(entries: list[tuple[str | None, str, str]]) -> dict[str, list[int]]:
    """Women's and men's counts by age band from one line of 8 or two lines of 4."""
    if len(entries) == 1:
        sex, numbers, line = entries[0]
        if sex is not None:
            raise InputError("headcount_other_sex", line=line)
        values = _counts(numbers, 8, line)
        return {"women": values[:4], "men": values[4:]}
    if len(entries) != 2:
        raise InputError("headcount_lines")
    sexes = [sex for sex, _, _ in entries]
    if sexes.count(None) == 2:
        sexes = list(SEXES)
    elif sexes.count(None) == 1:
        known = next(sex for sex in sexes if sex)
        other = "men" if known == "women" else "women"
        sexes = [sex or other for sex in sexes]
    if set(sexes) != set(SEXES):
        raise InputError("headcount_lines")
    return {
        sex: _counts(numbers, 4, line)
        for sex, (_, numbers, line) in sorted(
            zip(sexes, entries, strict=True), key=lambda pair: SEXES.index(pair[0])
        )
    }


def _counts(numbers: str, count: int, line: str) -> list[int]:
    try:
        values = parse_numbers(numbers, count, whole=True)
        within(values, 0, MAX_HEADCOUNT)
    except InputError as error:
        raise InputError(error.key, line=line, **error.params) from None
    return values


def parse_pay(text: str, ages: list[str]) -> dict[str, list[float]]:
    """Mean annual FTE pay of women and men for each valid age band, one line per band (or one
    line with every number)."""
    lines = _lines(text)
    if len(lines) == len(ages):
        pairs = [_amounts(split_label(line)[1], 2, line) for line in lines]
    elif len(lines) == 1:
        values = _amounts(split_label(lines[0])[1], 2 * len(ages), lines[0])
        pairs = [values[i : i + 2] for i in range(0, len(values), 2)]
    else:
        raise InputError("pay_lines", count=len(ages))
    return dict(zip(ages, pairs, strict=True))


def _amounts(numbers: str, count: int, line: str) -> list[float]:
    try:
        values = parse_numbers(numbers, count)
        within(values, MIN_PAY, MAX_PAY)
    except InputError as error:
        if error.key in ("below_minimum", "above_maximum"):
            raise InputError(
                "pay_range",
                line=line,
                value=error.params["value"],
                minimum=MIN_PAY,
                maximum=MAX_PAY,
            ) from None
        raise InputError(error.key, line=line, **error.params) from None
    return values


def parse_level(text: str, levels: list[dict], totals: tuple[int, int]) -> dict:
    """A level of indicator 1's level modes: a name line then its counts by sex and age band,
    or ``name: 8 numbers`` on one line. Levels together may not exceed the headcount."""
    lines = _lines(text)
    if len(lines) == 1:
        name, _, numbers = lines[0].partition(":")
        if not numbers.strip():
            raise InputError("level_format")
        entries = [(None, numbers, lines[0])]
    else:
        name = lines[0].rstrip(":")
        entries = [(sex_of(label), numbers, line) for label, numbers, line in _labelled(lines[1:])]
    name = " ".join(name.split())
    if not name or not any(c.isalnum() for c in name) or len(name) > MAX_LEVEL_NAME:
        raise InputError("level_name", maximum=MAX_LEVEL_NAME)
    if any(level["name"].casefold() == name.casefold() for level in levels):
        raise InputError("level_duplicate", name=name)
    counts = _sex_counts(entries)
    if not any(counts["women"]) and not any(counts["men"]):
        raise InputError("level_empty")
    women, men = level_totals([*levels, counts])
    if women > totals[0] or men > totals[1]:
        raise InputError(
            "levels_exceed", level_women=women, level_men=men, women=totals[0], men=totals[1]
        )
    return {"name": name, **counts, "pay": {}}


def _labelled(lines: list[str]) -> list[tuple[str, str, str]]:
    return [(*split_label(line), line) for line in lines]


def parse_rates(text: str, csps: list[str]) -> dict:
    """Indicator 2 or 3: % of women and of men of each valid category, or "none"."""
    if says_none(text):
        return {"none": True}
    lines = _lines(text)
    labelled = [csp_of(split_label(line)[0]) for line in lines]
    if len(lines) == 1 and len(csps) > 1:
        values = _rates(split_label(lines[0])[1], 2 * len(csps), lines[0])
        rates = {csp: values[2 * i : 2 * i + 2] for i, csp in enumerate(csps)}
    elif len(lines) != len(csps):
        raise InputError("rate_lines", count=len(csps))
    elif all(labelled) and sorted(labelled) == sorted(csps):
        rates = {
            csp: _rates(split_label(line)[1], 2, line)
            for csp, line in zip(labelled, lines, strict=True)
        }
    else:
        rates = {
            csp: _rates(split_label(line)[1], 2, line)
            for csp, line in zip(csps, lines, strict=True)
        }
    if all(value == 0 for pair in rates.values() for value in pair):
        raise InputError("all_rates_zero")
    return {"rates": {csp: rates[csp] for csp in CSPS if csp in rates}}


def _rates(numbers: str, count: int, line: str) -> list[float]:
    try:
        values = parse_numbers(numbers, count)
        within(values, 0, 100)
    except InputError as error:
        key = "rate_range" if error.key in ("below_minimum", "above_maximum") else error.key
        raise InputError(key, line=line, **error.params) from None
    return values


def parse_raised(text: str, totals: tuple[int, int]) -> dict:
    """Indicator 2&3: women and men who got a raise (promotions included), or "none"."""
    if says_none(text):
        return {"none": True}
    women, men = parse_numbers(text, 2, whole=True)
    within([women, men], 0, MAX_HEADCOUNT)
    if women > totals[0] or men > totals[1]:
        raise InputError("raised_above_headcount", women=totals[0], men=totals[1])
    if women == 0 and men == 0:
        raise InputError("raised_zero")
    return {"women": women, "men": men}


def parse_maternity(text: str) -> dict:
    """Indicator 4: returns from leave, and how many of them were raised; or "none"."""
    if says_none(text):
        return {"none": True}
    returned, raised = parse_numbers(text, 2, whole=True)
    within([returned, raised], 0, MAX_RETURNS)
    if raised > returned:
        raise InputError("raised_above_returned", raised=raised, returned=returned)
    return {"returned": returned, "raised": raised}


def parse_top_ten(text: str) -> dict:
    """Indicator 5: women and men among the 10 highest pay."""
    women, men = parse_numbers(text, 2, whole=True)
    within([women, men], 0, TOP_EARNERS)
    if women + men > TOP_EARNERS:
        raise InputError("top_ten_sum", total=women + men)
    return {"women": women, "men": men}
