"""JSON documents to input models; pydantic's errors become one ``EngineError``."""

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import EngineError
from .inputs import RawDocument, RepresentationDocument, ResultsDocument
from .messages import ERRORS, EXPECTED, error_message

M = TypeVar("M", bound=BaseModel)

DOCUMENT_MODELS: dict[str, type[BaseModel]] = {
    "raw": RawDocument,
    "results": ResultsDocument,
    "representation": RepresentationDocument,
}

# pydantic's own error types -> (our code, what was expected)
TYPE_ERRORS = {
    "model_type": "object",
    "model_attributes_type": "object",
    "dict_type": "object",
    "list_type": "list",
    "string_type": "text",
    "bool_type": "boolean",
    "float_type": "number",
    "int_type": "number",
}


def where_from(loc: tuple[Any, ...]) -> str | None:
    """``('indicator1', 'levels', 0, 'groups')`` -> ``indicator1.levels[0].groups``."""
    where = ""
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(part, int):
            where += f"[{part}]"
        else:
            where += f".{part}" if where else str(part)
    return where or None


def engine_error(error: ValidationError) -> EngineError:
    """The first problem pydantic found, with our code and French message."""
    first = error.errors(include_url=False)[0]
    kind, loc = first["type"], tuple(first["loc"])
    where = where_from(loc)
    if kind == "missing":
        return EngineError("missing_field", error_message("missing_field"), where)
    if kind == "extra_forbidden":
        field = where_from(loc[-1:]) or ""
        return EngineError("unknown_field", error_message("unknown_field", field=field), where)
    if kind == "literal_error" and loc == ("kind",):
        value = first.get("input")
        return EngineError("unknown_kind", error_message("unknown_kind", value=value), where)
    if kind in TYPE_ERRORS:
        expected = EXPECTED[TYPE_ERRORS[kind]]
        return EngineError("invalid_type", error_message("invalid_type", expected=expected), where)
    if kind in ERRORS:
        return EngineError(kind, first["msg"], where)
    return EngineError("invalid_value", error_message("invalid_value"), where)


def validate_model(model: type[M], data: Any) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise engine_error(error) from None


def parse_document(document: Any) -> RawDocument | ResultsDocument | RepresentationDocument:
    """Validate a decoded JSON document of any of the three kinds."""
    if not isinstance(document, dict):
        raise EngineError("not_an_object", error_message("not_an_object"), None)
    if "kind" not in document:
        raise EngineError("missing_field", error_message("missing_field"), "kind")
    kind = document["kind"]
    model = DOCUMENT_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        raise EngineError("unknown_kind", error_message("unknown_kind", value=kind), "kind")
    return validate_model(model, document)
