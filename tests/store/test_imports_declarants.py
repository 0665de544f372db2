"""Importing declarant emails (``siren,email``) on both backends."""

import pytest

from store import companies, declarants
from store.imports.declarants import import_declarants
from store.imports.reading import UnreadableFile
from tests.store.import_files import invalid_siren, valid_siren, write_csv, write_xlsx

ACME = valid_siren(55210055)
BETA = valid_siren(73282932)

ROWS = [
    ["siren", "email"],
    [ACME, "RH@Acme.fr"],  # row 2
    ["552 100 554", "paie@acme.fr "],  # row 3
    [BETA, "rh@beta.fr"],  # row 4: unknown company, created
    [invalid_siren(7), "x@x.fr"],  # row 5
    [ACME, "not-an-email"],  # row 6
    [ACME, ""],  # row 7
    [ACME, "rh@acme.fr"],  # row 8: same as row 2
]


async def _emails(db, siren):
    async with db.session() as session:
        return await declarants.emails_of(session, siren)


async def test_declarants_are_added_and_refused_rows_named(db, tmp_path):
    async with db.session() as session:
        await companies.upsert(session, ACME, name="Acme", departement="75")
    report = await import_declarants(db, write_csv(tmp_path / "d.csv", ROWS, delimiter=","))

    assert (report.added, report.updated, report.unchanged) == (3, 0, 1)
    assert {refusal.row: refusal.text() for refusal in report.refused} == {
        5: f"SIREN « {invalid_siren(7)} » : clé de contrôle invalide",
        6: "courriel « not-an-email » invalide",
        7: "courriel manquant",
    }
    assert await _emails(db, ACME) == ["paie@acme.fr", "rh@acme.fr"]
    assert await _emails(db, BETA) == ["rh@beta.fr"]
    async with db.session() as session:
        beta = await companies.get(session, BETA)
        acme = await companies.get(session, ACME)
    assert beta.source == "import"
    assert (acme.name, acme.source) == ("Acme", "bot")  # an existing company is left as it was


async def test_reimport_reports_everything_unchanged(db, tmp_path):
    path = write_csv(tmp_path / "d.csv", ROWS)
    await import_declarants(db, path)
    again = await import_declarants(db, path)
    assert (again.added, again.updated, again.unchanged, len(again.refused)) == (0, 0, 4, 3)


async def test_columns_in_any_order_with_french_names_or_no_header(db, tmp_path):
    french = write_xlsx(
        tmp_path / "d.xlsx",
        [["Adresse courriel", "Nom", "N° SIREN"], ["rh@acme.fr", "Acme", int(ACME)]],
    )
    bare = write_csv(tmp_path / "bare.csv", [[BETA, "rh@beta.fr"], [ACME, "paie@acme.fr"]])
    first = await import_declarants(db, french)
    second = await import_declarants(db, bare)
    assert (first.added, first.refused) == (1, [])
    assert (second.added, second.refused) == (2, [])
    assert await _emails(db, ACME) == ["paie@acme.fr", "rh@acme.fr"]


async def test_a_file_without_email_column_is_unreadable(db, tmp_path):
    path = write_csv(tmp_path / "d.csv", [["siren", "nom"], [ACME, "Acme"]])
    with pytest.raises(UnreadableFile) as refused:
        await import_declarants(db, path)
    assert (refused.value.reason, refused.value.detail) == (
        "missing_columns",
        "email (ou courriel)",
    )
    assert await _emails(db, ACME) == []
