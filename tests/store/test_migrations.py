import asyncio

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from store import migrate
from store.database import Database
from tests.conftest import POSTGRES_URL, close_database, make_database


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_db(request, tmp_path):
    """A database with no table at all: the migrations must build everything."""
    database = await make_database(request.param, tmp_path)
    yield database
    await close_database(database)


def _differences(connection) -> list:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(context, SQLModel.metadata)


def _table_names(connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_migrations_build_exactly_the_models(empty_db):
    await migrate.upgrade_async(empty_db)
    async with empty_db.engine.connect() as connection:
        differences = await connection.run_sync(_differences)
        tables = await connection.run_sync(_table_names)
    # A table or column added to store/tables without a migration shows up here: add a new
    # revision in store/migrations/versions (0001 is released and never changes).
    assert differences == []
    assert set(SQLModel.metadata.tables) <= tables
    assert await migrate.current_revision(empty_db) == migrate.head_revision()


async def test_upgrading_twice_is_a_no_op(empty_db):
    await migrate.upgrade_async(empty_db)
    async with empty_db.engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO company (siren, source, created_at) "
                "VALUES ('552100554', 'bot', CURRENT_TIMESTAMP)"
            )
        )
    await migrate.upgrade_async(empty_db)
    async with empty_db.engine.connect() as connection:
        kept = (await connection.execute(text("SELECT siren FROM company"))).scalars().all()
        versions = (
            (await connection.execute(text("SELECT version_num FROM alembic_version")))
            .scalars()
            .all()
        )
    assert kept == ["552100554"]
    assert versions == [migrate.head_revision()]


def test_synchronous_upgrade_of_a_new_sqlite_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    migrate.upgrade(url)
    migrate.upgrade(url)

    async def tables() -> set[str]:
        database = Database(url)
        try:
            async with database.engine.connect() as connection:
                return await connection.run_sync(_table_names)
        finally:
            await database.dispose()

    assert set(SQLModel.metadata.tables) <= asyncio.run(tables())


@pytest.fixture
async def empty_postgres_db(tmp_path):
    database = await make_database("postgresql", tmp_path)
    yield database
    await close_database(database)


async def test_instances_starting_together_on_postgresql_migrate_once(empty_postgres_db):
    other = Database(POSTGRES_URL, schema=empty_postgres_db.test_schema)
    try:
        # Without the advisory lock the two runs interleave and wait on each other forever.
        both = asyncio.gather(
            migrate.upgrade_async(empty_postgres_db), migrate.upgrade_async(other)
        )
        await asyncio.wait_for(both, timeout=60)
    finally:
        await other.dispose()
    assert await migrate.current_revision(empty_postgres_db) == migrate.head_revision()
