"""JSON documents to input models or plain data; pydantic's errors become one ``EngineError``.

``validate_data`` gives what ``validate_model(...).model_dump()`` gives, most often without
calling Python: the models' schema with each value type's ``Fast`` check and plain dicts in
place of models is tried first; only what it refuses goes through the models' Python checks,
which name the error (or accept a value in a form the fast checks leave to them, like ``3.0``
employees).
"""

from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import SchemaValidator, core_schema

from .errors import EngineError
from .fields import FAST_SCHEMA
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


def _plain_data_schema(node: Any) -> Any:
    """A models' core schema with each ``Fast`` check in place of its Python check, and
    typed dicts in place of models (same fields, defaults and unknown-field rule)."""
    if isinstance(node, list):
        return [_plain_data_schema(item) for item in node]
    if not isinstance(node, dict) or "type" not in node:
        return node
    fast = node.get("metadata", {}).get(FAST_SCHEMA)
    if fast is not None:
        return fast
    if node["type"] == "model":
        fields = {
            name: core_schema.typed_dict_field(
                _plain_data_schema(field["schema"]),
                required=field["schema"]["type"] != "default",
            )
            for name, field in node["schema"]["fields"].items()
        }
        return core_schema.typed_dict_schema(
            fields,
            extra_behavior=node.get("config", {}).get("extra_fields_behavior"),
            ref=node.get("ref"),
        )
    return {key: _plain_data_schema(value) for key, value in node.items()}


@cache
def _data_validator(model: type[BaseModel]) -> SchemaValidator:
    model.model_rebuild()  # the input models defer their build to first use
    return SchemaValidator(_plain_data_schema(model.__pydantic_core_schema__))


def validate_data(model: type[BaseModel], data: Any) -> dict[str, Any]:
    """``validate_model(model, data).model_dump()``, by the fast checks when they accept."""
    try:
        return _data_validator(model).validate_python(data)
    except ValidationError:
        return validate_model(model, data).model_dump()


def document_model(document: Any) -> type[RawDocument | ResultsDocument | RepresentationDocument]:
    """The model of a decoded JSON document, from its ``kind``."""
    if not isinstance(document, dict):
        raise EngineError("not_an_object", error_message("not_an_object"), None)
    if "kind" not in document:
        raise EngineError("missing_field", error_message("missing_field"), "kind")
    kind = document["kind"]
    model = DOCUMENT_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        raise EngineError("unknown_kind", error_message("unknown_kind", value=kind), "kind")
    return model


def parse_document(document: Any) -> RawDocument | ResultsDocument | RepresentationDocument:
    """Validate a decoded JSON document of any of the three kinds."""
    return validate_model(document_model(document), document)
