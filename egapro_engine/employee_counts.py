"""Counting the rows of an employee-level file, chunk by chunk, with the per-row work in C.

Each row's raw key cells (sex, CSP, age, level, excluded and the yes/no columns) give it a
combination id; a raw combination is read once, the first time it is met, so most rows cost
one dict lookup done by ``map``. Pay columns become lists of floats (``parse_amounts``);
``Counter`` and ``deque(map(list.append, ...))`` count and group.

Any unreadable cell stops the reading with the first error in reading order: the rows above
a faulty row are read again alone until no earlier one fails, then that row's cells are read
one by one, left to right.
"""

import datetime
import heapq
from collections import Counter, deque
from collections.abc import Mapping, Sequence
from itertools import compress, repeat
from operator import ge
from typing import Any, NamedTuple

from . import rules_2019 as rules
from .employee_columns import Columns
from .employee_messages import EXPECTED_VALUES, file_error, shown
from .employee_sources import Chunk
from .employee_values import (
    AGE_MAX,
    AGE_MIN,
    CellError,
    birth_date_band_reader,
    parse_age_band,
    parse_amount,
    parse_amounts,
    parse_csp,
    parse_flag,
    parse_level,
    parse_sex,
)
from .errors import EngineError

FLAG_FIELDS = ("raised", "promoted", "maternity_return", "maternity_raised")
LEVEL_MODES = (rules.MODE_BRANCH_LEVEL, rules.MODE_OTHER_LEVEL)
EXCLUDED = -1  # group id of excluded rows


class Group(NamedTuple):
    csp: str
    age: int  # index in rules.AGE_BANDS
    sex: str
    level: str | None


class Combo(NamedTuple):
    """What a row counts for: its group (or EXCLUDED) and its yes/no answers."""

    gid: int
    raised: bool = False
    promoted: bool = False
    returned: bool = False
    returned_raised: bool = False


class _Located(Exception):
    """Some cell of the chunk's row ``index`` (or of a row above) cannot be read."""

    def __init__(self, index: int) -> None:
        super().__init__(index)
        self.index = index


class EmployeeCounts:
    """Everything the raw document needs, summed over the chunks read so far."""

    def __init__(self, columns: Columns, mode: str, period_end: datetime.date | None) -> None:
        self.columns = columns
        self.levels_mode = mode in LEVEL_MODES
        self.age_field = "age" if "age" in columns else "birth_date"
        self.readers: dict[str, Any] = {
            "sex": parse_sex,
            "csp": parse_csp,
            "level": parse_level,
            "age": parse_age_band,
            "birth_date": birth_date_band_reader(period_end) if period_end else None,
        }
        # The raw cells that make a row's combination, and every field read, in file order.
        key_fields = ["sex", "csp", self.age_field] + (["level"] if self.levels_mode else [])
        optional = [name for name in ("excluded", *FLAG_FIELDS) if name in columns]
        self.key_fields = key_fields + optional
        read = [*key_fields, "pay_fte", "pay", *optional]
        self.read_fields = sorted(
            (name for name in read if name in columns), key=columns.index.__getitem__
        )
        self.combo_of = _Known(self._new_combination)  # raw key cells -> combination id
        self.combos: list[Combo] = []  # combination id -> combination
        self.combo_ids: dict[Combo, int] = {}
        self.groups: list[Group] = []  # group id -> group
        self.group_ids: dict[Group, int] = {}
        self.flags: dict[Any, bool] = {}  # raw yes/no cell -> value
        self.pays: list[list[float]] = []  # group id -> FTE pays
        self.combo_pays: list[list[float]] = []  # combination id -> its group's pays
        self.discarded: list[float] = []  # pays of excluded rows, emptied after each chunk
        self.read = 0
        self.excluded = 0
        self.headcount: Counter = Counter()  # group id -> employees
        self.raised: Counter = Counter()
        self.promoted: Counter = Counter()
        self.raised_or_promoted: Counter = Counter()
        self.returned = 0
        self.returned_raised = 0
        self.top: list[tuple[float, int, str]] = []  # (pay, row, sex), highest first
        self.texts = False  # the chunk being read holds only str cells
        # Every cell read means the same with its commas as points: no level names (free
        # text) and no birth dates (01,02,1990 is no date, 01.02.1990 is).
        self.decimal_commas = not self.levels_mode and self.age_field == "age"

    def add(self, chunk: Chunk) -> None:
        if not chunk.rows:
            return
        self.texts = chunk.texts
        try:
            self._add(chunk.columns, chunk.rows)
        except _Located as located:
            as_written = chunk.original() if chunk.original else chunk
            raise self._first_error(as_written, located.index) from None

    # --- counting -------------------------------------------------------------------------

    def _cells(self, cells: dict, name: str) -> list:
        return cells[self.columns.index[name]]

    def _add(self, cells: dict, rows: Sequence[int]) -> None:
        ids = self._combination_ids(cells)
        counts = Counter(ids)
        used = None
        if any(self.combos[cid].gid == EXCLUDED for cid in counts):
            is_used = [combo.gid != EXCLUDED for combo in self.combos]
            used = list(map(is_used.__getitem__, ids))
        to_chunk = _IndexMap(used)
        pays, pays_used_only = self._amounts(cells, "pay_fte", used, to_chunk, positive=True)
        ranking, ranking_used_only = pays, pays_used_only
        if "pay" in self.columns:
            ranking, ranking_used_only = self._amounts(cells, "pay", used, to_chunk, positive=False)
        # Every cell was read: count.
        self.read += len(ids)
        self.count_combinations(counts)
        used_ids = ids if used is None else list(compress(ids, used))
        # Appends each pay to its group's list, in C.
        targets = map(self.combo_pays.__getitem__, used_ids if pays_used_only else ids)
        deque(map(list.append, targets, pays), 0)
        self.discarded.clear()
        if used is not None and not ranking_used_only:
            ranking = list(compress(ranking, used))
        self._add_top(ranking, used_ids, rows, to_chunk)

    def count_combinations(self, counts: Mapping[int, int]) -> None:
        """Count ``counts[cid]`` rows of each combination id."""
        for cid, count in counts.items():
            combo = self.combos[cid]
            if combo.gid == EXCLUDED:
                self.excluded += count
                continue
            self.headcount[combo.gid] += count
            if combo.raised:
                self.raised[combo.gid] += count
            if combo.promoted:
                self.promoted[combo.gid] += count
            if combo.raised or combo.promoted:
                self.raised_or_promoted[combo.gid] += count
            if combo.returned:
                self.returned += count
                if combo.returned_raised:
                    self.returned_raised += count

    def _combination_ids(self, cells: dict) -> list[int]:
        columns = [self._cells(cells, name) for name in self.key_fields]
        try:
            return list(map(self.combo_of.__getitem__, zip(*columns, strict=True)))
        except CellError as error:
            # Rows are read in order: the first row holding the faulty key is the faulty row.
            rows = zip(*columns, strict=True)
            raise _Located(next(i for i, key in enumerate(rows) if key == error.key)) from None

    def _new_combination(self, key: tuple) -> int:
        values = dict(zip(self.key_fields, key, strict=True))
        if "excluded" in values and self._flag(values["excluded"]):
            combo = Combo(EXCLUDED)
        else:
            flags = {name: self._flag(values.get(name, "")) for name in FLAG_FIELDS}
            if flags["maternity_raised"] and not flags["maternity_return"]:
                raise CellError("inconsistent_maternity", "boolean")
            combo = Combo(self._group_id(values), *flags.values())
        cid = self.combo_ids.get(combo)
        if cid is None:
            cid = self.combo_ids[combo] = len(self.combos)
            self.combos.append(combo)
            excluded = combo.gid == EXCLUDED
            self.combo_pays.append(self.discarded if excluded else self.pays[combo.gid])
        return cid

    def _group_id(self, values: dict) -> int:
        group = Group(
            csp=parse_csp(values["csp"]),
            age=self.readers[self.age_field](values[self.age_field]),
            sex=parse_sex(values["sex"]),
            level=parse_level(values["level"]) if self.levels_mode else None,
        )
        gid = self.group_ids.get(group)
        if gid is None:
            gid = self.group_ids[group] = len(self.groups)
            self.groups.append(group)
            self.pays.append([])
        return gid

    def key_cell_value(self, name: str, value: Any) -> Any:
        """What a key cell means (raises ``CellError``): a row's combination depends on its
        key cells only through these values."""
        if name in FLAG_FIELDS or name == "excluded":
            return self._flag(value)
        return self.readers[name](value)

    def _flag(self, value: Any) -> bool:
        flag = self.flags.get(value)
        if flag is None:
            flag = self.flags[value] = parse_flag(value)
        return flag

    def _amounts(
        self, cells: dict, name: str, used: list[bool] | None, to_chunk: "_IndexMap", **kwargs
    ) -> tuple[list, bool]:
        """The column's amounts, and whether they are those of the used rows only.

        Excluded rows need no pay: their cells are left out only when one cannot be read.
        """
        values = self._cells(cells, name)
        kwargs["texts"] = self.texts
        try:
            return parse_amounts(values, field_name=name, **kwargs), False
        except CellError as error:
            if used is None:
                raise _Located(error.index) from None
        try:
            return parse_amounts(list(compress(values, used)), field_name=name, **kwargs), True
        except CellError as error:
            raise _Located(to_chunk(error.index)) from None

    def _add_top(self, ranking: list[float], ids: list[int], rows, to_chunk) -> None:
        top = rules.TOP_EARNERS
        indexes: Any = range(len(ranking))
        if len(ranking) > top:
            threshold = heapq.nlargest(top, ranking)[-1]
            indexes = compress(indexes, map(ge, ranking, repeat(threshold)))
        sex = [group.sex for group in self.groups]
        candidates = [
            (ranking[i], rows[to_chunk(i)], sex[self.combos[ids[i]].gid]) for i in indexes
        ]
        # Equal pay: the employee higher in the file comes first.
        self.top = sorted(self.top + candidates, key=lambda item: (-item[0], item[1]))[:top]

    # --- errors ---------------------------------------------------------------------------

    def _first_error(self, chunk: Chunk, index: int) -> EngineError:
        """The error of the first faulty row, at its leftmost faulty cell."""
        while True:
            above = {position: values[:index] for position, values in chunk.columns.items()}
            try:
                self._add(above, chunk.rows[:index])
            except _Located as located:
                index = located.index
                continue
            break
        row = {name: self._cells(chunk.columns, name)[index] for name in self.read_fields}
        name, error = self._row_error(row)
        return self._engine_error(name, row.get(name, ""), error, chunk.rows[index])

    def _row_error(self, row: dict) -> tuple[str, CellError]:
        """The leftmost unreadable cell of a row (an excluded row has only one cell read)."""
        if "excluded" in row:
            try:
                self._flag(row["excluded"])
            except CellError as error:
                return "excluded", error
        for name in self.read_fields:
            try:
                self._read_cell(name, row[name])
            except CellError as error:
                return name, error
        return "maternity_raised", CellError("inconsistent_maternity", "boolean")

    def _read_cell(self, name: str, value: Any) -> None:
        if name in ("pay_fte", "pay"):
            parse_amount(value, field_name=name, positive=name == "pay_fte")
        elif name in FLAG_FIELDS or name == "excluded":
            self._flag(value)
        else:
            self.readers[name](value)

    def _engine_error(self, name: str, value: Any, error: CellError, row: int) -> EngineError:
        column = self.columns.name(name)
        return file_error(
            error.code,
            f"row {row}, column {column}",
            row=row,
            column=column,
            value=shown(value),
            expected=EXPECTED_VALUES[error.expected].format(low=AGE_MIN, high=AGE_MAX),
            other=self.columns.name("maternity_return")
            if "maternity_return" in self.columns
            else "",
        )


class _Known(dict):
    """A dict that reads a missing key once, with ``read``, when it is first looked up."""

    def __init__(self, read) -> None:
        super().__init__()
        self.read = read

    def __missing__(self, key: tuple) -> int:
        try:
            value = self[key] = self.read(key)
        except CellError as error:
            error.key = key
            raise
        return value


class _IndexMap:
    """Position among the used rows -> position in the chunk."""

    def __init__(self, used: list[bool] | None) -> None:
        self.used = used
        self.positions: list[int] | None = None

    def __call__(self, index: int) -> int:
        if self.used is None:
            return index
        if self.positions is None:
            self.positions = list(compress(range(len(self.used)), self.used))
        return self.positions[index]
