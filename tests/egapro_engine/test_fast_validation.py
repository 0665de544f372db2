"""The fast validation of raw and results documents gives exactly what the models give.

``validation.validate_data`` first tries pydantic-core checks (``fields.Fast``) and plain dicts;
whatever they accept must be accepted by the models' Python checks too, with the same values of
the same types (``model_dump()``), and whatever they refuse goes to the models (same errors).
"""

import copy
import enum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from egapro_engine import EngineError, compute_document, compute_raw, compute_results
from egapro_engine.inputs import RawDocument, ResultsDocument
from egapro_engine.validation import _data_validator, validate_data, validate_model

from .builders import changed, large_raw, large_results, small_raw, small_results
from .test_differential import raw_documents, results_documents


class Three(enum.IntEnum):
    THREE = 3


class Text(str):
    pass


class Number(float):
    pass


# Values that sit on a boundary of some check, or that only Python callers can pass.
ODD_VALUES = [
    None, True, False, 0, -1, 3, 3.0, 3.5, -0.0, 10, 100, 100.0, 100.1, 5, 5.0, 11, 2017, 2018,
    2100, 2024.0, 10_000_000, 10_000_001, 1_000_000, 1_000_001, 1_000_000_000, 1e9 + 0.5, 0.05,
    5e-324, 1e308, float("nan"), float("inf"), -float("inf"), 10**30, "", "3", "x", "ouv",
    "women", "equality", "absaugi", "am", "csp", "50:250", [], {}, [1], (1, 2), {"women": 3},
    Three.THREE, Number(3.0), Number(2.5), Text("ouv"), Text("women"),
]  # fmt: skip


def typed(value: Any) -> Any:
    """The value with the type of every part, so that 3 and 3.0 (or True and 1) differ."""
    if isinstance(value, dict):
        return ("dict", [(typed(key), typed(item)) for key, item in value.items()])
    if isinstance(value, list | tuple):
        return (type(value).__name__, [typed(item) for item in value])
    return (type(value).__name__, repr(value))


def fast_or_none(model, document) -> dict | None:
    try:
        return _data_validator(model).validate_python(document)
    except ValidationError:
        return None


def assert_same_as_models(document: Any) -> None:
    model = RawDocument if document.get("kind") == "raw" else ResultsDocument
    fast = fast_or_none(model, document)
    try:
        exact = validate_model(model, document).model_dump()
    except EngineError as error:
        assert fast is None, f"fast checks accept what the models refuse ({error.code})"
        with pytest.raises(EngineError) as raised:
            validate_data(model, document)
        assert (raised.value.code, raised.value.where) == (error.code, error.where)
        return
    assert typed(validate_data(model, document)) == typed(exact)
    if fast is not None:
        assert typed(fast) == typed(exact)


def leaf_paths(node, prefix=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from leaf_paths(value, (*prefix, key))


@st.composite
def damaged(draw, documents) -> dict:
    """A generated document with one to three values replaced by odd ones (or removed)."""
    document = copy.deepcopy(draw(documents))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(leaf_paths(document))))
        node = document
        for key in path[:-1]:
            node = node[key]
        if draw(st.integers(0, 4)):
            node[path[-1]] = draw(st.sampled_from(ODD_VALUES))
        else:
            del node[path[-1]]
        if not isinstance(document, dict) or "kind" not in document:
            break
    return document


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(raw_documents(), results_documents()))
def test_generated_documents_give_the_models_data(document):
    assert_same_as_models(document)
    assert fast_or_none(RawDocument if document["kind"] == "raw" else ResultsDocument, document)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged(st.one_of(raw_documents(), results_documents())))
def test_damaged_documents_give_the_models_data_or_error(document):
    if isinstance(document, dict) and document.get("kind") in ("raw", "results"):
        assert_same_as_models(document)


@pytest.mark.parametrize(
    ("base", "path"),
    [
        (small_raw(), "year"),
        (small_raw(), "workforce_range"),
        (small_raw(), "headcount.emp.30_39.women"),
        (small_raw(), "indicator1.mode"),
        (small_raw(), "indicator1.csp_mean_salaries.emp.30_39.men"),
        (small_raw(), "indicator2and3.raised_women"),
        (small_raw(), "indicator4.returned_count"),
        (small_raw(), "indicator5.women"),
        (large_raw(), "indicator2.rate_pct.ouv.women"),
        (large_raw(), "indicator3.declared_calculable"),
        (small_results(), "indicator1.result"),
        (small_results(), "indicator1.favorable_population"),
        (small_results(), "indicator1.reason"),
        (small_results(), "indicator2and3.result_equivalent_employees"),
        (small_results(), "indicator4.result"),
        (small_results(), "indicator5.result"),
        (large_results(), "indicator2.calculable"),
    ],
    ids=lambda item: item if isinstance(item, str) else item["kind"],
)
def test_every_odd_value_at_every_kind_of_field(base, path):
    for value in ODD_VALUES:
        assert_same_as_models(changed(base, path, value))


@pytest.mark.parametrize("key", [Text("ouv"), "OUV", 3])
def test_odd_csp_keys(key):
    document = small_raw()
    document["headcount"][key] = {"30_39": {"women": 1, "men": 1}}
    assert_same_as_models(document)


def test_a_form_left_to_the_models_is_still_accepted():
    """``3.0`` employees and a tuple of levels are refused by the fast checks only."""
    document = changed(small_raw(), "headcount.emp.30_39.women", 30.0)
    assert fast_or_none(RawDocument, document) is None
    assert validate_data(RawDocument, document)["headcount"]["emp"]["30_39"]["women"] == 30
    assert compute_document(document) == compute_document(small_raw())


@pytest.mark.parametrize("document", [small_raw(), large_raw(), large_raw("1000:")], ids=str)
def test_compute_raw_on_the_model_is_compute_document(document):
    model = validate_model(RawDocument, document)
    assert compute_raw(model, "x").model_dump() == compute_document(document, "x").model_dump()


@pytest.mark.parametrize("document", [small_results(), large_results()], ids=str)
def test_compute_results_on_the_model_is_compute_document(document):
    model = validate_model(ResultsDocument, document)
    expected = compute_document(document, "x").model_dump()
    assert compute_results(model, "x").model_dump() == expected


def test_representation_documents_are_checked_by_their_model_only():
    # The number of decimals of a percentage has no pydantic-core equivalent.
    document = {
        "kind": "representation",
        "executives": {"women_pct": 40.25, "men_pct": 59.75},
        "governing_bodies": {"not_calculable": "aucune_instance_dirigeante"},
    }
    with pytest.raises(EngineError) as raised:
        compute_document(document)
    assert (raised.value.code, raised.value.where) == ("too_many_decimals", "executives.women_pct")
