"""Inline keyboards of the three computation flows.

The keyboards of the steps and of the results are built once per language and shape and then
reused (``functools.cache``): building a keyboard validates a pydantic model per button and per
callback, which cost more than the rest of a step's answer. They are never changed after being
built (aiogram only reads them to send them).
"""

from datetime import date
from functools import cache

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.compute import results_flow
from bot.compute.callbacks import (
    BAND_NAMES,
    MODE_CODES,
    FileOption,
    ResultsChoice,
    ResultsNav,
    StepChoice,
    StepNav,
)
from bot.compute.steps_plan import (
    QUESTIONS_WITH_NONE,
    Answers,
    is_complete,
    plan,
    step_of,
    steps,
)
from bot.declaring.common import declare_result_button
from bot.texts import text

Rows = list[list[InlineKeyboardButton]]


def _button(label: str, callback: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=label, callback_data=callback.pack())


def _markup(rows: Rows) -> InlineKeyboardMarkup | None:
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def year_buttons(today: date, make) -> Rows:
    return [[_button(str(year), make(str(year))) for year in (today.year - 1, today.year - 2)]]


def band_buttons(language: str, make) -> Rows:
    return [
        [_button(text(f"compute.button.band.{name}", language), make(code))]
        for code, name in BAND_NAMES.items()
    ]


def step_question(question: str, answers: Answers, language: str, today: date):
    """Choices of the question, "keep" when it already has an answer, and "back"."""
    questions = plan(answers)
    return _step_question(
        question,
        language,
        today.year if question == "year" else 0,
        answers.get("year", 0) if question == "period_end" else 0,
        bool(question == "i1.levels" and answers.get("i1.levels")),
        is_complete(question, answers),
        question in questions and questions.index(question) > 0,
    )


@cache
def _step_question(
    question: str,
    language: str,
    this_year: int,
    data_year: int,
    has_levels: bool,
    complete: bool,
    has_back: bool,
) -> InlineKeyboardMarkup | None:
    def choice(value: str) -> StepChoice:
        return StepChoice(q=question, v=value)

    rows: Rows = []
    if question == "year":
        rows += year_buttons(date(this_year, 1, 1), choice)
    elif question == "period_end":
        rows.append([_button(f"31/12/{data_year}", choice("dec31"))])
    elif question == "band":
        rows += band_buttons(language, choice)
    elif question == "i1.mode":
        rows += [
            [_button(text(f"compute.button.mode.{mode}", language), choice(code))]
            for code, mode in MODE_CODES.items()
        ]
    elif question in QUESTIONS_WITH_NONE:
        rows.append([_button(text(f"compute.button.none.{question}", language), choice("none"))])
    if has_levels:
        rows.append(
            [_button(text("compute.button.restart_levels", language), StepNav(a="restart_levels"))]
        )
    if complete:
        rows.append([_button(text("compute.button.keep", language), StepNav(a="keep"))])
    if has_back:
        rows.append([_button(text("compute.button.back", language), StepNav(a="back"))])
    return _markup(rows)


@cache
def summary(language: str) -> InlineKeyboardMarkup:
    return _markup(
        [
            [_button(text("compute.button.compute", language), StepNav(a="compute"))],
            [_button(text("compute.button.edit", language), StepNav(a="edit"))],
            [_button(text("compute.button.back", language), StepNav(a="back"))],
        ]
    )


def edit_steps(answers: Answers, language: str) -> InlineKeyboardMarkup:
    available = {step_of(question) for question in plan(answers)}
    rows = [
        [
            _button(
                text(
                    "compute.edit.step",
                    language,
                    number=number,
                    title=text(f"compute.step.{step}", language),
                ),
                StepNav(a="goto", s=step),
            )
        ]
        for number, step in enumerate(steps(answers), 1)
        if step in available
    ]
    rows.append([_button(text("compute.button.summary", language), StepNav(a="summary"))])
    return _markup(rows)


def _declare_row(language: str, declarable: bool) -> list[InlineKeyboardButton]:
    """ "Déclarer ce résultat", always: a user linked to no company (``declarable`` False) is
    taken through the linking first; the links are checked again when it is pressed."""
    return [declare_result_button(language)]


@cache
def after_result(language: str, *, declarable: bool = False) -> InlineKeyboardMarkup:
    """Under a step-by-step result."""
    return _markup(
        [
            _declare_row(language, declarable),
            [_button(text("compute.button.edit", language), StepNav(a="edit"))],
            [_button(text("compute.button.menu", language), StepNav(a="menu"))],
        ]
    )


@cache
def result_menu(language: str, *, declarable: bool = False) -> InlineKeyboardMarkup:
    """Under a result computed from a file or from typed results."""
    return _markup(
        [
            _declare_row(language, declarable),
            [_button(text("compute.button.menu", language), StepNav(a="menu"))],
        ]
    )


@cache
def resume(language: str) -> InlineKeyboardMarkup:
    return _markup(
        [
            [_button(text("compute.button.resume", language), StepNav(a="resume"))],
            [_button(text("compute.button.restart", language), StepNav(a="restart"))],
        ]
    )


def menu_only(language: str) -> InlineKeyboardMarkup:
    return _markup([[_button(text("compute.button.menu", language), StepNav(a="menu"))]])


def results_question(question: str, language: str, today: date):
    def choice(value: str) -> ResultsChoice:
        return ResultsChoice(q=question, v=value)

    rows: Rows = []
    if question == "year":
        rows += year_buttons(today, choice)
    elif question == "band":
        rows += band_buttons(language, choice)
    elif question in results_flow.INDICATOR_KEYS:
        rows += [
            [
                _button(
                    text(
                        "compute.button.reason",
                        language,
                        reason=text(f"compute.reason.{reason}", language),
                    ),
                    choice(reason),
                )
            ]
            for reason in results_flow.reasons(question)
        ]
    if question != "year":
        rows.append([_button(text("compute.button.back", language), ResultsNav(a="back"))])
    return _markup(rows)


def file_options(options: dict, language: str) -> InlineKeyboardMarkup:
    """Band and indicator 1 mode for an employee file; the current choice is ticked."""

    def label(selected: bool, caption: str) -> str:
        return text("compute.button.selected", language, label=caption) if selected else caption

    auto = _button(
        label(options.get("band") is None, text("compute.button.band_auto", language)),
        FileOption(k="band", v="auto"),
    )
    bands = [
        _button(
            label(options.get("band") == code, text(f"compute.button.band.{name}", language)),
            FileOption(k="band", v=code),
        )
        for code, name in BAND_NAMES.items()
    ]
    mode_rows = [
        [
            _button(
                label(
                    options.get("mode", "csp") == mode,
                    text(f"compute.button.mode.{mode}", language),
                ),
                FileOption(k="mode", v=code),
            )
        ]
        for code, mode in MODE_CODES.items()
    ]
    menu = [[_button(text("compute.button.menu", language), StepNav(a="menu"))]]
    return _markup([[auto], bands, *mode_rows, *menu])
