"""The engine's entry points: documents in, output objects out.

Raw and results documents are computed from their validated plain data (``validation``):
``compute_raw`` / ``compute_results`` take the models and compute from their ``model_dump()``,
``compute_document`` validates straight to that data, which is the same and faster.
"""

from datetime import date
from typing import Any

from . import checks
from . import rules_2019 as rules
from .checks import ResultsData
from .declaration import score
from .declared import Declared
from .inputs import RawDocument, RepresentationDocument, ResultsDocument
from .outputs import EmployeeFileOutput, IndexOutput, RepresentationOutput
from .raw import RawData, all_csp_totals, declared_from_raw
from .representation import representation
from .validation import document_model, validate_data, validate_model


def compute_raw(document: RawDocument, source: str | None = None) -> IndexOutput:
    """Score raw aggregated data (engine-contract §2) as simulator then declaration do."""
    return score_raw_data(document.model_dump(), source)


def score_raw_data(data: RawData, source: str | None = None) -> IndexOutput:
    by_csp = all_csp_totals(data["headcount"])
    checks.check_raw(data, by_csp)
    declared = declared_from_raw(data, by_csp)
    return score(data["workforce_range"], declared, year=data["year"], source=source)


def declared_from_results(document: ResultsData) -> dict[str, Declared]:
    declared = {}
    for key in rules.INDICATORS_BY_BAND[document["workforce_range"]]:
        given = document[key]
        if not checks.is_calculable(given):
            declared[key] = Declared(calculable=False, reason=given["reason"])
            continue
        declared[key] = Declared(
            calculable=True,
            result=given["result"],
            favorable=given["favorable_population"],
            result_equivalent=given.get("result_equivalent_employees"),
        )
    return declared


def compute_results(document: ResultsDocument, source: str | None = None) -> IndexOutput:
    """Score results computed elsewhere (engine-contract §3)."""
    return score_results_data(document.model_dump(), source)


def score_results_data(data: ResultsData, source: str | None = None) -> IndexOutput:
    checks.check_results(data)
    declared = declared_from_results(data)
    return score(data["workforce_range"], declared, year=data["year"], source=source)


def compute_representation(
    document: RepresentationDocument, source: str | None = None
) -> RepresentationOutput:
    """Représentation équilibrée (engine-contract §6)."""
    checks.check_representation(document)
    return representation(document, source)


def compute_document(
    document: Any, source: str | None = None
) -> IndexOutput | RepresentationOutput:
    """Validate and compute a decoded JSON document of any kind; raises ``EngineError``."""
    model = document_model(document)
    if model is RawDocument:
        return score_raw_data(validate_data(RawDocument, document), source)
    if model is ResultsDocument:
        return score_results_data(validate_data(ResultsDocument, document), source)
    return compute_representation(validate_model(RepresentationDocument, document), source)


def compute_employee_file(
    data: bytes,
    filename: str,
    *,
    band: str | None = None,
    mode: str = "csp",
    period_end: date | None = None,
) -> EmployeeFileOutput:
    """Score a CSV/XLSX file with one row per employee (engine-contract §5)."""
    from .employee_file import read_employee_file

    read = read_employee_file(data, filename, band=band, mode=mode, period_end=period_end)
    scored = score_raw_data(validate_data(RawDocument, read.raw_document), source=filename)
    return EmployeeFileOutput(**dict(scored), aggregated_input=read.raw_document, rows=read.rows)
