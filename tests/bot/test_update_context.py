"""Each update reads the user and the conversation state once, under the chat's lock."""

import asyncio
from contextlib import contextmanager

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import StorageKey
from aiogram.types import Message, User
from sqlalchemy import event, update

from bot.app import build_dispatcher, context_dispatcher
from bot.fsm_storage import DatabaseStorage
from bot.middlewares import READ_USERS, UserRow, user_unchanged
from store import telegram_users
from store.tables.identity import TelegramUser
from tests.fakes import running_bot


def counting_dispatcher(database):
    """Each text adds one to a counter in the conversation data, slowly, and says it."""
    router = Router()

    @router.message(F.text)
    async def count(message: Message, state: FSMContext, language: str) -> None:
        data = await state.get_data()
        await asyncio.sleep(0.02)  # an update of the same chat reading now would miss this one
        await state.update_data(count=data.get("count", 0) + 1)
        await message.answer(f"{data.get('count', 0) + 1} {language}")

    dispatcher = context_dispatcher(database)
    dispatcher.include_router(router)
    return dispatcher


@contextmanager
def statements(database):
    seen: list[str] = []

    def record(_connection, _cursor, sql, *_args):
        seen.append(" ".join(sql.split()[:3]).upper())

    event.listen(database.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", record)


async def test_updates_of_one_chat_sent_together_each_see_the_previous_ones(sqlite_db, telegram):
    anne = telegram.user(3001, "Anne")
    async with running_bot(counting_dispatcher(sqlite_db), telegram):
        for n in range(5):
            await anne.send_text(f"message {n}")
        replies = await anne.next_messages(5)
    assert [reply.text for reply in replies] == ["1 fr", "2 fr", "3 fr", "4 fr", "5 fr"]
    key = StorageKey(bot_id=telegram.bot_id, chat_id=anne.id, user_id=anne.id)
    assert await DatabaseStorage(sqlite_db).get_data(key) == {"count": 5}


async def test_an_update_reads_once_and_writes_the_user_only_when_it_changed(db, telegram):
    anne = telegram.user(3002, "Anne", language_code="en")
    async with running_bot(counting_dispatcher(db), telegram):
        await anne.send_text("first")
        assert (await anne.next_message()).text == "1 en"
        with statements(db) as seen:
            await anne.send_text("second")
            assert (await anne.next_message()).text == "2 en"
        assert [s.split()[0] for s in seen] == ["SELECT", "INSERT"]  # the data only
        anne.first_name = "Anne-Marie"
        with statements(db) as seen:
            await anne.send_text("third")
            assert (await anne.next_message()).text == "3 en"
        assert any(s.startswith("UPDATE TELEGRAM_USER") for s in seen)
    async with db.session() as session:
        assert (await telegram_users.get(session, anne.id)).first_name == "Anne-Marie"


async def test_a_language_chosen_in_the_bot_wins_over_telegram(sqlite_db, telegram):
    paul = telegram.user(3003, "Paul", language_code="fr")
    async with sqlite_db.session() as session:
        await telegram_users.touch(
            session, user_id=paul.id, chat_id=paul.id, first_name="Paul", telegram_language="fr"
        )
        await telegram_users.choose_language(session, paul.id, "en")
    async with running_bot(counting_dispatcher(sqlite_db), telegram):
        await paul.send_text("hello")
        assert (await paul.next_message()).text == "1 en"


def person(first_name: str = "Anne", language_code: str = "fr") -> User:
    return User(id=3010, is_bot=False, first_name=first_name, language_code=language_code)


async def read_user(database) -> UserRow:
    async with database.engine.connect() as connection:
        row = (await connection.execute(READ_USERS, {"ids": [3010]})).one()
    return UserRow(*row[1:])


async def test_the_fast_check_agrees_with_touch(db):
    """``user_unchanged`` says "no write" exactly when ``touch`` would change nothing."""
    baseline = {"chat_id": 3010, "first_name": "Anne", "language": "fr"}
    baseline |= {"language_chosen": False, "blocked": False}
    cases = [
        ({}, person(), 3010),
        ({}, person(first_name="Anna"), 3010),
        ({}, person(), 3011),
        ({}, person(language_code="en"), 3010),
        ({"blocked": True}, person(), 3010),
        ({"language": "en", "language_chosen": True}, person(), 3010),
        ({"language": "en", "language_chosen": True}, person(language_code="en"), 3010),
        ({"language": "en"}, person(language_code="en"), 3010),
    ]
    async with db.session() as session:
        await telegram_users.touch(
            session, user_id=3010, chat_id=3010, first_name="Anne", telegram_language="fr"
        )
    for row_changes, someone, chat_id in cases:
        async with db.engine.begin() as connection:
            await connection.execute(update(TelegramUser).values(baseline | row_changes))
        fast_says_unchanged = user_unchanged(await read_user(db), someone, chat_id)
        async with db.session() as session:
            record = await telegram_users.touch(
                session,
                user_id=someone.id,
                chat_id=chat_id,
                first_name=someone.first_name,
                telegram_language=someone.language_code,
            )
            touch_changes = session.is_modified(record)
            await session.rollback()
        assert fast_says_unchanged == (not touch_changes), (row_changes, someone, chat_id)


async def test_every_filter_of_the_routers_runs_in_the_event_loop(sqlite_db):
    dispatcher = build_dispatcher(sqlite_db)
    filters = [
        event_filter
        for router in dispatcher.chain_tail
        for observer in router.observers.values()
        for handler in [observer._handler, *observer.handlers]
        for event_filter in handler.filters or ()
    ]
    assert filters and all(event_filter.awaitable for event_filter in filters)
