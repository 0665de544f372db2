"""Declarations exported in the official record shape (index-rules §13, §12), checked by the
field rules of §11/§13: every example of spec/examples, declared with its objectives when they
are due, gives a valid record; each broken rule is caught."""

import asyncio
import copy
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from store import declarations
from store.declarations import IndexDraft, ObjectivesDraft, RepresentationDraft
from store.official_record import index_record, representation_record
from store.official_record_check import problems
from store.tables.companies import Company
from tests.spec_examples import EXAMPLES_DIR, example_paths

EXAMPLES = example_paths()
SIREN = "552100554"
YEAR = 2025
COMPANY = Company(siren=SIREN, name="Acme Industrie", naf_code="25.62A", departement="75")


def example(path: Path) -> dict:
    return json.loads(path.read_text())


async def declare(db, document: dict, *, url: str | None = "https://www.acme.fr/egalite"):
    """Declare ``document`` as a company would, with objectives when they are due."""
    _, output = declarations.compute_index(document, YEAR)
    index = output["index"]
    level_mode = (document.get("indicator1") or {}).get("mode") in ("branch_level", "other_level")
    draft = IndexDraft(
        siren=SIREN,
        year=YEAR,
        engine_input=document,
        period_end=date(YEAR, 12, 31),
        publication_date=date(YEAR + 1, 2, 1),
        publication_url=url,
        publication_modalities=None if url else "Affichage",
        corrective_measures="me" if index is not None and index < 75 else None,
        indicator1_mode="csp",
        cse_consultation_date=date(YEAR, 1, 15) if level_mode else None,
        declarant_email="rh@acme.fr",
        declarant_first_name="Anne",
        declarant_last_name="Martin",
        declarant_phone="+33 1 23 45 67 89",
        plan_relance=False,
    )
    async with db.session() as session:
        saved = await declarations.save_index(session, draft)
        objectives = None
        if declarations.objectives_refusal(saved.declaration) is None:
            below = index < 75
            objectives = (
                await declarations.save_objectives(
                    session,
                    SIREN,
                    YEAR,
                    ObjectivesDraft(
                        texts={
                            key: f"Objectif {key}"
                            for key in output["obligations"]["objectives_for"]
                        },
                        objectives_date=date(YEAR + 1, 3, 1),
                        measures_date=date(YEAR + 1, 3, 1) if below else None,
                        modalities="Intranet" if below or not url else None,
                    ),
                )
            ).objectives
    return saved.declaration, objectives


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.stem for path in EXAMPLES])
async def test_every_example_declaration_exports_a_valid_record(sqlite_db, path):
    declaration, objectives = await declare(sqlite_db, example(path)["input"])
    record = index_record(declaration, COMPANY, objectives)
    assert problems(record) == []
    data = record["data"]
    expected = example(path)["expected"]
    assert data["déclaration"].get("index") == expected["index"]
    assert data["déclaration"]["points"] == expected["points"]
    assert data["déclaration"]["points_calculables"] == expected["max_points"]
    assert data["entreprise"]["effectif"]["tranche"] == example(path)["input"]["workforce_range"]
    json.dumps(record)  # plain JSON
    for key, name in (
        ("indicator1", "rémunérations"),
        ("indicator4", "congés_maternité"),
        ("indicator5", "hautes_rémunérations"),
    ):
        wanted = expected["indicators"][key]
        if wanted["calculable"]:
            assert data["indicateurs"][name]["note"] == wanted["note"]
        else:
            assert data["indicateurs"][name] == {"non_calculable": wanted["reason"]}


async def test_record_of_a_raw_declaration_carries_the_group_gaps(sqlite_db):
    document = example(EXAMPLES_DIR / "gen-lt250-nominal.json")["input"]
    declaration, _ = await declare(sqlite_db, document)
    data = index_record(declaration, COMPANY)["data"]
    pay = data["indicateurs"]["rémunérations"]
    # Only employés 30-39 is a valid group: (33 000 − 30 000) / 33 000 = 9.091 %, before the 5 %.
    assert pay["catégories"][1] == {"nom": "emp", "tranches": {"30:39": 9.091}}
    assert [c["tranches"] for c in pay["catégories"] if c["nom"] != "emp"] == [{}, {}, {}]
    assert (pay["mode"], pay["résultat"], pay["population_favorable"]) == ("csp", 4.1, "hommes")
    raises = data["indicateurs"]["augmentations_et_promotions"]
    assert raises["résultat_nombre_salariés"] == 2.0
    assert (raises["note_en_pourcentage"], raises["note_nombre_salariés"]) == (25, 35)
    assert data["entreprise"] == {
        "siren": SIREN,
        "raison_sociale": "Acme Industrie",
        "code_naf": "25.62A",
        "département": "75",
        "plan_relance": False,
        "effectif": {"total": 100, "tranche": "50:250"},
    }
    assert data["déclarant"] == {
        "prénom": "Anne",
        "nom": "Martin",
        "téléphone": "0123456789",
        "email": "rh@acme.fr",
    }


async def test_rate_gaps_by_csp_in_a_large_company(sqlite_db):
    path = EXAMPLES_DIR / "gen-gt250-compensation-both.json"
    declaration, _ = await declare(sqlite_db, example(path)["input"])
    indicators = index_record(declaration, COMPANY)["data"]["indicateurs"]
    gaps = indicators["augmentations"]["catégories"]
    assert len(gaps) == 4 and gaps[0] is None  # ouvriers: fewer than 10 women
    assert "augmentations_et_promotions" not in indicators


@pytest.fixture
async def valid_record(sqlite_db):
    """An index of 82 (objectives due; ind. 1 at its maximum, ind. 4 not calculable)."""
    path = EXAMPLES_DIR / "gen-lt250-2and3-equivalent-wins.json"
    declaration, objectives = await declare(sqlite_db, example(path)["input"])
    record = index_record(declaration, COMPANY, objectives)
    assert problems(record) == []
    return record


def broken(record: dict, change) -> list[str]:
    copied = copy.deepcopy(record)
    change(copied["data"])
    return problems(copied)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda d: d["indicateurs"]["augmentations_et_promotions"].update(résultat=40.25),
            "une décimale",
        ),
        (
            lambda d: d["indicateurs"]["rémunérations"].update(population_favorable="femmes"),
            "population_favorable",
        ),
        (
            lambda d: d["indicateurs"]["hautes_rémunérations"].pop("population_favorable"),
            "sauf si le résultat vaut 5",
        ),
        (lambda d: d["indicateurs"]["congés_maternité"].update(note=0), "non_calculable seul"),
        (
            lambda d: d["indicateurs"].update(augmentations={"non_calculable": "absaugi"}),
            "interdit pour la tranche",
        ),
        (lambda d: d["indicateurs"].pop("augmentations_et_promotions"), "doit être défini"),
        (lambda d: d["déclaration"]["publication"].update(modalités="Affichage"), "s'excluent"),
        (lambda d: d["déclaration"]["publication"].pop("url"), "url ou modalités"),
        (
            lambda d: d["indicateurs"]["rémunérations"].update(
                objectif_de_progression="Rester à 40"
            ),
            "sous sa note maximale",
        ),
        (
            lambda d: d["indicateurs"]["augmentations_et_promotions"].pop(
                "objectif_de_progression"
            ),
            "sous sa note maximale",
        ),
        (
            lambda d: d["indicateurs"]["augmentations_et_promotions"].update(
                objectif_de_progression="x" * 301
            ),
            "300 caractères",
        ),
        (
            lambda d: d["déclaration"]["publication"].update(date_publication_mesures="2026-03-01"),
            "interdite dès 75",
        ),
        (lambda d: d["déclaration"].update(mesures_correctives="mmo"), "mesures_correctives"),
        (lambda d: d["déclaration"].update(index=90), "déclaration.index"),
        (lambda d: d["déclaration"].update(points=71), "somme des notes"),
        (lambda d: d["déclaration"].update(fin_période_référence="2026-06-30"), "dans l'année"),
        (
            lambda d: d["indicateurs"]["congés_maternité"].update(non_calculable="absaugi"),
            "motif non autorisé",
        ),
        (
            lambda d: d["indicateurs"]["rémunérations"].update(
                mode="csp", date_consultation_cse="2024-01-01"
            ),
            "date_consultation_cse",
        ),
        (lambda d: d["déclarant"].pop("nom"), "déclarant.nom"),
        (lambda d: d["déclarant"].pop("téléphone"), "déclarant.téléphone"),
        (lambda d: d["déclarant"].update(téléphone=" "), "déclarant.téléphone"),
        (lambda d: d["entreprise"].pop("plan_relance"), "entreprise.plan_relance"),
        (lambda d: d["entreprise"].update(plan_relance="non"), "entreprise.plan_relance"),
    ],
)
async def test_each_broken_rule_is_reported(valid_record, change, words):
    found = broken(valid_record, change)
    assert any(words in problem for problem in found), found


async def test_phone_and_plan_relance_are_required_from_2021_only(valid_record):
    """Index-rules §11: the "plan de relance" answer from data year 2021; the phone too."""
    for year, required in ((2020, False), (2021, True)):
        record = copy.deepcopy(valid_record)
        record["year"] = record["data"]["déclaration"]["année_indicateurs"] = year
        record["data"]["déclaration"]["fin_période_référence"] = f"{year}-12-31"
        # Objectives exist only from 2021: the 2020 record must not carry them.
        for indicator in record["data"]["indicateurs"].values():
            indicator.pop("objectif_de_progression", None)
        record["data"]["déclaration"]["publication"].pop("date_publication_objectifs", None)
        del record["data"]["déclarant"]["téléphone"]
        del record["data"]["entreprise"]["plan_relance"]
        found = problems(record)
        about = [p for p in found if "téléphone" in p or "plan_relance" in p]
        assert bool(about) is required, found
        if required:
            assert len(about) == 2 and all("à partir de 2021" in p for p in about), about


async def test_objectives_are_refused_for_an_index_of_85_or_more(sqlite_db):
    path = EXAMPLES_DIR / "gen-lt250-nominal.json"
    declaration, objectives = await declare(sqlite_db, example(path)["input"])
    assert objectives is None
    record = index_record(declaration, COMPANY)
    assert problems(record) == []
    record["data"]["indicateurs"]["rémunérations"]["objectif_de_progression"] = "x"
    assert any("interdits pour cet index" in p for p in problems(record))


async def test_representation_record(sqlite_db):
    async with sqlite_db.session() as session:
        saved = await declarations.save_representation(
            session,
            RepresentationDraft(
                siren=SIREN,
                year=YEAR,
                executives={"women_pct": 28.5, "men_pct": 71.5},
                governing_bodies={"not_calculable": "aucune_instance_dirigeante"},
                period_end=date(YEAR, 12, 31),
                publication_date=date(YEAR + 1, 2, 20),
                publication_url="https://www.acme.fr/representation",
                declarant_email="rh@acme.fr",
                declarant_first_name="Anne",
                declarant_last_name="Martin",
            ),
        )
    record = representation_record(saved.declaration, COMPANY)
    assert record["type"] == "representation" and problems(record) == []
    assert record["data"]["indicateurs"]["représentation_équilibrée"] == {
        "pourcentage_femmes_cadres": 28.5,
        "pourcentage_hommes_cadres": 71.5,
        "motif_non_calculabilité_membres": "aucune_instance_dirigeante",
    }
    indicator = record["data"]["indicateurs"]["représentation_équilibrée"]
    indicator["pourcentage_hommes_cadres"] = 70
    assert any("faire 100" in p for p in problems(record))
    indicator["motif_non_calculabilité_cadres"] = "aucune_instance_dirigeante"
    assert any("motif parmi" in p for p in problems(record))


async def test_export_command_writes_the_year_as_json_lines(tmp_path):
    """``egapro-assistant export declarations --year N`` in a subprocess, on a SQLite file."""
    from store import companies, migrate
    from store.database import Database

    url = f"sqlite+aiosqlite:///{tmp_path / 'assistant.db'}"
    database = Database(url)
    await migrate.upgrade_async(database)
    async with database.session() as session:
        await companies.upsert(session, SIREN, name="Acme Industrie")
    path = EXAMPLES_DIR / "gen-lt250-2and3-equivalent-wins.json"
    await declare(database, example(path)["input"])
    async with database.session() as session:
        await declarations.save_representation(
            session,
            RepresentationDraft(
                siren=SIREN,
                year=YEAR,
                executives={"women_pct": 40, "men_pct": 60},
                governing_bodies={"women_pct": 50, "men_pct": 50},
                period_end=date(YEAR, 12, 31),
                publication_date=date(YEAR + 1, 2, 20),
                publication_modalities="Affichage",
                declarant_first_name="Anne",
                declarant_last_name="Martin",
            ),
        )
        await declarations.record_official_platform(session, "732829320", YEAR)
    await database.dispose()

    output = tmp_path / "declarations.jsonl"
    done = await asyncio.to_thread(
        subprocess.run,
        [
            sys.executable,
            "-c",
            "from egapro_assistant.cli import main; main()",
            "export",
            "declarations",
            "--year",
            str(YEAR),
            "--output",
            str(output),
        ],
        env={**os.environ, "EGAPRO_DATABASE_URL": url},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [(line["type"], line["siren"]) for line in lines] == [
        ("index", SIREN),
        ("representation", SIREN),
    ]  # the company that declared on the official platform is not exported
    assert all(problems(line) == [] for line in lines)
    index = lines[0]["data"]
    assert index["entreprise"]["raison_sociale"] == "Acme Industrie"
    assert index["déclaration"]["index"] == 82
    assert index["indicateurs"]["hautes_rémunérations"]["objectif_de_progression"]
    assert "écrites dans" in done.stderr and "1 déclaration(s) d'index" in done.stderr
