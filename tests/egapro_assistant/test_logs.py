"""The service's log lines (``egapro_assistant.logs.configure``): one JSON object per line with
``--log-format json``, what they are about (``log_context``) as keys; ``[update 123]`` in text;
third-party libraries quiet at INFO."""

import io
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from egapro_assistant.logs import QUIET_LIBRARIES, configure, log_context


@contextmanager
def configured(level: str, fmt: str) -> Iterator[io.StringIO]:
    """``configure`` writing to a string; the logging set-up as it was (pytest's handlers of
    this test phase included) is put back afterwards."""
    root = logging.getLogger()
    handlers, root_level = list(root.handlers), root.level
    levels = {name: logging.getLogger(name).level for name in QUIET_LIBRARIES}
    stream = io.StringIO()
    try:
        configure(level, fmt, stream)
        yield stream
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(root_level)
        for name, saved in levels.items():
            logging.getLogger(name).setLevel(saved)


def json_lines(stream: io.StringIO) -> list[dict]:
    lines = stream.getvalue().splitlines()
    records = [json.loads(line) for line in lines]
    assert all(isinstance(record, dict) for record in records), lines
    return records


def test_json_lines_carry_time_level_logger_message_and_what_they_are_about():
    log = logging.getLogger("egapro_assistant.test")
    with configured("INFO", "json") as stream:
        log.info("started")
        with log_context(update=123):
            log.info("update %s handled", 123)
        with log_context(outbox=7):
            log.warning("sent")
        with log_context(job="reminders"), log_context(inbound=42):
            try:
                raise RuntimeError("boom")
            except RuntimeError:
                log.exception("failed:\nsecond line")
        log.debug("not at INFO")

    started, update, outbox, failed = json_lines(stream)
    for record in (started, update, outbox, failed):
        assert {"time", "level", "logger", "message"} <= set(record)
        assert record["logger"] == "egapro_assistant.test"
        assert record["time"][:4].isdigit()
        assert not {"where", "context"} & set(record)
    assert (started["level"], started["message"]) == ("INFO", "started")
    assert not {"update", "outbox", "inbound", "job"} & set(started)
    assert (update["message"], update["update"]) == ("update 123 handled", 123)
    assert (outbox["level"], outbox["outbox"]) == ("WARNING", 7)
    assert "update" not in outbox  # a context ends with its block
    assert (failed["level"], failed["job"], failed["inbound"]) == ("ERROR", "reminders", 42)
    assert failed["message"] == "failed:\nsecond line"  # still one line
    assert "RuntimeError: boom" in failed["exc_info"]


def test_text_lines_name_what_they_are_about_after_the_logger():
    log = logging.getLogger("egapro_assistant.test")
    with configured("INFO", "text") as stream:
        with log_context(update=123):
            log.info("handled")
        with log_context(outbox=7, job="digest"):
            log.info("sent")
        log.info("idle")
    handled, sent, idle = stream.getvalue().splitlines()
    assert handled.endswith(" INFO egapro_assistant.test [update 123]: handled")
    assert sent.endswith(" INFO egapro_assistant.test [outbox 7] [job digest]: sent")
    assert idle.endswith(" INFO egapro_assistant.test: idle")


def test_third_party_libraries_log_only_warnings_at_info():
    with configured("INFO", "json") as stream:
        logging.getLogger("alembic.runtime.plugins").info("setup plugin alembic.autogenerate")
        logging.getLogger("alembic.runtime.migration").info("Context impl SQLiteImpl.")
        logging.getLogger("aiogram.dispatcher").info("Start polling")
        logging.getLogger("apscheduler.scheduler").info("Scheduler started")
        logging.getLogger("aiosmtpd").warning("a warning is kept")
    assert [record["logger"] for record in json_lines(stream)] == ["aiosmtpd"]


def test_at_debug_third_party_libraries_say_everything():
    with configured("DEBUG", "text") as stream:
        logging.getLogger("alembic.runtime.plugins").info("setup plugin alembic.autogenerate")
    assert "alembic.runtime.plugins: setup plugin" in stream.getvalue()
