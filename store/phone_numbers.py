"""French telephone numbers, stored as the official declaration form takes them: 10 digits in the
national form (``0123456789``).

Accepted as typed: ``01 23 45 67 89``, ``01.23.45.67.89``, ``01-23-45-67-89``, ``0123456789``,
``+33 1 23 45 67 89``, ``+33 (0)1 23 45 67 89``, ``0033 1 23 45 67 89``, and the overseas
departments dialled from abroad (``+262 692 12 34 56`` → ``0692123456``).
"""

import re

from store.declaration_rules import DeclarationError

FRANCE = "33"
# Overseas departments have their own country codes, but at home their numbers are ordinary
# 10-digit French numbers (0262…, 0590…, 0692…).
OVERSEAS = ("262", "590", "594", "596")

_ZERO_IN_BRACKETS = re.compile(r"\(\s*0\s*\)")
_SEPARATORS = re.compile(r"[\s.\-/()\u00a0\u202f]+")
_NATIONAL = re.compile(r"^0[1-9]\d{8}$")


def _national(digits: str) -> str | None:
    """``digits`` after an international prefix (+ or 00), in the national form, or None."""
    for code in (FRANCE, *OVERSEAS):
        if digits.startswith(code):
            subscriber = digits[len(code) :]
            if len(subscriber) == 10 and subscriber.startswith("0"):
                subscriber = subscriber[1:]  # "+33 0 1 23…": the 0 kept by mistake
            return "0" + subscriber
    return None


def normalise_phone(typed: str | None) -> str:
    """The number in its national 10-digit form.

    Raises ``DeclarationError("phone_missing")`` or ``("phone_invalid")``.
    """
    cleaned = (typed or "").strip()
    if not cleaned:
        raise DeclarationError("phone_missing")
    international = cleaned.startswith(("+", "00"))
    if international:
        cleaned = _ZERO_IN_BRACKETS.sub("", cleaned)
    compact = _SEPARATORS.sub("", cleaned)
    if compact.startswith("+"):
        compact = compact[1:]
    elif compact.startswith("00"):
        compact = compact[2:]
    if not compact.isdigit() or not compact.isascii():
        raise DeclarationError("phone_invalid")
    national = _national(compact) if international else compact
    if national is None or not _NATIONAL.match(national):
        raise DeclarationError("phone_invalid")
    return national


def display_phone(national: str) -> str:
    """``0123456789`` → ``01 23 45 67 89``; anything else as it is."""
    if not _NATIONAL.match(national or ""):
        return national
    return " ".join(national[i : i + 2] for i in range(0, 10, 2))
