"""Représentation équilibrée (engine-contract §6, index-rules §12)."""

import pytest

from egapro_engine import EngineError, RepresentationOutput, compute_document

from .builders import changed, removed


def document(year=2025, executives=None, governing_bodies=None):
    return {
        "kind": "representation",
        "year": year,
        "executives": {"women_pct": 28.5, "men_pct": 71.5} if executives is None else executives,
        "governing_bodies": (
            {"not_calculable": "aucune_instance_dirigeante"}
            if governing_bodies is None
            else governing_bodies
        ),
    }


def test_contract_example():
    output = compute_document(document(), source="rep.json")
    assert isinstance(output, RepresentationOutput)
    assert output.model_dump(mode="json") == {
        "source": "rep.json",
        "year": 2025,
        "target_pct": 30,
        "executives": {
            "calculable": True,
            "women_pct": 28.5,
            "men_pct": 71.5,
            "under_represented": "women",
            "meets_target": False,
        },
        "governing_bodies": {
            "calculable": False,
            "reason": "aucune_instance_dirigeante",
            "meets_target": None,
        },
    }


@pytest.mark.parametrize(
    ("year", "target"),
    [(2021, None), (2024, None), (2025, 30), (2027, 30), (2028, 40), (2031, 40), (None, None)],
)
def test_target_by_data_year(year, target):
    got = compute_document(document(year=year)).model_dump(mode="json")
    assert (got["year"], got["target_pct"]) == (year, target)
    if target is None:
        assert got["executives"]["meets_target"] is None


@pytest.mark.parametrize(
    ("women", "men", "year", "under", "meets"),
    [
        (30, 70, 2025, "women", True),
        (29.9, 70.1, 2025, "women", False),
        (70, 30, 2026, "men", True),
        (35, 65, 2028, "women", False),
        (40, 60, 2028, "women", True),
        (50, 50, 2028, None, True),
        (0, 100, 2025, "women", False),
    ],
)
def test_shares_against_the_target(women, men, year, under, meets):
    pair = {"women_pct": women, "men_pct": men}
    got = compute_document(document(year=year, executives=pair)).executives
    assert (got.under_represented, got.meets_target) == (under, meets)


@pytest.mark.parametrize("motive", ["aucun_cadre_dirigeant", "un_seul_cadre_dirigeant"])
def test_executive_motives(motive):
    got = compute_document(document(executives={"not_calculable": motive})).executives
    assert (got.calculable, got.reason, got.meets_target) == (False, motive, None)


def test_33_3_and_66_7_sum_to_exactly_100():
    pair = {"women_pct": 33.3, "men_pct": 66.7}
    assert compute_document(document(governing_bodies=pair)).governing_bodies.meets_target is True


ERRORS = [
    ({"women_pct": 30, "men_pct": 69}, "pair_sum_not_100", "executives"),
    ({"women_pct": 30.25, "men_pct": 69.75}, "too_many_decimals", "executives.women_pct"),
    ({"women_pct": 101, "men_pct": -1}, "invalid_percentage", "executives.women_pct"),
    ({"women_pct": "30", "men_pct": 70}, "invalid_percentage", "executives.women_pct"),
    ({"women_pct": 30}, "incomplete_pair", "executives.men_pct"),
    ({}, "incomplete_pair", "executives.women_pct"),
    (
        {"not_calculable": "aucune_instance_dirigeante"},
        "unknown_motive",
        "executives.not_calculable",
    ),
    (
        {"not_calculable": "aucun_cadre_dirigeant", "women_pct": 50},
        "motive_with_percentages",
        "executives.not_calculable",
    ),
    ({"women_pct": 30, "men_pct": 70, "total": 100}, "unknown_field", "executives.total"),
]


@pytest.mark.parametrize(("pair", "code", "where"), ERRORS)
def test_invalid_pairs(pair, code, where):
    with pytest.raises(EngineError) as caught:
        compute_document(document(executives=pair))
    assert (caught.value.code, caught.value.where) == (code, where)


def test_governing_bodies_motive_is_checked_too():
    with pytest.raises(EngineError) as caught:
        compute_document(document(governing_bodies={"not_calculable": "aucun_cadre_dirigeant"}))
    assert (caught.value.code, caught.value.where) == (
        "unknown_motive",
        "governing_bodies.not_calculable",
    )


def test_both_pairs_are_required():
    with pytest.raises(EngineError) as caught:
        compute_document(removed(document(), "governing_bodies"))
    assert (caught.value.code, caught.value.where) == ("missing_field", "governing_bodies")


def test_bad_year():
    with pytest.raises(EngineError) as caught:
        compute_document(changed(document(), "year", "2025"))
    assert (caught.value.code, caught.value.where) == ("invalid_year", "year")
