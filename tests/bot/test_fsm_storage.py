from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey

from bot.fsm_storage import DatabaseStorage


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
