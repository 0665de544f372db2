"""The step-by-step questions, answers and document, without Telegram: the examples of the
spec typed as a person would give the engine the same document and the same scores."""

from datetime import date

import pytest

from bot.compute.callbacks import StepChoice
from bot.compute.errors import InputError
from bot.compute.raw_document import build_raw_document
from bot.compute.steps_answers import apply_answer
from bot.compute.steps_plan import SUMMARY, next_question, plan, problem, progress
from bot.routers.compute_steps import choice_value
from egapro_engine import compute_document
from tests.bot.compute_scripts import assert_expected, load_example, steps_script

TODAY = date(2026, 1, 15)
EXAMPLES = (
    "official-sim-50-250-00.json",
    "official-sim-251-999-00.json",
    "gen-lt250-other-level-2pct.json",
)


def answers_from(document: dict) -> dict:
    """Play the script of ``document`` on the pure functions of the flow."""
    answers: dict = {}
    for action in steps_script(document)[:-1]:
        question = next_question(answers, [])
        if action.kind == "text":
            answers = apply_answer(question, action.value, answers, today=TODAY)
        else:
            choice = StepChoice.unpack(action.value)
            assert choice.q == question
            value = choice_value(choice, answers)
            assert value is not None
            answers = {**answers, question: value}
    assert next_question(answers, []) == SUMMARY
    return answers


@pytest.mark.parametrize("name", EXAMPLES)
def test_typed_examples_give_the_expected_scores(name):
    example = load_example(name)
    document = build_raw_document(answers_from(example["input"]))
    assert document["headcount"] == {
        csp: {
            age: {
                "women": example["input"]["headcount"][csp].get(age, {}).get("women", 0),
                "men": example["input"]["headcount"][csp].get(age, {}).get("men", 0),
            }
            for age in ("under_30", "30_39", "40_49", "50_plus")
        }
        for csp in ("ouv", "emp", "tam", "ic")
    }
    output = compute_document(document).model_dump(mode="json")
    assert_expected(output, example["expected"])


def test_small_band_has_twelve_steps_and_large_thirteen():
    answers = answers_from(load_example("official-sim-50-250-00.json")["input"])
    assert progress(answers, "hc.tam") == (6, 12)
    assert progress(answers, SUMMARY) == (12, 12)
    large = answers_from(load_example("official-sim-251-999-00.json")["input"])
    assert progress(large, "i3") == (10, 13)


def test_pay_is_asked_only_for_categories_with_a_valid_group():
    answers = answers_from(load_example("official-sim-50-250-00.json")["input"])
    # tam has no group of 3 women and 3 men.
    assert [q for q in plan(answers) if q.startswith("i1.pay.")] == [
        "i1.pay.ouv",
        "i1.pay.emp",
        "i1.pay.ic",
    ]
    assert list(answers["i1.pay.emp"]) == ["30_39", "50_plus"]


def test_a_headcount_change_reopens_what_depends_on_it():
    answers = answers_from(load_example("official-sim-50-250-00.json")["input"])
    # Now the 40-49 technicians form a valid group: their pay must be asked.
    changed = apply_answer("hc.tam", "F: 0 1 4 0\nH: 0 1 3 0", answers, today=TODAY)
    assert next_question(changed, []) == "i1.pay.tam"
    # Fewer women than were raised: indicator 2&3 must be answered again.
    answers = {**answers, "i23": {"women": 25, "men": 17}}
    assert problem("i23", answers) is None
    shrunk = apply_answer("hc.emp", "0 0 0 0 7 8 4 6", answers, today=TODAY)
    assert problem("i23", shrunk) == ("raised_above_headcount", {"women": 20, "men": 63})
    assert next_question(shrunk, []) == "i23"


def test_the_eight_lines_fill_every_category_at_once():
    message = (
        "Ouvriers, femmes : 0 1 2 9\nOuvriers, hommes : 0 5 3 4\n"
        "Employés, femmes : 2 6 2 8\nEmployés, hommes : 7 8 4 6\n"
        "Techniciens, F : 0 1 0 0\nTechniciens, H : 0 1 0 0\n"
        "Ingénieurs et cadres, hommes : 2 5 10 8\nIngénieurs et cadres, femmes : 1 1 3 2"
    )
    answers = {"year": 2024, "period_end": "2024-12-31", "band": "50:250"}
    answers = apply_answer("hc.ouv", message, answers, today=TODAY)
    assert answers["hc.ic"] == {"women": [1, 1, 3, 2], "men": [2, 5, 10, 8]}
    assert answers["hc.tam"] == {"women": [0, 1, 0, 0], "men": [0, 1, 0, 0]}
    assert next_question(answers, []) == "i1.mode"


@pytest.mark.parametrize(
    ("question", "typed", "key"),
    [
        ("year", "1999", "year_range"),
        ("period_end", "31/12/2023", "period_not_in_year"),
        ("hc.ouv", "1 2 3", "wrong_count"),
        ("hc.ouv", "Femmes : 1 2 3 -4\nHommes : 1 2 3 4", "below_minimum"),
        ("hc.ouv", "Femmes : 1 2 3 4,5\nHommes : 1 2 3 4", "not_whole"),
        ("i5", "6 6", "top_ten_sum"),
        ("i4", "2 3", "raised_above_returned"),
        ("i23", "0 0", "raised_zero"),
    ],
)
def test_wrong_answers_are_refused_with_what_was_expected(question, typed, key):
    answers = {"year": 2024, "period_end": "2024-12-31", "band": "50:250"}
    with pytest.raises(InputError) as refused:
        apply_answer(question, typed, answers, today=TODAY)
    assert refused.value.key == key


def test_a_level_beyond_the_headcount_is_refused():
    answers = answers_from(load_example("gen-lt250-other-level-2pct.json")["input"])
    with pytest.raises(InputError) as refused:
        apply_answer("i1.levels", "Niveau Z\nF: 0 0 0 1\nH: 0 0 0 0", answers, today=TODAY)
    assert refused.value.key == "levels_exceed"
    with pytest.raises(InputError) as refused:
        apply_answer(
            "i1.levels",
            "niveau a: 0 1 0 0 0 0 0 0",
            {**answers, "i1.levels": answers["i1.levels"][:1]},
            today=TODAY,
        )
    assert refused.value.key == "level_duplicate"


def test_rates_are_not_asked_without_a_category_of_10_women_and_10_men():
    answers = {"year": 2024, "period_end": "2024-12-31", "band": "251:999", "i1.mode": "csp"}
    for csp in ("ouv", "emp", "tam", "ic"):
        answers[f"hc.{csp}"] = {"women": [60, 5, 5, 5], "men": [1, 1, 1, 1]}
    answers.update({"i4": {"none": True}, "i5": {"women": 6, "men": 4}})
    assert "i2" not in plan(answers) and "i3" not in plan(answers)
    assert next_question(answers, []) == SUMMARY
    document = build_raw_document(answers)
    assert document["indicator2"] == {"declared_calculable": False}
    output = compute_document(document).model_dump(mode="json")
    assert output["indicators"]["indicator2"]["reason"] == "egvi40pcet"
    assert output["indicators"]["indicator1"]["reason"] == "egvi40pcet"
    assert output["index"] is None
