"""Index Egapro scoring engine: pure functions, pydantic models in, pydantic models out.

Scores are those the official platform stores (index-rules.md); the JSON shapes are those of
engine-contract.md. Bad input raises ``EngineError`` (code, French message, where).
"""

from .api import (
    compute_document,
    compute_employee_file,
    compute_raw,
    compute_representation,
    compute_results,
)
from .errors import EngineError
from .inputs import RawDocument, RepresentationDocument, ResultsDocument
from .outputs import (
    EmployeeFileOutput,
    IndexOutput,
    IndicatorResult,
    Indicators,
    Obligations,
    RaisesAndPromotionsResult,
    RateIndicatorResult,
    RepresentationNotCalculable,
    RepresentationOutput,
    RepresentationPairResult,
)
from .text import render_text

__all__ = [
    "EmployeeFileOutput",
    "EngineError",
    "IndexOutput",
    "IndicatorResult",
    "Indicators",
    "Obligations",
    "RaisesAndPromotionsResult",
    "RateIndicatorResult",
    "RawDocument",
    "RepresentationDocument",
    "RepresentationNotCalculable",
    "RepresentationOutput",
    "RepresentationPairResult",
    "ResultsDocument",
    "compute_document",
    "compute_employee_file",
    "compute_raw",
    "compute_representation",
    "compute_results",
    "render_text",
]
