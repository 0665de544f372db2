"""Check an exported record against the field rules of the official declaration (index-rules
§11, §12, §13 and the official schema's cross-validation).

``problems(line) -> list[str]``: empty when the line is valid; otherwise one sentence per rule
broken, naming the field. Used by the export command and by the tests.
"""

import math
import re
from datetime import date
from typing import Any

from egapro_engine import rules_2019 as rules
from egapro_engine.jsmath import js_round
from store.declaration_rules import OBJECTIVE_MAX_LENGTH
from store.declarations import PHONE_REQUIRED_FROM_YEAR, PLAN_RELANCE_FROM_YEAR
from store.official_record import (
    INDICATOR_NAMES,
    RECORD_INDEX,
    RECORD_REPRESENTATION,
)

SOURCES = ("solen", "simulateur", "formulaire", "api")
BANDS = {"50:250", "251:999", "1000:"}
MODES = ("csp", "niveau_branche", "niveau_autre")
POPULATIONS = ("femmes", "hommes")
KEY_OF = {name: key for key, name in INDICATOR_NAMES.items()}
SMALL_ONLY = ("augmentations_et_promotions",)
LARGE_ONLY = ("augmentations", "promotions")
ALWAYS = ("rémunérations", "congés_maternité", "hautes_rémunérations")
ONE_DECIMAL = ("rémunérations", "augmentations", "promotions", "augmentations_et_promotions")
OBJECTIVE_FIELDS = (
    "modalités_objectifs_mesures",
    "date_publication_mesures",
    "date_publication_objectifs",
)
REPRESENTATION_MOTIVES = {
    "cadres": rules.REP_MOTIVES[rules.REP_EXECUTIVES],
    "membres": rules.REP_MOTIVES[rules.REP_GOVERNING_BODIES],
}
_SIREN = re.compile(r"^\d{9}$")


def _date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _one_decimal(value: Any) -> bool:
    return _number(value) and abs(value * 10 - round(value * 10)) < 1e-9


class _Problems(list):
    def need(self, condition: bool, message: str) -> bool:
        if not condition:
            self.append(message)
        return condition


def problems(line: dict[str, Any]) -> list[str]:
    found = _Problems()
    if not found.need(isinstance(line, dict), "la ligne n'est pas un objet JSON"):
        return found
    kind = line.get("type")
    found.need(bool(_SIREN.match(str(line.get("siren", "")))), "siren : 9 chiffres attendus")
    found.need(isinstance(line.get("year"), int), "year : entier attendu")
    data = line.get("data")
    if not found.need(isinstance(data, dict), "data : objet attendu"):
        return found
    found.need(data.get("source") in SOURCES, f"source : une valeur parmi {SOURCES}")
    found.need(
        (data.get("entreprise") or {}).get("siren") == line.get("siren"),
        "entreprise.siren : doit être le SIREN de la déclaration",
    )
    _check_declarant(data.get("déclarant"), found)
    if kind == RECORD_INDEX:
        _check_index(line, data, found)
    elif kind == RECORD_REPRESENTATION:
        _check_representation(line, data, found)
    else:
        found.append(f"type : {RECORD_INDEX!r} ou {RECORD_REPRESENTATION!r} attendu")
    return found


def _check_declarant(declarant: Any, found: _Problems) -> None:
    if not found.need(isinstance(declarant, dict), "déclarant : objet attendu"):
        return
    for name in ("prénom", "nom"):
        found.need(bool(declarant.get(name)), f"déclarant.{name} : doit être défini")


def _check_period(declared: dict, year: Any, found: _Problems) -> date | None:
    found.need(declared.get("année_indicateurs") == year, "déclaration.année_indicateurs ≠ year")
    end = _date(declared.get("fin_période_référence"))
    if found.need(end is not None, "déclaration.fin_période_référence : date attendue"):
        found.need(
            end.year == year,
            "déclaration.fin_période_référence : doit être dans l'année des indicateurs",
        )
    return end


def _check_publication(publication: Any, found: _Problems, *, required: bool) -> dict:
    if publication is None:
        found.need(not required, "déclaration.publication : doit être définie")
        return {}
    if not found.need(isinstance(publication, dict), "déclaration.publication : objet attendu"):
        return {}
    found.need(_date(publication.get("date")) is not None, "publication.date : date attendue")
    has_url, has_modalities = bool(publication.get("url")), bool(publication.get("modalités"))
    found.need(has_url or has_modalities, "publication : url ou modalités doit être défini")
    found.need(not (has_url and has_modalities), "publication : url et modalités s'excluent")
    return publication


# -- index ----------------------------------------------------------------------------------


def _check_from_2021(year: Any, declarant: dict, company: dict, found: _Problems) -> None:
    """From data year 2021: the "plan de relance" answer (index-rules §11) and the phone."""
    if not isinstance(year, int):
        return
    plan_relance = company.get("plan_relance")
    if year >= PLAN_RELANCE_FROM_YEAR:
        found.need(
            isinstance(plan_relance, bool),
            f"entreprise.plan_relance : booléen obligatoire à partir de {PLAN_RELANCE_FROM_YEAR}",
        )
    elif plan_relance is not None:
        found.need(isinstance(plan_relance, bool), "entreprise.plan_relance : booléen attendu")
    phone = declarant.get("téléphone") if isinstance(declarant, dict) else None
    if year >= PHONE_REQUIRED_FROM_YEAR:
        found.need(
            isinstance(phone, str) and bool(phone.strip()),
            f"déclarant.téléphone : doit être défini à partir de {PHONE_REQUIRED_FROM_YEAR}",
        )


def _check_index(line: dict, data: dict, found: _Problems) -> None:
    declared = data.get("déclaration")
    if not found.need(isinstance(declared, dict), "déclaration : objet attendu"):
        return
    year = line.get("year")
    sufficient = declared.get("période_suffisante")
    found.need(isinstance(sufficient, bool), "déclaration.période_suffisante : booléen attendu")
    company = data.get("entreprise") or {}
    _check_from_2021(year, data.get("déclarant") or {}, company, found)
    band = (company.get("effectif") or {}).get("tranche")
    found.need(band in BANDS, f"entreprise.effectif.tranche : une valeur parmi {sorted(BANDS)}")
    if sufficient is False:
        found.need("indicateurs" not in data, "période insuffisante : aucun indicateur")
        for name in ("index", "mesures_correctives", "points"):
            found.need(name not in declared, f"période insuffisante : pas de déclaration.{name}")
        return
    end = _check_period(declared, year, found)
    indicators = data.get("indicateurs")
    if not found.need(isinstance(indicators, dict), "indicateurs : objet attendu"):
        return
    _check_band(indicators, band, found)
    notes = {}
    for name, indicator in indicators.items():
        if name not in KEY_OF:
            found.append(f"indicateurs.{name} : indicateur inconnu")
            continue
        notes[name] = _check_indicator(name, indicator, found)
    index = declared.get("index")
    _check_total(declared, notes, found)
    publication = _check_publication(declared.get("publication"), found, required=index is not None)
    _check_measures(declared.get("mesures_correctives"), index, found)
    _check_objectives(year, index, end, indicators, publication, found)


def _check_band(indicators: dict, band: str | None, found: _Problems) -> None:
    for name in ALWAYS:
        found.need(name in indicators, f"indicateurs.{name} : doit être défini")
    own, other = (SMALL_ONLY, LARGE_ONLY) if band == "50:250" else (LARGE_ONLY, SMALL_ONLY)
    for name in own:
        found.need(name in indicators, f"indicateurs.{name} : doit être défini (tranche {band})")
    for name in other:
        found.need(name not in indicators, f"indicateurs.{name} : interdit pour la tranche {band}")


def _check_indicator(name: str, indicator: Any, found: _Problems) -> tuple[int, int] | None:
    """Checks one indicator; returns (note, maximum) when it is calculable."""
    path = f"indicateurs.{name}"
    if not found.need(isinstance(indicator, dict), f"{path} : objet attendu"):
        return None
    key = KEY_OF[name]
    if "non_calculable" in indicator:
        found.need(list(indicator) == ["non_calculable"], f"{path} : non_calculable seul")
        found.need(
            indicator["non_calculable"] in rules.ALLOWED_REASONS[key],
            f"{path}.non_calculable : motif non autorisé pour cet indicateur",
        )
        return None
    result = indicator.get("résultat")
    if not found.need(_number(result) and result >= 0, f"{path}.résultat : nombre ≥ 0 attendu"):
        return None
    _check_result(name, indicator, result, found)
    note, maximum = indicator.get("note"), rules.MAX_NOTES[key]
    found.need(
        isinstance(note, int) and 0 <= note <= maximum, f"{path}.note : entier de 0 à {maximum}"
    )
    objective = indicator.get("objectif_de_progression")
    if objective is not None:
        found.need(
            isinstance(objective, str) and 1 <= len(objective) <= OBJECTIVE_MAX_LENGTH,
            f"{path}.objectif_de_progression : de 1 à {OBJECTIVE_MAX_LENGTH} caractères",
        )
    return (note, maximum) if isinstance(note, int) else None


def _check_result(name: str, indicator: dict, result: float, found: _Problems) -> None:
    path = f"indicateurs.{name}"
    population = indicator.get("population_favorable")
    if population is not None:
        found.need(population in POPULATIONS, f"{path}.population_favorable : {POPULATIONS}")
    if name in ONE_DECIMAL:
        found.need(_one_decimal(result), f"{path}.résultat : une décimale au plus")
    if name in ("rémunérations", "augmentations", "promotions"):
        found.need(
            (population is not None) == (result != 0),
            f"{path}.population_favorable : requise si et seulement si le résultat ≠ 0",
        )
    if name == "rémunérations":
        mode = indicator.get("mode")
        found.need(mode in MODES, f"{path}.mode : une valeur parmi {MODES}")
        has_cse = indicator.get("date_consultation_cse") is not None
        found.need(
            has_cse == (mode in MODES[1:]),
            f"{path}.date_consultation_cse : requise pour les modes par niveau, interdite en csp",
        )
        _check_pay_categories(path, indicator.get("catégories"), found)
    if name in ("augmentations", "promotions"):
        _check_rate_categories(path, indicator.get("catégories"), found)
    if name == "augmentations_et_promotions":
        equivalent = indicator.get("résultat_nombre_salariés")
        if found.need(
            _one_decimal(equivalent) and equivalent >= 0,
            f"{path}.résultat_nombre_salariés : nombre ≥ 0, une décimale",
        ):
            found.need(
                (population is not None) == (result != 0 or equivalent != 0),
                f"{path}.population_favorable : requise si et seulement si un résultat ≠ 0",
            )
    if name == "congés_maternité":
        found.need(
            isinstance(result, int) and result <= 100, f"{path}.résultat : entier de 0 à 100"
        )
        found.need(population is None, f"{path}.population_favorable : sans objet")
    if name == "hautes_rémunérations":
        found.need(isinstance(result, int) and result <= 5, f"{path}.résultat : entier de 0 à 5")
        found.need(
            (population is not None) == (result != 5),
            f"{path}.population_favorable : requise sauf si le résultat vaut 5",
        )


def _check_pay_categories(path: str, categories: Any, found: _Problems) -> None:
    if categories is None:
        return
    if not found.need(isinstance(categories, list), f"{path}.catégories : liste attendue"):
        return
    ages = {":29", "30:39", "40:49", "50:"}
    for position, category in enumerate(categories):
        where = f"{path}.catégories[{position}]"
        if not found.need(isinstance(category, dict), f"{where} : objet attendu"):
            continue
        found.need(bool(category.get("nom")), f"{where}.nom : doit être défini")
        tranches = category.get("tranches") or {}
        found.need(set(tranches) <= ages, f"{where}.tranches : tranches d'âge {sorted(ages)}")
        found.need(
            all(_number(v) for v in tranches.values()), f"{where}.tranches : nombres attendus"
        )


def _check_rate_categories(path: str, categories: Any, found: _Problems) -> None:
    if categories is None:
        return
    found.need(
        isinstance(categories, list)
        and len(categories) == len(rules.CSPS)
        and all(v is None or _number(v) for v in categories),
        f"{path}.catégories : 4 valeurs (ouv, emp, tam, ic), nombre ou vide",
    )


def _check_total(declared: dict, notes: dict, found: _Problems) -> None:
    calculable = [pair for pair in notes.values() if pair is not None]
    points = sum(note for note, _ in calculable)
    maximum = sum(top for _, top in calculable)
    found.need(declared.get("points") == points, "déclaration.points : somme des notes")
    found.need(
        declared.get("points_calculables") == maximum,
        "déclaration.points_calculables : somme des maxima des indicateurs calculables",
    )
    expected = js_round(points / maximum * 100) if maximum >= rules.INDEX_MIN_MAX_POINTS else None
    found.need(
        declared.get("index") == expected,
        "déclaration.index : arrondi de points × 100 / points_calculables, absent sous 75 points",
    )


def _check_measures(measures: Any, index: Any, found: _Problems) -> None:
    if index is None or index >= rules.CORRECTIVE_MEASURES_BELOW:
        found.need(measures is None, "déclaration.mesures_correctives : interdites sans index < 75")
    else:
        found.need(
            measures in ("mmo", "me", "mne"),
            "déclaration.mesures_correctives : mmo, me ou mne requis pour un index < 75",
        )


def _check_objectives(
    year: int,
    index: Any,
    end: date | None,
    indicators: dict,
    publication: dict,
    found: _Problems,
) -> None:
    texts = {
        name: indicator.get("objectif_de_progression")
        for name, indicator in indicators.items()
        if isinstance(indicator, dict)
    }
    given = {name for name, value in texts.items() if value is not None}
    fields = {name for name in OBJECTIVE_FIELDS if publication.get(name) is not None}
    due = year >= rules.OBJECTIVES_FROM_YEAR and index is not None
    due = due and index < rules.OBJECTIVES_BELOW
    if not due:
        found.need(not given and not fields, "objectifs et mesures : interdits pour cet index")
        return
    if not given and not fields:
        return  # not declared yet: the record is valid, the objectives are still due
    for name, indicator in indicators.items():
        below_max = (
            isinstance(indicator, dict)
            and "non_calculable" not in indicator
            and isinstance(indicator.get("note"), int)
            and indicator["note"] < rules.MAX_NOTES[KEY_OF[name]]
        )
        found.need(
            (name in given) == below_max,
            f"indicateurs.{name}.objectif_de_progression : requis si et seulement si "
            "l'indicateur est calculable et sous sa note maximale",
        )
    objectives_date = _date(publication.get("date_publication_objectifs"))
    if found.need(objectives_date is not None, "publication.date_publication_objectifs : requise"):
        found.need(
            end is None or objectives_date >= end,
            "publication.date_publication_objectifs : pas avant la fin de la période",
        )
    measures_date = _date(publication.get("date_publication_mesures"))
    if index < rules.CORRECTIVE_MEASURES_BELOW:
        if found.need(measures_date is not None, "publication.date_publication_mesures : requise"):
            found.need(
                end is None or measures_date >= end,
                "publication.date_publication_mesures : pas avant la fin de la période",
            )
    else:
        found.need(measures_date is None, "publication.date_publication_mesures : interdite dès 75")
    needs_modalities = index < rules.CORRECTIVE_MEASURES_BELOW or not publication.get("url")
    found.need(
        bool(publication.get("modalités_objectifs_mesures")) == needs_modalities,
        "publication.modalités_objectifs_mesures : requises sous 75, ou de 75 à 84 sans site "
        "internet ; interdites sinon",
    )


# -- représentation équilibrée ----------------------------------------------------------------


def _check_representation(line: dict, data: dict, found: _Problems) -> None:
    declared = data.get("déclaration")
    if not found.need(isinstance(declared, dict), "déclaration : objet attendu"):
        return
    year = line.get("year")
    found.need(isinstance(year, int) and year >= 2021, "year : 2021 ou après")
    _check_period(declared, year, found)
    _check_publication(declared.get("publication"), found, required=True)
    indicator = (data.get("indicateurs") or {}).get("représentation_équilibrée")
    if not found.need(
        isinstance(indicator, dict), "indicateurs.représentation_équilibrée : objet attendu"
    ):
        return
    for group, motives in REPRESENTATION_MOTIVES.items():
        women = indicator.get(f"pourcentage_femmes_{group}")
        men = indicator.get(f"pourcentage_hommes_{group}")
        motive = indicator.get(f"motif_non_calculabilité_{group}")
        where = f"représentation_équilibrée ({group})"
        if motive is not None:
            found.need(motive in motives, f"{where} : motif parmi {motives}")
            found.need(women is None and men is None, f"{where} : motif ou pourcentages")
            continue
        if not found.need(
            _number(women) and _number(men), f"{where} : deux pourcentages, ou un motif"
        ):
            continue
        found.need(0 <= women <= 100 and 0 <= men <= 100, f"{where} : de 0 à 100")
        found.need(abs(women + men - 100) < 1e-9, f"{where} : la paire doit faire 100")
