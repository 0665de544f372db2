"""``egapro-assistant declarants import``: ``siren,email`` rows, the header optional."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlmodel.ext.asyncio.session import AsyncSession

from store import companies, declarants
from store.companies import Outcome
from store.database import Database
from store.imports import columns, messages
from store.imports.batches import apply_in_chunks, insert_rows
from store.imports.columns import Header
from store.imports.reading import Row, UnreadableFile, cell_text, identifier_text, read_rows
from store.imports.report import ImportReport, Refusal, siren_refusal
from store.siren import InvalidSiren, is_valid_siren, normalise_siren
from store.tables.companies import Company, DeclarantEmail
from store.types import utcnow

ADDED_BY = "import"


@dataclass(frozen=True)
class DeclarantRow:
    number: int
    siren: str
    email: str


def _headerless(rows: list[Row]) -> bool:
    """A file of bare ``siren,email`` lines, with no header row."""
    cells = rows[0].cells
    return (
        len(cells) >= 2 and is_valid_siren(identifier_text(cells[0])) and "@" in cell_text(cells[1])
    )


def _positions(rows: list[Row], path: Path) -> tuple[int, int, int]:
    """(SIREN column, email column, number of the last row before the data)."""
    required = {
        messages.COLUMN_NAMES["siren"]: columns.SIREN,
        messages.COLUMN_NAMES["email"]: columns.EMAIL,
    }
    try:
        header: Header = columns.find_header(rows, path, required)
    except UnreadableFile:
        if _headerless(rows):
            return 0, 1, 0
        raise
    return header.find(columns.SIREN), header.find(columns.EMAIL), header.row_number


def _parse(rows: list[Row], path: Path, report: ImportReport) -> list[DeclarantRow]:
    siren_at, email_at, header_row = _positions(rows, path)
    parsed = []
    for row in rows:
        if row.number <= header_row:
            continue
        cells = row.cells + [""] * (max(siren_at, email_at) + 1 - len(row.cells))
        try:
            siren = normalise_siren(identifier_text(cells[siren_at]))
        except InvalidSiren as error:
            report.refuse(siren_refusal(row.number, error))
            continue
        email_text = cell_text(cells[email_at])
        if not email_text:
            report.refuse(Refusal(row.number, "missing_email"))
            continue
        try:
            email = declarants.normalise_email(email_text)
        except declarants.InvalidEmail:
            report.refuse(Refusal(row.number, "bad_email", {"value": email_text}))
            continue
        parsed.append(DeclarantRow(row.number, siren, email))
    return parsed


async def _apply(session: AsyncSession, chunk: Sequence[DeclarantRow]) -> list[tuple[int, Outcome]]:
    sirens = list({row.siren for row in chunk})
    existing = await companies.get_many(session, sirens)
    emails = await declarants.emails_of_many(session, sirens)
    outcomes = []
    new_companies: dict[str, dict] = {}
    new_emails = []
    for row in chunk:
        if row.siren not in existing and row.siren not in new_companies:
            new_companies[row.siren] = dict(siren=row.siren, source=ADDED_BY, created_at=utcnow())
        if row.email in emails[row.siren]:
            outcomes.append((row.number, Outcome.UNCHANGED))
            continue
        new_emails.append(
            dict(siren=row.siren, email=row.email, added_by=ADDED_BY, created_at=utcnow())
        )
        emails[row.siren].add(row.email)
        outcomes.append((row.number, Outcome.ADDED))
    await insert_rows(session, Company, list(new_companies.values()))
    await insert_rows(session, DeclarantEmail, new_emails)
    return outcomes


async def import_declarants(database: Database, path: Path) -> ImportReport:
    """Import ``path``; raises ``UnreadableFile`` when the file as a whole cannot be used."""
    report = ImportReport("declarants", "declarants", str(path))
    rows = read_rows(path)
    await apply_in_chunks(database, _parse(rows, path, report), _apply, report)
    return report
