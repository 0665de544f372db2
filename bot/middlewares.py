"""The middleware that gives every handler its user, language, database and conversation state."""

import json
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple

from aiogram.fsm.middleware import FSMContextMiddleware
from aiogram.fsm.storage.base import BaseEventIsolation
from aiogram.fsm.strategy import FSMStrategy
from aiogram.types import TelegramObject, User
from sqlalchemy import bindparam, literal_column, select

from bot.batching import Batcher
from bot.fsm_storage import DatabaseStorage, update_scope
from bot.texts import language_from_telegram
from store import telegram_users
from store.database import Database
from store.tables.conversation import FsmRecord
from store.tables.identity import TelegramUser

# Updates that come from a person writing or pressing a button: that person is reachable again.
PERSON_EVENTS = frozenset({"message", "edited_message", "callback_query"})
DEFAULT_LANGUAGE = "fr"

_USER = TelegramUser.__table__
_RECORD = FsmRecord.__table__
_USER_COLUMNS = (
    _USER.c.chat_id,
    _USER.c.first_name,
    _USER.c.blocked,
    _USER.c.language,
    _USER.c.language_chosen,
)
_ONE_ROW = select(literal_column("1").label("one")).subquery("one_row")
# One request alone: the user's row and the conversation's record in one statement (one row,
# NULLs for what is missing). Several at once: two statements for the whole batch.
READ_USER_AND_RECORD = select(*_USER_COLUMNS, _RECORD.c.state, _RECORD.c.data).select_from(
    _ONE_ROW.outerjoin(_USER, _USER.c.id == bindparam("user_id", type_=_USER.c.id.type)).outerjoin(
        _RECORD, _RECORD.c.key == bindparam("key", type_=_RECORD.c.key.type)
    )
)
READ_USERS = select(_USER.c.id, *_USER_COLUMNS).where(
    _USER.c.id.in_(bindparam("ids", expanding=True))
)
READ_RECORDS = select(_RECORD.c.key, _RECORD.c.state, _RECORD.c.data).where(
    _RECORD.c.key.in_(bindparam("keys", expanding=True))
)


class UserRow(NamedTuple):
    chat_id: int
    first_name: str | None
    blocked: bool
    language: str
    language_chosen: bool


Record = tuple[str | None, str]  # state, data as JSON text
Read = tuple[UserRow | None, Record | None]


class UpdateContextMiddleware(FSMContextMiddleware):
    """aiogram's FSM middleware that also records the Telegram user.

    Passes ``database``, ``language`` (messages and button presses), ``state`` and
    ``raw_state`` to handlers. Under the chat's lock, so that two updates of one chat never share
    a read, it reads the user and the conversation state together (with the reads of the other
    updates arriving at the same moment, see bot.batching); the handlers' ``get_state`` and
    ``get_data`` answer from that read (bot.fsm_storage). The user's row is written only when
    it changes (``store.telegram_users.touch``).
    """

    def __init__(
        self,
        database: Database,
        storage: DatabaseStorage,
        events_isolation: BaseEventIsolation,
        strategy: FSMStrategy = FSMStrategy.USER_IN_CHAT,
    ) -> None:
        super().__init__(storage=storage, events_isolation=events_isolation, strategy=strategy)
        self.database = database
        self.storage: DatabaseStorage = storage
        self._reads: Batcher[tuple[int | None, str], Read] = Batcher(self._read_batch)
        self._touches: Batcher[dict[str, Any], str] = Batcher(self._touch_batch)

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        data["database"] = self.database
        data["fsm_storage"] = self.storage
        from_person = getattr(event, "event_type", None) in PERSON_EVENTS
        person = _person(data) if from_person else None
        if from_person and person is None:
            data["language"] = DEFAULT_LANGUAGE
        context = self.resolve_event_context(data["bot"], data)
        if context is None:
            if person is not None:
                data["language"] = await self._touch(person, data)
            return await handler(event, data)
        async with self.events_isolation.lock(key=context.key):
            with update_scope():
                user_id = person.id if person is not None else None
                user, record = await self._reads((user_id, self.storage.build_key(context.key)))
                self.storage.keep_read(context.key, record)
                if person is not None:
                    if user is not None and user_unchanged(user, person, _chat_id(person, data)):
                        data["language"] = user.language
                    else:
                        data["language"] = await self._touch(person, data)
                data.update({"state": context, "raw_state": record[0] if record else None})
                return await handler(event, data)

    async def _read_batch(self, requests: list[tuple[int | None, str]]) -> list[Read]:
        if len(requests) == 1:
            user_id, key = requests[0]
            (row,) = await self._fetch(READ_USER_AND_RECORD, {"user_id": user_id, "key": key})
            user = _user(row[:5]) if row[0] is not None else None
            return [(user, _record(row[5:]) if row[6] is not None else None)]
        ids = list({user_id for user_id, _ in requests if user_id is not None})
        users = {}
        if ids:
            users = {row[0]: _user(row[1:]) for row in await self._fetch(READ_USERS, {"ids": ids})}
        keys = list({key for _, key in requests})
        rows = await self._fetch(READ_RECORDS, {"keys": keys})
        records = {row[0]: _record(row[1:]) for row in rows}
        return [(users.get(user_id), records.get(key)) for user_id, key in requests]

    async def _fetch(self, statement, parameters: dict[str, Any]) -> list:
        async with self.database.engine.connect() as connection:
            return list(await connection.execute(statement, parameters))

    async def _touch(self, person: User, data: dict[str, Any]) -> str:
        """Create or refresh the user's row; the language to answer in."""
        return await self._touches(
            {
                "user_id": person.id,
                "chat_id": _chat_id(person, data),
                "first_name": person.first_name,
                "telegram_language": language_from_telegram(person.language_code),
            }
        )

    async def _touch_batch(self, touches: list[dict[str, Any]]) -> list[str]:
        """The users met together (new ones, mostly), in one transaction."""
        ids = list({touch["user_id"] for touch in touches})
        async with self.database.session() as session:
            # Loaded at once: touch() then finds them in the session without a query each.
            await session.exec(select(TelegramUser).where(TelegramUser.id.in_(ids)))
            records = [await telegram_users.touch(session, **touch) for touch in touches]
            return [record.language for record in records]


def _record(values) -> Record:
    state, data = values
    return state, json.dumps(data)


def _user(values) -> UserRow:
    chat_id, first_name, blocked, language, language_chosen = values
    return UserRow(chat_id, first_name, bool(blocked), language, bool(language_chosen))


def user_unchanged(user: UserRow, person: User, chat_id: int) -> bool:
    """Whether ``store.telegram_users.touch`` would leave the user's row as it is (same rule)."""
    if (user.chat_id, user.first_name, user.blocked) != (chat_id, person.first_name, False):
        return False
    return user.language_chosen or user.language == language_from_telegram(person.language_code)


def _person(data: dict[str, Any]) -> User | None:
    """The person behind a message or a button press (not a bot), else None."""
    user: User | None = data.get("event_from_user")
    return None if user is None or user.is_bot else user


def _chat_id(person: User, data: dict[str, Any]) -> int:
    chat = data.get("event_chat")
    return chat.id if chat else person.id
