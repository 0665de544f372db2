"""The engine's entry points: documents in, output objects out."""

from datetime import date
from typing import Any

from . import checks
from . import rules_2019 as rules
from .declaration import score
from .declared import Declared
from .inputs import RawDocument, RepresentationDocument, ResultsDocument
from .outputs import EmployeeFileOutput, IndexOutput, RepresentationOutput
from .raw import declared_from_raw
from .representation import representation
from .validation import parse_document, validate_model


def compute_raw(document: RawDocument, source: str | None = None) -> IndexOutput:
    """Score raw aggregated data (engine-contract §2) as simulator then declaration do."""
    checks.check_raw(document)
    declared = declared_from_raw(document)
    return score(document.workforce_range, declared, year=document.year, source=source)


def declared_from_results(document: ResultsDocument) -> dict[str, Declared]:
    declared = {}
    for key in rules.INDICATORS_BY_BAND[document.workforce_range]:
        given = getattr(document, key)
        if not checks.is_calculable(given):
            declared[key] = Declared(calculable=False, reason=given.reason)
            continue
        declared[key] = Declared(
            calculable=True,
            result=given.result,
            favorable=given.favorable_population,
            result_equivalent=getattr(given, "result_equivalent_employees", None),
        )
    return declared


def compute_results(document: ResultsDocument, source: str | None = None) -> IndexOutput:
    """Score results computed elsewhere (engine-contract §3)."""
    checks.check_results(document)
    declared = declared_from_results(document)
    return score(document.workforce_range, declared, year=document.year, source=source)


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
    parsed = parse_document(document)
    if isinstance(parsed, RawDocument):
        return compute_raw(parsed, source)
    if isinstance(parsed, ResultsDocument):
        return compute_results(parsed, source)
    return compute_representation(parsed, source)


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
    raw = validate_model(RawDocument, read.raw_document)
    scored = compute_raw(raw, source=filename)
    return EmployeeFileOutput(**dict(scored), aggregated_input=read.raw_document, rows=read.rows)
