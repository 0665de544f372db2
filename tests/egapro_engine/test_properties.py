"""Properties over generated documents (hypothesis)."""

import copy
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egapro_engine import EngineError, compute_document

from .builders import large_raw, large_results, small_raw, small_results

CSPS = ("ouv", "emp", "tam", "ic")
AGES = ("under_30", "30_39", "40_49", "50_plus")

counts = st.integers(min_value=0, max_value=60)
salaries = st.one_of(st.none(), st.integers(min_value=15000, max_value=120000))


@st.composite
def raw_documents(draw):
    band = draw(st.sampled_from(["50:250", "251:999", "1000:"]))
    cells = draw(
        st.dictionaries(
            st.tuples(st.sampled_from(CSPS), st.sampled_from(AGES)), st.tuples(counts, counts)
        )
    )
    headcount: dict = {}
    salary_table: dict = {}
    for (csp, age), (women, men) in cells.items():
        headcount.setdefault(csp, {})[age] = {"women": women, "men": men}
        pay = draw(salaries)
        if pay is not None:
            other = draw(st.integers(min_value=15000, max_value=120000))
            salary_table.setdefault(csp, {})[age] = {"women": pay, "men": other}
    women_total = sum(w for w, _ in cells.values())
    men_total = sum(m for _, m in cells.values())
    document = {
        "kind": "raw",
        "workforce_range": band,
        "headcount": headcount,
        "indicator1": {"mode": "csp", "csp_mean_salaries": salary_table},
        "indicator4": draw(
            st.one_of(
                st.just({"declared_calculable": False}),
                st.integers(0, 20).flatmap(
                    lambda n: st.integers(0, n).map(
                        lambda r: {
                            "declared_calculable": True,
                            "returned_count": n,
                            "raised_count": r,
                        }
                    )
                ),
            )
        ),
        "indicator5": draw(
            st.integers(0, 10).flatmap(
                lambda w: st.integers(0, 10 - w).map(lambda m: {"women": w, "men": m})
            )
        ),
    }
    if band == "50:250":
        raised_w = draw(st.integers(0, women_total))
        raised_m = draw(st.integers(0, men_total))
        calculable = raised_w + raised_m > 0 and draw(st.booleans())
        document["indicator2and3"] = (
            {"declared_calculable": True, "raised_women": raised_w, "raised_men": raised_m}
            if calculable
            else {"declared_calculable": False}
        )
    else:
        for key in ("indicator2", "indicator3"):
            rates = draw(
                st.dictionaries(
                    st.sampled_from(CSPS),
                    st.fixed_dictionaries(
                        {
                            "women": st.floats(0, 100, allow_nan=False),
                            "men": st.floats(0, 100, allow_nan=False),
                        }
                    ),
                    min_size=1,
                )
            )
            if all(r["women"] == 0 and r["men"] == 0 for r in rates.values()):
                rates[CSPS[0]] = {"women": 1.0, "men": 2.0}
            document[key] = {"declared_calculable": draw(st.booleans()), "rate_pct": rates}
    return document


@settings(max_examples=150, deadline=None)
@given(raw_documents())
def test_index_is_an_integer_from_0_to_100_or_null(document):
    output = compute_document(document)
    assert output.index is None or (isinstance(output.index, int) and 0 <= output.index <= 100)
    assert (output.index is None) == (output.max_points < 75)
    assert 0 <= output.points <= output.max_points <= 100
    for _, result in output.indicators.items():
        if result.calculable:
            assert 0 <= result.note <= result.max_note
        else:
            assert result.note is None and result.result is None


@st.composite
def one_sided_pay(draw):
    """A calculable indicator 1 where every group with salaries pays men at least as much."""
    groups = draw(
        st.lists(
            st.tuples(st.sampled_from(CSPS), st.sampled_from(AGES)),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    document = small_raw()
    document["headcount"] = {}
    document["indicator1"]["csp_mean_salaries"] = {}
    document["indicator2and3"] = {"declared_calculable": False}
    for csp, age in groups:
        women, men = draw(st.integers(3, 40)), draw(st.integers(3, 40))
        document["headcount"].setdefault(csp, {})[age] = {"women": women, "men": men}
        men_pay = draw(st.integers(20000, 100000))
        women_pay = draw(st.integers(10000, men_pay))
        document["indicator1"]["csp_mean_salaries"].setdefault(csp, {})[age] = {
            "women": women_pay,
            "men": men_pay,
        }
    widened = draw(st.sampled_from(groups))
    cut = draw(st.integers(1, 9000))
    sex = draw(st.sampled_from(["men", "women"]))
    return document, widened, cut, sex


def mirrored(document):
    """The same company with women's and men's pay swapped."""
    result = copy.deepcopy(document)
    for ages in result["indicator1"]["csp_mean_salaries"].values():
        for pair in ages.values():
            pair["women"], pair["men"] = pair["men"], pair["women"]
    return result


@settings(max_examples=150, deadline=None)
@given(one_sided_pay())
def test_widening_a_pay_gap_never_raises_indicator1_note(case):
    document, (csp, age), cut, favoured = case
    wider = copy.deepcopy(document)
    pair = wider["indicator1"]["csp_mean_salaries"][csp][age]
    pair["women"] = max(pair["women"] - cut, 1)
    if favoured == "women":
        document, wider = mirrored(document), mirrored(wider)
    before = compute_document(document).indicators.indicator1
    after = compute_document(wider).indicators.indicator1
    assert after.result >= before.result
    assert after.note <= before.note


JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["raw", "results", "representation", "csp", "50:250", "1000:", "ouv", "30_39"]),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.text(max_size=12) | st.sampled_from(["kind", "women", "men", "result"]),
            children,
            max_size=4,
        ),
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(JSON_VALUES)
def test_random_json_only_ever_raises_engine_errors(document):
    try:
        compute_document(document)
    except EngineError as error:
        assert error.code and error.message


def leaf_paths(node, prefix=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from leaf_paths(value, (*prefix, key))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([small_raw(), large_raw(), small_results(), large_results()]),
    st.data(),
    JSON_VALUES,
)
def test_damaged_valid_documents_only_ever_raise_engine_errors(base, data, replacement):
    document = copy.deepcopy(base)
    path = data.draw(st.sampled_from(list(leaf_paths(document))))
    node = document
    for key in path[:-1]:
        node = node[key]
    if data.draw(st.booleans()):
        node[path[-1]] = replacement
    else:
        del node[path[-1]]
    try:
        output = compute_document(document)
    except EngineError as error:
        assert error.code and error.message
        return
    assert output.index is None or 0 <= output.index <= 100
    for _, result in output.indicators.items():
        assert result.note is None or not math.isnan(result.note)
