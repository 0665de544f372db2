"""Read a tabular file (CSV with ``;``/``,``/tab, UTF-8 with or without BOM, UTF-16 or
Windows-1252; or a spreadsheet: XLSX, XLS, ODS) into rows of cells with their row numbers."""

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = (";", ",", "\t")
_SNIFF_LINES = 20


class UnreadableFile(Exception):
    """The file as a whole cannot be used; ``reason`` keys ``messages.UNREADABLE``."""

    def __init__(self, reason: str, path: Path, detail: str = "", found: str = "") -> None:
        super().__init__(f"{path}: {reason} {detail}".strip())
        self.reason = reason
        self.path = path
        self.detail = detail
        self.found = found


@dataclass(frozen=True)
class Row:
    number: int  # 1-based, as a spreadsheet or a text editor shows it (header included)
    cells: list[Any]


def read_rows(path: Path) -> list[Row]:
    """Every non-empty row of the file (the first sheet of a workbook)."""
    path = Path(path)
    if not path.exists():
        raise UnreadableFile("not_found", path)
    if not path.is_file():
        raise UnreadableFile("not_a_file", path)
    data = path.read_bytes()
    if not data.strip():
        raise UnreadableFile("empty", path)
    rows = _spreadsheet_rows(path, data) if _is_spreadsheet(path, data) else _csv_rows(path, data)
    rows = [row for row in rows if any(cell_text(cell) for cell in row.cells)]
    if not rows:
        raise UnreadableFile("empty", path)
    return rows


def _is_spreadsheet(path: Path, data: bytes) -> bool:
    return (
        path.suffix.lower() in SPREADSHEET_SUFFIXES
        or data.startswith(_ZIP_MAGIC)
        or data.startswith(_OLE_MAGIC)
    )


def _spreadsheet_rows(path: Path, data: bytes) -> list[Row]:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        values = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, ValueError, OSError, IndexError) as error:
        raise UnreadableFile("spreadsheet", path, str(error)) from error
    return [Row(number, list(cells)) for number, cells in enumerate(values, start=1)]


def decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UnreadableFile("encoding", path) from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise UnreadableFile("encoding", path) from error
    if "\x00" in text:
        raise UnreadableFile("binary", path)
    return text


def _delimiter(text: str) -> str:
    # Counted over the first lines, not only the first: a title line may come before the header.
    lines = [line for line in text.splitlines()[:_SNIFF_LINES] if line.strip()]
    counts = {delimiter: sum(line.count(delimiter) for line in lines) for delimiter in _DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _csv_rows(path: Path, data: bytes) -> list[Row]:
    text = decode(path, data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[Row] = []
    previous_line = 0
    try:
        for cells in reader:
            # A quoted cell may span lines: number the row by the line it starts on.
            rows.append(Row(previous_line + 1, cells))
            previous_line = reader.line_num
    except csv.Error as error:
        raise UnreadableFile("csv", path, str(error)) from error
    return rows


def cell_text(value: Any) -> str:
    """A cell as text: numbers without a spurious ``.0``, dates in ISO format, stripped."""
    if isinstance(value, str):
        return value.replace("\u00a0", " ").replace("\u202f", " ").strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, int):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def identifier_text(value: Any) -> str:
    """A SIREN/SIRET cell: a spreadsheet that stored it as a number lost its leading zeros."""
    text = cell_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and text.isdigit():
        if len(text) < 9:
            return text.zfill(9)
        if 9 < len(text) < 14:
            return text.zfill(14)
    return text
