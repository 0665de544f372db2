"""What the step-by-step flow shows: each question with its progress line, the answers given
so far, and the summary before computing."""

from datetime import date

from bot.compute.result_view import band_label, number
from bot.compute.steps_plan import (
    SUMMARY,
    Answers,
    headcount,
    is_complete,
    level_totals,
    missing_pay,
    progress,
    step_of,
    valid_ages,
    valid_rate_csps,
    workforce_totals,
)
from bot.texts import text
from egapro_engine.rules_2019 import AGE_BANDS, CSPS, MODE_CSP
from reports.formatting import format_date, period_start

MAX_MESSAGE = 3600  # Telegram's limit is 4,096: room for an error line before it


def progress_line(question: str, answers: Answers, language: str) -> str:
    step, total = progress(answers, question)
    title = text(f"compute.step.{step_of(question)}", language)
    return text("compute.progress", language, step=step, total=total, title=title)


def prompt(
    question: str,
    answers: Answers,
    language: str,
    today: date,
    *,
    problem: tuple[str, dict] | None = None,
) -> str:
    parts = [progress_line(question, answers, language)]
    if problem:
        key, params = problem
        reason = text(f"compute.error.{key}", language, **params)
        parts.append(text("compute.previous_problem", language, reason=reason))
    parts.append(question_text(question, answers, language, today))
    if is_complete(question, answers):
        current = answer_text(question, answers, language)
        if current:
            parts.append(text("compute.current", language, value=current))
    return _fit("\n\n".join(parts))


def question_text(question: str, answers: Answers, language: str, today: date) -> str:
    if question == "year":
        return text("compute.q.year", language, example=today.year - 1)
    if question == "period_end":
        return text("compute.q.period_end", language, year=answers["year"])
    if question == "band":
        return text("compute.q.band", language)
    if question.startswith("hc."):
        csp = question.removeprefix("hc.")
        asked = text("compute.q.headcount", language, category=text(f"compute.csp.{csp}", language))
        if csp == CSPS[0]:
            asked += "\n\n" + text("compute.q.headcount_tip", language)
        return asked
    if question == "i1.mode":
        return text("compute.q.mode", language)
    if question.startswith("i1.pay."):
        csp = question.removeprefix("i1.pay.")
        counts = headcount(answers, csp)
        return _pay_question(text(f"compute.csp.{csp}", language), counts, language)
    if question.startswith("i1.level_pay."):
        level = answers["i1.levels"][int(question.removeprefix("i1.level_pay."))]
        title = text("compute.q.level_title", language, name=level["name"])
        return _pay_question(title, level, language)
    if question == "i1.levels":
        levels = answers.get("i1.levels") or []
        level_women, level_men = level_totals(levels)
        women, men = workforce_totals(answers)
        return text(
            "compute.q.levels",
            language,
            number=len(levels) + 1,
            level_women=level_women,
            level_men=level_men,
            women=women,
            men=men,
        )
    if question in ("i2", "i3"):
        groups = "\n".join(
            text(
                "compute.q.rate_group",
                language,
                category=text(f"compute.csp.{csp}", language),
                women=sum(headcount(answers, csp)["women"]),
                men=sum(headcount(answers, csp)["men"]),
            )
            for csp in valid_rate_csps(answers)
        )
        what = text(f"compute.q.rates.{question}", language)
        return text("compute.q.rates", language, what=what, groups=groups)
    if question == "i23":
        women, men = workforce_totals(answers)
        return text("compute.q.i23", language, women=women, men=men)
    return text(f"compute.q.{question}", language)


def _pay_question(title: str, counts: dict, language: str) -> str:
    groups = "\n".join(
        text(
            "compute.q.pay_group",
            language,
            age=text(f"compute.age.{age}", language),
            women=counts["women"][AGE_BANDS.index(age)],
            men=counts["men"][AGE_BANDS.index(age)],
        )
        for age in valid_ages(counts)
    )
    return text("compute.q.pay", language, group=title, groups=groups)


# --- answers as text ---------------------------------------------------------------------


def _counts(values: list[int], language: str) -> str:
    return " · ".join(number(value, language) for value in values)


def _counts_line(name: str, counts: dict, language: str) -> str:
    return text(
        "compute.summary.counts",
        language,
        name=name,
        women=_counts(counts["women"], language),
        men=_counts(counts["men"], language),
    )


def _pay_lines(prefix: str, pay: dict, language: str) -> list[str]:
    return [
        text(
            "compute.summary.pay",
            language,
            group=f"{prefix}, {text(f'compute.age.{age}', language)}",
            women=number(pay[age][0], language),
            men=number(pay[age][1], language),
        )
        for age in AGE_BANDS
        if age in pay
    ]


def answer_text(question: str, answers: Answers, language: str) -> str:
    """The answer given to ``question``, as a line (or a few) of text."""
    answer = answers.get(question)
    if question == "year":
        return str(answer)
    if question == "period_end":
        return format_date(answer, language)
    if question == "band":
        return band_label(answer, language)
    if question.startswith("hc."):
        csp = question.removeprefix("hc.")
        return _counts_line(text(f"compute.csp.{csp}", language), answer, language)
    if question == "i1.mode":
        return text(f"compute.mode.{answer}", language)
    if question.startswith("i1.pay."):
        csp = question.removeprefix("i1.pay.")
        return "\n".join(_pay_lines(text(f"compute.csp.{csp}", language), answer or {}, language))
    if question.startswith("i1.level_pay."):
        level = answers["i1.levels"][int(question.removeprefix("i1.level_pay."))]
        return "\n".join(_pay_lines(level["name"], level.get("pay", {}), language))
    if question == "i1.levels":
        return "\n".join(_counts_line(level["name"], level, language) for level in answer)
    return _indicator_answer(question, answers, language)


def _indicator_answer(question: str, answers: Answers, language: str) -> str:
    answer = answers.get(question) or {}
    if question in ("i2", "i3") and not valid_rate_csps(answers):
        return text("compute.summary.no_valid_csp", language)
    if answer.get("none"):
        return text(f"compute.summary.none.{question}", language)
    if question in ("i2", "i3"):
        return "\n".join(
            text(
                "compute.summary.rates",
                language,
                category=text(f"compute.csp.{csp}", language),
                women=number(answer["rates"][csp][0], language),
                men=number(answer["rates"][csp][1], language),
            )
            for csp in valid_rate_csps(answers)
            if csp in answer["rates"]
        )
    if question == "i23":
        return text("compute.summary.i23", language, women=answer["women"], men=answer["men"])
    if question == "i4":
        return text(
            "compute.summary.i4", language, returned=answer["returned"], raised=answer["raised"]
        )
    return text("compute.summary.i5", language, women=answer["women"], men=answer["men"])


def summary_text(answers: Answers, language: str) -> str:
    end = date.fromisoformat(answers["period_end"])
    women, men = workforce_totals(answers)
    lines = [
        progress_line(SUMMARY, answers, language),
        "",
        text(
            "compute.summary.year",
            language,
            year=answers["year"],
            start=format_date(period_start(end), language),
            end=format_date(end, language),
        ),
        text("compute.summary.band", language, band=band_label(answers["band"], language)),
        text(
            "compute.summary.headcount",
            language,
            women=number(women, language),
            men=number(men, language),
        ),
    ]
    lines += [f"  {answer_text(f'hc.{csp}', answers, language)}" for csp in CSPS]
    lines.append("")
    mode = answers["i1.mode"]
    lines.append(text("compute.summary.i1", language, mode=text(f"compute.mode.{mode}", language)))
    lines += [f"  {line}" for line in _indicator1_lines(answers, language)]
    for step in ("i2", "i3", "i23", "i4", "i5"):
        if step in ("i2", "i3", "i23") and (step == "i23") == _is_large(answers):
            continue
        title = text(f"compute.step.{step}", language)
        value = _indicator_answer(step, answers, language)
        if "\n" in value:
            lines.append(text("compute.summary.item", language, title=title, value=""))
            lines += [f"  {line}" for line in value.splitlines()]
        else:
            lines.append(text("compute.summary.item", language, title=title, value=value))
    lines += ["", text("compute.summary.intro", language)]
    return _fit("\n".join(lines))


def _is_large(answers: Answers) -> bool:
    return answers.get("band") != "50:250"


def _indicator1_lines(answers: Answers, language: str) -> list[str]:
    if answers["i1.mode"] == MODE_CSP:
        lines = []
        for csp in CSPS:
            if valid_ages(headcount(answers, csp)) and not missing_pay(answers, csp):
                lines += _pay_lines(
                    text(f"compute.csp.{csp}", language), answers[f"i1.pay.{csp}"], language
                )
        return lines or [text("compute.summary.no_valid_group", language)]
    lines = []
    for level in answers.get("i1.levels") or []:
        lines.append(_counts_line(level["name"], level, language))
        lines += [f"  {line}" for line in _pay_lines(level["name"], level.get("pay", {}), language)]
    return lines


def _fit(message: str) -> str:
    """Telegram refuses messages over 4,096 characters: cut the middle of very long ones."""
    if len(message) <= MAX_MESSAGE:
        return message
    return message[: MAX_MESSAGE - 200] + "\n…\n" + message[-150:]
