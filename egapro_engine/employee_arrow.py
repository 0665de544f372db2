"""A fast lane for large CSV files: pyarrow cuts the file, pyarrow.compute reads the columns.

It gives the very ``EmployeeCounts`` the exact reader (``employee_sources`` +
``employee_counts``) would give, or ``None`` as soon as something is not certain: a workbook,
UTF-16, quotes, a lone carriage return above the header, a row with another number of cells,
a blank row, any cell the exact readers refuse... The exact reader then reads the file again
and names the error with its row and column.

How it stays exact:

- the bytes are decoded, the separator sniffed and the header found by the exact reader's
  own functions; pyarrow only cuts the lines below the header (no quotes, no escapes), as
  ``str.split`` and the csv module do;
- key cells (sex, CSP, age or birth date, level, yes/no columns) are read by the exact
  readers, once per distinct combination of raw cells, in order of first appearance
  (``EmployeeCounts.combo_of``, which also numbers the groups in that order);
- amounts are read by pyarrow, which reads a subset of what ``float`` reads to the same
  double (both round correctly; with a decimal comma, as ``float`` reads the cell with a
  point, which ``parse_amount`` does too). The usual other forms (``32 500,50 €``,
  ``32.500,50``, ``32,500.50``, ``1.234.567``) are first rewritten as plain decimals with
  regular expressions that mirror ``parse_amount``; any other form is read by
  ``parse_amount`` itself;
- means are still ``math.fsum`` of the same floats (``employee_file._Document``), and the top
  10 is ranked by pay then by position in the file, as the exact reader ranks it.

The rows are read in blocks: each block's arrays are freed before the next one is read, so
that memory stays low and is reused (fresh memory is slow to get on a virtual machine).
"""

import codecs
import datetime
import math
import re
from collections import Counter
from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pa_csv

from . import rules_2019 as rules
from .employee_columns import Columns, looks_like_header, resolve_columns
from .employee_counts import EXCLUDED, FLAG_FIELDS, LEVEL_MODES, EmployeeCounts
from .employee_sources import find_header, is_workbook, line_offsets, sniff_separator
from .employee_values import AMOUNT_NOISE, FLAG_LABELS, MAX_PAY, CellError, parse_amount
from .errors import EngineError

BLOCK_BYTES = 64 << 20
HEAD_BYTES = 1 << 20  # holds the lines above and of the header
SAMPLE_CELLS = 1000
SAMPLE_BYTES = 1 << 16  # the first rows, to guess how to read the others
AMOUNTS = ("pay_fte", "pay")
TEXT_CODES = pa.dictionary(pa.int32(), pa.string())


def _label_forms(answer: str) -> list[str]:
    forms = (
        form for label in FLAG_LABELS[answer] for form in (label, label.title(), label.upper())
    )
    return list(dict.fromkeys(forms))


# Yes/no cells pyarrow reads as booleans: the labels as written, capitalised or in capitals
# (``employee_values.parse_flag`` reads them so); any other cell makes the typed read fail.
TRUE_CELLS = _label_forms("yes")
FALSE_CELLS = _label_forms("no")
# Amount forms read here, once spaces, apostrophes, € (employee_values.AMOUNT_NOISE) and a
# final "eur" are dropped, as (pattern, mark to drop, mark turned into a decimal point).
_AMOUNT_FORMS = (
    (r"^[0-9]+(\.[0-9]+)?$", "", ""),
    (r"^[0-9]+,[0-9]+$", "", ","),
    (r"^[0-9]{1,3}(\.[0-9]{3})+,[0-9]+$|^[0-9]{1,3}(\.[0-9]{3}){2,}$", ".", ","),
    (r"^[0-9]{1,3}(,[0-9]{3})+\.[0-9]+$|^[0-9]{1,3}(,[0-9]{3}){2,}$", ",", ""),
)


class _Unsure(Exception):
    """Something this lane cannot read with certainty: the exact reader will."""


def read_counts(
    data: bytes, filename: str, mode: str, period_end: datetime.date | None
) -> EmployeeCounts | None:
    """The counts of a CSV file, exactly as the exact reader makes them, or ``None``."""
    if is_workbook(data, filename) or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in data or b'"' in data:
        return None  # a binary file, or quotes: the exact reader passes these to the csv module
    decoded = _decoded(data)
    if decoded is None:
        return None
    text, body_from = decoded
    separator = sniff_separator(text)
    found = _header(text, separator, needs_level=mode in LEVEL_MODES)
    if found is None:
        return None
    columns, body_start = found
    if "age" not in columns and period_end is None:
        return None
    fields = EmployeeCounts(columns, mode, period_end).read_fields
    blocks = _Blocks(body_from(body_start), separator, columns, fields)
    # Typed cells straight from the file; if pyarrow cannot, every cell as text.
    for typed in (True, False) if blocks.typed else (False,):
        counts = EmployeeCounts(columns, mode, period_end)
        try:
            return blocks.count(counts, typed=typed)
        except pa.ArrowInvalid:
            continue
        except (_Unsure, CellError, pa.ArrowException):
            return None
    return None


def _decoded(data: bytes) -> tuple[str, Callable[[int], pa.Buffer]] | None:
    """The text as ``employee_sources._decode`` reads it (UTF-8, else Windows-1252), and the
    UTF-8 bytes of that text from a position on. Plain ASCII (after a UTF-8 byte order mark)
    is not decoded past its first lines, where the header is."""
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    if _is_ascii(data, bom):
        head = data[bom : bom + HEAD_BYTES].decode("ascii")
        return head, lambda start: pa.py_buffer(data).slice(bom + start)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return None
        return text, lambda start: pa.py_buffer(text.encode("utf-8")).slice(
            _utf8_length(text, start)
        )
    return text, lambda start: pa.py_buffer(data).slice(bom + _utf8_length(text, start))


def _utf8_length(text: str, end: int) -> int:
    """The number of UTF-8 bytes of ``text[:end]``."""
    return len(text[:end].encode("utf-8"))


def _is_ascii(data: bytes, start: int) -> bool:
    """Whether ``data[start:]`` is plain ASCII, checked by slices (no copy of the whole)."""
    if not start:
        return data.isascii()
    step = 1 << 20
    return all(data[at : at + step].isascii() for at in range(start, len(data), step))


def _header(text: str, separator: str, *, needs_level: bool) -> tuple[Columns, int] | None:
    """The columns, and where the rows below the header start in ``text``."""
    lines: list[tuple[int, int]] = []  # offsets of the lines read to find the header

    def first_lines():
        for number, (start, end) in enumerate(line_offsets(text)):
            lines.append((start, end))
            yield number, text[start:end].removesuffix("\r").split(separator)

    position = find_header(first_lines(), looks_like_header)
    if position is None:
        return None
    start, end = lines[position]
    if end == len(text):
        return None  # no row below the header, or (plain ASCII) a header beyond the first lines
    if "\r" in text[: end - 1].replace("\r\n", ""):
        # The exact reader reads lines ended by a lone carriage return with the csv module,
        # which splits the lines above the header differently (pyarrow and the csv module
        # cut the rows below alike).
        return None
    header = [cell.strip() for cell in text[start:end].removesuffix("\r").split(separator)]
    try:
        columns = resolve_columns(header, position + 1, needs_level=needs_level)
    except EngineError:
        return None
    return columns, end + 1


class _Blocks:
    """The rows below the header, read and counted block by block."""

    def __init__(
        self, body: pa.Buffer, separator: str, columns: Columns, fields: list[str]
    ) -> None:
        self.body = body
        self.separator = separator
        self.names = [str(position) for position in range(len(columns.header))]
        self.fields = {str(columns.index[name]): name for name in fields}
        first_rows = body[:SAMPLE_BYTES].to_pybytes()
        first_rows = first_rows[: first_rows.rfind(b"\n") + 1] or first_rows
        self.decimal = "," if self._commas_in(first_rows, columns, [*AMOUNTS, "age"]) else "."
        # Whether the first rows fit the typed read (else every cell is read as text).
        self.typed = self._fits_types(pa.py_buffer(first_rows))

    def _commas_in(self, first_rows: bytes, columns: Columns, names: list[str]) -> bool:
        """Whether the cells of the first rows have commas (a guess: pyarrow checks)."""
        lines = first_rows.decode("utf-8", "ignore").splitlines()
        positions = [columns.index[name] for name in names if name in columns]
        rows = [line.split(self.separator) for line in lines]
        return any("," in row[i] for row in rows for i in positions if i < len(row))

    def _fits_types(self, first_rows: pa.Buffer) -> bool:
        """Whether pyarrow reads the typed cells of the first rows (a guess: it checks all)."""
        try:
            self._reader(first_rows, typed=True).read_all()
        except pa.ArrowInvalid:
            return False
        return True

    def count(self, counts: EmployeeCounts, *, typed: bool) -> EmployeeCounts | None:
        """``counts`` of every row; raises ``pa.ArrowInvalid`` when a cell or a row does not
        fit the types (a cell pyarrow cannot read as typed, another number of cells)."""
        for batch in self._reader(self.body, typed=typed):
            names = [self.fields[name] for name in batch.schema.names]
            _add_block(counts, batch.rename_columns(names))
        if not counts.read:
            return None
        return counts

    def _reader(self, body: pa.Buffer, *, typed: bool) -> pa_csv.CSVStreamingReader:
        """``typed``: yes/no cells of the usual labels as booleans, ages and amounts as doubles
        (read by pyarrow as the exact readers read them); else every cell as text."""
        types = {
            position: _column_type(name, typed=typed) for position, name in self.fields.items()
        }
        return pa_csv.open_csv(
            pa.BufferReader(body),
            read_options=pa_csv.ReadOptions(
                column_names=self.names, use_threads=False, block_size=BLOCK_BYTES
            ),
            parse_options=pa_csv.ParseOptions(
                delimiter=self.separator,
                quote_char=False,
                escape_char=False,
                ignore_empty_lines=True,
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=types,
                include_columns=list(self.fields),
                decimal_point=self.decimal,
                true_values=TRUE_CELLS,
                false_values=FALSE_CELLS,
                null_values=[""],  # an empty cell of a typed column; text stays text
                strings_can_be_null=False,
                check_utf8=False,  # decoded already
            ),
        )


def _column_type(name: str, *, typed: bool) -> pa.DataType:
    if name in AMOUNTS:
        return pa.float64() if typed else pa.string()
    if typed and name == "age":
        return pa.float64()
    if typed and (name in FLAG_FIELDS or name == "excluded"):
        return pa.bool_()
    return TEXT_CODES  # few distinct cells


def _add_block(counts: EmployeeCounts, block: pa.RecordBatch) -> None:
    """Count the rows of ``block``, add their pays and ranks (``EmployeeCounts`` state)."""
    ids, combos = _combinations(block, counts)
    per_combination: Counter = Counter()
    found = pc.value_counts(ids)
    for position, rows in zip(
        found.field("values").to_pylist(), found.field("counts").to_pylist(), strict=True
    ):
        per_combination[combos[position]] += rows
    first = counts.read  # position of the block's first row among all rows
    counts.read += block.num_rows
    counts.count_combinations(per_combination)
    group_ids = pa.array([counts.combos[cid].gid for cid in combos], pa.int32()).take(ids)
    positions = None  # of the used rows in the block, when some are excluded
    if any(counts.combos[cid].gid == EXCLUDED for cid in per_combination):
        used = pc.not_equal(group_ids, EXCLUDED)
        positions = pc.indices_nonzero(used)
        block, group_ids = block.filter(used), group_ids.filter(used)
    if not block.num_rows:
        return
    pays = _amounts(block["pay_fte"], "pay_fte", positive=True)
    ranking = _amounts(block["pay"], "pay", positive=False) if "pay" in block.schema.names else pays
    sizes = Counter()
    for cid, rows in per_combination.items():
        sizes[counts.combos[cid].gid] += rows
    _add_pays(counts, group_ids, pays, sizes)
    _add_top(counts, group_ids, ranking, positions, first)


def _combinations(block: pa.RecordBatch, counts: EmployeeCounts) -> tuple[pa.Array, list[int]]:
    """Each row's position among the block's distinct combinations of key cells (in order of
    first appearance), and the combination id of each, read by the exact readers.

    The combinations are made of cells that stand for all the cells meaning the same (``F``
    and ``femme``, ages 34 and 35, ``oui`` and ``1``), so that the exact readers read few.
    """
    fields = [_key_digits(block[name], counts, name) for name in counts.key_fields]
    size = math.prod(len(known) for _, known in fields)
    if size >= 2**63:
        raise _Unsure
    number_type = pa.int32() if size < 2**31 else pa.int64()
    key = None  # the row's cells as one number, each cell's position a digit
    for digits, known in fields:
        digits = digits.cast(number_type)
        key = digits if key is None else pc.add(pc.multiply(key, len(known)), digits)
    distinct = pc.dictionary_encode(key)
    combos = []
    for number in distinct.dictionary.to_pylist():
        row = []
        for _, known in reversed(fields):
            number, position = divmod(number, len(known))
            row.append(known[position])
        row.reverse()
        # A blank row (the exact reader skips it) has no sex: CellError, the exact reader reads.
        combos.append(counts.combo_of[tuple(row)])
    return distinct.indices, combos


def _key_digits(column: pa.Array, counts: EmployeeCounts, name: str) -> tuple[pa.Array, list]:
    """Each row's digit for a key field, and the raw cell each digit stands for."""
    if pa.types.is_boolean(column.type):  # an empty cell is "no", as "0" is
        return pc.fill_null(column, False).cast(pa.int8()), ["0", "1"]
    if pa.types.is_floating(column.type):  # ages: the same number written as Python writes it
        column = pc.dictionary_encode(column, null_encoding="encode")
        known = ["" if number is None else repr(number) for number in column.dictionary.to_pylist()]
    else:
        known = column.dictionary.to_pylist()
    first: dict = {}  # value -> position of the first cell meaning it
    stands_for = []
    for position, cell in enumerate(known):
        try:
            value = counts.key_cell_value(name, cell)
        except CellError:  # stands for itself: it may be in an excluded row, which is not read
            stands_for.append(position)
            continue
        stands_for.append(first.setdefault(value, position))
    return pa.array(stands_for, pa.int32()).take(column.indices), known


def _amounts(column: pa.Array, field_name: str, *, positive: bool) -> pa.Array:
    """The column's amounts as ``parse_amount`` reads them (raises ``_Unsure`` if one is
    refused: the exact reader names the error)."""
    if pa.types.is_floating(column.type):
        if column.null_count:
            raise _Unsure
        numbers = column
    else:
        numbers = _plain_amounts(column)
        if numbers is None:
            numbers = _rewritten_amounts(column, field_name, positive=positive)
    low, high = pc.min_max(numbers).values()
    if not pc.all(pc.is_finite(numbers)).as_py() or high.as_py() > MAX_PAY:
        raise _Unsure
    if not (low.as_py() > 0 if positive else low.as_py() >= 0):
        raise _Unsure
    return numbers


def _plain_amounts(column: pa.Array) -> pa.Array | None:
    """Every cell as a double (a comma read as a point), if pyarrow reads every one."""
    try:
        # A failed cast reads the whole column: a sample spots most other forms at once.
        pc.replace_substring(column[:SAMPLE_CELLS], ",", ".").cast(pa.float64())
        if pc.any(pc.match_substring(column, ",")).as_py():
            column = pc.replace_substring(column, ",", ".")
        return column.cast(pa.float64())
    except pa.ArrowInvalid:
        return None


def _rewritten_amounts(column: pa.Array, field_name: str, *, positive: bool) -> pa.Array:
    """Amounts of the ``_AMOUNT_FORMS``; cells of any other form are read by ``parse_amount``
    (which raises ``CellError`` for an unreadable one)."""
    characters = column.buffers()[2]  # every cell's text, to look for characters in
    written = characters.to_pybytes() if characters is not None else b""
    cleaned = column
    for noise in AMOUNT_NOISE:
        if noise.encode() in written:
            cleaned = pc.replace_substring(cleaned, noise, "")
    if re.search(b"[eE][uU][rR]", written):
        cleaned = pc.replace_substring_regex(cleaned, "[eE][uU][rR]$", "")
    if not pc.any(pc.match_substring(cleaned, ".")).as_py():
        # Mostly decimal commas: one pass when no cell is of another form.
        plain = pc.replace_substring(cleaned, ",", ".")
        if pc.all(pc.match_substring_regex(plain, _AMOUNT_FORMS[0][0])).as_py():
            return plain.cast(pa.float64())
    plain = pa.nulls(len(column), pa.string())
    for pattern, dropped, decimal in _AMOUNT_FORMS:
        text = pc.replace_substring(cleaned, dropped, "") if dropped else cleaned
        text = pc.replace_substring(text, decimal, ".") if decimal else text
        found = pc.and_(pc.is_null(plain), pc.match_substring_regex(cleaned, pattern))
        plain = pc.if_else(found, text, plain)
    others = pc.is_null(plain)
    numbers = pc.fill_null(plain, "0").cast(pa.float64())
    if not pc.any(others).as_py():
        return numbers
    read = [
        parse_amount(value, field_name=field_name, positive=positive)
        for value in column.filter(others).to_pylist()
    ]
    return pc.replace_with_mask(numbers, others, pa.array(read, pa.float64()))


def _add_pays(counts: EmployeeCounts, group_ids: pa.Array, pays: pa.Array, sizes: Counter) -> None:
    """Each used row's FTE pay into its group's list (``EmployeeCounts.pays``)."""
    ordered = pays.take(pc.sort_indices(group_ids)).to_pylist()
    start = 0
    for gid in sorted(gid for gid in sizes if gid != EXCLUDED):
        end = start + sizes[gid]
        counts.pays[gid] += ordered[start:end]
        start = end


def _add_top(
    counts: EmployeeCounts,
    group_ids: pa.Array,
    ranking: pa.Array,
    positions: pa.Array | None,
    first: int,
) -> None:
    """Keep the 10 highest pays as ``(pay, position in the file, sex)``; equal pay: the row
    higher in the file first (``EmployeeCounts._add_top``)."""
    top = rules.TOP_EARNERS
    best = pc.top_k_unstable(ranking, k=min(top, len(ranking)))
    threshold = min(ranking.take(best).to_pylist())
    above = pc.indices_nonzero(pc.greater(ranking, threshold))
    at = pc.indices_nonzero(pc.equal(ranking, threshold))[: top - len(above)]
    chosen = pa.concat_arrays([above, at])
    rows = chosen if positions is None else positions.take(chosen)
    sexes = [counts.groups[gid].sex for gid in group_ids.take(chosen).to_pylist()]
    pays = ranking.take(chosen).to_pylist()
    candidates = [
        (pay, first + row, sex) for pay, row, sex in zip(pays, rows.to_pylist(), sexes, strict=True)
    ]
    counts.top = sorted(counts.top + candidates, key=lambda item: (-item[0], item[1]))[:top]
