"""Alembic environment: the application's async engine and every table of ``store.tables``.

``store.migrate`` either hands over an open connection (``config.attributes["connection"]``) or a
database URL (``config.attributes["database_url"]``).
"""

import asyncio

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel

import store.tables  # noqa: F401  (registers every table on the metadata)
from store.database import Database

config = context.config
target_metadata = SQLModel.metadata


def render_item(type_: str, obj, autogen_context) -> str | bool:
    # Application column types (UTCDateTime) are written as the SQLAlchemy type they store, so
    # migrations never depend on application code that may change later.
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


def do_run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_item=render_item,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_async_migrations(database_url: str) -> None:
    database = Database(database_url)
    try:
        async with database.engine.connect() as connection:
            await connection.run_sync(do_run_migrations)
    finally:
        await database.dispose()


def run_migrations_offline() -> None:
    url = config.attributes["database_url"]
    context.configure(
        url=url,
        target_metadata=target_metadata,
        render_item=render_item,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        do_run_migrations(connection)
    else:
        asyncio.run(run_async_migrations(config.attributes["database_url"]))


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
