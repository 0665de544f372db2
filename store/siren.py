"""SIREN numbers as people type them: spaces, dots, or a whole SIRET.

Pure (no database): the bot, the imports and the web app share it. ``InvalidSiren.reason`` is a
code; each package words it in its own message catalogue.
"""

from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

# Separators people type inside numbers (spaces, non-breaking spaces, dots).
_SEPARATORS = str.maketrans("", "", " .\u00a0\u202f\t")


class SirenReason:
    EMPTY = "empty"
    NOT_DIGITS = "not_digits"
    BAD_LENGTH = "bad_length"  # neither 9 (SIREN) nor 14 (SIRET) digits
    BAD_CHECKSUM = "bad_checksum"  # a 9-digit SIREN failing its Luhn check
    BAD_SIRET_CHECKSUM = "bad_siret_checksum"  # a 14-digit SIRET failing its own check


class InvalidSiren(ValueError):
    def __init__(self, reason: str, text: str) -> None:
        super().__init__(f"invalid SIREN ({reason}): {text!r}")
        self.reason = reason
        self.text = text


def normalise_siren(text: str) -> str:
    """Return the 9-digit SIREN of ``text`` (a SIREN or a SIRET), or raise ``InvalidSiren``."""
    digits = str(text).translate(_SEPARATORS)
    if not digits:
        raise InvalidSiren(SirenReason.EMPTY, text)
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidSiren(SirenReason.NOT_DIGITS, text)
    if len(digits) == 14:
        try:
            stdnum_siret.validate(digits)
        except InvalidChecksum as error:
            raise InvalidSiren(SirenReason.BAD_SIRET_CHECKSUM, text) from error
        except ValidationError as error:  # pragma: no cover - length and digits checked above
            raise InvalidSiren(SirenReason.BAD_SIRET_CHECKSUM, text) from error
        return digits[:9]
    if len(digits) != 9:
        raise InvalidSiren(SirenReason.BAD_LENGTH, text)
    try:
        return stdnum_siren.validate(digits)
    except ValidationError as error:
        raise InvalidSiren(SirenReason.BAD_CHECKSUM, text) from error


def is_valid_siren(text: str) -> bool:
    try:
        normalise_siren(text)
    except InvalidSiren:
        return False
    return True
