"""Webhook updates in the store: stored once, claimed one chat at a time and in order, taken
again after a dead worker's lease, purged after their retention."""

import asyncio
from datetime import timedelta

import pytest
from sqlmodel import select

from store import telegram_updates
from store.clock import FixedClock
from store.tables.telegram import TelegramUpdate, UpdateStatus
from store.types import utcnow


def message(update_id: int, chat: int, text: str = "x") -> dict:
    person = {"id": chat, "is_bot": False, "first_name": "A"}
    chat_json = {"id": chat, "type": "private"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "chat": chat_json,
            "from": person,
            "text": text,
        },
    }


def test_the_chat_of_an_update():
    assert telegram_updates.chat_of(message(1, 42)) == 42
    press = {
        "update_id": 2,
        "callback_query": {"id": "9", "from": {"id": 7}, "message": {"chat": {"id": 43}}},
    }
    assert telegram_updates.chat_of(press) == 43
    inline = {"update_id": 3, "callback_query": {"id": "9", "from": {"id": 7}}}
    assert telegram_updates.chat_of(inline) == 7
    assert telegram_updates.chat_of({"update_id": 4}) == 0


async def test_an_update_id_is_stored_once(db):
    assert await telegram_updates.store_received(db, message(10, 1, "first"))
    assert not await telegram_updates.store_received(db, message(10, 1, "replayed"))
    async with db.session() as session:
        row = await session.get(TelegramUpdate, 10)
    assert row.payload["message"]["text"] == "first"
    assert (row.status, row.chat_id) == (UpdateStatus.RECEIVED, 1)


async def test_one_update_per_chat_at_a_time_in_order(db):
    for update_id, chat in [(1, 100), (2, 100), (3, 200), (4, 100), (5, 300), (6, 200)]:
        await telegram_updates.store_received(db, message(update_id, chat))
    first = await telegram_updates.claim(db, "a")
    assert [u for u, _, _ in first] == [1, 3, 5]
    # Another worker finds every chat busy.
    assert await telegram_updates.claim(db, "b") == []
    assert await telegram_updates.finish(db, 1, "a")
    assert not await telegram_updates.finish(db, 3, "b")  # not b's claim
    assert [u for u, _, _ in await telegram_updates.claim(db, "b")] == [2]
    for update_id, worker in ((2, "b"), (3, "a"), (5, "a")):
        await telegram_updates.finish(db, update_id, worker)
    assert [u for u, _, _ in await telegram_updates.claim(db, "a")] == [4, 6]
    async with db.session() as session:
        done = await session.get(TelegramUpdate, 1)
    assert (done.status, done.payload) == (UpdateStatus.DONE, {})  # no content kept


async def test_concurrent_workers_never_share_a_chat(db):
    chats = 20
    for n in range(5):
        for chat in range(chats):
            await telegram_updates.store_received(db, message(1000 + n * chats + chat, chat))
    seen: list[int] = []

    async def worker(name: str) -> None:
        while True:
            claimed = await telegram_updates.claim(db, name, limit=7)
            if not claimed:
                if len(seen) == 5 * chats:
                    return
                await asyncio.sleep(0.01)
                continue
            for update_id, _, _payload in claimed:
                seen.append(update_id)
                await asyncio.sleep(0)
                await telegram_updates.finish(db, update_id, name)

    await asyncio.wait_for(asyncio.gather(*(worker(f"w{i}") for i in range(4))), 60)
    assert sorted(seen) == sorted(set(seen))  # nothing twice
    for chat in range(chats):
        of_chat = [u for u in seen if (u - 1000) % chats == chat]
        assert of_chat == sorted(of_chat)  # in order


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)  # SQLite: one writer, no row locks
async def test_a_claim_skips_what_another_claim_holds_without_waiting(db):
    """On PostgreSQL, two instances claiming at once each pass over the rows the other is
    taking instead of waiting for them (two claims waiting on each other's rows deadlocked)."""
    for update_id, chat in [(1, 100), (2, 100), (3, 200)]:
        await telegram_updates.store_received(db, message(update_id, chat))
    async with db.engine.connect() as other:
        # Another instance's claim, in its transaction: update 1's row is locked.
        transaction = await other.begin()
        held = select(TelegramUpdate.update_id).where(TelegramUpdate.update_id == 1)
        await other.execute(held.with_for_update())
        claimed = await asyncio.wait_for(telegram_updates.claim(db, "b"), 30)
        await transaction.rollback()
    assert [u for u, _, _ in claimed] == [3]  # not 1 (held), nor 2 (behind 1 in its chat)
    assert [u for u, _, _ in await telegram_updates.claim(db, "a")] == [1]


async def test_a_dead_workers_claim_is_taken_again_after_its_lease(db):
    clock = FixedClock(utcnow())
    await telegram_updates.store_received(db, message(7, 5), clock=clock)
    await telegram_updates.store_received(db, message(8, 5), clock=clock)
    lease = timedelta(seconds=30)
    assert [
        u for u, _, _ in await telegram_updates.claim(db, "dead", lease=lease, clock=clock)
    ] == [7]
    clock.advance(timedelta(seconds=10))
    assert await telegram_updates.claim(db, "alive", lease=lease, clock=clock) == []
    clock.advance(timedelta(seconds=21))
    [(update_id, attempts, payload)] = await telegram_updates.claim(
        db, "alive", lease=lease, clock=clock
    )
    assert (update_id, attempts, payload["message"]["text"]) == (7, 2, "x")
    assert not await telegram_updates.finish(db, 7, "dead", clock=clock)
    assert await telegram_updates.finish(db, 7, "alive", clock=clock)


async def test_finished_updates_are_purged_after_their_retention(db):
    clock = FixedClock(utcnow())
    for update_id in (1, 2, 3):
        await telegram_updates.store_received(db, message(update_id, update_id), clock=clock)
    await telegram_updates.claim(db, "w", clock=clock)
    await telegram_updates.finish(db, 1, "w", clock=clock)
    await telegram_updates.finish(db, 2, "w", error="boom", clock=clock)
    clock.advance(timedelta(days=3))
    assert await telegram_updates.purge(db, older_than=timedelta(days=2), clock=clock) == 2
    assert await telegram_updates.counts(db) == {UpdateStatus.PROCESSING: 1}


async def test_a_renewed_claim_is_not_taken_over(db):
    clock = FixedClock(utcnow())
    await telegram_updates.store_received(db, message(9, 5), clock=clock)
    lease = timedelta(seconds=30)
    await telegram_updates.claim(db, "slow", lease=lease, clock=clock)
    clock.advance(timedelta(seconds=20))
    assert await telegram_updates.renew(db, [9], "slow", clock=clock) == 1
    assert await telegram_updates.renew(db, [9], "other", clock=clock) == 0
    clock.advance(timedelta(seconds=20))
    assert await telegram_updates.claim(db, "other", lease=lease, clock=clock) == []
