"""Stored declarations in the official declaration record shape (index-rules §13 and §12).

One export line per declaration::

    {"type": "index" | "representation", "siren": "…", "year": 2025,
     "declared_at": "…", "modified_at": "…" | null, "data": {official record}}

``data`` is what the official platform stores for a (SIREN, year) — ``source``, ``déclaration``,
``déclarant``, ``entreprise``, ``indicateurs`` — with the French field names of the official
schema. Values that are not known here (a company's address or département never given, a phone
or "plan de relance" answer not asked before data year 2021…) are left out rather than invented.
Pure functions: rows in, dicts out.
"""

from datetime import date, datetime
from typing import Any

from egapro_engine import rules_2019 as rules
from egapro_engine.group_gaps import pay_gaps, rate_gaps
from egapro_engine.inputs import RawDocument
from egapro_engine.jsmath import table_note
from store.tables.companies import Company
from store.tables.declarations import (
    DeclarationObjectives,
    IndexDeclaration,
    RepresentationDeclaration,
)

SOURCE = "api"  # official enum solen|simulateur|formulaire|api: sent by a tool, not the forms
RECORD_INDEX = "index"
RECORD_REPRESENTATION = "representation"

INDICATOR_NAMES = {
    rules.IND1: "rémunérations",
    rules.IND2: "augmentations",
    rules.IND3: "promotions",
    rules.IND23: "augmentations_et_promotions",
    rules.IND4: "congés_maternité",
    rules.IND5: "hautes_rémunérations",
}
MODE_NAMES = {
    rules.MODE_CSP: "csp",
    rules.MODE_BRANCH_LEVEL: "niveau_branche",
    rules.MODE_OTHER_LEVEL: "niveau_autre",
}
AGE_NAMES = {"under_30": ":29", "30_39": "30:39", "40_49": "40:49", "50_plus": "50:"}
SEX_NAMES = {"women": "femmes", "men": "hommes"}


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    """Leave out what is not known (``None``)."""
    return {key: value for key, value in values.items() if value is not None}


def _declarant(
    first_name: str | None, last_name: str | None, email: str | None, phone: str | None = None
) -> dict:
    return _compact({"prénom": first_name, "nom": last_name, "téléphone": phone, "email": email})


def _company(company: Company | None, siren: str) -> dict[str, Any]:
    if company is None:
        return {"siren": siren}
    return _compact(
        {
            "siren": siren,
            "raison_sociale": company.name,
            "code_naf": company.naf_code,
            "région": company.region,
            "département": company.departement,
            "adresse": company.address,
            "code_postal": company.postal_code,
            "commune": company.town,
        }
    )


def _headcount_total(document: dict[str, Any]) -> int | None:
    """Effectif total: the headcount the indicators were computed on (raw data only)."""
    if document.get("kind") != "raw":
        return None
    return sum(
        cell.get("women", 0) + cell.get("men", 0)
        for ages in (document.get("headcount") or {}).values()
        for cell in ages.values()
    )


# -- indicators -----------------------------------------------------------------------------


def _population(result: dict[str, Any]) -> str | None:
    return SEX_NAMES.get(result.get("favorable_population") or "")


def _pay_categories(raw: RawDocument) -> list[dict[str, Any]]:
    return [
        {
            "nom": name,
            "tranches": {AGE_NAMES[age]: gap for age, gap in tranches.items() if gap is not None},
        }
        for name, tranches in pay_gaps(raw).categories
    ]


def _indicator(
    key: str,
    result: dict[str, Any],
    *,
    raw: RawDocument | None,
    declaration: IndexDeclaration,
    objective: str | None,
) -> dict[str, Any]:
    if not result["calculable"]:
        return {"non_calculable": result["reason"]}
    value = result["result"]
    fields: dict[str, Any] = {"résultat": value}
    if key == rules.IND1:
        fields = {"mode": MODE_NAMES.get(declaration.indicator1_mode or ""), **fields}
        if value:
            fields["population_favorable"] = _population(result)
        fields["date_consultation_cse"] = _iso(declaration.cse_consultation_date)
        if raw is not None:
            fields["catégories"] = _pay_categories(raw)
    elif key in (rules.IND2, rules.IND3):
        if value:
            fields["population_favorable"] = _population(result)
        if raw is not None:
            fields["catégories"] = rate_gaps(raw, key)
    elif key == rules.IND23:
        equivalent = result["result_equivalent_employees"]
        fields["résultat_nombre_salariés"] = equivalent
        if value or equivalent:
            fields["population_favorable"] = _population(result)
        table = rules.NOTE_TABLES[rules.IND23]
        fields["note_en_pourcentage"] = table_note(table, value)
        fields["note_nombre_salariés"] = table_note(table, equivalent)
    elif key == rules.IND5 and value != 5:
        fields["population_favorable"] = _population(result)
    fields["note"] = result["note"]
    fields["objectif_de_progression"] = objective
    return _compact(fields)


def _raw_document(document: dict[str, Any]) -> RawDocument | None:
    if document.get("kind") != "raw":
        return None
    return RawDocument.model_validate(document)


def _indicators(
    declaration: IndexDeclaration, objectives: DeclarationObjectives | None
) -> dict[str, Any]:
    output = declaration.engine_output
    raw = _raw_document(declaration.engine_input)
    texts = objectives.objectives if objectives is not None else {}
    return {
        INDICATOR_NAMES[key]: _indicator(
            key, result, raw=raw, declaration=declaration, objective=texts.get(key)
        )
        for key, result in output["indicators"].items()
    }


# -- records ----------------------------------------------------------------------------------


def _publication(declaration: IndexDeclaration, objectives: DeclarationObjectives | None) -> dict:
    publication = {
        "date": _iso(declaration.publication_date),
        "url": declaration.publication_url,
        "modalités": None if declaration.publication_url else declaration.publication_modalities,
    }
    if objectives is not None:
        publication.update(
            {
                "modalités_objectifs_mesures": objectives.modalities,
                "date_publication_mesures": _iso(objectives.measures_publication_date),
                "date_publication_objectifs": _iso(objectives.objectives_publication_date),
            }
        )
    return _compact(publication)


def index_record_data(
    declaration: IndexDeclaration,
    company: Company | None,
    objectives: DeclarationObjectives | None = None,
) -> dict[str, Any]:
    """The official record (``data``) of an index declaration made here."""
    sufficient = declaration.period_sufficient
    output = declaration.engine_output
    declared = {
        "année_indicateurs": declaration.year,
        "fin_période_référence": _iso(declaration.period_end) if sufficient else None,
        "période_suffisante": sufficient,
        "date": _iso(declaration.modified_at or declaration.first_submitted_at),
    }
    if sufficient:
        declared.update(
            {
                "points": declaration.points,
                "points_calculables": declaration.max_points,
                "index": declaration.index,
                "mesures_correctives": declaration.corrective_measures,
            }
        )
        publication = _publication(declaration, objectives)
        if publication:
            declared["publication"] = publication
    company_data = _company(company, declaration.siren)
    if declaration.plan_relance is not None:
        company_data["plan_relance"] = declaration.plan_relance
    company_data["effectif"] = _compact(
        {
            "total": _headcount_total(declaration.engine_input),
            "tranche": output.get("workforce_range"),
        }
    )
    data = {
        "source": SOURCE,
        "déclaration": _compact(declared),
        "déclarant": _declarant(
            declaration.declarant_first_name,
            declaration.declarant_last_name,
            declaration.declarant_email,
            declaration.declarant_phone,
        ),
        "entreprise": company_data,
    }
    if sufficient:
        data["indicateurs"] = _indicators(declaration, objectives)
    return data


def _pair(prefix: str, motive_key: str, pair: dict[str, Any]) -> dict[str, Any]:
    if not pair.get("calculable"):
        return {motive_key: pair["reason"]}
    return {
        f"pourcentage_femmes_{prefix}": pair["women_pct"],
        f"pourcentage_hommes_{prefix}": pair["men_pct"],
    }


def representation_record_data(
    declaration: RepresentationDeclaration, company: Company | None
) -> dict[str, Any]:
    """The official représentation équilibrée record (index-rules §12)."""
    output = declaration.engine_output
    publication = _compact(
        {
            "date": _iso(declaration.publication_date),
            "url": declaration.publication_url,
            "modalités": (
                None if declaration.publication_url else declaration.publication_modalities
            ),
        }
    )
    indicator = {
        **_pair("cadres", "motif_non_calculabilité_cadres", output["executives"]),
        **_pair("membres", "motif_non_calculabilité_membres", output["governing_bodies"]),
    }
    return {
        "source": SOURCE,
        "déclaration": _compact(
            {
                "année_indicateurs": declaration.year,
                "fin_période_référence": _iso(declaration.period_end),
                "publication": publication or None,
                "date": _iso(declaration.modified_at or declaration.first_submitted_at),
            }
        ),
        "déclarant": _declarant(
            declaration.declarant_first_name,
            declaration.declarant_last_name,
            declaration.declarant_email,
        ),
        "entreprise": _company(company, declaration.siren),
        "indicateurs": {"représentation_équilibrée": indicator},
    }


def _line(kind: str, row: IndexDeclaration | RepresentationDeclaration, data: dict) -> dict:
    return {
        "type": kind,
        "siren": row.siren,
        "year": row.year,
        "declared_at": _iso(row.first_submitted_at),
        "modified_at": _iso(row.modified_at),
        "data": data,
    }


def index_record(
    declaration: IndexDeclaration,
    company: Company | None,
    objectives: DeclarationObjectives | None = None,
) -> dict[str, Any]:
    return _line(RECORD_INDEX, declaration, index_record_data(declaration, company, objectives))


def representation_record(
    declaration: RepresentationDeclaration, company: Company | None
) -> dict[str, Any]:
    data = representation_record_data(declaration, company)
    return _line(RECORD_REPRESENTATION, declaration, data)
