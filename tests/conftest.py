"""Fixtures shared by every test package: databases on SQLite and on PostgreSQL."""

import os
import uuid

import pytest

from store.database import Database
from tests.fakes import FakeTelegramServer, running_bot
from tests.fakes.web_chat import WebChatServer

POSTGRES_URL = os.environ.get(
    "EGAPRO_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


async def _postgres_reachable() -> str | None:
    import asyncpg

    dsn = POSTGRES_URL.replace("postgresql+asyncpg://", "postgresql://")
    try:
        connection = await asyncpg.connect(dsn, timeout=3)
    except (OSError, asyncpg.PostgresError) as error:
        return f"PostgreSQL not reachable at {POSTGRES_URL}: {error}"
    await connection.close()
    return None


async def require_postgres() -> None:
    """PostgreSQL must answer: the test fails without it in CI, and is skipped elsewhere."""
    problem = await _postgres_reachable()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)


async def _postgres_database() -> Database:
    """A fresh schema per test, so tests never see each other's rows."""
    await require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = Database(POSTGRES_URL)
    async with admin.engine.begin() as connection:
        await connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    await admin.dispose()
    database = Database(POSTGRES_URL, schema=schema)
    database.test_schema = schema
    return database


async def _drop_postgres_schema(schema: str) -> None:
    admin = Database(POSTGRES_URL)
    async with admin.engine.begin() as connection:
        await connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    await admin.dispose()


async def make_database(backend: str, tmp_path) -> Database:
    if backend == "sqlite":
        return Database(f"sqlite+aiosqlite:///{tmp_path / 'test.db'}")
    return await _postgres_database()


async def close_database(database: Database) -> None:
    await database.dispose()
    schema = getattr(database, "test_schema", None)
    if schema:
        await _drop_postgres_schema(schema)


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request, tmp_path):
    """The application database with every table, once on SQLite and once on PostgreSQL."""
    database = await make_database(request.param, tmp_path)
    await database.create_all()
    yield database
    await close_database(database)


@pytest.fixture
async def sqlite_db(tmp_path):
    """The application database on SQLite only, for tests whose subject is not the store."""
    database = await make_database("sqlite", tmp_path)
    await database.create_all()
    yield database
    await close_database(database)


@pytest.fixture
async def telegram():
    """A fake Telegram Bot API server on 127.0.0.1, with its simulated users."""
    async with FakeTelegramServer() as server:
        yield server


class TelegramChannel:
    """The fake Telegram server with the web chat's ``running(dispatcher)`` interface."""

    def __init__(self, server: FakeTelegramServer) -> None:
        self.server = server
        self.bot_id = server.bot_id

    def user(self, *args, **kwargs):
        return self.server.user(*args, **kwargs)

    def running(self, dispatcher, **kwargs):
        return running_bot(dispatcher, self.server, **kwargs)

    async def settled(self, timeout: float = 5.0) -> None:
        await self.server.settled(timeout)


@pytest.fixture(params=["telegram", "web"])
async def channel(request):
    """A conversation channel: the fake Telegram Bot API, or the web chat (the same
    conversation code through the service's Bot API emulation); both over real HTTP."""
    if request.param == "telegram":
        async with FakeTelegramServer() as server:
            yield TelegramChannel(server)
    else:
        yield WebChatServer()
