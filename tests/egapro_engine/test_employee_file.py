"""Reading employee-level files (engine-contract §5): formats, values, aggregates, errors."""

import contextlib
import csv
import datetime
import io
import math

import pytest
from openpyxl import Workbook

from egapro_engine import EngineError, compute_document
from egapro_engine import employee_sources as sources
from egapro_engine.employee_file import read_employee_file
from egapro_engine.employee_values import CellError, parse_amount

HEADER = [
    "sexe",
    "csp",
    "age",
    "remuneration_etp",
    "remuneration",
    "augmente",
    "promu",
    "retour_conge_maternite",
    "augmentee_retour",
    "exclu",
]
# 16 employees: two complete groups (emp 30-39, ic 50+), one incomplete (ouv under 30),
# one excluded apprentice, a maternity return and raises/promotions.
STAFF = [
    ["F", "emp", "31", "30000", "30000", "oui", "non", "non", "non", "non"],
    ["F", "emp", "35", "31000", "15500", "non", "non", "oui", "oui", "non"],
    ["F", "emp", "39", "32000,5", "32000,5", "oui", "oui", "non", "non", "non"],
    ["H", "emp", "30", "33000", "33000", "oui", "non", "non", "non", "non"],
    ["H", "emp", "33", "34000", "34000", "non", "non", "non", "non", "non"],
    ["H", "emp", "38", "35000", "35000", "non", "oui", "non", "non", "non"],
    ["F", "ic", "50", "60000", "60000", "oui", "non", "non", "non", "non"],
    ["F", "ic", "55", "61000", "61000", "non", "non", "non", "non", "non"],
    ["F", "ic", "60", "62000", "62000", "non", "non", "non", "non", "non"],
    ["H", "ic", "51", "70000", "70000", "oui", "non", "non", "non", "non"],
    ["H", "ic", "52", "71000", "71000", "oui", "non", "non", "non", "non"],
    ["H", "ic", "65", "72000", "72000", "non", "non", "non", "non", "non"],
    ["F", "ouv", "22", "21000", "21000", "non", "non", "non", "non", "non"],
    ["F", "ouv", "25", "22000", "22000", "non", "non", "non", "non", "non"],
    ["H", "tam", "45", "80000", "20000", "non", "non", "non", "non", "non"],
    ["H", "ouv", "17", "", "", "", "", "", "", "oui"],
]


def csv_bytes(rows, header=HEADER, *, delimiter=";", encoding="utf-8", quoting=csv.QUOTE_MINIMAL):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, header=HEADER, *, title_rows=0) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for _ in range(title_rows):
        sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_spreadsheet_cells(row):
    """A CSV row as a spreadsheet would hold it: numbers as numbers, yes/no as booleans."""
    cells = []
    for position, cell in enumerate(row):
        if position in (2, 3, 4):
            with contextlib.suppress(ValueError):
                cell = float(cell.replace(",", "."))
        elif position >= 5:
            cell = {"oui": True, "non": False}.get(cell, cell)
        cells.append(cell)
    return cells


def read(data, filename="staff.csv", **options):
    return read_employee_file(data, filename, **options)


def error_of(data, filename="staff.csv", **options) -> EngineError:
    with pytest.raises(EngineError) as caught:
        read(data, filename, **options)
    return caught.value


def staff_document():
    return read(csv_bytes(STAFF)).raw_document


# --- the aggregated document ------------------------------------------------------------


def test_staff_aggregates_to_the_raw_document_a_person_would_enter():
    aggregate = read(csv_bytes(STAFF))
    document = aggregate.raw_document
    assert aggregate.rows == {"read": 16, "used": 15, "excluded": 1}
    assert document["kind"] == "raw"
    assert document["workforce_range"] == "50:250"
    assert "year" not in document
    assert document["headcount"]["emp"]["30_39"] == {"women": 3, "men": 3}
    assert document["headcount"]["ic"]["50_plus"] == {"women": 3, "men": 3}
    assert document["headcount"]["ouv"]["under_30"] == {"women": 2, "men": 0}
    assert document["headcount"]["tam"]["40_49"] == {"women": 0, "men": 1}
    total = sum(
        cell["women"] + cell["men"]
        for ages in document["headcount"].values()
        for cell in ages.values()
    )
    assert total == 15
    assert document["indicator1"] == {
        "mode": "csp",
        "csp_mean_salaries": {
            "emp": {"30_39": {"women": (30000 + 31000 + 32000.5) / 3, "men": 34000.0}},
            "ic": {"50_plus": {"women": 61000.0, "men": 71000.0}},
        },
    }
    # Raised including promotions: 3 women (one promoted too), 3 men + 1 promoted man.
    assert document["indicator2and3"] == {
        "declared_calculable": True,
        "raised_women": 3,
        "raised_men": 4,
    }
    assert "indicator2" not in document and "indicator3" not in document
    assert document["indicator4"] == {
        "declared_calculable": True,
        "returned_count": 1,
        "raised_count": 1,
    }
    # Top 10 by actual pay: the part-time tam man (80 000 FTE, 20 000 paid) is not in.
    assert document["indicator5"] == {"women": 4, "men": 6}
    assert aggregate.absent_columns == ()
    assert aggregate.columns["pay_fte"] == "remuneration_etp"


def test_the_aggregate_scores_like_any_raw_document():
    document = staff_document()
    output = compute_document(document).model_dump(mode="json")
    assert output["indicators"]["indicator1"]["calculable"] is True
    assert output["indicators"]["indicator4"]["result"] == 100


def test_rates_above_250_are_percentages_of_each_csp_raised_and_promoted():
    rows = STAFF[:-1]
    document = read(csv_bytes(rows), band="251:999").raw_document
    assert document["workforce_range"] == "251:999"
    assert "indicator2and3" not in document
    rates = document["indicator2"]["rate_pct"]
    assert rates["emp"] == {"women": 2 / 3 * 100, "men": 1 / 3 * 100}
    assert rates["ic"] == {"women": 1 / 3 * 100, "men": 2 / 3 * 100}
    assert rates["tam"] == {"women": 0.0, "men": 0.0}
    assert document["indicator2"]["declared_calculable"] is True
    promoted = document["indicator3"]["rate_pct"]
    assert promoted["emp"] == {"women": 1 / 3 * 100, "men": 1 / 3 * 100}


def test_nobody_raised_promoted_or_back_from_leave_is_declared_not_calculable():
    rows = [[*row[:5], "non", "non", "non", "non", row[9]] for row in STAFF]
    small = read(csv_bytes(rows)).raw_document
    assert small["indicator2and3"] == {"declared_calculable": False}
    assert small["indicator4"] == {"declared_calculable": False}
    large = read(csv_bytes(rows), band="1000:").raw_document
    assert large["indicator2"] == {"declared_calculable": False}
    assert large["indicator3"] == {"declared_calculable": False}


def test_optional_columns_may_be_absent():
    header = ["sexe", "csp", "age", "remuneration_etp"]
    rows = [row[:4] for row in STAFF[:-1]]
    aggregate = read(csv_bytes(rows, header))
    assert aggregate.rows == {"read": 15, "used": 15, "excluded": 0}
    assert set(aggregate.absent_columns) == {
        "pay",
        "raised",
        "promoted",
        "maternity_return",
        "maternity_raised",
        "excluded",
    }
    document = aggregate.raw_document
    assert document["indicator2and3"] == {"declared_calculable": False}
    # Without actual pay, the 10 highest FTE pays: the tam man is in.
    assert document["indicator5"] == {"women": 3, "men": 7}


def test_ten_highest_pay_ties_go_to_the_rows_higher_in_the_file():
    header = ["sexe", "csp", "age", "remuneration_etp"]
    rows = [["H", "emp", "30", "50000"]] * 9 + [["F", "emp", "30", "40000"]] * 2
    rows += [["H", "emp", "30", "40000"]]
    assert read(csv_bytes(rows, header)).raw_document["indicator5"] == {"women": 1, "men": 9}


@pytest.mark.parametrize(
    ("headcount", "band"), [(250, "50:250"), (251, "251:999"), (999, "251:999"), (1000, "1000:")]
)
def test_band_follows_the_counted_headcount(headcount, band):
    header = ["sexe", "csp", "age", "remuneration_etp", "exclu"]
    rows = [["F" if i % 2 else "H", "emp", "40", "30000", "non"] for i in range(headcount)]
    rows += [["F", "emp", "40", "30000", "oui"]] * 3  # excluded rows do not count
    assert read(csv_bytes(rows, header)).raw_document["workforce_range"] == band


def test_period_end_gives_the_data_year():
    document = read(csv_bytes(STAFF), period_end=datetime.date(2025, 12, 31)).raw_document
    assert document["year"] == 2025


def test_level_modes_group_by_level_in_order_of_first_appearance():
    header = ["sexe", "csp", "age", "remuneration_etp", "niveau"]
    rows = [
        ["F", "emp", "35", "30000", "B"],
        ["H", "emp", "36", "31000", "A"],
        ["H", "emp", "37", "33000", "B"],
        ["F", "emp", "38", "32000", "B"],
        ["F", "emp", "55", "40000", "A"],
        ["H", "ouv", "25", "20000", "3"],
    ]
    document = read(csv_bytes(rows, header), mode="branch_level").raw_document
    assert document["indicator1"] == {
        "mode": "branch_level",
        "levels": [
            {
                "name": "B",
                "groups": {
                    "30_39": {
                        "women_count": 2,
                        "men_count": 1,
                        "women_mean_salary": 31000.0,
                        "men_mean_salary": 33000.0,
                    }
                },
            },
            {
                "name": "A",
                "groups": {
                    "30_39": {
                        "women_count": 0,
                        "men_count": 1,
                        "women_mean_salary": None,
                        "men_mean_salary": None,
                    },
                    "50_plus": {
                        "women_count": 1,
                        "men_count": 0,
                        "women_mean_salary": None,
                        "men_mean_salary": None,
                    },
                },
            },
            {
                "name": "3",
                "groups": {
                    "under_30": {
                        "women_count": 0,
                        "men_count": 1,
                        "women_mean_salary": None,
                        "men_mean_salary": None,
                    }
                },
            },
        ],
    }
    assert document["headcount"]["emp"]["30_39"] == {"women": 2, "men": 2}
    compute_document(document)  # level totals match the headcount


# --- formats ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        csv_bytes(STAFF, delimiter=","),
        csv_bytes(STAFF, delimiter="\t"),
        csv_bytes(STAFF, quoting=csv.QUOTE_ALL),
        csv_bytes(STAFF, encoding="utf-8-sig"),
        csv_bytes(STAFF, encoding="cp1252"),
        csv_bytes(STAFF, encoding="utf-16"),
        csv_bytes(STAFF).replace(b"\r\n", b"\n"),
        b"\r\n\r\n" + csv_bytes(STAFF) + b"\r\n;;;;;;;;;\r\n\r\n",
    ],
    ids=["comma", "tab", "all-quoted", "bom", "cp1252", "utf16", "lf", "blank-rows"],
)
def test_csv_dialects_and_encodings_give_the_same_document(data):
    assert read(data).raw_document == staff_document()


@pytest.mark.parametrize("quoting", [csv.QUOTE_MINIMAL, csv.QUOTE_ALL])
def test_title_lines_above_the_header_are_passed_over(quoting):
    title = "Export RH, société Exemple\r\nau 31/12/2025\r\n\r\n".encode()
    assert read(title + csv_bytes(STAFF, quoting=quoting)).raw_document == staff_document()
    error = error_of(title + csv_bytes(with_cell(1, 0, "X"), quoting=quoting))
    assert error.where == "row 6, column sexe"


@pytest.mark.parametrize("chunk_rows", [2, 50_000])
def test_lines_of_uneven_length_and_mixed_amount_forms(monkeypatch, chunk_rows):
    monkeypatch.setattr(sources, "CHUNK_ROWS", chunk_rows)
    rows = with_cell(2, 3, "32.000,50")  # a point in this part of the file only
    rows = with_cell(6, 3, "60 000 €", rows)
    data = csv_bytes(rows)
    assert read(data).raw_document == staff_document()
    # A blank line and a short line in the middle: read line by line, same result.
    lines = data.split(b"\r\n")
    lines.insert(5, b"")
    lines[9] = lines[9].rsplit(b";", 1)[0]  # trailing empty cell left out
    assert read(b"\r\n".join(lines)).raw_document == staff_document()


@pytest.mark.parametrize("chunk_rows", [2, 50_000])
def test_messages_quote_cells_as_written(monkeypatch, chunk_rows):
    monkeypatch.setattr(sources, "CHUNK_ROWS", chunk_rows)
    error = error_of(csv_bytes(with_cell(4, 3, "33,000,5")))
    assert (error.code, error.where) == ("invalid_amount", "row 6, column remuneration_etp")
    assert "« 33,000,5 »" in error.message


def test_commas_are_not_points_in_birth_dates():
    header = ["sexe", "csp", "date_naissance", "remuneration_etp"]
    rows = [["F", "emp", "01/02/1990", "30000,5"], ["H", "emp", "01,02,1990", "30000,5"]]
    error = error_of(csv_bytes(rows, header), period_end=datetime.date(2025, 12, 31))
    assert (error.code, error.where) == ("invalid_birth_date", "row 3, column date_naissance")


def test_a_quoted_cell_over_two_lines_is_one_row():
    header = [*HEADER, "commentaire"]
    rows = [[*row, "ligne 1\nligne 2" if i == 0 else ""] for i, row in enumerate(STAFF)]
    rows[2][0] = "X"
    error = error_of(csv_bytes(rows, header))
    assert error.where == "row 4, column sexe"


def test_column_names_ignore_case_accents_spaces_and_punctuation():
    header = [
        "Sexe",
        "Catégorie socio-professionnelle",
        "ÂGE",
        "Rémunération annuelle brute ETP",
        "Rémunération",
        "Augmenté",
        "Promu(e)",
        "Retour congé maternité",
        "Augmentée au retour",
        "Exclu ?",
    ]
    assert read(csv_bytes(STAFF, header), "x.csv").raw_document == staff_document()
    english = [
        "sex",
        "csp",
        "age",
        "pay_fte",
        "pay",
        "raised",
        "promoted",
        "maternity_return",
        "maternity_raised",
        "excluded",
    ]
    assert read(csv_bytes(STAFF, english)).raw_document == staff_document()


def test_unknown_columns_are_ignored():
    header = ["matricule", *HEADER, "nom"]
    rows = [[f"M{i}", *row, "Dupont"] for i, row in enumerate(STAFF)]
    assert read(csv_bytes(rows, header)).raw_document == staff_document()


SPELLINGS = {
    0: {"F": "femme", "H": "Homme"},
    1: {
        "emp": "Employés",
        "ic": "Ingénieurs et cadres",
        "ouv": "Ouvriers",
        "tam": "Techniciens et agents de maîtrise",
    },
    5: {"oui": "1", "non": "0"},
    6: {"oui": "Yes", "non": "no"},
    7: {"oui": "VRAI", "non": ""},
    8: {"oui": "true", "non": "false"},
    9: {"oui": "X", "non": "N"},
}


def test_values_in_words_codes_and_other_languages():
    rows = [
        [SPELLINGS.get(position, {}).get(cell, cell) for position, cell in enumerate(row)]
        for row in STAFF
    ]
    assert read(csv_bytes(rows)).raw_document == staff_document()
    english = [[{"F": "W", "H": "M"}.get(row[0]), *row[1:]] for row in STAFF]
    assert read(csv_bytes(english)).raw_document == staff_document()
    words = [[{"F": "female", "H": "male"}.get(row[0]), *row[1:]] for row in STAFF]
    assert read(csv_bytes(words)).raw_document == staff_document()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("32500", 32500.0),
        ("32500,50", 32500.5),
        ("32500.50", 32500.5),
        ("32 500,50 €", 32500.5),
        ("32\u00a0500,50\u00a0€", 32500.5),
        ("32\u202f500,50", 32500.5),
        ("32.500,50", 32500.5),
        ("32,500.50", 32500.5),
        ("1.234.567", 1234567.0),
        ("1,234,567", 1234567.0),
        ("1 234 567,8 EUR", 1234567.8),
        ("€32500", 32500.0),
        ("  32500  ", 32500.0),
    ],
)
def test_amounts_in_french_and_english_forms(text, value):
    assert parse_amount(text, field_name="pay_fte", positive=True) == value


@pytest.mark.parametrize(
    "text", ["abc", "32,500,5", "3.25.00", "12,34.56", "-5", "0", "nan", "inf", "1e300", "12 %"]
)
def test_amounts_that_are_refused(text):
    with pytest.raises(CellError):
        parse_amount(text, field_name="pay_fte", positive=True)


def in_french_format(amount: str) -> str:
    """``32000,5`` -> ``32 000,50 €``."""
    english = f"{float(amount.replace(',', '.')):,.2f} €"  # 32,000.50 €
    return english.replace(",", " ").replace(".", ",")


def test_a_column_of_amounts_with_thousands_separators_gives_the_same_means():
    rows = [[*row[:3], in_french_format(row[3]) if row[3] else "", *row[4:]] for row in STAFF]
    assert rows[2][3] == "32 000,50 €"
    assert read(csv_bytes(rows)).raw_document == staff_document()


def test_birth_dates_give_the_age_on_the_last_day_of_the_period():
    header = ["sexe", "csp", "date de naissance", "remuneration_etp"]
    end = datetime.date(2025, 12, 31)
    rows = [
        ["F", "emp", "31/12/1995", "30000"],  # 30 that very day
        ["F", "emp", "1996-01-01", "30000"],  # still 29
        ["H", "emp", "01.01.1975", "30000"],  # 50
        ["H", "emp", "02-01-1976 ", "30000"],  # 49 (day first)
    ]
    headcount = read(csv_bytes(rows, header), period_end=end).raw_document["headcount"]["emp"]
    assert headcount["30_39"] == {"women": 1, "men": 0}
    assert headcount["under_30"] == {"women": 1, "men": 0}
    assert headcount["50_plus"] == {"women": 0, "men": 1}
    assert headcount["40_49"] == {"women": 0, "men": 1}


def test_xlsx_with_typed_cells_gives_the_same_document_as_the_csv():
    rows = [as_spreadsheet_cells(row) for row in STAFF]
    assert read(xlsx_bytes(rows), "staff.xlsx").raw_document == staff_document()


def test_xlsx_is_recognised_by_its_content_whatever_its_name():
    rows = [as_spreadsheet_cells(row) for row in STAFF]
    assert read(xlsx_bytes(rows), "export.csv").raw_document == staff_document()


def test_xlsx_with_text_cells_dates_and_a_title_row():
    header = ["sexe", "csp", "date_naissance", "remuneration_etp", "note"]
    rows = [
        ["F", "Employés", datetime.datetime(1990, 5, 1), "30 000,00 €", "à revoir"],
        ["H", "emp", datetime.date(1990, 6, 1), 31000, None],
        ["H", "emp", "15/07/1989", "32000", None],
    ]
    data = xlsx_bytes(rows, header, title_rows=2)
    aggregate = read(data, "staff.xlsx", period_end=datetime.date(2025, 12, 31))
    assert aggregate.raw_document["headcount"]["emp"]["30_39"] == {"women": 1, "men": 2}
    assert aggregate.raw_document["indicator1"]["csp_mean_salaries"] == {
        "emp": {"30_39": {"women": 30000.0, "men": 31500.0}}
    }
    rows[2][2] = "32/07/1989"
    error = error_of(
        xlsx_bytes(rows, header, title_rows=2), "staff.xlsx", period_end=datetime.date(2025, 12, 31)
    )
    assert (error.code, error.where) == ("invalid_birth_date", "row 6, column date_naissance")


def test_xlsx_title_rows_are_passed_over():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Salariés au 31/12/2025"])
    sheet.append([])
    sheet.append(HEADER)
    for row in with_cell(1, 0, "X"):
        sheet.append(as_spreadsheet_cells(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert error_of(buffer.getvalue(), "staff.xlsx").where == "row 5, column sexe"


def test_xlsx_uses_the_first_sheet_holding_the_columns():
    workbook = Workbook()
    workbook.active.title = "Notice"
    workbook.active.append(["Mode d'emploi : une ligne par salarié"])
    sheet = workbook.create_sheet("Salariés")
    sheet.append(HEADER)
    for row in STAFF:
        sheet.append(as_spreadsheet_cells(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read(buffer.getvalue(), "staff.xlsx").raw_document == staff_document()


@pytest.mark.parametrize("chunk_rows", [1, 2, 5])
def test_chunked_reading_gives_the_same_document_and_rows(monkeypatch, chunk_rows):
    expected = staff_document()
    monkeypatch.setattr(sources, "CHUNK_ROWS", chunk_rows)
    assert read(csv_bytes(STAFF)).raw_document == expected
    assert read(csv_bytes(STAFF, quoting=csv.QUOTE_ALL)).raw_document == expected
    rows = [as_spreadsheet_cells(row) for row in STAFF]
    assert read(xlsx_bytes(rows), "staff.xlsx").raw_document == expected


# --- errors -----------------------------------------------------------------------------


def with_cell(row_index: int, column: int, value: str, rows=STAFF) -> list[list[str]]:
    changed = [list(row) for row in rows]
    changed[row_index][column] = value
    return changed


@pytest.mark.parametrize(
    ("column", "value", "code", "name"),
    [
        (0, "X", "invalid_sex", "sexe"),
        (0, "", "missing_value", "sexe"),
        (1, "cadre sup", "invalid_csp", "csp"),
        (2, "trente", "invalid_age", "age"),
        (2, "12", "invalid_age", "age"),
        (2, "34,5", "invalid_age", "age"),
        (3, "", "missing_value", "remuneration_etp"),
        (3, "1O000", "invalid_amount", "remuneration_etp"),
        (3, "-30000", "invalid_amount", "remuneration_etp"),
        (4, "beaucoup", "invalid_amount", "remuneration"),
        (4, "", "missing_value", "remuneration"),
        (5, "peut-être", "invalid_boolean", "augmente"),
        (6, "2", "invalid_boolean", "promu"),
        (9, "plutôt", "invalid_boolean", "exclu"),
    ],
)
def test_an_unreadable_cell_names_its_row_and_column(column, value, code, name):
    error = error_of(csv_bytes(with_cell(6, column, value)))
    assert (error.code, error.where) == (code, f"row 8, column {name}")
    assert error.message.startswith(f"Ligne 8, colonne « {name} »")
    assert "attendu" in error.message
    spreadsheet = [as_spreadsheet_cells(row) for row in with_cell(6, column, value)]
    error = error_of(xlsx_bytes(spreadsheet), "staff.xlsx")
    assert (error.code, error.where) == (code, f"row 8, column {name}")


@pytest.mark.parametrize("chunk_rows", [1, 3, 50_000])
@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ([(9, 0, "X"), (8, 3, "n/a")], "row 10, column remuneration_etp"),
        ([(9, 0, "X"), (8, 5, "??"), (8, 3, "n/a")], "row 10, column remuneration_etp"),
        ([(12, 2, ""), (10, 4, "abc")], "row 12, column remuneration"),
        ([(10, 9, "peut-être"), (3, 3, "")], "row 5, column remuneration_etp"),
        ([(10, 9, "peut-être"), (3, 4, "")], "row 5, column remuneration"),
        ([(5, 8, "oui"), (9, 1, "?")], "row 7, column augmentee_retour"),
    ],
)
def test_the_first_error_in_reading_order_is_reported(monkeypatch, chunk_rows, changes, where):
    monkeypatch.setattr(sources, "CHUNK_ROWS", chunk_rows)
    rows = STAFF
    for row, column, value in changes:
        rows = with_cell(row, column, value, rows)
    assert error_of(csv_bytes(rows)).where == where
    spreadsheet = [as_spreadsheet_cells(row) for row in rows]
    assert error_of(xlsx_bytes(spreadsheet), "staff.xlsx").where == where


def test_excluded_rows_need_no_other_cell():
    rows = [*STAFF, [""] * 9 + ["oui"], ["?"] * 5 + [""] * 4 + ["oui"]]
    aggregate = read(csv_bytes(rows))
    assert aggregate.rows == {"read": 18, "used": 15, "excluded": 3}
    assert aggregate.raw_document == staff_document()


def test_a_raise_on_return_without_a_return_is_refused():
    error = error_of(csv_bytes(with_cell(0, 8, "oui")))
    assert (error.code, error.where) == ("inconsistent_maternity", "row 2, column augmentee_retour")
    assert "retour_conge_maternite" in error.message


def test_a_row_longer_than_the_header_is_refused():
    text = csv_bytes(STAFF, delimiter=",").decode().replace('"32000,5"', "32000,5")
    error = error_of(text.encode())
    assert (error.code, error.where) == ("extra_cells", "row 4")
    assert "guillemets" in error.message


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b"  \r\n\r\n", "empty_file"),
        (";".join(HEADER).encode() + b"\r\n", "no_data_rows"),
        (";".join(HEADER).encode() + b"\r\n;;;;;;;;;\r\n", "no_data_rows"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary_file"),
        (b"\xff\xfe" + "é".encode("utf-16-le") + b"\x00\xd8", "unknown_encoding"),
        ("é".encode()[:1] + b"\x81\x8d", "unknown_encoding"),
    ],
    ids=["empty", "blank", "header-only", "header-and-blank", "png", "bad-utf16", "bad-bytes"],
)
def test_files_that_are_not_readable_tables(data, code):
    error = error_of(data)
    assert error.code == code
    assert error.message


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"PK\x03\x04" + bytes(range(256)) * 4, "staff.xlsx"),
        (b"this is not a workbook", "staff.xlsx"),
        (xlsx_bytes([as_spreadsheet_cells(row) for row in STAFF])[:2000], "staff.xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "staff.xls"),
    ],
    ids=["zip-garbage", "text", "truncated", "ole-garbage"],
)
def test_unreadable_workbooks(data, name):
    assert error_of(data, name).code == "unreadable_spreadsheet"


def test_an_empty_workbook_is_an_empty_file():
    assert error_of(xlsx_bytes([], header=[]), "staff.xlsx").code == "empty_file"


def test_all_rows_excluded():
    rows = [[*row[:9], "oui"] for row in STAFF]
    error = error_of(csv_bytes(rows))
    assert (error.code, error.where) == ("no_counted_employee", "column exclu")


def test_a_missing_column_lists_the_accepted_names_and_the_columns_found():
    error = error_of(csv_bytes([row[1:] for row in STAFF], HEADER[1:]))
    assert (error.code, error.where) == ("missing_column", "row 1")
    assert "sexe" in error.message and "genre" in error.message
    assert "« remuneration_etp »" in error.message
    header = ["sexe", "csp", "remuneration_etp"]
    error = error_of(csv_bytes([[row[0], row[1], row[3]] for row in STAFF], header))
    assert error.code == "missing_column" and "date_naissance" in error.message
    error = error_of(csv_bytes(STAFF), mode="other_level")
    assert error.code == "missing_column" and "niveau" in error.message


def test_a_column_given_twice_is_refused():
    header = ["Sexe", "genre", *HEADER[1:]]
    rows = [[row[0], *row] for row in STAFF]
    error = error_of(csv_bytes(rows, header))
    assert (error.code, error.where) == ("duplicate_column", "row 1")
    assert "« Sexe »" in error.message and "« genre »" in error.message


def test_birth_dates_need_the_end_of_the_period():
    header = ["sexe", "csp", "Date de naissance", "remuneration_etp"]
    error = error_of(csv_bytes([["F", "emp", "01/01/1990", "30000"]], header))
    assert (error.code, error.where) == ("period_end_required", "column Date de naissance")
    assert "--period-end" in error.message


@pytest.mark.parametrize("value", ["31/02/1990", "1990/01/01", "hier", "01/01/2020"])
def test_unreadable_or_impossible_birth_dates(value):
    header = ["sexe", "csp", "date_naissance", "remuneration_etp"]
    rows = [["F", "emp", "01/01/1990", "30000"], ["H", "emp", value, "30000"]]
    error = error_of(csv_bytes(rows, header), period_end=datetime.date(2025, 12, 31))
    assert (error.code, error.where) == ("invalid_birth_date", "row 3, column date_naissance")


def test_level_cells_are_required_in_level_modes():
    header = ["sexe", "csp", "age", "remuneration_etp", "niveau"]
    rows = [["F", "emp", "35", "30000", "A"], ["H", "emp", "35", "30000", " "]]
    error = error_of(csv_bytes(rows, header), mode="other_level")
    assert (error.code, error.where) == ("missing_value", "row 3, column niveau")
    # In CSP mode the level column is not read.
    assert read(csv_bytes(rows, header)).rows["used"] == 2


@pytest.mark.parametrize(
    ("options", "code"),
    [({"band": "50-250"}, "invalid_workforce_range"), ({"mode": "level"}, "invalid_mode")],
)
def test_bad_options(options, code):
    assert error_of(csv_bytes(STAFF), **options).code == code


def test_means_are_exactly_rounded_whatever_the_row_order():
    header = ["sexe", "csp", "age", "remuneration_etp"]
    pays = ["0,1"] * 10 + ["999999999,9", "0,3"]
    rows = [["F", "emp", "35", pay] for pay in pays] + [["H", "emp", "35", "1"]] * 3
    means = []
    for order in (rows, rows[::-1], rows[5:] + rows[:5]):
        document = read(csv_bytes(order, header)).raw_document
        means.append(document["indicator1"]["csp_mean_salaries"]["emp"]["30_39"]["women"])
    assert means[0] == means[1] == means[2] == math.fsum([0.1] * 10 + [999999999.9, 0.3]) / 12
    assert sum([0.1] * 10) != 1.0  # a running sum would drift
