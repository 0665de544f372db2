"""A database made by any earlier revision, full of rows, upgrades to head without losing them,
and ends exactly like the models; the released first revision never changes."""

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    select,
)

from store import migrate
from tests.conftest import close_database, make_database
from tests.store.test_migrations import _differences

VERSIONS = migrate.MIGRATIONS_DIR / "versions"
# The first revision is released: databases in the field were built by exactly this file.
INITIAL_SHA256 = "3c41cff759a2058d64dc63fabf6f6cf2782bbc3bed33ce7293af81781a5eeb3b"


def test_the_released_first_revision_is_frozen():
    content = (VERSIONS / "0001_initial_schema.py").read_bytes()
    assert hashlib.sha256(content).hexdigest() == INITIAL_SHA256, (
        "0001_initial_schema.py is released and must never change: add a new revision instead"
    )


def _earlier_revisions() -> list[str]:
    """Every revision but the head, oldest first (later revisions join automatically)."""
    script = ScriptDirectory.from_config(migrate.alembic_config())
    chain = [revision.revision for revision in script.walk_revisions()]
    return [revision for revision in reversed(chain) if revision != script.get_current_head()]


def _value(column, index: int):
    """A value of ``column``'s type (as the database at that revision has it)."""
    kind = column.type
    if isinstance(kind, Boolean):
        return True
    if isinstance(kind, BigInteger):
        return 5_000_000_000 + index
    if isinstance(kind, Integer | Numeric | Float):
        return 7 + index
    if isinstance(kind, DateTime):
        return datetime(2026, 5, 4, 3, 2, 1, tzinfo=UTC)
    if isinstance(kind, Date):
        return date(2026, 5, 4)
    if isinstance(kind, JSON):
        return {"kept": [1, "deux"]}
    if isinstance(kind, LargeBinary):
        return b"\x00kept\xff"
    if isinstance(kind, String | Text):
        length = kind.length or 20
        return ("k" + str(index) * length)[:length]
    raise AssertionError(f"no test value for {column.table.name}.{column.name}: {kind!r}")


def _fill_every_table(connection) -> dict[str, dict]:
    """One row in every table of the database as it is (reflected, not the models): foreign keys
    point at the rows of the tables they reference."""
    metadata = MetaData()
    metadata.reflect(connection)
    inserted: dict[str, dict] = {}
    for table in metadata.sorted_tables:
        if table.name == "alembic_version":
            continue
        row = {}
        for index, column in enumerate(table.columns):
            foreign = next(iter(column.foreign_keys), None)
            if foreign is not None:
                target = foreign.column
                row[column.name] = inserted[target.table.name][target.name]
            else:
                row[column.name] = _value(column, index)
        connection.execute(table.insert().values(**row))
        inserted[table.name] = row
    return _read_every_table(connection, set(inserted))


def _read_every_table(connection, names: set[str]) -> dict[str, dict]:
    metadata = MetaData()
    metadata.reflect(connection, only=sorted(names))
    rows = {}
    for name in names:
        found = connection.execute(select(metadata.tables[name])).mappings().all()
        assert len(found) == 1, name
        rows[name] = dict(found[0])
    return rows


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_db(request, tmp_path):
    database = await make_database(request.param, tmp_path)
    yield database
    await close_database(database)


@pytest.mark.parametrize("start", _earlier_revisions())
async def test_a_full_database_upgrades_to_head(empty_db, start):
    await migrate.upgrade_async(empty_db, start)
    async with empty_db.engine.begin() as connection:
        before = await connection.run_sync(_fill_every_table)
    assert before  # every table of that revision got its row

    await migrate.upgrade_async(empty_db)

    async with empty_db.engine.connect() as connection:
        after = await connection.run_sync(_read_every_table, set(before))
        differences = await connection.run_sync(_differences)
    for name, row in before.items():
        kept = {column: after[name].get(column) for column in row}
        assert kept == row, name
    assert differences == []
    assert await migrate.current_revision(empty_db) == migrate.head_revision()


def test_every_revision_file_is_in_the_chain():
    files = {path.stem.split("_")[0] for path in Path(VERSIONS).glob("[0-9]*.py")}
    assert set(_earlier_revisions()) | {migrate.head_revision()} == files
