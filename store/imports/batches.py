"""Apply parsed rows to the database in chunks, one transaction per chunk."""

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from store.companies import Outcome
from store.database import Database
from store.imports.report import ImportReport

CHUNK_SIZE = 500
T = TypeVar("T")
Handler = Callable[[AsyncSession, Sequence[T]], Awaitable[list[tuple[int, Outcome]]]]


async def apply_in_chunks(
    database: Database, items: Sequence[T], handle: Handler, report: ImportReport
) -> None:
    for start in range(0, len(items), CHUNK_SIZE):
        chunk = items[start : start + CHUNK_SIZE]
        try:
            outcomes = await _apply(database, chunk, handle)
        except IntegrityError:
            # Another writer (the bot) created one of these rows meanwhile: read again, once.
            outcomes = await _apply(database, chunk, handle)
        for _row, outcome in outcomes:
            report.count(outcome)


async def _apply(database: Database, chunk: Sequence[T], handle: Handler):
    async with database.session() as session:
        return await handle(session, chunk)


async def insert_rows(session: AsyncSession, table: type, rows: list[dict[str, Any]]) -> None:
    """One multi-row INSERT: building thousands of model objects costs far more than the SQL."""
    if rows:
        connection = await session.connection()
        await connection.execute(insert(table), rows)
