"""French postal codes: checked as typed, and the département they belong to.

The département is read from the code: Corsica 20000–20199 → ``2A`` (Corse-du-Sud), 20200–20999
→ ``2B`` (Haute-Corse); overseas 971xx–976xx → the first three digits; anywhere else the first
two digits. A valid code with no département (Saint-Pierre-et-Miquelon 975xx, the collectivities
977xx–978xx, Monaco and the Pacific 98xxx) gives ``None``: the département stays unknown.
"""

import re

from store.data.departements import Departement, departement_by_code

_SEPARATORS = re.compile(r"[\s.\u00a0\u202f-]")


class PostalCodeError(ValueError):
    """A postal code that cannot be one; ``code`` names the problem for the message."""

    def __init__(self, code: str, typed: str) -> None:
        super().__init__(f"{code}: {typed!r}")
        self.code = code  # "format" (not five digits) or "unknown" (no such area)
        self.typed = typed


def normalise_postal_code(typed: str) -> str:
    """Five digits; spaces, dots and hyphens typed inside are dropped (``"75 008"``)."""
    digits = _SEPARATORS.sub("", typed or "")
    if len(digits) != 5 or not digits.isascii() or not digits.isdigit():
        raise PostalCodeError("format", typed)
    if digits.startswith("00") or digits[:2] in ("96", "99"):
        raise PostalCodeError("unknown", typed)
    return digits


def departement_code(postal_code: str) -> str | None:
    """The département code of a postal code (normalised first); ``None`` when it has none.

    Raises ``PostalCodeError`` when the code is not a French postal code.
    """
    code = normalise_postal_code(postal_code)
    number = int(code)
    if 20000 <= number <= 20199:
        return "2A"
    if 20200 <= number <= 20999:
        return "2B"
    if code.startswith("97"):
        overseas = code[:3]
        return overseas if departement_by_code(overseas) is not None else None
    if code.startswith("98"):
        return None
    return code[:2]


def departement_of(postal_code: str) -> Departement | None:
    """The département (with its région) of a postal code; ``None`` when it has none."""
    code = departement_code(postal_code)
    return departement_by_code(code) if code else None
