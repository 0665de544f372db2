"""Chart and PDF of a result are drawn once per result, language and minute."""

import asyncio
from datetime import UTC, datetime

from egapro_engine import compute_document
from reports import drawing as delivery
from tests.bot.compute_scripts import load_example

NOON = datetime(2026, 1, 15, 12, 0, 5, tzinfo=UTC)


def output() -> dict:
    document = load_example("official-sim-50-250-00.json")["input"]
    return compute_document(document).model_dump(mode="json")


async def test_the_same_result_is_drawn_once_even_when_asked_at_the_same_time(monkeypatch):
    drawn = []
    real = delivery.render_files

    def counting(result, language, generated_at):
        drawn.append((language, generated_at))
        return real(result, language, generated_at)

    monkeypatch.setattr(delivery, "render_files", counting)
    files = delivery.RenderedFiles()
    result = output()
    first, second = await asyncio.gather(
        files.get(result, "fr", NOON), files.get(result, "fr", NOON.replace(second=40))
    )
    assert first == second and len(drawn) == 1
    assert first[0].startswith(b"\x89PNG") and first[1].startswith(b"%PDF")
    await files.get(result, "en", NOON)
    await files.get(result, "fr", NOON.replace(minute=1))
    assert len(drawn) == 3


async def test_without_a_cache_every_request_is_drawn(monkeypatch):
    drawn = []
    monkeypatch.setattr(delivery, "render_files", lambda *args: drawn.append(args) or (b"", b""))
    files = delivery.RenderedFiles(size=0)
    await files.get(output(), "fr", NOON)
    await files.get(output(), "fr", NOON)
    assert len(drawn) == 2
