"""The declarations repository on SQLite and PostgreSQL: one declaration per (SIREN, year),
scores recomputed from the stored document, modification window, objectives erased on
modification, objectives and représentation rules."""

import json
from datetime import date, timedelta

import pytest

from store import declarations
from store.declarations import (
    DeclarationError,
    IndexDraft,
    ObjectivesDraft,
    RepresentationDraft,
)
from store.tables.declarations import ObjectivesStatus
from store.types import utcnow
from tests.spec_examples import EXAMPLES_DIR as EXAMPLES

SIREN = "552100554"
YEAR = 2025

# 50-250, results typed in: ind. 1 at 40/40, 2&3 at 15/35, maternity 15/15, top ten 10/10 → 80.
INDEX_80 = {
    "kind": "results",
    "workforce_range": "50:250",
    "indicator1": {"result": 0, "favorable_population": None},
    "indicator2and3": {
        "result": 8.0,
        "result_equivalent_employees": 6.0,
        "favorable_population": "women",
    },
    "indicator4": {"result": 100},
    "indicator5": {"result": 4, "favorable_population": "men"},
}
# Ind. 1 15.5 % (14/40), 2&3 12 % (0/35), maternity 50 % (0/15), top ten 1 (0/10) → 14.
INDEX_14 = {
    "kind": "results",
    "workforce_range": "50:250",
    "indicator1": {"result": 15.5, "favorable_population": "men"},
    "indicator2and3": {
        "result": 12.0,
        "result_equivalent_employees": 12.0,
        "favorable_population": "men",
    },
    "indicator4": {"result": 50},
    "indicator5": {"result": 1, "favorable_population": "men"},
}


def example(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text())["input"]


def draft(document: dict, **changes) -> IndexDraft:
    values = dict(
        siren=SIREN,
        year=YEAR,
        engine_input=document,
        period_end=date(YEAR, 12, 31),
        publication_date=date(YEAR + 1, 2, 1),
        publication_url="https://www.acme.fr/egalite",
        indicator1_mode="csp",
        declarant_email="rh@acme.fr",
        declarant_first_name="Anne",
        declarant_last_name="Martin",
        declarant_phone="01 23 45 67 89",
        plan_relance=False,
    )
    values.update(changes)
    return IndexDraft(**values)


async def save(db, document: dict, **changes) -> declarations.SavedIndex:
    now = changes.pop("now", None)
    async with db.session() as session:
        return await declarations.save_index(session, draft(document, **changes), now=now)


async def refused(db, document: dict, **changes) -> DeclarationError:
    with pytest.raises(DeclarationError) as caught:
        await save(db, document, **changes)
    return caught.value


async def test_scores_are_computed_from_the_stored_document(db):
    raw = example("gen-lt250-nominal.json")
    saved = await save(db, raw)
    row = saved.declaration
    assert saved.created and not saved.objectives_erased
    assert (row.index, row.points, row.max_points) == (95, 95, 100)
    assert row.engine_input["year"] == YEAR  # the confirmed data year goes with the document
    assert row.engine_output["indicators"]["indicator1"]["result"] == 4.1
    assert row.indicator1_mode == "csp"  # taken from the raw document itself
    assert row.objectives_status == ObjectivesStatus.NOT_APPLICABLE
    async with db.session() as session:
        stored = await declarations.get_index(session, SIREN, YEAR)
    assert stored.engine_output == row.engine_output and stored.revision == 1


async def test_one_declaration_per_siren_and_year_modified_in_place(db):
    first = await save(db, INDEX_80)
    second = await save(db, INDEX_14, corrective_measures="me")
    assert second.declaration.id == first.declaration.id
    assert not second.created and second.declaration.revision == 2
    assert second.declaration.index == 14
    assert second.declaration.modified_at is not None
    other_year = await save(db, INDEX_80, year=YEAR - 1, period_end=date(YEAR - 1, 12, 31))
    assert other_year.created and other_year.declaration.id != first.declaration.id


async def test_modifying_erases_the_objectives_and_measures(db):
    saved = await save(db, INDEX_80)
    assert saved.declaration.objectives_status == ObjectivesStatus.TO_FILL
    async with db.session() as session:
        objectives = await declarations.save_objectives(
            session,
            SIREN,
            YEAR,
            ObjectivesDraft(
                texts={"indicator2and3": "Rattraper l'écart d'augmentations en deux ans."},
                objectives_date=date(YEAR + 1, 3, 1),
            ),
            revision=1,
        )
    assert objectives.declaration.objectives_status == ObjectivesStatus.FILLED
    modified = await save(db, INDEX_80, publication_date=date(YEAR + 1, 2, 15))
    assert modified.objectives_erased
    assert modified.declaration.objectives_status == ObjectivesStatus.TO_FILL
    async with db.session() as session:
        assert await declarations.objectives_of(session, saved.declaration.id) is None
    # Objectives typed against the former revision are refused rather than attached.
    with pytest.raises(DeclarationError) as caught:
        async with db.session() as session:
            await declarations.save_objectives(
                session,
                SIREN,
                YEAR,
                ObjectivesDraft(texts={"indicator2and3": "x"}, objectives_date=date(2026, 3, 1)),
                revision=1,
            )
    assert caught.value.code == "declaration_changed"


async def test_modification_is_refused_a_year_after_the_first_submission(db):
    submitted = utcnow() - timedelta(days=400)
    await save(db, INDEX_80, now=submitted)
    error = await refused(db, INDEX_14, corrective_measures="mne")
    assert error.code == "modification_closed"
    assert error.params["submitted"] == submitted
    assert error.params["until"] == submitted.replace(year=submitted.year + 1)
    async with db.session() as session:
        row = await declarations.get_index(session, SIREN, YEAR)
    assert row.index == 80 and row.revision == 1  # nothing changed


async def test_declaration_rules(db):
    assert (await refused(db, INDEX_80, period_end=date(YEAR + 1, 1, 31))).code == (
        "period_end_not_in_year"
    )
    assert (await refused(db, INDEX_14)).code == "corrective_measures_missing"
    assert (await refused(db, INDEX_80, corrective_measures="mmo")).code == (
        "corrective_measures_forbidden"
    )
    both = await refused(db, INDEX_80, publication_modalities="Affichage")
    assert both.code == "publication_both"
    neither = await refused(db, INDEX_80, publication_url=None)
    assert neither.code == "publication_channel_missing"
    assert (await refused(db, INDEX_80, publication_date=None)).code == "publication_date_missing"
    no_sex = {**INDEX_14, "indicator1": {"result": 15.5, "favorable_population": None}}
    error = await refused(db, no_sex, corrective_measures="me")
    assert (error.code, error.params["indicator"]) == ("favoured_sex_missing", "indicator1")
    decimals = {**INDEX_80, "indicator1": {"result": 1.25, "favorable_population": "men"}}
    assert (await refused(db, decimals)).code == "result_decimals"
    assert (await refused(db, INDEX_80, indicator1_mode=None)).code == "mode_missing"
    level = await refused(db, INDEX_80, indicator1_mode="branch_level")
    assert level.code == "cse_date_missing"
    engine = await refused(db, {**INDEX_80, "workforce_range": "251:999"})
    assert engine.code == "engine_refused"
    async with db.session() as session:
        assert await declarations.get_index(session, SIREN, YEAR) is None


async def test_phone_and_plan_relance_from_2021(db):
    saved = await save(db, INDEX_80, declarant_phone="+33 (0)6 12 34 56 78", plan_relance=True)
    assert (saved.declaration.declarant_phone, saved.declaration.plan_relance) == (
        "0612345678",
        True,
    )
    async with db.session() as session:
        stored = await declarations.get_index(session, SIREN, YEAR)
    assert (stored.declarant_phone, stored.plan_relance) == ("0612345678", True)
    assert (await refused(db, INDEX_80, declarant_phone=None)).code == "phone_missing"
    assert (await refused(db, INDEX_80, declarant_phone="12 34")).code == "phone_invalid"
    assert (await refused(db, INDEX_80, plan_relance=None)).code == "plan_relance_missing"
    # Also when the period is too short: the record asks both from 2021 whatever the period.
    short = await refused(
        db,
        INDEX_14,
        period_sufficient=False,
        publication_url=None,
        publication_date=None,
        plan_relance=None,
    )
    assert short.code == "plan_relance_missing"
    async with db.session() as session:
        assert (await declarations.get_index(session, SIREN, YEAR)).revision == 1


async def test_before_2021_neither_phone_nor_plan_relance_is_required(db):
    saved = await save(
        db,
        INDEX_80,
        year=2020,
        period_end=date(2020, 12, 31),
        publication_date=date(2021, 2, 1),
        declarant_phone=None,
        plan_relance=None,
    )
    assert (saved.declaration.declarant_phone, saved.declaration.plan_relance) == (None, None)
    # Given anyway, a phone is still checked and stored in its national form.
    error = await refused(
        db, INDEX_80, year=2019, period_end=date(2019, 12, 31), declarant_phone="06 12"
    )
    assert error.code == "phone_invalid"


async def test_insufficient_period_declares_no_index(db):
    saved = await save(
        db, INDEX_14, period_sufficient=False, publication_url=None, publication_date=None
    )
    row = saved.declaration
    assert (row.index, row.points, row.corrective_measures) == (None, None, None)
    assert row.objectives_status == ObjectivesStatus.NOT_APPLICABLE


async def objectives_refusal(db, **values) -> DeclarationError:
    with pytest.raises(DeclarationError) as caught:
        async with db.session() as session:
            await declarations.save_objectives(session, SIREN, YEAR, ObjectivesDraft(**values))
    return caught.value


async def test_objectives_rules_for_an_index_from_75_to_84(db):
    await save(db, INDEX_80)
    good = {"indicator2and3": "Rattraper l'écart."}
    day = date(YEAR + 1, 3, 1)
    too_long = await objectives_refusal(
        db, texts={"indicator2and3": "x" * 301}, objectives_date=day
    )
    assert too_long.code == "objective_too_long" and too_long.params["length"] == 301
    at_max = await objectives_refusal(
        db, texts={**good, "indicator1": "Rester à 40."}, objectives_date=day
    )
    assert (at_max.code, at_max.params["note"]) == ("objective_at_maximum", 40)
    measures = await objectives_refusal(db, texts=good, objectives_date=day, measures_date=day)
    assert (measures.code, measures.params["index"]) == ("measures_date_forbidden", 80)
    modalities = await objectives_refusal(
        db, texts=good, objectives_date=day, modalities="Affichage"
    )
    assert modalities.code == "modalities_forbidden"  # published on a website
    missing = await objectives_refusal(db, texts={}, objectives_date=day)
    assert (missing.code, missing.params["indicator"]) == ("objective_missing", "indicator2and3")
    early = await objectives_refusal(db, texts=good, objectives_date=date(YEAR, 6, 30))
    assert early.code == "objectives_date_before_period"
    async with db.session() as session:
        saved = await declarations.save_objectives(
            session,
            SIREN,
            YEAR,
            ObjectivesDraft(texts={"indicator2and3": "x" * 300}, objectives_date=day),
        )
    assert saved.created and saved.objectives.objectives == {"indicator2and3": "x" * 300}


async def test_objectives_below_75_need_measures_date_and_modalities(db):
    await save(db, INDEX_14, corrective_measures="me")
    texts = {key: "Objectif." for key in ("indicator1", "indicator2and3", "indicator4")}
    texts["indicator5"] = "Deux femmes de plus parmi les dix plus hautes rémunérations."
    day = date(YEAR + 1, 3, 1)
    assert (await objectives_refusal(db, texts=texts, objectives_date=day)).code == (
        "measures_date_missing"
    )
    no_modalities = await objectives_refusal(
        db, texts=texts, objectives_date=day, measures_date=day
    )
    assert no_modalities.code == "modalities_missing"
    async with db.session() as session:
        saved = await declarations.save_objectives(
            session,
            SIREN,
            YEAR,
            ObjectivesDraft(
                texts=texts, objectives_date=day, measures_date=day, modalities="Intranet"
            ),
        )
    assert saved.objectives.measures_publication_date == day


async def test_no_objectives_for_an_index_of_85_or_more(db):
    await save(db, example("gen-lt250-nominal.json"))
    error = await objectives_refusal(db, texts={}, objectives_date=date(YEAR + 1, 3, 1))
    assert (error.code, error.params["reason"]) == ("objectives_not_applicable", "index_85")


async def test_declared_on_the_official_platform_then_here(db):
    async with db.session() as session:
        row, recorded = await declarations.record_official_platform(
            session, SIREN, YEAR, telegram_user_id=7
        )
        again, recorded_again = await declarations.record_official_platform(session, SIREN, YEAR)
        assert await declarations.set_official_index(session, SIREN, YEAR, 88)
    assert recorded and not recorded_again and again.id == row.id
    assert row.channel == declarations.OFFICIAL_PLATFORM
    assert row.objectives_status == ObjectivesStatus.NOT_APPLICABLE
    saved = await save(db, INDEX_80)
    assert saved.created and saved.declaration.id == row.id
    assert saved.declaration.channel == declarations.ASSISTANT
    async with db.session() as session:
        _, recorded = await declarations.record_official_platform(session, SIREN, YEAR)
        assert not await declarations.set_official_index(session, SIREN, YEAR, 50)
    assert not recorded  # declared here: left as it is


def representation_draft(**changes) -> RepresentationDraft:
    values = dict(
        siren=SIREN,
        year=YEAR,
        executives={"women_pct": 28.5, "men_pct": 71.5},
        governing_bodies={"not_calculable": "aucune_instance_dirigeante"},
        period_end=date(YEAR, 12, 31),
        publication_date=date(YEAR + 1, 2, 20),
        publication_modalities="Affichage dans les locaux",
        declarant_email="rh@acme.fr",
        declarant_first_name="Anne",
        declarant_last_name="Martin",
    )
    values.update(changes)
    return RepresentationDraft(**values)


async def test_representation_is_compared_with_the_target(db):
    async with db.session() as session:
        saved = await declarations.save_representation(session, representation_draft())
    output = saved.declaration.engine_output
    assert saved.created and output["target_pct"] == 30
    assert output["executives"]["meets_target"] is False
    assert output["governing_bodies"]["calculable"] is False
    async with db.session() as session:
        modified = await declarations.save_representation(
            session, representation_draft(executives={"women_pct": 35, "men_pct": 65})
        )
    assert not modified.created and modified.declaration.engine_output["executives"]["meets_target"]
    with pytest.raises(DeclarationError) as caught:
        async with db.session() as session:
            await declarations.save_representation(
                session, representation_draft(executives={"women_pct": 30, "men_pct": 60})
            )
    assert caught.value.code == "engine_refused"
    with pytest.raises(DeclarationError) as caught:
        async with db.session() as session:
            await declarations.save_representation(
                session, representation_draft(publication_modalities=None)
            )
    assert caught.value.code == "publication_channel_missing"
