"""Build import files for the tests: valid SIRENs, CSV in several dialects, XLSX."""

import csv
import io
from pathlib import Path

import openpyxl
from stdnum import luhn

OPEN_DATA_HEADER = [
    "Année",
    "Structure",
    "Tranche d'effectifs",
    "SIREN",
    "Raison Sociale",
    "Nom UES",
    "Entreprises UES (SIREN)",
    "Région",
    "Département",
    "Pays",
    "Code NAF",
    "Note Ecart rémunération",
    "Note Ecart taux d'augmentation (hors promotion)",
    "Note Ecart taux de promotion",
    "Note Ecart taux d'augmentation",
    "Note Retour congé maternité",
    "Note Hautes rémunérations",
    "Note Index",
]


def valid_siren(base: int) -> str:
    """A SIREN with a correct Luhn key, from an 8-digit base."""
    digits = f"{base:08d}"
    return digits + luhn.calc_check_digit(digits)


def invalid_siren(base: int) -> str:
    good = valid_siren(base)
    return good[:8] + str((int(good[8]) + 1) % 10)


def valid_siret(siren: str, establishment: int = 1) -> str:
    digits = f"{siren}{establishment:04d}"
    return digits + luhn.calc_check_digit(digits)


def write_csv(
    path: Path,
    rows: list[list],
    *,
    delimiter: str = ";",
    encoding: str = "utf-8",
    bom: bool = False,
) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def write_xlsx(path: Path, rows: list[list]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path
