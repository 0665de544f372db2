"""Words people put around their numbers: categories, sexes, "none", in French or English."""

import re
import unicodedata

from egapro_engine.rules_2019 import CSPS

_WORD = re.compile(r"[a-z]+")

CSP_WORDS = {
    "ouv": {"ouv", "ouvrier", "ouvriers", "ouvriere", "ouvrieres", "worker", "workers"},
    "emp": {"emp", "employe", "employes", "employee", "employees", "clerk", "clerks"},
    "tam": {
        "tam", "technicien", "techniciens", "technicienne", "techniciennes", "maitrise",
        "technician", "technicians", "supervisor", "supervisors",
    },
    "ic": {
        "ic", "ingenieur", "ingenieurs", "cadre", "cadres", "engineer", "engineers",
        "manager", "managers", "executive", "executives",
    },
}  # fmt: skip
SEX_WORDS = {
    "women": {"f", "w", "femme", "femmes", "woman", "women", "female", "females"},
    "men": {"h", "m", "homme", "hommes", "man", "men", "male", "males"},
}
EQUALITY_WORDS = {"egalite", "equality", "parite", "parity", "equal", "egal", "egaux"}
NONE_WORDS = {"aucun", "aucune", "aucunes", "non", "no", "none", "pas", "rien", "nothing", "nul"}


def fold(text: str) -> str:
    """Lower case without accents: ``Employés`` -> ``employes``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def csp_of(label: str) -> str | None:
    """The category a label names, if it names exactly one."""
    found = [csp for csp in CSPS if words(label) & CSP_WORDS[csp]]
    return found[0] if len(found) == 1 else None


def sex_of(label: str) -> str | None:
    """``women`` or ``men`` when the label names exactly one sex."""
    found = [sex for sex, known in SEX_WORDS.items() if words(label) & known]
    return found[0] if len(found) == 1 else None


def favoured_population(text: str) -> str | None:
    """``women``, ``men``, ``equality`` or None, from words such as ``femmes`` or ``H``."""
    found = words(text)
    sexes = [sex for sex, known in SEX_WORDS.items() if found & known]
    if len(sexes) == 1:
        return sexes[0]
    if found & EQUALITY_WORDS or "=" in text:
        return "equality"
    return None


def says_none(text: str) -> bool:
    """A typed "none" / "aucune" / "non": no raise, no promotion, no return from leave."""
    return bool(words(text) & NONE_WORDS) and not re.search(r"\d", text)


def split_label(line: str) -> tuple[str, str]:
    """``"Ouvriers, femmes : 0 1 2 9"`` -> (label, numbers). A label ends at ``:`` or, without
    one, at the first digit or sign."""
    if ":" in line:
        label, _, rest = line.partition(":")
        return label.strip(), rest.strip()
    match = re.search(r"[\d+\-\u2212]", line)
    if match is None:
        return line.strip(), ""
    return line[: match.start()].strip(), line[match.start() :].strip()
