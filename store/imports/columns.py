"""Find the columns of an import file by their header, whatever the case, accents or spacing."""

import re
import unicodedata
from dataclasses import dataclass

from store.imports.reading import Row, UnreadableFile, cell_text

# How far down a file the header row is looked for (title lines may come first).
HEADER_SEARCH_ROWS = 20


def header_key(text: str) -> str:
    """``"Tranche d'effectifs"`` → ``"tranche d effectifs"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).strip()


SIREN = {
    "siren",
    "numero siren",
    "n siren",
    "no siren",
    "siren entreprise",
    "siret",
    "numero siret",
}
NAME = {
    "name",
    "nom",
    "raison sociale",
    "denomination",
    "denomination sociale",
    "nom entreprise",
    "nom de l entreprise",
    "entreprise",
    "company",
    "company name",
}
DEPARTEMENT = {
    "departement",
    "code departement",
    "departement code",
    "dept",
    "dep",
    "departement entreprise",
    "department",
}
REGION = {"region", "region entreprise"}
BAND = {
    "tranche",
    "tranche d effectifs",
    "tranche effectifs",
    "tranche effectif",
    "tranche d effectif",
    "effectif tranche",
    "band",
    "workforce range",
}
NAF = {"code naf", "naf", "naf code", "code ape", "ape"}
EMAIL = {
    "email",
    "e mail",
    "mail",
    "courriel",
    "adresse email",
    "adresse e mail",
    "adresse mail",
    "adresse courriel",
    "email declarant",
    "courriel declarant",
}
YEAR = {"annee", "annee indicateurs", "year"}
STRUCTURE = {"structure"}
UES_NAME = {"nom ues"}
UES_SIRENS = {"entreprises ues siren", "entreprises ues"}

# Open-data "Note …" columns → the engine's indicator keys.
NOTE_COLUMNS = {
    "note ecart remuneration": "indicator1",
    "note ecart taux d augmentation hors promotion": "indicator2",
    "note ecart taux de promotion": "indicator3",
    "note ecart taux d augmentation": "indicator2and3",
    "note retour conge maternite": "indicator4",
    "note hautes remunerations": "indicator5",
    "note index": "index",
}


@dataclass(frozen=True)
class Header:
    row_number: int
    names: list[str]  # as written in the file
    keys: list[str]  # header_key of each name

    def find(self, aliases: set[str]) -> int | None:
        for position, key in enumerate(self.keys):
            if key in aliases:
                return position
        return None

    def found_text(self) -> str:
        return ", ".join(name for name in self.names if name) or "(aucune)"


def find_header(rows: list[Row], path, required: dict[str, set[str]]) -> Header:
    """The first row (among the first few) naming every required column."""
    best: Header | None = None
    best_found = -1
    for row in rows[:HEADER_SEARCH_ROWS]:
        names = [cell_text(cell) for cell in row.cells]
        header = Header(row.number, names, [header_key(name) for name in names])
        found = sum(header.find(aliases) is not None for aliases in required.values())
        if found == len(required):
            return header
        if found > best_found:
            best, best_found = header, found
    # Name what is missing from the row that looks most like a header.
    missing = [name for name, aliases in required.items() if best.find(aliases) is None]
    raise UnreadableFile("missing_columns", path, ", ".join(missing), best.found_text())
