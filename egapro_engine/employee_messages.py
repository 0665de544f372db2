"""Every French text of the employee-level file reader (engine-contract §5).

Codes are stable snake_case identifiers (documented in the README); messages may change.
Messages about a cell start with its position, so that they read well on their own.
"""

from typing import Any

from .errors import EngineError

_CELL = "Ligne {row}, colonne « {column} » : « {value} » "
_NOT_RECOGNISED = _CELL + "n'est pas reconnu ; attendu {expected}."
_NOT_VALID = _CELL + "n'est pas valable ; attendu {expected}."

# Error code -> French message with ``{placeholders}``.
FILE_ERRORS: dict[str, str] = {
    # The file as a whole
    "empty_file": (
        "Le fichier est vide : il doit contenir une ligne d'en-têtes puis une ligne par salarié."
    ),
    "no_data_rows": (
        "Le fichier ne contient que la ligne d'en-têtes : ajoutez une ligne par salarié."
    ),
    "no_counted_employee": (
        "Toutes les lignes sont marquées comme exclues (colonne « {column} ») : aucun salarié "
        "n'est pris en compte."
    ),
    "binary_file": (
        "Ce fichier n'est ni un CSV ni un classeur Excel lisible : enregistrez-le au format CSV "
        "(séparateur « ; » ou « , ») ou XLSX."
    ),
    "unknown_encoding": (
        "Encodage du fichier non reconnu : enregistrez-le au format « CSV UTF-8 » "
        "(ou Windows-1252)."
    ),
    "unreadable_csv": (
        "Ligne {row} : le CSV est mal formé (guillemet non refermé ou cellule trop longue) ; "
        "exportez-le à nouveau depuis le tableur."
    ),
    "unreadable_spreadsheet": (
        "Le classeur ne peut pas être lu (fichier abîmé, protégé par mot de passe ou d'un "
        "autre format) : enregistrez-le à nouveau au format XLSX ou exportez-le en CSV."
    ),
    # Header
    "missing_column": (
        "Colonne obligatoire absente : {field} (noms acceptés : {aliases}). "
        "Colonnes trouvées : {found}."
    ),
    "duplicate_column": (
        "Les colonnes « {first} » et « {second} » désignent toutes deux {field} : "
        "gardez-en une seule."
    ),
    "period_end_required": (
        "La colonne « {column} » donne des dates de naissance : indiquez la date de fin de la "
        "période de référence (--period-end AAAA-MM-JJ) pour calculer l'âge de chaque salarié, "
        "ou donnez une colonne « age »."
    ),
    # Cells
    "extra_cells": (
        "Ligne {row} : la ligne a {count} cellule(s) remplie(s) de plus que la ligne d'en-têtes "
        "(« {value} »). Vérifiez le séparateur ; dans un CSV séparé par des virgules, mettez les "
        'montants à virgule entre guillemets ("32500,50").'
    ),
    "missing_value": "Ligne {row}, colonne « {column} » : cellule vide ; attendu {expected}.",
    "invalid_sex": _NOT_RECOGNISED,
    "invalid_csp": _NOT_RECOGNISED,
    "invalid_age": _NOT_VALID,
    "invalid_birth_date": _NOT_VALID,
    "invalid_amount": _NOT_VALID,
    "invalid_boolean": _NOT_RECOGNISED,
    "invalid_level": _NOT_VALID,
    "inconsistent_maternity": (
        "Ligne {row}, colonne « {column} » : salariée indiquée augmentée à son retour de congé "
        "maternité ou d'adoption, mais sans retour de congé dans la période (colonne "
        "« {other} ») ; corrigez l'une des deux cellules."
    ),
    # Arguments
    "invalid_workforce_range": (
        "Tranche d'effectif inconnue « {value} » : attendu « 50:250 », « 251:999 » ou « 1000: »."
    ),
    "invalid_mode": (
        "Modalité de calcul inconnue « {value} » : attendu « csp », « branch_level » ou "
        "« other_level »."
    ),
}

# What a cell of each field must hold, for the messages above.
EXPECTED_VALUES: dict[str, str] = {
    "sex": "F ou H (également femme/homme, W/M, female/male)",
    "csp": (
        "ouv, emp, tam ou ic (ou Ouvriers, Employés, Techniciens et agents de maîtrise, "
        "Ingénieurs et cadres)"
    ),
    "age": "un âge en années entières, entre {low} et {high} ans",
    "birth_date": (
        "une date de naissance JJ/MM/AAAA ou AAAA-MM-JJ donnant un âge entre {low} et {high} ans "
        "à la fin de la période"
    ),
    "pay_fte": (
        "une rémunération annuelle brute en équivalent temps plein, strictement positive "
        "(par exemple 32500,50 ou 32 500,50 €)"
    ),
    "pay": "une rémunération annuelle brute positive (par exemple 32500,50 ou 32 500,50 €)",
    "level": "le nom ou le numéro du niveau (ou coefficient) de classification",
    "boolean": "oui ou non (également 1/0, yes/no, true/false ; une cellule vide vaut non)",
}

# How each field is named in messages.
FIELD_LABELS: dict[str, str] = {
    "sex": "« sexe »",
    "csp": "« csp » (catégorie socio-professionnelle)",
    "age": "« age » ou « date_naissance »",
    "birth_date": "« date_naissance »",
    "pay_fte": "« remuneration_etp » (rémunération annuelle brute en équivalent temps plein)",
    "pay": "« remuneration »",
    "level": "« niveau » (obligatoire avec les modalités par niveau ou coefficient)",
    "raised": "« augmente »",
    "promoted": "« promu »",
    "maternity_return": "« retour_conge_maternite »",
    "maternity_raised": "« augmentee_retour »",
    "excluded": "« exclu »",
}

NO_COLUMN_FOUND = "aucune"


def shown(value: Any) -> str:
    """A short printable form of a cell value for a message."""
    text = str(value).strip()
    return text if len(text) <= 40 else text[:37] + "..."


def file_error(code: str, where: str | None = None, **context: Any) -> EngineError:
    return EngineError(code, FILE_ERRORS[code].format(**context), where)
