"""Apply the Alembic migrations (``store/migrations``) to the application database."""

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from store.database import Database, async_url

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Any constant: several instances starting together on PostgreSQL migrate one after the other.
_ADVISORY_LOCK_KEY = 472_019_311


def alembic_config(database_url: str | None = None) -> Config:
    """Alembic configured in code (no alembic.ini)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    if database_url is not None:
        config.attributes["database_url"] = async_url(database_url)
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _upgrade_on(connection: Connection, config: Config, revision: str) -> None:
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _current_on(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


async def upgrade_async(database: Database, revision: str = "head") -> None:
    """Bring ``database`` to ``revision``; safe to call at every start (a no-op when up to date)."""
    config = alembic_config()
    async with database.engine.begin() as connection:
        if not database.is_sqlite:
            await connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_ADVISORY_LOCK_KEY})")
        await connection.run_sync(_upgrade_on, config, revision)


async def current_revision(database: Database) -> str | None:
    async with database.engine.connect() as connection:
        return await connection.run_sync(_current_on)


def upgrade(database_url: str, revision: str = "head") -> None:
    """Synchronous entry point (CLI, service start before the event loop runs)."""

    async def _run() -> None:
        database = Database(database_url)
        try:
            await upgrade_async(database, revision)
        finally:
            await database.dispose()

    asyncio.run(_run())
