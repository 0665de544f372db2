"""Campaign status benchmark: the standing of every company, and of one département's.

    .venv/bin/python bench/campaign_status.py [--sizes 5000 50000 500000]
                                              [--backends sqlite postgresql] [--repeat 3]

For each size N and backend, a fresh database gets N synthetic companies (101 départements,
bands 50-250 / 251-999 / 1000+ and a few unknown) with their facts for campaign 2027: about half
declared here (a quarter of them with objectives to fill), 10 % declared elsewhere, 15 % listed in
the open-data history, 10 % in progress, représentation for a third of the 1000+. Rows are bulk
inserted (multi-row INSERTs). Then ``store.campaign_status.standings`` is timed (best of
``--repeat``) for the whole list and for département 69; the baseline is the plain
``SELECT siren FROM company`` of every row in the same session.

PostgreSQL: ``EGAPRO_TEST_POSTGRES_URL`` (default postgresql+asyncpg://postgres@127.0.0.1/test),
in a schema created and dropped by the run.
"""

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select

from store.campaign_status import standings
from store.campaigns import CampaignCalendar
from store.database import Database
from store.tables import (
    CampaignProgress,
    Company,
    CompanyIndexHistory,
    IndexDeclaration,
    RepresentationDeclaration,
)

POSTGRES_URL = os.environ.get(
    "EGAPRO_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
CAMPAIGN = CampaignCalendar.load().campaign(2027)
DEPARTEMENTS = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B", "971", "972", "974"]
BANDS = ["50:250"] * 70 + ["251:999"] * 20 + ["1000:"] * 7 + [None] * 3
CHUNK = 5_000
AT = datetime(2027, 2, 1, tzinfo=UTC)


def synthetic_rows(count: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    rows = {name: [] for name in ("company", "index", "history", "progress", "representation")}
    for number in range(count):
        siren = f"{100_000_000 + number:09d}"
        band = rng.choice(BANDS)
        rows["company"].append(
            dict(
                siren=siren,
                name=f"Entreprise {number}",
                departement=rng.choice(DEPARTEMENTS),
                workforce_range=band,
                source="import",
                created_at=AT,
            )
        )
        draw = rng.random()
        if draw < 0.5:
            index = rng.randint(40, 100)
            rows["index"].append(
                dict(
                    siren=siren,
                    year=CAMPAIGN.data_year,
                    channel="assistant",
                    engine_input={},
                    engine_output={},
                    index=index,
                    objectives_status="to_fill" if index < 85 else "not_applicable",
                    first_submitted_at=AT + timedelta(minutes=number % 10_000),
                    period_sufficient=True,
                    revision=1,
                )
            )
        elif draw < 0.6:
            rows["index"].append(
                dict(
                    siren=siren,
                    year=CAMPAIGN.data_year,
                    channel="official_platform",
                    elsewhere_source="telegram",
                    engine_input={},
                    engine_output={},
                    index=None,
                    objectives_status="not_applicable",
                    first_submitted_at=AT,
                    period_sufficient=True,
                    revision=1,
                )
            )
        elif draw < 0.75:
            rows["history"].append(
                dict(
                    siren=siren,
                    year=CAMPAIGN.data_year,
                    index=rng.randint(40, 100),
                    notes={},
                    ues_sirens=[],
                    source="open_data",
                    created_at=AT,
                )
            )
        elif draw < 0.85:
            rows["progress"].append(
                dict(siren=siren, campaign_year=CAMPAIGN.year, started_by="compute", started_at=AT)
            )
        if band == "1000:" and rng.random() < 0.33:
            rows["representation"].append(
                dict(
                    siren=siren,
                    year=CAMPAIGN.data_year,
                    channel="assistant",
                    engine_input={},
                    engine_output={},
                    first_submitted_at=AT,
                )
            )
    return rows


TABLES = {
    "company": Company,
    "index": IndexDeclaration,
    "history": CompanyIndexHistory,
    "progress": CampaignProgress,
    "representation": RepresentationDeclaration,
}


async def fill(database: Database, rows: dict) -> None:
    for name, model in TABLES.items():
        values = rows[name]
        for start in range(0, len(values), CHUNK):
            async with database.session() as session:
                await session.execute(insert(model), values[start : start + CHUNK])
    async with database.engine.begin() as connection:
        await connection.exec_driver_sql("ANALYZE")


async def best_of(repeat: int, action) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = await action()
        best = min(best, time.perf_counter() - started)
    return best, result


async def measure(database: Database, repeat: int) -> dict:
    async def everyone():
        async with database.session() as session:
            return await standings(session, CAMPAIGN)

    async def one_departement():
        async with database.session() as session:
            return await standings(session, CAMPAIGN, departements=["69"])

    async def baseline():
        async with database.session() as session:
            return (await session.exec(select(Company.siren))).all()

    base, _ = await best_of(repeat, baseline)
    whole, found = await best_of(repeat, everyone)
    local, in_69 = await best_of(repeat, one_departement)
    return dict(baseline=base, whole=whole, count=len(found), departement=local, local=len(in_69))


async def open_database(backend: str, directory: Path, size: int):
    if backend == "sqlite":
        return Database(f"sqlite+aiosqlite:///{directory / f'bench-{size}.db'}"), None
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = Database(POSTGRES_URL)
    async with admin.engine.begin() as connection:
        await connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    await admin.dispose()
    return Database(POSTGRES_URL, schema=schema), schema


async def drop_schema(schema: str) -> None:
    admin = Database(POSTGRES_URL)
    async with admin.engine.begin() as connection:
        await connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    await admin.dispose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 50_000, 500_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"{'backend':<11}{'companies':>10}{'fill s':>9}{'baseline s':>12}{'all s':>9}"
        f"{'µs/company':>12}{'dép. 69 s':>11}{'in 69':>7}"
    )
    with tempfile.TemporaryDirectory() as directory:
        for size in args.sizes:
            rows = synthetic_rows(size)
            for backend in args.backends:
                database, schema = await open_database(backend, Path(directory), size)
                try:
                    await database.create_all()
                    started = time.perf_counter()
                    await fill(database, rows)
                    filled = time.perf_counter() - started
                    result = await measure(database, args.repeat)
                finally:
                    await database.dispose()
                    if schema:
                        await drop_schema(schema)
                print(
                    f"{backend:<11}{result['count']:>10}{filled:>9.1f}{result['baseline']:>12.3f}"
                    f"{result['whole']:>9.3f}{result['whole'] / size * 1e6:>12.1f}"
                    f"{result['departement']:>11.3f}{result['local']:>7}",
                    flush=True,
                )


if __name__ == "__main__":
    asyncio.run(main())
