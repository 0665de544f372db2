"""``egapro-assistant companies import``: a simple list of companies, or the official open-data
export of declared indexes (one row per company and year)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from store import companies
from store.companies import Outcome
from store.database import Database
from store.imports import columns, messages, values
from store.imports.batches import apply_in_chunks, insert_rows
from store.imports.columns import Header
from store.imports.places import place
from store.imports.reading import Row, identifier_text, read_rows
from store.imports.report import ImportReport, Refusal, RowRefused, siren_refusal
from store.siren import InvalidSiren, normalise_siren
from store.tables.companies import Company, CompanyIndexHistory
from store.types import utcnow

SOURCE_IMPORT = "import"
SOURCE_OPEN_DATA = "open_data"


@dataclass
class CompanyRow:
    number: int
    siren: str
    fields: dict[str, Any]  # store.companies.COMPANY_FIELDS
    year: int | None = None  # open data only
    history: dict[str, Any] = field(default_factory=dict)  # store.companies.HISTORY_FIELDS


class _Cells:
    """The cells of one row, by column aliases of the header."""

    def __init__(self, header: Header, row: Row) -> None:
        self.header = header
        self.row = row

    def get(self, aliases: set[str]) -> Any:
        position = self.header.find(aliases)
        if position is None or position >= len(self.row.cells):
            return None
        return self.row.cells[position]


def _siren(cells: _Cells) -> str:
    return normalise_siren(identifier_text(cells.get(columns.SIREN)))


def _band(cells: _Cells) -> str | None:
    try:
        return values.workforce_range(cells.get(columns.BAND))
    except values.BadValue as error:
        raise RowRefused("unknown_band", value=str(error)) from error


def _company_fields(cells: _Cells) -> dict[str, Any]:
    departement, region = place(cells.get(columns.DEPARTEMENT), cells.get(columns.REGION))
    return dict(
        name=values.optional_text(cells.get(columns.NAME)),
        departement=departement,
        region=region,
        workforce_range=_band(cells),
        naf_code=values.naf_code(cells.get(columns.NAF)),
    )


def _parse_simple(header: Header, row: Row) -> CompanyRow:
    cells = _Cells(header, row)
    return CompanyRow(row.number, _siren(cells), _company_fields(cells))


def _notes(header: Header, row: Row) -> dict[str, int | str]:
    notes: dict[str, int | str] = {}
    for position, key in enumerate(header.keys):
        indicator = columns.NOTE_COLUMNS.get(key)
        if indicator is None or position >= len(row.cells):
            continue
        try:
            value = values.note(row.cells[position])
        except values.BadValue as error:
            raise RowRefused("bad_note", value=str(error), column=header.names[position]) from error
        if value is not None:
            notes[indicator] = value
    return notes


def _parse_open_data(header: Header, row: Row) -> CompanyRow:
    cells = _Cells(header, row)
    siren = _siren(cells)
    try:
        year = values.year(cells.get(columns.YEAR))
    except values.BadValue as error:
        raise RowRefused("bad_year", value=str(error)) from error
    fields = _company_fields(cells)
    notes = _notes(header, row)
    index = notes.get("index")
    history = dict(
        index=index if isinstance(index, int) else None,
        notes=notes,
        workforce_range=fields["workforce_range"],
        ues_name=values.optional_text(cells.get(columns.UES_NAME)),
        ues_sirens=[s for s in values.sirens_in(cells.get(columns.UES_SIRENS)) if s != siren],
    )
    return CompanyRow(row.number, siren, fields, year, history)


def _is_open_data(header: Header) -> bool:
    has_notes = any(key in columns.NOTE_COLUMNS for key in header.keys)
    return has_notes and header.find(columns.YEAR) is not None


def _parse_all(rows: list[Row], header: Header, parse, report: ImportReport) -> list[CompanyRow]:
    parsed: list[CompanyRow] = []
    for row in rows:
        if row.number <= header.row_number:
            continue
        try:
            parsed.append(parse(header, row))
        except InvalidSiren as error:
            report.refuse(siren_refusal(row.number, error))
        except RowRefused as refused:
            report.refuse(Refusal(row.number, refused.reason, refused.params))
    return parsed


def _without_duplicates(parsed: list[CompanyRow], report: ImportReport) -> list[CompanyRow]:
    """One row per SIREN (per SIREN and year in open data): later copies are refused, so that
    importing the same file again always gives the same result."""
    first_rows: dict[tuple[str, int | None], int] = {}
    kept = []
    for row in parsed:
        key = (row.siren, row.year)
        if key in first_rows:
            reason = "duplicate_siren" if row.year is None else "duplicate_year"
            params = {"value": row.siren, "first_row": first_rows[key]}
            report.refuse(Refusal(row.number, reason, params))
            continue
        first_rows[key] = row.number
        kept.append(row)
    return kept


async def _apply_simple(
    session: AsyncSession, chunk: Sequence[CompanyRow]
) -> list[tuple[int, Outcome]]:
    existing = await companies.get_many(session, [row.siren for row in chunk])
    outcomes = []
    new_companies = []
    for row in chunk:
        company = existing.get(row.siren)
        if company is None:
            new_companies.append(_new_company(row.siren, SOURCE_IMPORT, row.fields))
            outcomes.append((row.number, Outcome.ADDED))
        elif companies.apply_fields(company, row.fields):
            outcomes.append((row.number, Outcome.UPDATED))
        else:
            outcomes.append((row.number, Outcome.UNCHANGED))
    await insert_rows(session, Company, new_companies)
    return outcomes


def _new_company(siren: str, source: str, fields: dict[str, Any]) -> dict[str, Any]:
    return dict(siren=siren, source=source, created_at=utcnow(), **fields)


def _group_by_siren(rows: list[CompanyRow]) -> list[list[CompanyRow]]:
    groups: dict[str, list[CompanyRow]] = {}
    for row in rows:
        groups.setdefault(row.siren, []).append(row)
    return list(groups.values())


def _update_company(company: Company, latest: CompanyRow, latest_known_year: int | None) -> bool:
    """The company takes the name, band and place of its latest year; an older year only fills
    what is still unknown."""
    if latest_known_year is None or latest.year >= latest_known_year:
        return companies.apply_fields(company, latest.fields)
    missing = {
        name: value for name, value in latest.fields.items() if getattr(company, name) is None
    }
    return companies.apply_fields(company, missing)


async def _apply_open_data(
    session: AsyncSession, chunk: Sequence[list[CompanyRow]]
) -> list[tuple[int, Outcome]]:
    sirens = [group[0].siren for group in chunk]
    existing = await companies.get_many(session, sirens)
    history = await companies.history_of_many(session, sirens)
    known_years: dict[str, list[int]] = {}
    for siren, year in history:
        known_years.setdefault(siren, []).append(year)
    outcomes = []
    new_companies, new_history = [], []
    for group in chunk:
        siren = group[0].siren
        latest = max(group, key=lambda row: row.year)
        company = existing.get(siren)
        if company is None:
            new_companies.append(_new_company(siren, SOURCE_OPEN_DATA, latest.fields))
            company_changed = True
        else:
            company_changed = _update_company(
                company, latest, max(known_years.get(siren, []), default=None)
            )
        for row in group:
            kept = history.get((siren, row.year))
            if kept is None:
                new_history.append(
                    dict(
                        siren=siren,
                        year=row.year,
                        source=SOURCE_OPEN_DATA,
                        created_at=utcnow(),
                        **row.history,
                    )
                )
                outcome = Outcome.ADDED
            elif companies.apply_history_fields(kept, row.history):
                outcome = Outcome.UPDATED
            else:
                outcome = Outcome.UNCHANGED
            if row is latest and company_changed and outcome is Outcome.UNCHANGED:
                outcome = Outcome.UPDATED
            outcomes.append((row.number, outcome))
    # Changes to loaded rows are flushed first, then the new companies before their history.
    await session.flush()
    await insert_rows(session, Company, new_companies)
    await insert_rows(session, CompanyIndexHistory, new_history)
    return outcomes


async def import_companies(database: Database, path: Path) -> ImportReport:
    """Import ``path``; raises ``UnreadableFile`` when the file as a whole cannot be used."""
    rows = read_rows(path)
    header = columns.find_header(rows, path, {messages.COLUMN_NAMES["siren"]: columns.SIREN})
    if _is_open_data(header):
        report = ImportReport("companies", "open_data", str(path))
        parsed = _without_duplicates(_parse_all(rows, header, _parse_open_data, report), report)
        await apply_in_chunks(database, _group_by_siren(parsed), _apply_open_data, report)
    else:
        report = ImportReport("companies", "simple", str(path))
        parsed = _without_duplicates(_parse_all(rows, header, _parse_simple, report), report)
        await apply_in_chunks(database, parsed, _apply_simple, report)
    return report
