"""Référents: import (CSV and XLSX), list, scope, question routing, unplaced companies."""

import pytest

from store import companies, questions, referents
from store.imports.reading import UnreadableFile
from store.imports.referents import import_referents
from store.imports.report import render
from tests.egapro_assistant.test_import_commands import cli  # noqa: F401
from tests.store.import_files import valid_siren, write_csv, write_xlsx

HEADER = ["Région", "Département", "Nom", "Email"]
ROWS = [
    HEADER,
    ["Nouvelle-Aquitaine", "Gironde", "Alice Martin", "Alice.Martin@dreets.gouv.fr"],
    ["", "33", "Alice Martin", "alice.martin@dreets.gouv.fr"],  # same territory again
    ["Nouvelle-Aquitaine", "Landes", "Alice Martin", "alice.martin@dreets.gouv.fr"],
    ["Bretagne", "", "Bruno Le Goff", "bruno@dreets.gouv.fr"],  # the whole région
    ["Bretagne", "Gironde", "Chloé", "chloe@dreets.gouv.fr"],  # not in that région
    ["", "Atlantide", "Denis", "denis@dreets.gouv.fr"],
    ["Normandie", "", "Eve", "pas-une-adresse"],
    ["", "", "Fanny", "fanny@dreets.gouv.fr"],
    ["Narnia", "", "Gil", "gil@dreets.gouv.fr"],
]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
async def test_import_reports_each_row_and_is_idempotent(db, tmp_path, kind):
    writer = write_csv if kind == "csv" else write_xlsx
    path = writer(tmp_path / f"referents.{kind}", ROWS)

    first = await import_referents(db, path)
    second = await import_referents(db, path)

    assert (first.added, first.updated, first.unchanged) == (2, 1, 1)
    reasons = {refusal.row: refusal.text() for refusal in first.refused}
    assert reasons == {
        6: "département « Gironde » hors de la région Bretagne",
        7: "département « Atlantide » inconnu",
        8: "courriel « pas-une-adresse » invalide",
        9: "ni département ni région",
        10: "région « Narnia » inconnue",
    }
    assert (second.added, second.updated, second.unchanged) == (0, 0, 4)
    assert "ligne 6 : département « Gironde » hors de la région Bretagne" in render(second)
    async with db.session() as session:
        found = {view.email: view for view in await referents.list_all(session)}
    assert found["alice.martin@dreets.gouv.fr"].departements == ("33", "40")
    assert found["bruno@dreets.gouv.fr"].departements == ("22", "29", "35", "56")
    assert found["bruno@dreets.gouv.fr"].regions == ("Bretagne",)


async def test_a_renamed_referent_is_updated(sqlite_db, tmp_path):
    await import_referents(sqlite_db, write_csv(tmp_path / "a.csv", ROWS[:2]))
    renamed = [
        HEADER,
        ["Nouvelle-Aquitaine", "Gironde", "Alice Dupont", "alice.martin@dreets.gouv.fr"],
    ]
    report = await import_referents(sqlite_db, write_csv(tmp_path / "b.csv", renamed))
    assert (report.added, report.updated, report.unchanged) == (0, 1, 0)
    async with sqlite_db.session() as session:
        [alice] = await referents.list_all(session)
    assert alice.name == "Alice Dupont"


async def test_a_file_without_an_email_column_is_unreadable(sqlite_db, tmp_path):
    path = write_csv(tmp_path / "bad.csv", [["Région", "Nom"], ["Bretagne", "Bruno"]])
    with pytest.raises(UnreadableFile) as caught:
        await import_referents(sqlite_db, path)
    assert caught.value.reason == "missing_columns"


async def test_questions_go_to_the_departement_referents_else_to_the_operator(db, tmp_path):
    await import_referents(db, write_csv(tmp_path / "r.csv", ROWS))
    bordeaux, rennes, nowhere = valid_siren(11111111), valid_siren(22222222), valid_siren(3333333)
    async with db.session() as session:
        await companies.upsert(session, bordeaux, name="Bordeaux SA", departement="33")
        await companies.upsert(session, rennes, name="Rennes SA", departement="35")
        await companies.upsert(session, nowhere, name="Nulle part")
        fallback = ["operateur@egapro.local"]
        assert await questions.question_recipients(session, bordeaux, fallback=fallback) == [
            "alice.martin@dreets.gouv.fr"
        ]
        assert await questions.question_recipients(session, rennes, fallback=fallback) == [
            "bruno@dreets.gouv.fr"
        ]
        assert await questions.question_recipients(session, nowhere, fallback=fallback) == fallback
        assert await questions.question_recipients(session, None, fallback=fallback) == fallback


def test_cli_import_list_and_unplaced(cli, tmp_path):  # noqa: F811
    path = write_csv(tmp_path / "referents.csv", ROWS)
    first = cli("referents", "import", str(path))
    assert first.returncode == 0, first.stderr
    assert "ajoutées : 2" in first.stdout
    assert "ligne 7 : département « Atlantide » inconnu" in first.stdout
    listed = cli("referents", "list")
    assert "alice.martin@dreets.gouv.fr\tAlice Martin\tNouvelle-Aquitaine\t33 40" in listed.stdout
    assert "bruno@dreets.gouv.fr\tBruno Le Goff\tBretagne\t22 29 35 56" in listed.stdout

    companies_file = write_csv(
        tmp_path / "entreprises.csv",
        [
            ["SIREN", "Raison sociale", "Département", "Tranche"],
            [valid_siren(11111111), "Placée", "Gironde", "50 à 250"],
            [valid_siren(22222222), "Sans lieu", "", "1000 et plus"],
        ],
    )
    assert cli("companies", "import", str(companies_file)).returncode == 0
    unplaced = cli("companies", "unplaced")
    assert unplaced.returncode == 0, unplaced.stderr
    assert "Entreprises sans département connu (vues d'aucun référent) : 1" in unplaced.stdout
    assert f"{valid_siren(22222222)}\tSans lieu\t1000:" in unplaced.stdout
    assert "Placée" not in unplaced.stdout
