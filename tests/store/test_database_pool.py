"""PostgreSQL connections per instance: as many as the settings say are kept open between
transactions, more are opened under load and closed after, and the service takes the numbers
from its settings."""

import asyncio

from sqlalchemy import text

from egapro_assistant.config import Settings
from store.database import Database
from tests.conftest import POSTGRES_URL, require_postgres


async def hold_connections(database: Database, count: int) -> None:
    """``count`` transactions at once, each holding its connection until all have one."""
    all_in = asyncio.Barrier(count)

    async def one() -> None:
        async with database.session() as session:
            await session.exec(text("SELECT 1"))
            await all_in.wait()

    await asyncio.gather(*(one() for _ in range(count)))


async def test_the_pool_keeps_its_size_open_and_closes_the_overflow():
    await require_postgres()
    database = Database(POSTGRES_URL, pool_size=7, max_overflow=3)
    try:
        await hold_connections(database, 10)  # the pool and its whole overflow at once
        pool = database.engine.pool
        assert pool.checkedout() == 0
        assert pool.checkedin() == 7  # kept for the next transactions; the 3 others closed
    finally:
        await database.dispose()


def test_the_settings_name_the_pool_and_refuse_an_empty_one(monkeypatch):
    monkeypatch.setenv("EGAPRO_DATABASE_POOL_SIZE", "12")
    monkeypatch.setenv("EGAPRO_DATABASE_MAX_OVERFLOW", "4")
    settings = Settings(_env_file=None)
    assert (settings.database_pool_size, settings.database_max_overflow) == (12, 4)
    monkeypatch.setenv("EGAPRO_DATABASE_POOL_SIZE", "0")
    try:
        Settings(_env_file=None)
    except ValueError as error:
        assert "database_pool_size" in str(error)
    else:
        raise AssertionError("a pool of 0 connections was accepted")
