"""aiogram FSM storage on the application database, so a conversation survives restarts."""

from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, KeyBuilder, StorageKey
from sqlalchemy.dialects import postgresql, sqlite

from store.database import Database
from store.tables.conversation import FsmRecord
from store.types import utcnow


class DatabaseStorage(BaseStorage):
    def __init__(self, database: Database, key_builder: KeyBuilder | None = None) -> None:
        self.database = database
        self.key_builder = key_builder or DefaultKeyBuilder(with_destiny=True)

    def _upsert(self, key: StorageKey, **changes: Any):
        """Insert the record with ``changes`` (and defaults), or apply ``changes`` to it."""
        insert = (sqlite if self.database.is_sqlite else postgresql).insert
        changes["updated_at"] = utcnow()
        new_record = {"key": self.key_builder.build(key), "state": None, "data": {}, **changes}
        statement = insert(FsmRecord).values(**new_record)
        return statement.on_conflict_do_update(index_elements=["key"], set_=changes)

    async def set_state(self, key: StorageKey, state: str | State | None = None) -> None:
        state_name = state.state if isinstance(state, State) else state
        async with self.database.session() as session:
            await session.exec(self._upsert(key, state=state_name))

    async def get_state(self, key: StorageKey) -> str | None:
        record = await self._get(key)
        return record.state if record else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        async with self.database.session() as session:
            await session.exec(self._upsert(key, data=dict(data)))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        record = await self._get(key)
        return dict(record.data) if record else {}

    async def _get(self, key: StorageKey) -> FsmRecord | None:
        async with self.database.session() as session:
            return await session.get(FsmRecord, self.key_builder.build(key))

    async def close(self) -> None:
        """The database belongs to the application, which closes it."""
