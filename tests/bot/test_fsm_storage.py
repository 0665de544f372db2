import asyncio
from contextlib import contextmanager

from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import event

from bot.fsm_storage import DatabaseStorage, update_scope


class Steps(StatesGroup):
    headcount = State()


KEY = StorageKey(bot_id=1, chat_id=42, user_id=42)


async def test_state_and_data_survive_a_new_storage_on_the_same_database(db):
    first = DatabaseStorage(db)
    await first.set_state(KEY, Steps.headcount)
    await first.set_data(KEY, {"band": "50:250", "headcount": {"ouv": [1, 2, 3, 4]}})

    second = DatabaseStorage(db)
    assert await second.get_state(KEY) == "Steps:headcount"
    assert await second.get_data(KEY) == {"band": "50:250", "headcount": {"ouv": [1, 2, 3, 4]}}


async def test_update_data_merges_and_keeps_the_state(db):
    storage = DatabaseStorage(db)
    await storage.set_state(KEY, "Steps:headcount")
    await storage.update_data(KEY, {"a": 1})
    await storage.update_data(KEY, {"b": 2})
    assert await storage.get_data(KEY) == {"a": 1, "b": 2}
    assert await storage.get_state(KEY) == "Steps:headcount"


async def test_clearing_the_state_keeps_nothing_for_another_chat(db):
    storage = DatabaseStorage(db)
    other = StorageKey(bot_id=1, chat_id=43, user_id=43)
    await storage.set_state(KEY, "Steps:headcount")
    await storage.set_state(KEY, None)
    assert await storage.get_state(KEY) is None
    assert await storage.get_state(other) is None
    assert await storage.get_data(other) == {}


@contextmanager
def statements(database):
    """The SQL statements run on ``database`` inside the block (and the commits, as "COMMIT")."""
    seen: list[str] = []

    def statement(_connection, _cursor, sql, *_args):
        seen.append(sql.split()[0].upper())

    def commit(_connection):
        seen.append("COMMIT")

    engine = database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", commit)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "commit", commit)


async def load(storage, key=KEY):
    async with storage.database.engine.connect() as connection:
        return await storage.load(connection, key)


async def test_within_an_update_the_record_is_read_once_and_written_through(db):
    storage = DatabaseStorage(db)
    await storage.set_state(KEY, Steps.headcount)
    await storage.set_data(KEY, {"answers": {"year": 2024}})
    with update_scope(), statements(db) as seen:
        assert await load(storage) == "Steps:headcount"
        assert seen == ["SELECT"]
        assert await storage.get_state(KEY) == "Steps:headcount"
        assert await storage.get_data(KEY) == {"answers": {"year": 2024}}
        await storage.update_data(KEY, {"band": "50:250"})
        assert await storage.get_data(KEY) == {"answers": {"year": 2024}, "band": "50:250"}
        assert seen.count("SELECT") == 1
        # Written at once: another instance (or a restart) reads it from the database.
        assert await DatabaseStorage(db).get_data(KEY) == {
            "answers": {"year": 2024},
            "band": "50:250",
        }
        await storage.set_state(KEY, None)
        assert await DatabaseStorage(db).get_state(KEY) is None
        assert await storage.get_state(KEY) is None


async def test_the_data_of_an_update_is_a_fresh_copy_each_time(db):
    storage = DatabaseStorage(db)
    await storage.set_data(KEY, {"answers": {"headcount": [1, 2, 3]}})
    with update_scope():
        await load(storage)
        data = await storage.get_data(KEY)
        data["answers"]["headcount"].append(4)
        data["unsaved"] = True
        assert await storage.get_data(KEY) == {"answers": {"headcount": [1, 2, 3]}}


async def test_a_missing_record_reads_as_empty_and_is_created_by_a_write(db):
    storage = DatabaseStorage(db)
    with update_scope():
        assert await load(storage) is None
        assert await storage.get_data(KEY) == {}
        await storage.set_data(KEY, {"a": 1})
        assert await storage.get_state(KEY) is None
    assert await DatabaseStorage(db).get_data(KEY) == {"a": 1}


async def test_writes_that_change_nothing_are_not_sent(db):
    storage = DatabaseStorage(db)
    await storage.set_state(KEY, "Steps:headcount")
    await storage.set_data(KEY, {"a": [1, 2]})
    with update_scope(), statements(db) as seen:
        await load(storage)
        await storage.set_state(KEY, Steps.headcount)
        await storage.set_data(KEY, {"a": [1, 2]})
        assert "INSERT" not in seen
        await storage.set_data(KEY, {"a": [1, 2, 3]})
        assert seen.count("INSERT") == 1
    assert await DatabaseStorage(db).get_data(KEY) == {"a": [1, 2, 3]}


async def test_after_the_update_reads_go_to_the_database_again(db):
    storage = DatabaseStorage(db)
    await storage.set_data(KEY, {"step": 1})
    changed = asyncio.Event()

    async def later_task() -> dict:
        await changed.wait()
        return await storage.get_data(KEY)

    with update_scope():
        await load(storage)
        task = asyncio.create_task(later_task())  # copies the update's context
        assert await storage.get_data(KEY) == {"step": 1}
    await DatabaseStorage(db).set_data(KEY, {"step": 2})
    changed.set()
    assert await task == {"step": 2}
    assert await storage.get_data(KEY) == {"step": 2}


async def test_writes_of_conversations_arriving_together_share_one_transaction(db):
    storage = DatabaseStorage(db)
    keys = [StorageKey(bot_id=1, chat_id=n, user_id=n) for n in range(100, 120)]
    with statements(db) as seen:
        await asyncio.gather(*(storage.set_data(key, {"n": key.chat_id}) for key in keys))
        await asyncio.gather(*(storage.set_state(key, "Steps:headcount") for key in keys))
    assert seen.count("COMMIT") < len(keys)
    other = DatabaseStorage(db)
    for key in keys:
        assert await other.get_data(key) == {"n": key.chat_id}
        assert await other.get_state(key) == "Steps:headcount"
