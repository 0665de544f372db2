"""How requests and answers travel: Bot API parameters, errors and webhook replies."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import MultipartReader, web

_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "url",
        "secret_token",
        "action",
        "ip_address",
        "language_code",
        "file_id",
        "document",
        "photo",
        "description",
        "short_description",
        "name",
        "inline_message_id",
        "business_connection_id",
        "message_effect_id",
    }
)


class ApiError(Exception):
    """An error answer of the Bot API: HTTP status == error_code."""

    def __init__(self, status: int, description: str, **parameters: Any) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(description: str) -> ApiError:
    return ApiError(400, description)


class Upload:
    """A file part of a multipart request."""

    def __init__(self, data: bytes, filename: str | None, content_type: str | None) -> None:
        self.data = data
        self.filename = filename
        self.content_type = content_type


def coerce(key: str, value: str) -> Any:
    """Form fields arrive as strings; aiogram JSON-encodes everything that is not a string."""
    if key in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


async def read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    params: dict[str, Any] = {k: coerce(k, v) for k, v in request.query.items()}
    files: dict[str, Upload] = {}
    if not request.body_exists:
        return params, files
    if request.content_type == "application/json":
        body = await request.json()
        if not isinstance(body, dict):
            raise ValueError("request body must be a JSON object")
        params.update(body)
        return params, files
    form = await request.post()
    for key, value in form.items():
        if isinstance(value, web.FileField):
            files[key] = Upload(value.file.read(), value.filename, value.content_type)
        else:
            params[key] = coerce(key, str(value))
    return params, files


async def webhook_reply(resp: Any) -> tuple[str | None, dict[str, Any], dict[str, Upload]]:
    """A webhook may answer with a method call (JSON or multipart), as aiogram can do."""
    params: dict[str, Any] = {}
    files: dict[str, Upload] = {}
    if resp.content_type == "application/json":
        body = await resp.json()
        if isinstance(body, dict):
            params = dict(body)
    elif resp.content_type.startswith("multipart/"):
        reader = MultipartReader(resp.headers, resp.content)
        while (part := await reader.next()) is not None:
            data = await part.read()  # type: ignore[union-attr]
            name = part.name or ""  # type: ignore[union-attr]
            if part.filename:  # type: ignore[union-attr]
                files[name] = Upload(bytes(data), part.filename, None)  # type: ignore[union-attr]
            else:
                params[name] = coerce(name, bytes(data).decode())
    method = params.pop("method", None)
    return (str(method) if method else None), params, files
