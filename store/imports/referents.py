"""``egapro-assistant referents import``: rows of région, département, nom, email.

A référent covering several départements has one row per département; a row with a région and
no département covers the whole région. Re-importing a file changes nothing.
"""

from pathlib import Path

from store import declarants, referents
from store.data.departements import departements_of_region, find_departement, find_region
from store.database import Database
from store.imports import columns, messages
from store.imports.columns import Header
from store.imports.reading import cell_text, read_rows
from store.imports.report import ImportReport, Refusal
from store.referents import Territory

NAME_COLUMN = columns.NAME | {"nom du referent", "referent", "prenom nom", "nom prenom"}


def _cell(header: Header, cells: list, aliases: set[str]) -> str:
    position = header.find(aliases)
    if position is None or position >= len(cells):
        return ""
    return cell_text(cells[position])


def _territories(departement_text: str, region_text: str) -> list[Territory]:
    """Raises ``ValueError`` with (reason, value) when the place cannot be used."""
    region = find_region(region_text) if region_text else None
    if region_text and region is None:
        raise ValueError("unknown_region", region_text)
    if departement_text:
        departement = find_departement(departement_text)
        if departement is None:
            raise ValueError("unknown_departement", departement_text)
        if region is not None and departement.region != region:
            raise ValueError("departement_outside_region", departement_text, region.name)
        return [Territory(departement.code, departement.region.name, False)]
    if region is None:
        raise ValueError("missing_place", "")
    return [Territory(d.code, region.name, True) for d in departements_of_region(region)]


async def import_referents(database: Database, path: Path) -> ImportReport:
    """Import ``path``; raises ``UnreadableFile`` when the file as a whole cannot be used."""
    report = ImportReport("referents", "referents", str(path))
    rows = read_rows(path)
    required = {
        messages.COLUMN_NAMES["email"]: columns.EMAIL,
        messages.COLUMN_NAMES["place"]: columns.DEPARTEMENT | columns.REGION,
    }
    header = columns.find_header(rows, path, required)
    async with database.session() as session:
        for row in rows:
            if row.number <= header.row_number:
                continue
            email_text = _cell(header, row.cells, columns.EMAIL)
            if not email_text:
                report.refuse(Refusal(row.number, "missing_email"))
                continue
            try:
                email = declarants.normalise_email(email_text)
            except declarants.InvalidEmail:
                report.refuse(Refusal(row.number, "bad_email", {"value": email_text}))
                continue
            try:
                territories = _territories(
                    _cell(header, row.cells, columns.DEPARTEMENT),
                    _cell(header, row.cells, columns.REGION),
                )
            except ValueError as error:
                reason, value, *rest = error.args
                params = {"value": value, "region": rest[0] if rest else ""}
                report.refuse(Refusal(row.number, reason, params))
                continue
            name = _cell(header, row.cells, NAME_COLUMN)
            report.count(await referents.upsert(session, email, name, territories))
    return report
