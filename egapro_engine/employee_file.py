"""Employee-level file (CSV or XLSX, one row per employee) -> raw document (engine-contract §5).

``employee_sources`` cuts the file into chunks of columns, ``employee_counts`` reads and
counts them (every unreadable cell raises an ``EngineError`` naming its row and column, the
first one in reading order), and this module turns the counts into the raw document.

Large CSV files are first read by ``employee_arrow`` (pyarrow), which gives the same counts or
gives up at the first doubt; the exact reader then reads the file and names the error.

The raw document holds what a person aggregating the file by hand would enter: headcounts,
mean FTE pay per group (``math.fsum`` / count), raise and promotion rates in % per CSP
(``raised / count * 100``), raised counts, maternity returns and the top 10 by sex.
"""

import datetime
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import rules_2019 as rules
from .employee_columns import Columns, looks_like_header, resolve_columns
from .employee_counts import FLAG_FIELDS, LEVEL_MODES, EmployeeCounts
from .employee_messages import file_error, shown
from .employee_sources import Table, is_workbook, open_tables
from .errors import EngineError

OPTIONAL_FIELDS = ("pay", *FLAG_FIELDS, "excluded")
# From this size on, a CSV is first tried in the pyarrow lane (employee_arrow); below it the
# exact reader takes a few milliseconds.
ARROW_MIN_BYTES = 1_000_000
WOMEN, MEN = rules.SEXES


@dataclass(frozen=True)
class EmployeeFileAggregate:
    """The raw document built from an employee-level file, and how its rows were used.

    ``columns`` maps each field found to its column name as written in the file;
    ``absent_columns`` lists the optional fields the file lacks (read as "no" for everyone).
    """

    raw_document: dict
    rows: dict
    columns: dict[str, str] = field(default_factory=dict)
    absent_columns: tuple[str, ...] = ()


def read_employee_file(
    data: bytes,
    filename: str,
    *,
    band: str | None = None,
    mode: str = rules.MODE_CSP,
    period_end: datetime.date | None = None,
) -> EmployeeFileAggregate:
    """Read an employee-level file and aggregate it into a raw document (contract §2).

    ``band`` is the declared workforce band (default: implied by the counted headcount);
    ``mode`` the indicator 1 breakdown; ``period_end`` the last day of the reference period,
    needed when ages are given as birth dates. Raises ``EngineError`` for any bad input.
    """
    if band is not None and band not in rules.BANDS:
        raise file_error("invalid_workforce_range", value=shown(band))
    if mode not in rules.MODES:
        raise file_error("invalid_mode", value=shown(mode))
    counts = None
    if len(data) >= ARROW_MIN_BYTES and not is_workbook(data, filename):
        from .employee_arrow import read_counts  # imports pyarrow: only for large CSV files

        counts = read_counts(data, filename, mode, period_end)
    if counts is None:
        counts = _read_counts(data, filename, mode, period_end)
    return _Document(counts, mode, period_end).aggregate(band)


def _read_counts(
    data: bytes, filename: str, mode: str, period_end: datetime.date | None
) -> EmployeeCounts:
    """The exact reader: every cell read in order, any unreadable one named."""
    tables = open_tables(data, filename, looks_like_header)
    table, columns = _choose_table(tables, mode in LEVEL_MODES)
    if "age" not in columns and period_end is None:
        name = columns.name("birth_date")
        raise file_error("period_end_required", f"column {name}", column=name)
    counts = EmployeeCounts(columns, mode, period_end)
    wanted = sorted(columns.index[name] for name in counts.read_fields)
    for chunk in table.chunks(wanted, columns.index["sex"], counts.decimal_commas):
        counts.add(chunk)
    return counts


def _choose_table(tables: list[Table], needs_level: bool) -> tuple[Table, Columns]:
    """The first table (sheet) whose header has every required column."""
    first_error = None
    for table in tables:
        try:
            return table, resolve_columns(table.header, table.header_row, needs_level=needs_level)
        except EngineError as error:
            first_error = first_error or error
    raise first_error


class _Document:
    """The raw document (contract §2) a person would enter from these counts."""

    def __init__(self, counts: EmployeeCounts, mode: str, period_end) -> None:
        self.counts = counts
        self.mode = mode
        self.period_end = period_end
        self.csp_counts: Counter = Counter()  # (csp, sex)
        self.cells: Counter = Counter()  # (csp, age band index, sex)
        for gid, count in counts.headcount.items():
            group = counts.groups[gid]
            self.cells[group.csp, group.age, group.sex] += count
            self.csp_counts[group.csp, group.sex] += count

    def aggregate(self, band: str | None) -> EmployeeFileAggregate:
        counts = self.counts
        if not counts.read:
            raise file_error("no_data_rows")
        used = counts.read - counts.excluded
        if not used:
            name = counts.columns.name("excluded")
            raise file_error("no_counted_employee", f"column {name}", column=name)
        band = band or implied_band(used)
        document: dict[str, Any] = {"kind": "raw", "workforce_range": band}
        if self.period_end is not None:
            document["year"] = self.period_end.year
        document["headcount"] = {
            csp: {
                age: {sex: self.cells[csp, i, sex] for sex in rules.SEXES}
                for i, age in enumerate(rules.AGE_BANDS)
            }
            for csp in rules.CSPS
        }
        document[rules.IND1] = self._indicator1()
        if band == rules.BAND_SMALL:
            document[rules.IND23] = self._indicator2and3()
        else:
            document[rules.IND2] = self._rates(counts.raised)
            document[rules.IND3] = self._rates(counts.promoted)
        document[rules.IND4] = (
            {
                "declared_calculable": True,
                "returned_count": counts.returned,
                "raised_count": counts.returned_raised,
            }
            if counts.returned
            else {"declared_calculable": False}
        )
        top_sexes = Counter(sex for _, _, sex in counts.top)
        document[rules.IND5] = {sex: top_sexes[sex] for sex in rules.SEXES}
        columns = counts.columns
        return EmployeeFileAggregate(
            raw_document=document,
            rows={"read": counts.read, "used": used, "excluded": counts.excluded},
            columns={name: columns.name(name) for name in columns.index},
            absent_columns=tuple(name for name in OPTIONAL_FIELDS if name not in columns),
        )

    def _indicator1(self) -> dict:
        pays: dict[tuple, dict[str, list[float]]] = {}
        levels: dict[str, None] = {}  # in order of first appearance
        for gid, group in enumerate(self.counts.groups):
            name = group.level if self.counts.levels_mode else group.csp
            levels.setdefault(name)
            by_sex = pays.setdefault((name, group.age), {WOMEN: [], MEN: []})
            by_sex[group.sex] += self.counts.pays[gid]
        if not self.counts.levels_mode:
            salaries: dict[str, dict] = {}
            for csp in rules.CSPS:
                for i, age in enumerate(rules.AGE_BANDS):
                    by_sex = pays.get((csp, i))
                    if by_sex and by_sex[WOMEN] and by_sex[MEN]:
                        salaries.setdefault(csp, {})[age] = {
                            sex: _mean(by_sex[sex]) for sex in rules.SEXES
                        }
            return {"mode": self.mode, "csp_mean_salaries": salaries}
        result = []
        for name in levels:
            groups = {}
            for i, age in enumerate(rules.AGE_BANDS):
                by_sex = pays.get((name, i))
                if not by_sex or not (by_sex[WOMEN] or by_sex[MEN]):
                    continue
                both = by_sex[WOMEN] and by_sex[MEN]
                groups[age] = {
                    "women_count": len(by_sex[WOMEN]),
                    "men_count": len(by_sex[MEN]),
                    "women_mean_salary": _mean(by_sex[WOMEN]) if both else None,
                    "men_mean_salary": _mean(by_sex[MEN]) if both else None,
                }
            result.append({"name": name, "groups": groups})
        return {"mode": self.mode, "levels": result}

    def _rates(self, concerned: Counter) -> dict:
        """% of each CSP's women and men raised (promoted), as raised / count * 100."""
        by_csp_sex: Counter = Counter()
        for gid, count in concerned.items():
            group = self.counts.groups[gid]
            by_csp_sex[group.csp, group.sex] += count
        if not by_csp_sex.total():
            return {"declared_calculable": False}
        rates = {
            csp: {
                sex: by_csp_sex[csp, sex] / total * 100
                if (total := self.csp_counts[csp, sex])
                else 0.0
                for sex in rules.SEXES
            }
            for csp in rules.CSPS
        }
        return {"declared_calculable": True, "rate_pct": rates}

    def _indicator2and3(self) -> dict:
        by_sex: Counter = Counter()
        for gid, count in self.counts.raised_or_promoted.items():
            by_sex[self.counts.groups[gid].sex] += count
        if not by_sex.total():
            return {"declared_calculable": False}
        return {
            "declared_calculable": True,
            "raised_women": by_sex[WOMEN],
            "raised_men": by_sex[MEN],
        }


def _mean(pays: list[float]) -> float:
    """Exactly rounded sum over the count: independent of the order of the rows."""
    return math.fsum(pays) / len(pays)


def implied_band(headcount: int) -> str:
    """The band a headcount falls in (250 is in the small band)."""
    if headcount <= 250:
        return rules.BAND_SMALL
    return rules.BAND_MEDIUM if headcount < 1000 else rules.BAND_LARGE
