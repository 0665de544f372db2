"""Reading import files and their cells (no database)."""

import datetime

import pytest

from store.imports import values
from store.imports.columns import find_header, header_key
from store.imports.reading import UnreadableFile, cell_text, identifier_text, read_rows
from tests.store.import_files import write_csv, write_xlsx

ROWS = [["SIREN", "Raison sociale", "Département"], ["552100554", "Société Générale", "Hérault"]]


@pytest.mark.parametrize(
    ("delimiter", "encoding", "bom"),
    [(";", "utf-8", False), (",", "utf-8", True), (";", "cp1252", False), ("\t", "utf-16", False)],
)
def test_csv_dialects_are_recognised(tmp_path, delimiter, encoding, bom):
    path = write_csv(tmp_path / "f.csv", ROWS, delimiter=delimiter, encoding=encoding, bom=bom)
    rows = read_rows(path)
    assert [row.cells for row in rows] == ROWS
    assert [row.number for row in rows] == [1, 2]


def test_rows_are_numbered_as_the_file_shows_them(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text('SIREN;Nom\n\n552100554;"Deux\nlignes"\n732829320;Trois\n', encoding="utf-8")
    rows = read_rows(path)
    assert [(row.number, row.cells[0]) for row in rows] == [
        (1, "SIREN"),
        (3, "552100554"),
        (5, "732829320"),
    ]


def test_xlsx_rows_keep_their_sheet_row_numbers(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", [["Titre"], [], *ROWS])
    rows = read_rows(path)
    assert [row.number for row in rows] == [1, 3, 4]
    assert rows[2].cells[:2] == ["552100554", "Société Générale"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "not_found"),
        (b"", "empty"),
        (b" \r\n ;;\r\n", "empty"),
        (b"PK\x03\x04 not really a workbook", "spreadsheet"),
        (b"SIREN\x00;x\n", "binary"),
        (b'SIREN;Nom\n552100554;"unterminated\x00', "binary"),
    ],
)
def test_unreadable_files_say_why(tmp_path, content, reason):
    path = tmp_path / "f.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UnreadableFile) as refused:
        read_rows(path)
    assert refused.value.reason == reason


def test_a_directory_is_not_a_file(tmp_path):
    with pytest.raises(UnreadableFile) as refused:
        read_rows(tmp_path)
    assert refused.value.reason == "not_a_file"


def test_header_found_below_title_lines_or_missing_columns_named(tmp_path):
    path = write_csv(tmp_path / "f.csv", [["Export du 3 mars"], *ROWS])
    rows = read_rows(path)
    header = find_header(rows, path, {"SIREN": {"siren"}})
    assert header.row_number == 2
    with pytest.raises(UnreadableFile) as refused:
        find_header(rows, path, {"SIREN": {"siren"}, "email": {"email"}})
    assert refused.value.reason == "missing_columns"
    assert refused.value.detail == "email"


def test_header_keys_forget_case_accents_and_punctuation():
    assert header_key(" Tranche d'effectifs ") == "tranche d effectifs"
    assert header_key("Note Ecart rémunération") == "note ecart remuneration"
    assert header_key("Entreprises UES (SIREN)") == "entreprises ues siren"


def test_cells_as_text():
    assert cell_text(None) == ""
    assert cell_text(552100554.0) == "552100554"
    assert cell_text(2.5) == "2.5"
    assert cell_text(" Paris\u00a0") == "Paris"
    assert cell_text(datetime.date(2024, 3, 1)) == "2024-03-01"
    assert identifier_text(12345674.0) == "012345674"  # a spreadsheet dropped the leading zero
    assert identifier_text(1234567400013) == "01234567400013"
    assert identifier_text("12345674") == "12345674"  # typed text is left alone


@pytest.mark.parametrize(
    ("typed", "band"),
    [
        ("50 à 250", "50:250"),
        ("De 50 à 250 inclus", "50:250"),
        ("50:250", "50:250"),
        ("251 à 999", "251:999"),
        ("1000 et plus", "1000:"),
        ("1 000 et plus", "1000:"),
        ("1000:", "1000:"),
        ("", None),
    ],
)
def test_bands(typed, band):
    assert values.workforce_range(typed) == band


@pytest.mark.parametrize("typed", ["moins de 50", "50 à 249", "250", "grande"])
def test_unknown_bands(typed):
    with pytest.raises(values.BadValue):
        values.workforce_range(typed)


def test_notes():
    assert values.note("39") == 39
    assert values.note(40.0) == 40
    assert values.note("NC") == "nc"
    assert values.note("n.c.") == "nc"
    assert values.note("") is None
    for bad in ("abc", "101", "-1", "12,5"):
        with pytest.raises(values.BadValue):
            values.note(bad)


def test_naf_codes_and_ues_members():
    assert values.naf_code("70.10Z - Activités des sièges sociaux") == "70.10Z"
    assert values.naf_code("7010z") == "70.10Z"
    assert values.naf_code("Commerce") == "Commerce"
    assert values.sirens_in("A (552100554), B (732829320),A (552100554)") == [
        "552100554",
        "732829320",
    ]
