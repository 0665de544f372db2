"""One handle on the application database: SQLite file by default, PostgreSQL in production."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import event, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

import store.tables  # noqa: F401  (registers every table on the metadata)

DEFAULT_URL = "sqlite+aiosqlite:///egapro-assistant.db"


def async_url(url: str) -> str:
    """Accept plain ``sqlite:///`` and ``postgresql://`` URLs and pick the async drivers."""
    if url.startswith("sqlite:"):
        return "sqlite+aiosqlite:" + url.removeprefix("sqlite:")
    for prefix in ("postgresql://", "postgres://", "postgresql+psycopg://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url.removeprefix(prefix)
    return url


def _tune_sqlite(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


POOL_SIZE, MAX_OVERFLOW = 20, 10  # PostgreSQL; the service takes them from its settings


class Database:
    def __init__(
        self,
        url: str = DEFAULT_URL,
        *,
        schema: str | None = None,
        pool_size: int = POOL_SIZE,
        max_overflow: int = MAX_OVERFLOW,
    ) -> None:
        self.url = async_url(url)
        connect_args: dict = {}
        engine_options: dict = {}
        if self.is_sqlite:
            connect_args["timeout"] = 30
            # SQLite lets one writer in at a time: more connections only wait for each other
            # in SQLite's busy handler (sleeps of up to 100 ms) and pass the GIL between one
            # aiosqlite thread each. One connection queues the transactions in the event loop.
            if make_url(self.url).database not in (None, "", ":memory:"):
                engine_options.update(pool_size=1, max_overflow=0)
        else:
            # A webhook update takes several short transactions: with too few connections
            # kept, each checkout past them opens and closes one (a PostgreSQL backend each).
            engine_options.update(
                pool_pre_ping=True, pool_size=pool_size, max_overflow=max_overflow
            )
            if schema:
                connect_args["server_settings"] = {"search_path": schema}
        self.engine: AsyncEngine = create_async_engine(
            self.url, connect_args=connect_args, **engine_options
        )
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _tune_sqlite)
        self._sessions = async_sessionmaker(
            self.engine, class_=AsyncSession, expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def dialect(self) -> str:
        return "sqlite" if self.is_sqlite else "postgresql"

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session in a transaction: committed on success, rolled back on error."""
        async with self._sessions() as session, session.begin():
            yield session

    async def create_all(self) -> None:
        """Create the tables straight from the models (tests); production uses migrations."""
        async with self.engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)

    async def dispose(self) -> None:
        await self.engine.dispose()
