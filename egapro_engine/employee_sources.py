"""Turning the bytes of a CSV or spreadsheet into a header and chunks of columns.

Rows are numbered as a spreadsheet shows them (the first line is row 1). Blank rows are
skipped; every other row reaches the caller, in order, as cells of its header's columns.

A CSV without quotes is cut with ``str.split``: whole windows of lines in one call when
every line has as many separators as the header (checked at once on the bytes), else line by
line; a CSV with quotes goes through the ``csv`` module. Workbooks (XLSX, XLS, ODS) are read
by python-calamine. Columns are handed over as lists, so that the caller works column-wise.
"""

import codecs
import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain, islice, repeat
from operator import itemgetter
from typing import Any

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from .employee_messages import file_error, shown
from .errors import EngineError

CHUNK_ROWS = 50_000
HEADER_SEARCH_ROWS = 10
SPREADSHEET_EXTENSIONS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SEPARATORS = (";", "\t", ",")
# Per separator: every byte but it and the line feed, to keep only a CSV's structure.
_NOT_STRUCTURE = {
    separator: bytes(byte for byte in range(256) if byte not in (ord(separator), 10))
    for separator in _SEPARATORS
}


HeaderTest = Callable[[list], bool]


@dataclass(frozen=True)
class Chunk:
    """Consecutive data rows: their row numbers and, per wanted column, their cells.

    ``original``: when decimal commas were turned into points to read amounts faster, the
    same chunk as written, for messages that quote a cell.
    """

    rows: Sequence[int]
    columns: dict[int, list]
    texts: bool = False  # every cell is a str (CSV)
    original: "Callable[[], Chunk] | None" = None


@dataclass
class Table:
    """A header row and a way to read the rows below it, chunk by chunk.

    ``chunks(wanted, probe, decimal_commas)`` yields the cells of the ``wanted`` column
    indexes; ``probe`` is a column every data row fills, used to spot blank rows cheaply;
    ``decimal_commas``: the caller reads every wanted cell the same way whether its commas
    are commas or points (amounts, ages, labels), so a CSV may turn them into points at once.
    """

    header_row: int
    header: list[str]
    chunks: Callable[..., Iterator[Chunk]]


def open_tables(data: bytes, filename: str, is_header: HeaderTest = bool) -> list[Table]:
    """The candidate tables of a file: one for a CSV, one per non-empty sheet of a workbook.

    The header is the first of the first ``HEADER_SEARCH_ROWS`` non-blank rows that
    ``is_header``, so that title lines above it are passed over; else the first non-blank row.
    """
    if not data.strip():
        raise file_error("empty_file")
    if is_workbook(data, filename):
        return _workbook_tables(data, is_header)
    return [_csv_table(_decode(data), is_header)]


def is_workbook(data: bytes, filename: str) -> bool:
    """A workbook by its content (XLSX/ODS zip, XLS) or, else, by its name."""
    return data.startswith((_ZIP_MAGIC, _OLE_MAGIC)) or filename.lower().endswith(
        SPREADSHEET_EXTENSIONS
    )


def find_header(rows: Iterable[tuple[int, list]], is_header: HeaderTest) -> int | None:
    """The position (in ``rows``) of the header among the first non-blank rows."""
    first = None
    seen = 0
    for position, cells in rows:
        if is_blank(cells):
            continue
        if is_header(cells):
            return position
        first = position if first is None else first
        seen += 1
        if seen == HEADER_SEARCH_ROWS:
            break
    return first


def is_blank(cells: Sequence) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _has_empty(values: list) -> bool:
    return any(
        value is None or (isinstance(value, str) and not value.strip()) for value in set(values)
    )


def _rows_chunk(
    rows: list[list],
    numbers: Sequence[int],
    width: int,
    wanted: list[int],
    probe: int,
    *,
    strict: bool,
    texts: bool = False,
) -> Chunk:
    """Rows as lists of cells: blank ones skipped, short ones padded, long ones checked."""
    if set(map(len, rows)) == {width}:
        columns = {i: list(map(itemgetter(i), rows)) for i in wanted}
        if not _has_empty(columns[probe]):
            return Chunk(numbers, columns, texts)
    kept_rows, kept_numbers = [], []
    for number, cells in zip(numbers, rows, strict=True):
        if is_blank(cells):
            continue
        if len(cells) < width:
            cells = [*cells, *repeat("", width - len(cells))]
        elif len(cells) > width and strict and not is_blank(cells[width:]):
            filled = [cell for cell in cells[width:] if not is_blank([cell])]
            raise file_error(
                "extra_cells",
                f"row {number}",
                row=number,
                count=len(filled),
                value=shown(filled[0]),
            )
        kept_rows.append(cells)
        kept_numbers.append(number)
    return Chunk(kept_numbers, {i: list(map(itemgetter(i), kept_rows)) for i in wanted}, texts)


# --- CSV ---------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise file_error("unknown_encoding") from None
    if b"\x00" in data:
        raise file_error("binary_file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise file_error("unknown_encoding")


def sniff_separator(text: str) -> str:
    """The separator found most often on one of the first lines (the header has many)."""
    lines = [line for line in text[:65536].splitlines()[:50] if line.strip()][:20]
    counts = [max((line.count(sep) for line in lines), default=0) for sep in _SEPARATORS]
    return _SEPARATORS[counts.index(max(counts))]


def _csv_table(text: str, is_header: HeaderTest) -> Table:
    separator = sniff_separator(text)
    if '"' not in text:
        normalized = text.replace("\r\n", "\n")
        if "\r" not in normalized:
            return _split_table(normalized, separator, is_header)
    return _reader_table(text, separator, is_header)


def line_offsets(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of the lines of a text with ``\n`` line ends, lazily."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield start, len(text)
            return
        yield start, end
        start = end + 1


def _split_table(text: str, separator: str, is_header: HeaderTest) -> Table:
    """A CSV without quotes nor carriage returns: cells are cut with ``str.split``.

    When every line below the header has as many separators as the header (checked at once
    on the bytes), whole windows of lines are split in one call; otherwise line by line.
    """
    lines: list[tuple[int, int]] = []  # offsets of the lines read to find the header

    def first_lines() -> Iterator[tuple[int, list[str]]]:
        for number, (start, end) in enumerate(line_offsets(text)):
            lines.append((start, end))
            yield number, text[start:end].split(separator)

    position = find_header(first_lines(), is_header)
    if position is None:
        raise file_error("empty_file")
    start, end = lines[position]
    header = [cell.strip() for cell in text[start:end].split(separator)]
    width = len(header)
    stop = len(text)
    while stop > end and text[stop - 1] == "\n":  # trailing blank lines
        stop -= 1
    body = text[end + 1 : stop]
    first_row = position + 2
    skeleton = body.encode("utf-8", "surrogatepass").translate(None, _NOT_STRUCTURE[separator])
    count = skeleton.count(b"\n") + 1 if body else 0
    regular = skeleton == "\n".join(repeat(separator * (width - 1), count)).encode()

    def windows(wanted: list[int], probe: int, decimal_commas: bool) -> Iterator[Chunk]:
        # Turning every comma into a point reads decimal-comma amounts at float() speed; it
        # is safe when the window has no point (no amount with thousands points).
        convert = decimal_commas and separator != ","
        step = CHUNK_ROWS * max(len(body) // max(count, 1), 1)
        position, row = 0, first_row
        while position < len(body):
            end = body.find("\n", position + step)
            end = len(body) if end < 0 else end
            window = body[position:end]
            position = end + 1
            numbers = range(row, row + window.count("\n") + 1)
            row = numbers.stop
            read = partial(_window_chunk, window, numbers, separator, width, wanted, probe)
            if convert and "," in window and "." not in window:
                yield read(window.replace(",", "."), original=read)
            else:
                yield read(window)

    def by_lines(wanted: list[int], probe: int, decimal_commas: bool) -> Iterator[Chunk]:
        all_lines = body.split("\n") if body else []
        regular_count = {width - 1}
        for first in range(0, len(all_lines), CHUNK_ROWS):
            part = all_lines[first : first + CHUNK_ROWS]
            numbers = range(first_row + first, first_row + first + len(part))
            if set(map(str.count, part, repeat(separator))) == regular_count:
                yield _window_chunk("\n".join(part), numbers, separator, width, wanted, probe)
                continue
            rows = [line.split(separator) for line in part]
            yield _rows_chunk(rows, numbers, width, wanted, probe, strict=True, texts=True)

    def chunks(wanted: list[int], probe: int, decimal_commas: bool = False) -> Iterator[Chunk]:
        return (windows if regular else by_lines)(wanted, probe, decimal_commas)

    return Table(first_row - 1, header, chunks)


def _window_chunk(
    window: str,
    numbers: range,
    separator: str,
    width: int,
    wanted: list[int],
    probe: int,
    text: str | None = None,
    *,
    original: "Callable[[], Chunk] | None" = None,
) -> Chunk:
    """Lines (joined by ``\n``) of ``width`` cells each, cut in one call.

    ``text``: the window with its decimal commas turned into points, to read instead.
    """
    cells = (window if text is None else text).replace("\n", separator).split(separator)
    columns = {i: cells[i::width] for i in wanted}
    if not _has_empty(columns[probe]):
        return Chunk(numbers, columns, texts=True, original=original)
    rows = [line.split(separator) for line in window.split("\n")]
    return _rows_chunk(rows, numbers, width, wanted, probe, strict=True, texts=True)


def _reader_table(text: str, separator: str, is_header: HeaderTest) -> Table:
    """A CSV with quotes or odd line ends: the ``csv`` module reads it."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    first: list[list[str]] = []  # the rows read to find the header
    filled = 0
    try:
        for cells in reader:
            first.append(cells)
            filled += not is_blank(cells)
            if filled == HEADER_SEARCH_ROWS:
                break
    except csv.Error:
        raise _csv_error(reader.line_num) from None
    start = find_header(enumerate(first), is_header)
    if start is None:
        raise file_error("empty_file")
    header = [cell.strip() for cell in first[start]]
    header_row = start + 1
    records = chain(first[start + 1 :], reader)

    def chunks(wanted: list[int], probe: int, decimal_commas: bool = False) -> Iterator[Chunk]:
        last = header_row
        while True:
            try:
                part = list(islice(records, CHUNK_ROWS))
            except csv.Error:
                # The line where the reader stopped: the faulty row when no cell above it
                # spans several lines.
                raise _csv_error(reader.line_num) from None
            if not part:
                return
            numbers = range(last + 1, last + 1 + len(part))
            last += len(part)
            yield _rows_chunk(part, numbers, len(header), wanted, probe, strict=True, texts=True)

    return Table(header_row, header, chunks)


def _csv_error(row: int) -> EngineError:
    return file_error("unreadable_csv", f"row {row}", row=row)


# --- Spreadsheets ------------------------------------------------------------------------


def _workbook_tables(data: bytes, is_header: HeaderTest) -> list[Table]:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for position, meta in enumerate(workbook.sheets_metadata):
            if meta.typ != SheetTypeEnum.WorkSheet or meta.visible != SheetVisibleEnum.Visible:
                continue
            sheets.append(workbook.get_sheet_by_index(position).to_python(skip_empty_area=False))
    except EngineError:
        raise
    except BaseException as error:  # python-calamine also raises Rust panics (BaseException)
        if isinstance(error, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        raise file_error("unreadable_spreadsheet") from None
    tables = [table for rows in sheets if (table := _sheet_table(rows, is_header)) is not None]
    if not tables:
        raise file_error("empty_file")
    return tables


def _sheet_table(rows: list[list], is_header: HeaderTest) -> Table | None:
    width = max(map(len, rows), default=0)
    start = find_header(enumerate(rows), is_header)
    if start is None:
        return None
    header = [_header_text(cell) for cell in rows[start]]
    while header and not header[-1]:
        header.pop()

    header_width = len(header)

    def chunks(wanted: list[int], probe: int, decimal_commas: bool = False) -> Iterator[Chunk]:
        # Cells right of the header have no column: they are not employee data.
        for first in range(start + 1, len(rows), CHUNK_ROWS):
            part = rows[first : first + CHUNK_ROWS]
            if width > header_width:
                part = [row[:header_width] for row in part]
            numbers = range(first + 1, first + 1 + len(part))
            yield _rows_chunk(part, numbers, header_width, wanted, probe, strict=False)

    return Table(start + 1, header, chunks)


def _header_text(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()
