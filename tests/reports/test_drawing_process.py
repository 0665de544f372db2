"""Charts and PDFs of results are drawn in a process of their own, byte for byte as in ours."""

import os
import signal
from datetime import UTC, datetime

import pytest

from egapro_engine import compute_document
from reports.chart import render_chart_png
from reports.drawing import DrawingProcess
from reports.pdf import render_recap_pdf
from reports.render_worker import render_files
from tests.bot.compute_scripts import load_example

NOON = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)


def output(name: str = "official-sim-50-250-00.json") -> dict:
    return compute_document(load_example(name)["input"]).model_dump(mode="json")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
async def drawing():
    process = DrawingProcess()
    yield process
    await process.close()


async def test_the_drawing_process_gives_the_bytes_drawn_here(drawing):
    result = output()
    chart, pdf = await drawing.run(render_files, result, "fr", NOON)
    assert chart == render_chart_png(result, "fr")
    assert pdf == render_recap_pdf(result, language="fr", generated_at=NOON)
    assert await drawing.run(render_files, result, "en", NOON) == (
        render_chart_png(result, "en"),
        render_recap_pdf(result, language="en", generated_at=NOON),
    )


async def test_closing_stops_the_process_and_the_next_drawing_starts_another(drawing):
    first = await drawing.run(os.getpid)
    assert first != os.getpid()
    await drawing.close()
    assert not alive(first)
    second = await drawing.run(os.getpid)
    assert second not in (first, os.getpid())


async def test_a_process_that_died_is_replaced_and_nothing_is_lost(drawing):
    pid = await drawing.run(os.getpid)
    os.kill(pid, signal.SIGKILL)
    result = output()
    assert await drawing.run(render_files, result, "fr", NOON) == render_files(result, "fr", NOON)
    replacement = await drawing.run(os.getpid)
    assert replacement not in (pid, os.getpid())
