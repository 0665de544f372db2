"""aiogram FSM storage on the application database, so a conversation survives restarts.

The database is the truth: a write returns once committed (the writes of conversations that
arrive together share one transaction, see bot.batching). Within one update, reads are served
by a single read: ``bot.middlewares.UpdateContextMiddleware`` opens ``update_scope()`` around
each update, under aiogram's per-chat lock, reads the record along with the user and hands it to
``keep_read()``; ``get_state``/``get_data`` then answer from that copy, which each write of the
update refreshes, and a write that would not change the record is skipped. Outside a scope (a
script, a task started by a handler) every call reads the database.
"""

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, KeyBuilder, StorageKey
from sqlalchemy import bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.batching import Batcher
from store.database import Database
from store.tables.conversation import FsmRecord
from store.types import utcnow

# A record as read in this update: its state and its data as the JSON text the column stores,
# so every get_data returns a fresh copy, exactly what a new read of the database would give.
Copy = tuple[str | None, str]
_NO_RECORD: Copy = (None, "{}")

_COLUMNS = FsmRecord.__table__.c
# Built once: building and hashing a statement per call costs more than running it on SQLite.
SELECT_RECORD = select(_COLUMNS.state, _COLUMNS.data).where(_COLUMNS.key == bindparam("key"))


def _upsert(dialect, column: str):
    """Insert a record with ``column`` set (the other one empty), or set ``column`` on it."""
    statement = dialect.insert(FsmRecord).values(
        key=bindparam("key", type_=_COLUMNS.key.type),
        state=bindparam("state", type_=_COLUMNS.state.type),
        data=bindparam("data", type_=_COLUMNS.data.type),
        updated_at=bindparam("updated_at", type_=_COLUMNS.updated_at.type),
    )
    changes = {name: statement.excluded[name] for name in (column, "updated_at")}
    return statement.on_conflict_do_update(index_elements=["key"], set_=changes)


_UPSERTS = {
    name: {column: _upsert(dialect, column) for column in ("state", "data")}
    for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql))
}


class _UpdateRecords:
    """The records read during one update."""

    __slots__ = ("copies", "open")

    def __init__(self) -> None:
        self.copies: dict[tuple[BaseStorage, str], Copy] = {}
        self.open = True


_CURRENT: ContextVar[_UpdateRecords | None] = ContextVar("fsm_update_records", default=None)


@contextmanager
def update_scope() -> Iterator[None]:
    """Serve FSM reads from the first read of each record until the block ends (one update)."""
    records = _UpdateRecords()
    token = _CURRENT.set(records)
    try:
        yield
    finally:
        # Tasks started by a handler copied the context; once the update is over they must read
        # the database again, since the chat's lock no longer protects this copy.
        records.open = False
        _CURRENT.reset(token)


class DatabaseStorage(BaseStorage):
    def __init__(self, database: Database, key_builder: KeyBuilder | None = None) -> None:
        self.database = database
        self.key_builder = key_builder or DefaultKeyBuilder(with_destiny=True)
        self._upserts = _UPSERTS[database.dialect]
        self._writes: Batcher[tuple[str, dict[str, Any]], None] = Batcher(self._write_batch)

    def build_key(self, key: StorageKey) -> str:
        """The record's primary key."""
        return self.key_builder.build(key)

    # --- reads ----------------------------------------------------------------------------

    async def get_state(self, key: StorageKey) -> str | None:
        return (await self._copy(key))[0]

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return json.loads((await self._copy(key))[1])

    def keep_read(self, key: StorageKey, record: Copy | None) -> None:
        """What the caller just read of the record (state, data as JSON text; None: no
        record), for this update."""
        self._keep(self.build_key(key), record or _NO_RECORD)

    async def load(self, connection: AsyncConnection, key: StorageKey) -> str | None:
        """Read the record with the caller's connection, keep it for this update; its state."""
        row = (await connection.execute(SELECT_RECORD, {"key": self.build_key(key)})).first()
        self.keep_read(key, (row.state, json.dumps(row.data)) if row else None)
        return row[0] if row else None

    async def _copy(self, key: StorageKey) -> Copy:
        storage_key = self.build_key(key)
        copy = self._kept(storage_key)
        if copy is not None:
            return copy
        async with self.database.engine.connect() as connection:
            row = (await connection.execute(SELECT_RECORD, {"key": storage_key})).first()
        copy = (row.state, json.dumps(row.data)) if row else _NO_RECORD
        self._keep(storage_key, copy)
        return copy

    # --- writes (to the database first, then to this update's copy) ---------------------

    async def set_state(self, key: StorageKey, state: str | State | None = None) -> None:
        state_name = state.state if isinstance(state, State) else state
        storage_key = self.build_key(key)
        copy = self._kept(storage_key)
        if copy is not None and copy[0] == state_name:
            return  # what the database holds already (read under the chat's lock)
        await self._write("state", storage_key, state_name, {})
        if copy is not None:
            self._keep(storage_key, (state_name, copy[1]))

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        storage_key = self.build_key(key)
        data = dict(data)
        text = json.dumps(data)
        copy = self._kept(storage_key)
        if copy is not None and copy[1] == text:
            return  # what the database holds already (read under the chat's lock)
        await self._write("data", storage_key, None, data)
        if copy is not None:
            self._keep(storage_key, (copy[0], text))

    async def _write(self, column: str, storage_key: str, state: str | None, data: dict) -> None:
        parameters = {"key": storage_key, "state": state, "data": data, "updated_at": utcnow()}
        await self._writes((column, parameters))

    async def _write_batch(self, writes: list[tuple[str, dict[str, Any]]]) -> list[None]:
        """The writes of several conversations, in one transaction."""
        async with self.database.engine.begin() as connection:
            for column in ("state", "data"):
                # One row per record and column, the last written, as if written in turn.
                rows = {p["key"]: p for kind, p in writes if kind == column}
                if rows:
                    await connection.execute(self._upserts[column], list(rows.values()))
        return [None] * len(writes)

    # --- this update's copies -------------------------------------------------------------

    @staticmethod
    def _copies() -> dict[tuple[BaseStorage, str], Copy] | None:
        records = _CURRENT.get()
        return records.copies if records is not None and records.open else None

    def _kept(self, storage_key: str) -> Copy | None:
        copies = self._copies()
        return copies.get((self, storage_key)) if copies is not None else None

    def _keep(self, storage_key: str, copy: Copy) -> None:
        copies = self._copies()
        if copies is not None:
            copies[(self, storage_key)] = copy

    async def close(self) -> None:
        """Let the writes under way finish; the database belongs to the application."""
        await self._writes.wait_idle()
