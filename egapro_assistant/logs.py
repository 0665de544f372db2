"""Logging for the service: what each line is about, as text or JSON.

``log_context(update=..., outbox=..., inbound=..., job=...)`` names what the code below works on;
every log record made inside carries those fields (``record.context``), printed after the
logger's name in text and as keys in JSON (``--log-format json``). Third-party libraries log at
WARNING unless the level is DEBUG.
"""

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from pythonjsonlogger.json import JsonFormatter

_CONTEXT: ContextVar[dict[str, Any] | None] = ContextVar("log_context", default=None)

# Chatty at INFO (plugins announced, each update handled, each job run, each request).
QUIET_LIBRARIES = (
    "aiogram",
    "aiohttp.access",
    "aiosmtpd",
    "mail.log",  # aiosmtpd's logger
    "alembic",
    "apscheduler",
    "asyncio",
    "fontTools",
    "PIL",
    "sqlalchemy",
)
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s%(where)s: %(message)s"


@contextmanager
def log_context(**fields: Any) -> Iterator[None]:
    """Add ``fields`` (e.g. ``update=123``) to every record logged inside the block."""
    token = _CONTEXT.set({**(_CONTEXT.get() or {}), **fields})
    try:
        yield
    finally:
        _CONTEXT.reset(token)


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        context = _CONTEXT.get() or {}
        record.context = context
        record.where = "".join(f" [{key} {value}]" for key, value in context.items())
        for key, value in context.items():
            setattr(record, key, value)
        return True


class _Json(JsonFormatter):
    def add_fields(self, log_record, record, message_dict) -> None:
        super().add_fields(log_record, record, message_dict)
        log_record.pop("where", None)
        log_record.pop("context", None)
        # ISO 8601 in UTC, whatever the machine's zone: what log collectors read without a hint.
        log_record["time"] = datetime.fromtimestamp(record.created, UTC).isoformat(
            timespec="milliseconds"
        )


def configure(level: str = "INFO", fmt: str = "text", stream=None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(ContextFilter())
    if fmt == "json":
        handler.setFormatter(
            _Json(
                "%(asctime)s %(levelname)s %(name)s %(message)s",
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            )
        )
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(getattr(logging, level))
    quiet = logging.DEBUG if level == "DEBUG" else logging.WARNING
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(quiet)
