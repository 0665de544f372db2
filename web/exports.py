"""Exports of a référent's filtered list: CSV the way French Excel opens it (``;``, UTF-8 with
a BOM) and XLSX (XlsxWriter, which never turns a text into a formula here).

Every text cell that a spreadsheet could take for a formula (beginning with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is neutralised with a leading apostrophe (OWASP's advice for
CSV injection); numbers stay numbers.
"""

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

import xlsxwriter

from web.texts import text

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = (
    "column.siren",
    "column.name",
    "column.departement",
    "column.band",
    "column.status",
    "column.index",
    "column.objectives",
    "column.measures",
    "column.late",
    "column.last_reminder",
    "column.open_questions",
)


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table(rows: Iterable, language: str, *, describe: Callable[[Any], list]) -> list[list]:
    """The header and one list of cells per row, every cell neutralised."""
    lines = [[text(key, language) for key in COLUMNS]]
    lines.extend([neutralise(cell) for cell in describe(row)] for row in rows)
    return lines


def to_csv(lines: list[list]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(lines)
    return buffer.getvalue().encode("utf-8-sig")


XLSX_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def to_xlsx(lines: list[list], *, title: str) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, XLSX_OPTIONS)
    sheet = workbook.add_worksheet(title[:31])
    for number, line in enumerate(lines):
        sheet.write_row(number, 0, line)
    sheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()
