"""Référents' dashboard benchmark: server time of its pages and exports for a région.

    .venv/bin/python bench/dashboard.py [--size 50000] [--backends sqlite postgresql]
                                        [--repeat 5] [--region-share 0.25]

A fresh database gets ``--size`` synthetic companies with their facts for campaign 2027 (the
population of ``bench/campaign_status.py``: declared here, elsewhere, in the open data, in
progress...), of which ``--region-share`` in Île-de-France (its 8 départements; the rest spread
over the other départements), a référent covering Île-de-France, questions on 2 % of its
companies and sent reminders on a third. The web app runs on 127.0.0.1 with a signed-in
session; each figure is the best of ``--repeat`` real HTTP requests (response read to the end):

- the dashboard's first page with its counts (``GET /referents``);
- one company page (a company with a declaration);
- the full export of the région in CSV and in XLSX.

Baseline, same run: ``GET /health`` (one query and the HTTP round trip).
"""

import argparse
import asyncio
import random
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp
from aiohttp import web
from sqlalchemy import insert

from bench.campaign_status import drop_schema, fill, open_database, synthetic_rows
from egapro_assistant.config import Settings
from store import referent_sessions, referents
from store.clock import FixedClock
from store.data.departements import departements_of_region, find_region
from store.referents import Territory
from store.tables import EmailQuestion, InboundMessage, OutboxMessage
from web.app import build_web_app
from web.referent_auth import COOKIE, COOKIE_PURPOSE
from web.signing import sign_expiring

MOMENT = datetime(2027, 3, 10, 11, 0, tzinfo=UTC)  # campaign 2027, after its deadline
REGION = find_region("Île-de-France")
SECRET = b"b" * 32


def place(rows: dict, share: float, seed: int = 11) -> list[str]:
    """Move ``share`` of the companies into the région; returns their SIRENs."""
    rng = random.Random(seed)
    inside = [d.code for d in departements_of_region(REGION)]
    outside = [f"{n:02d}" for n in range(1, 96) if f"{n:02d}" not in inside and n != 20]
    chosen = []
    for company in rows["company"]:
        if rng.random() < share:
            company["departement"] = rng.choice(inside)
            chosen.append(company["siren"])
        else:
            company["departement"] = rng.choice(outside)
    return chosen


async def add_territory(database, sirens: list[str]) -> tuple[int, str]:
    """The référent, their questions and reminders; returns (référent id, session cookie)."""
    territory = [Territory(d.code, REGION.name, True) for d in departements_of_region(REGION)]
    async with database.session() as session:
        await referents.upsert(session, "idf@dreets.gouv.fr", "Référent IDF", territory)
        referent = await referents.get_by_email(session, "idf@dreets.gouv.fr")
        token, expires = await referent_sessions.open_session(
            session, referent.id, clock=FixedClock(MOMENT)
        )
    rng = random.Random(5)
    asked = rng.sample(sirens, max(1, len(sirens) // 50))
    reminded = rng.sample(sirens, len(sirens) // 3)
    async with database.session() as session:
        await session.execute(
            insert(InboundMessage),
            [
                dict(recipient=f"r+{n}@x", raw=b"x", size=1, status="processed", received_at=MOMENT)
                for n in range(len(asked))
            ],
        )
    async with database.session() as session:
        ids = [row.id for row in (await session.exec(InboundMessage.__table__.select())).all()]
        await session.execute(
            insert(EmailQuestion),
            [
                dict(
                    siren=siren,
                    email=f"rh{n}@example.fr",
                    inbound_message_id=ids[n],
                    text="Question ?",
                    status="open",
                    created_at=MOMENT,
                )
                for n, siren in enumerate(asked)
            ],
        )
        await session.execute(
            insert(OutboxMessage),
            [
                dict(
                    channel="email",
                    recipient=f"rh{n}@example.fr",
                    dedup_key=f"reminder:{siren}",
                    kind="reminder_index",
                    siren=siren,
                    payload={},
                    status="sent",
                    priority=10,
                    topic="reminders:2027:index",
                    attempts=1,
                    next_attempt_at=MOMENT,
                    sent_at=MOMENT,
                    created_at=MOMENT,
                )
                for n, siren in enumerate(reminded)
            ],
        )
    return referent.id, sign_expiring(SECRET, COOKIE_PURPOSE, token, expires)


async def timed(http: aiohttp.ClientSession, url: str, repeat: int, cookie: str) -> tuple:
    best, size = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        async with http.get(url, cookies={COOKIE: cookie}) as response:
            body = await response.read()
            assert response.status == 200, (url, response.status)
        best = min(best, time.perf_counter() - started)
        size = len(body)
    return best, size


async def run_backend(backend: str, size: int, share: float, repeat: int, directory: Path):
    rows = synthetic_rows(size)
    sirens = place(rows, share)
    declared = next(r["siren"] for r in rows["index"] if r["siren"] in set(sirens))
    database, schema = await open_database(backend, directory, size)
    runner = None
    try:
        await database.create_all()
        await fill(database, rows)
        _, cookie = await add_territory(database, sirens)
        settings = Settings(_env_file=None, public_base_url="http://127.0.0.1:9")
        app = build_web_app(database, settings, form_secret=SECRET, clock=FixedClock(MOMENT))
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        base = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
        async with aiohttp.ClientSession() as http:
            results = {
                "health": await timed(http, f"{base}/health", repeat, cookie),
                "first page": await timed(http, f"{base}/referents", repeat, cookie),
                "company": await timed(
                    http, f"{base}/referents/companies/{declared}", repeat, cookie
                ),
                "CSV": await timed(http, f"{base}/referents/export.csv", repeat, cookie),
                "XLSX": await timed(
                    http, f"{base}/referents/export.xlsx", max(1, repeat // 2), cookie
                ),
            }
    finally:
        if runner is not None:
            await runner.cleanup()
        await database.dispose()
        if schema:
            await drop_schema(schema)
    return len(sirens), results


async def main() -> None:
    warnings.simplefilter("ignore", DeprecationWarning)  # sqlmodel's note on session.execute
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--region-share", type=float, default=0.25)
    args = parser.parse_args()
    print(
        f"{'backend':<11}{'companies':>10}{'in région':>10}{'health ms':>10}"
        f"{'1st page ms':>12}{'company ms':>11}{'CSV s':>8}{'XLSX s':>8}{'CSV KB':>8}{'XLSX KB':>8}"
    )
    with tempfile.TemporaryDirectory() as directory:
        for backend in args.backends:
            inside, r = await run_backend(
                backend, args.size, args.region_share, args.repeat, Path(directory)
            )
            print(
                f"{backend:<11}{args.size:>10}{inside:>10}{r['health'][0] * 1e3:>10.1f}"
                f"{r['first page'][0] * 1e3:>12.1f}{r['company'][0] * 1e3:>11.1f}"
                f"{r['CSV'][0]:>8.2f}{r['XLSX'][0]:>8.2f}"
                f"{r['CSV'][1] / 1024:>8.0f}{r['XLSX'][1] / 1024:>8.0f}",
                flush=True,
            )


if __name__ == "__main__":
    asyncio.run(main())
