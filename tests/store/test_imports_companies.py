"""Importing companies: the simple list and the official open-data export, on both backends."""

import pytest

from store import companies
from store.imports.companies import import_companies
from store.imports.reading import UnreadableFile
from store.imports.report import render
from tests.store.import_files import (
    OPEN_DATA_HEADER,
    invalid_siren,
    valid_siren,
    valid_siret,
    write_csv,
    write_xlsx,
)

ACME = valid_siren(55210055)
BETA = valid_siren(73282932)
GAMMA = valid_siren(54205118)
DELTA = valid_siren(1234567)  # starts with 0
MEMBER_1 = valid_siren(44306184)
MEMBER_2 = valid_siren(38012986)

SIMPLE = [
    ["SIREN", "Raison sociale", "Département", "Région", "Tranche d'effectifs"],
    ["552 100 554", "Société Générale", "Hérault", "Occitanie", "50 à 250"],  # row 2
    [valid_siret(BETA, 16), "Beta", "2a", "", "1000 et plus"],  # row 3
    [invalid_siren(1), "Bad key", "Paris", "", "50 à 250"],  # row 4
    [GAMMA, "Gamma", "Paris", "", "entre 10 et 20"],  # row 5
    [GAMMA, "Gamma", "Atlantis", "", "251 à 999"],  # row 6
    [ACME, "Acme again", "Paris", "", "50 à 250"],  # row 7: duplicate of row 2
    ["", "No SIREN", "Paris", "", ""],  # row 8
    [DELTA, "Delta", "", "Bretagne", "251:999"],  # row 9
]


async def _company(db, siren):
    async with db.session() as session:
        return await companies.get(session, siren)


def _reasons(report):
    return {refusal.row: refusal.text() for refusal in report.refused}


@pytest.mark.parametrize(
    ("delimiter", "encoding", "bom"),
    [(";", "utf-8", False), (",", "utf-8", True), (";", "cp1252", False)],
)
async def test_simple_list_is_imported_with_reasons_for_refused_rows(
    db, tmp_path, delimiter, encoding, bom
):
    path = write_csv(tmp_path / "c.csv", SIMPLE, delimiter=delimiter, encoding=encoding, bom=bom)
    report = await import_companies(db, path)

    assert (report.layout, report.added, report.updated, report.unchanged) == ("simple", 3, 0, 0)
    assert _reasons(report) == {
        4: f"SIREN « {invalid_siren(1)} » : clé de contrôle invalide",
        5: "tranche d'effectifs « entre 10 et 20 » inconnue "
        "(attendu : 50 à 250, 251 à 999 ou 1000 et plus)",
        6: "département « Atlantis » inconnu",
        7: f"SIREN {ACME} déjà présent ligne 2",
        8: "SIREN manquant",
    }
    acme = await _company(db, ACME)
    assert (acme.name, acme.departement, acme.region, acme.workforce_range, acme.source) == (
        "Société Générale",
        "34",
        "Occitanie",
        "50:250",
        "import",
    )
    beta = await _company(db, BETA)
    assert (beta.departement, beta.region, beta.workforce_range) == ("2A", "Corse", "1000:")
    delta = await _company(db, DELTA)
    assert (delta.departement, delta.region) == (None, "Bretagne")
    assert await _company(db, GAMMA) is None


async def test_reimporting_the_same_file_changes_nothing(db, tmp_path):
    path = write_csv(tmp_path / "c.csv", SIMPLE)
    first = await import_companies(db, path)
    before = await _company(db, ACME)
    second = await import_companies(db, path)
    after = await _company(db, ACME)

    assert (second.added, second.updated, second.unchanged) == (0, 0, first.added)
    assert _reasons(second) == _reasons(first)
    assert after.updated_at == before.updated_at is None


async def test_a_later_file_updates_what_changed_and_keeps_what_it_omits(db, tmp_path):
    await import_companies(db, write_csv(tmp_path / "a.csv", SIMPLE))
    later = [
        ["siren", "nom", "tranche"],
        [ACME, "", "251 à 999"],
        [BETA, "Beta", "1000 et plus"],
    ]
    report = await import_companies(db, write_csv(tmp_path / "b.csv", later, delimiter=","))
    acme = await _company(db, ACME)
    assert (report.added, report.updated, report.unchanged, report.refused) == (0, 1, 1, [])
    assert (acme.name, acme.departement, acme.workforce_range) == (
        "Société Générale",
        "34",
        "251:999",
    )
    assert acme.updated_at is not None


async def test_xlsx_with_numeric_sirens(db, tmp_path):
    rows = [
        ["SIREN", "Nom", "Département", "Tranche"],
        [int(DELTA), "Delta", 29, "50 à 250"],  # the leading zero was lost by the spreadsheet
        [int(ACME), "Acme", "75", "1000 et plus"],
    ]
    report = await import_companies(db, write_xlsx(tmp_path / "c.xlsx", rows))
    delta = await _company(db, DELTA)
    assert (report.added, report.refused) == (2, [])
    assert (delta.name, delta.departement, delta.region) == ("Delta", "29", "Bretagne")


def _open_data_row(year, siren, name, band, departement, notes, index, **extra):
    row = dict.fromkeys(OPEN_DATA_HEADER, "")
    row.update(
        {
            "Année": year,
            "Structure": "Entreprise",
            "Tranche d'effectifs": band,
            "SIREN": siren,
            "Raison Sociale": name,
            "Département": departement,
            "Région": "Île-de-France" if departement in ("Paris", "Hauts-de-Seine") else "",
            "Pays": "FRANCE",
            "Code NAF": "70.10Z - Activités des sièges sociaux",
            "Note Index": index,
        }
    )
    row.update(notes)
    row.update(extra)
    return [row[column] for column in OPEN_DATA_HEADER]


OPEN_DATA = [
    OPEN_DATA_HEADER,
    # row 2: the later year comes first; it must win whatever the order
    _open_data_row(
        2023,
        ACME,
        "Acme SAS",
        "251 à 999",
        "Hauts-de-Seine",
        {
            "Note Ecart rémunération": 39,
            "Note Ecart taux d'augmentation (hors promotion)": 20,
            "Note Ecart taux de promotion": 15,
            "Note Retour congé maternité": 15,
            "Note Hautes rémunérations": 5,
        },
        94,
    ),
    # row 3
    _open_data_row(
        2022,
        ACME,
        "Acme",
        "50 à 250",
        "Paris",
        {
            "Note Ecart rémunération": 35,
            "Note Ecart taux d'augmentation": 35,
            "Note Retour congé maternité": "NC",
            "Note Hautes rémunérations": 0,
        },
        "NC",
    ),
    # row 4: an UES declared by BETA
    _open_data_row(
        2023,
        BETA,
        "Beta Holding",
        "1000 et plus",
        "Rhône",
        {"Note Ecart rémunération": 40, "Note Hautes rémunérations": 10},
        88,
        **{
            "Structure": "Unité Economique et Sociale (UES)",
            "Nom UES": "UES Beta",
            "Entreprises UES (SIREN)": f"Beta Services ({MEMBER_1}), Beta Log ({MEMBER_2})",
        },
    ),
    # row 5: refused, bad note
    _open_data_row(2023, GAMMA, "Gamma", "50 à 250", "Paris", {"Note Ecart rémunération": "x"}, 80),
    # row 6: refused, bad year
    _open_data_row("2023/24", GAMMA, "Gamma", "50 à 250", "Paris", {}, 80),
    # row 7: refused, same SIREN and year as row 2
    _open_data_row(2023, ACME, "Acme SAS", "251 à 999", "Hauts-de-Seine", {}, 90),
]


@pytest.mark.parametrize("writer", ["csv", "xlsx"])
async def test_open_data_export_keeps_every_year_and_the_latest_company_details(
    db, tmp_path, writer
):
    if writer == "csv":
        path = write_csv(tmp_path / "index-egalite-fh.csv", OPEN_DATA)
    else:
        path = write_xlsx(tmp_path / "index-egalite-fh.xlsx", OPEN_DATA)
    report = await import_companies(db, path)

    assert (report.layout, report.added, report.updated, report.unchanged) == ("open_data", 3, 0, 0)
    assert _reasons(report) == {
        5: "note « x » invalide dans la colonne « Note Ecart rémunération » "
        "(nombre de 0 à 100 ou NC)",
        6: "année « 2023/24 » invalide",
        7: f"SIREN {ACME} déjà présent pour cette année ligne 2",
    }
    acme = await _company(db, ACME)
    assert (acme.name, acme.workforce_range, acme.departement, acme.region) == (
        "Acme SAS",
        "251:999",
        "92",
        "Île-de-France",
    )
    assert (acme.naf_code, acme.source) == ("70.10Z", "open_data")
    async with db.session() as session:
        acme_history = await companies.history_of(session, ACME)
        beta_history = await companies.history_of(session, BETA)
        members = [await companies.get(session, siren) for siren in (MEMBER_1, MEMBER_2)]
    old, new = acme_history
    assert (old.year, old.index, old.workforce_range) == (2022, None, "50:250")
    assert old.notes == {
        "indicator1": 35,
        "indicator2and3": 35,
        "indicator4": "nc",
        "indicator5": 0,
        "index": "nc",
    }
    assert (new.year, new.index, new.notes["indicator2"], new.ues_name) == (2023, 94, 20, None)
    (beta,) = beta_history
    assert (beta.ues_name, beta.ues_sirens, beta.index) == ("UES Beta", [MEMBER_1, MEMBER_2], 88)
    assert members == [None, None]  # UES members are kept on the declaration, not as companies


async def test_reimporting_the_open_data_export_changes_nothing(db, tmp_path):
    path = write_csv(tmp_path / "index.csv", OPEN_DATA)
    await import_companies(db, path)
    again = await import_companies(db, path)
    assert (again.added, again.updated, again.unchanged, len(again.refused)) == (0, 0, 3, 3)


async def test_an_older_export_does_not_undo_newer_company_details(db, tmp_path):
    await import_companies(db, write_csv(tmp_path / "new.csv", OPEN_DATA[:4]))
    async with db.session() as session:
        beta = await companies.get(session, BETA)
        beta.naf_code = None  # unknown so far: an older year may still fill it
    older = [
        OPEN_DATA_HEADER,
        _open_data_row(2021, ACME, "Acme (ancien nom)", "50 à 250", "Paris", {}, 70),
        _open_data_row(2021, BETA, "Beta (ancien nom)", "251 à 999", "Rhône", {}, 75),
    ]
    report = await import_companies(db, write_csv(tmp_path / "old.csv", older))
    acme = await _company(db, ACME)
    beta = await _company(db, BETA)
    assert (report.added, report.refused) == (2, [])
    assert (acme.name, acme.workforce_range, acme.departement) == ("Acme SAS", "251:999", "92")
    assert (beta.name, beta.naf_code) == ("Beta Holding", "70.10Z")
    async with db.session() as session:
        assert [row.year for row in await companies.history_of(session, ACME)] == [2021, 2022, 2023]


async def test_unreadable_files_import_nothing(db, tmp_path):
    with pytest.raises(UnreadableFile) as missing:
        await import_companies(db, tmp_path / "absent.csv")
    no_siren = write_csv(tmp_path / "no-siren.csv", [["Nom", "Département"], ["Acme", "75"]])
    with pytest.raises(UnreadableFile) as columns:
        await import_companies(db, no_siren)
    assert missing.value.reason == "not_found"
    assert (columns.value.reason, columns.value.detail) == ("missing_columns", "SIREN")
    assert columns.value.found == "Nom, Département"


async def test_report_in_french(db, tmp_path):
    report = await import_companies(db, write_csv(tmp_path / "c.csv", SIMPLE))
    text = render(report)
    assert "Import des entreprises depuis" in text
    assert "ajoutées : 3" in text
    assert "refusées : 5" in text
    assert f"ligne 4 : SIREN « {invalid_siren(1)} » : clé de contrôle invalide" in text
    assert text.index("ligne 4 :") < text.index("ligne 8 :")
