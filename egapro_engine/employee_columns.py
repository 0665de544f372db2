"""Which column of an employee-level file holds which field (engine-contract §5).

Names are compared once folded: case, accents, spaces, underscores and punctuation ignored,
so that ``Retour congé maternité`` matches ``retour_conge_maternite``.
"""

import unicodedata
from dataclasses import dataclass, field

from .employee_messages import FIELD_LABELS, NO_COLUMN_FOUND, file_error, shown

# Field -> accepted names (French and English), as a person would write them.
ALIASES: dict[str, tuple[str, ...]] = {
    "sex": ("sex", "sexe", "genre", "gender"),
    "csp": (
        "csp",
        "categorie",
        "catégorie socio-professionnelle",
        "categorie socioprofessionnelle",
        "socio-professional category",
        "category",
    ),
    "age": ("age", "âge"),
    "birth_date": ("birth_date", "date de naissance", "date_naissance", "date of birth"),
    "pay_fte": (
        "pay_fte",
        "remuneration_etp",
        "rémunération annuelle brute ETP",
        "remuneration annuelle brute equivalent temps plein",
        "annual pay fte",
    ),
    "pay": ("pay", "remuneration", "rémunération annuelle brute", "annual pay"),
    "level": ("level", "niveau", "coefficient"),
    "raised": ("raised", "augmente", "augmenté"),
    "promoted": ("promoted", "promu", "promue"),
    "maternity_return": (
        "maternity_return",
        "retour_conge_maternite",
        "retour congé maternité",
    ),
    "maternity_raised": ("maternity_raised", "augmentee_retour", "augmentée au retour"),
    "excluded": ("excluded", "exclu", "exclue"),
}


def fold(text: str) -> str:
    """Lower case, no accents, letters and digits only."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isalnum())


_FIELD_BY_NAME: dict[str, str] = {
    fold(name): field_name for field_name, names in ALIASES.items() for name in names
}


def looks_like_header(cells: list) -> bool:
    """A row naming the sex column (required in every file) is the header row."""
    return any(_FIELD_BY_NAME.get(fold(str(cell))) == "sex" for cell in cells)


@dataclass(frozen=True)
class Columns:
    """Field -> index of its column in the header, and the header as written."""

    header: tuple[str, ...]
    index: dict[str, int] = field(default_factory=dict)

    def __contains__(self, field_name: str) -> bool:
        return field_name in self.index

    def name(self, field_name: str) -> str:
        return self.header[self.index[field_name]]


def _missing(header: tuple[str, ...], header_row: int, field_name: str):
    found = ", ".join(f"« {shown(name)} »" for name in header if name) or NO_COLUMN_FOUND
    names = ALIASES[field_name]
    if field_name == "age":
        names = names[:1] + ALIASES["birth_date"][:3]
    return file_error(
        "missing_column",
        f"row {header_row}",
        field=FIELD_LABELS[field_name],
        aliases=", ".join(names),
        found=found,
    )


def resolve_columns(header: list[str], header_row: int, *, needs_level: bool) -> Columns:
    """Map the header cells to fields; raise when a required column is missing or doubled."""
    names = tuple(str(cell).strip() for cell in header)
    index: dict[str, int] = {}
    for position, name in enumerate(names):
        field_name = _FIELD_BY_NAME.get(fold(name))
        if field_name is None:
            continue
        if field_name in index:
            raise file_error(
                "duplicate_column",
                f"row {header_row}",
                first=shown(names[index[field_name]]),
                second=shown(name),
                field=FIELD_LABELS[field_name],
            )
        index[field_name] = position
    for field_name in ("sex", "csp", "age", "pay_fte", "level"):
        present = field_name in index or (field_name == "age" and "birth_date" in index)
        if not present and (field_name != "level" or needs_level):
            raise _missing(names, header_row, field_name)
    return Columns(names, index)
