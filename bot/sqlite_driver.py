"""The bot's per-update statements on SQLite, sent straight to the driver.

SQLAlchemy's aiosqlite adapter makes four trips to the driver's thread for each statement
(cursor, execute, fetch, close), and each trip costs the event loop more than SQLite takes to
run the statement. The few statements every update runs (read users and conversation records,
write records) are compiled by SQLAlchemy once, then sent on a pooled connection with aiosqlite's
one-trip calls, with the values SQLAlchemy would bind and read back.
"""

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, UpdateBase
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

_DIALECT = sqlite.dialect()


@lru_cache(maxsize=512)
def _compiled(statement: Select | UpdateBase, sizes: tuple[tuple[str, int], ...]) -> tuple:
    """SQL text and parameter order, with each list parameter expanded to its size."""
    if sizes:
        statement = statement.params({name: list(range(size)) for name, size in sizes})
    compiled = statement.compile(dialect=_DIALECT, compile_kwargs={"render_postcompile": True})
    return str(compiled), tuple(compiled.positiontup or ())


def _positional(statement, parameters: dict[str, Any]) -> tuple[str, list]:
    lists = tuple(sorted((k, len(v)) for k, v in parameters.items() if isinstance(v, list)))
    sql, order = _compiled(statement, lists)
    flat = dict(parameters)
    for name, _size in lists:
        for index, value in enumerate(parameters[name], 1):
            flat[f"{name}_{index}"] = value
    return sql, [flat[name] for name in order]


async def fetch_all(engine: AsyncEngine, statement: Select, parameters: dict[str, Any]) -> list:
    """The rows of ``statement`` (raw values: 0/1 for booleans, text for JSON)."""
    sql, values = _positional(statement, parameters)
    async with engine.connect() as connection:
        driver = (await connection.get_raw_connection()).driver_connection
        return list(await driver.execute_fetchall(sql, values))


async def execute_many(
    engine: AsyncEngine, writes: Sequence[tuple[UpdateBase, list[dict[str, Any]]]]
) -> None:
    """Each statement with each of its parameter sets, in one transaction."""
    async with engine.begin() as connection:
        driver = (await connection.get_raw_connection()).driver_connection
        for statement, rows in writes:
            sql, _ = _positional(statement, rows[0])
            _, order = _compiled(statement, ())
            await driver.executemany(sql, [[row[name] for name in order] for row in rows])
