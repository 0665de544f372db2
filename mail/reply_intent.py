"""What a reply's first line asks for: STOP, FAIT / DÉCLARÉ [index], or nothing in particular."""

import re
import unicodedata
from dataclasses import dataclass

EMPLOYEE_FILE_SUFFIXES = (".csv", ".xlsx")
EMPLOYEE_FILE_TYPES = {
    "text/csv": ".csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}
_STOP_WORDS = {
    "stop",
    "desabonner",
    "se desabonner",
    "desabonnement",
    "desinscription",
    "desinscrire",
    "unsubscribe",
}
_DECLARED = re.compile(
    r"^(?:fait|declare|deja declare|c'?est fait|declared|done)"
    r"(?:\s*[:\-–]?\s*(?:index\s*)?(?P<index>\d{1,3})(?:\s*/\s*100)?)?\s*[.!]*$"
)
_SUBJECT_PREFIX = re.compile(r"^\s*(?:(?:re|tr|fw|fwd|aw)\s*:\s*)+", re.IGNORECASE)


@dataclass(frozen=True)
class Intent:
    STOP = "stop"
    DECLARED = "declared"
    OTHER = "other"

    kind: str
    index: int | None = None


def _plain(line: str) -> str:
    decomposed = unicodedata.normalize("NFKD", line)
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(without_accents.lower().replace("’", "'").split())


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def intent_of(text: str, subject: str = "") -> Intent:
    line = _plain(first_line(text))
    if not line:  # an empty reply to the mailto: link (subject STOP)
        line = _plain(_SUBJECT_PREFIX.sub("", subject))
    bare = line.rstrip(".!").strip()
    if bare in _STOP_WORDS:
        return Intent(Intent.STOP)
    declared = _DECLARED.match(line)
    if declared:
        index = declared.group("index")
        value = int(index) if index is not None else None
        if value is not None and value > 100:
            return Intent(Intent.OTHER)
        return Intent(Intent.DECLARED, value)
    return Intent(Intent.OTHER)


def employee_file_name(filename: str, content_type: str) -> str | None:
    """The name to read an attachment under when it is an employee file (CSV / XLSX), else None."""
    name = (filename or "").strip()
    if name.lower().endswith(EMPLOYEE_FILE_SUFFIXES):
        return name
    suffix = EMPLOYEE_FILE_TYPES.get(content_type)
    return f"fichier{suffix}" if suffix else None
