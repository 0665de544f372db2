"""Webhook updates: stored before ``200``, claimed one chat at a time, finished with an outcome.

``store_received`` inserts an update once (a replayed update id changes nothing). ``claim``
takes the oldest waiting update of each chat that has none being processed (on PostgreSQL,
passing over the rows another instance is claiming at that moment rather than waiting for
them): the updates of one chat are handled one at a time and in order, whichever instance
claims them, and no connection is held while they are processed. A claim older than the lease
(its process died) is offered again.
"""

from datetime import timedelta
from typing import Any

from sqlalchemy import delete, func, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased
from sqlmodel import select

from store.clock import SYSTEM_CLOCK, Clock
from store.database import Database
from store.tables.telegram import TelegramUpdate, UpdateStatus

DEFAULT_LEASE = timedelta(minutes=2)
ERROR_LIMIT = 2000

_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def chat_of(payload: dict[str, Any]) -> int:
    """The chat an update belongs to (its sender when it has no chat; 0 when neither)."""
    for kind, event in payload.items():
        if kind == "update_id" or not isinstance(event, dict):
            continue
        chat = event.get("chat") or (event.get("message") or {}).get("chat")
        if isinstance(chat, dict) and isinstance(chat.get("id"), int):
            return chat["id"]
        sender = event.get("from")
        if isinstance(sender, dict) and isinstance(sender.get("id"), int):
            return sender["id"]
    return 0


async def store_received(
    database: Database, payload: dict[str, Any], *, clock: Clock = SYSTEM_CLOCK
) -> bool:
    """Store an update; False when its id was already stored (a replay)."""
    insert = _INSERTS[database.dialect]
    statement = (
        insert(TelegramUpdate)
        .values(
            update_id=payload["update_id"],
            chat_id=chat_of(payload),
            payload=payload,
            status=UpdateStatus.RECEIVED,
            attempts=0,
            received_at=clock.now(),
        )
        .on_conflict_do_nothing(index_elements=["update_id"])
    )
    async with database.engine.begin() as connection:
        result = await connection.execute(statement)
    return result.rowcount == 1


async def claim(
    database: Database,
    worker: str,
    *,
    limit: int = 50,
    lease: timedelta = DEFAULT_LEASE,
    clock: Clock = SYSTEM_CLOCK,
) -> list[tuple[int, int, dict[str, Any]]]:
    """Claim the next update of up to ``limit`` idle chats: (update id, attempts, payload)."""
    now = clock.now()
    stale = now - lease
    claimable = (TelegramUpdate.status == UpdateStatus.RECEIVED) | (
        (TelegramUpdate.status == UpdateStatus.PROCESSING) & (TelegramUpdate.claimed_at < stale)
    )
    busy = select(TelegramUpdate.chat_id).where(
        TelegramUpdate.status == UpdateStatus.PROCESSING, TelegramUpdate.claimed_at >= stale
    )
    earlier = aliased(TelegramUpdate)
    behind = (
        select(earlier.update_id)
        .where(
            earlier.chat_id == TelegramUpdate.chat_id,
            earlier.update_id < TelegramUpdate.update_id,
            earlier.status.in_([UpdateStatus.RECEIVED, UpdateStatus.PROCESSING]),
        )
        .exists()
    )
    # The head of each idle chat: no update of its chat before it is waiting or in progress.
    heads = (
        select(TelegramUpdate.update_id)
        .where(claimable, TelegramUpdate.chat_id.not_in(busy), ~behind)
        .order_by(TelegramUpdate.update_id)
        .limit(limit)
    )
    if database.dialect == "postgresql":
        # Rows another instance is claiming are passed over, not waited for: two claims
        # waiting on each other's rows would deadlock. Its chat is skipped too (its next
        # update is behind the one being taken).
        heads = heads.with_for_update(skip_locked=True)
    async with database.engine.begin() as connection:
        # Two statements in one transaction, not ``UPDATE ... WHERE id IN (SELECT ... SKIP
        # LOCKED)`` (PostgreSQL may run such a subquery again per row and take more). The
        # status is checked again on the rows themselves.
        ids = list((await connection.execute(heads)).scalars())
        if not ids:
            return []
        statement = (
            update(TelegramUpdate)
            .where(TelegramUpdate.update_id.in_(ids), claimable)
            .values(
                status=UpdateStatus.PROCESSING,
                claimed_by=worker,
                claimed_at=now,
                attempts=TelegramUpdate.attempts + 1,
            )
            .returning(TelegramUpdate.update_id, TelegramUpdate.attempts, TelegramUpdate.payload)
        )
        rows = (await connection.execute(statement)).all()
    return sorted((row[0], row[1], row[2]) for row in rows)


async def renew(
    database: Database, update_ids: list[int], worker: str, *, clock: Clock = SYSTEM_CLOCK
) -> int:
    """Extend this worker's claims on updates still being processed (a long handler keeps its
    update, and its chat, from being taken over)."""
    if not update_ids:
        return 0
    statement = (
        update(TelegramUpdate)
        .where(
            TelegramUpdate.update_id.in_(update_ids),
            TelegramUpdate.claimed_by == worker,
            TelegramUpdate.status == UpdateStatus.PROCESSING,
        )
        .values(claimed_at=clock.now())
    )
    async with database.engine.begin() as connection:
        return (await connection.execute(statement)).rowcount


async def finish(
    database: Database,
    update_id: int,
    worker: str,
    *,
    error: str | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> bool:
    """Record the outcome of a claimed update; a done update keeps no content (only its id, so
    a replay is still recognised). False when the claim was lost (taken over after its lease)."""
    values: dict[str, Any] = {"processed_at": clock.now()}
    if error is None:
        values.update(status=UpdateStatus.DONE, payload={}, error=None)
    else:
        values.update(status=UpdateStatus.FAILED, error=error[:ERROR_LIMIT])
    statement = (
        update(TelegramUpdate)
        .where(
            TelegramUpdate.update_id == update_id,
            TelegramUpdate.claimed_by == worker,
            TelegramUpdate.status == UpdateStatus.PROCESSING,
        )
        .values(**values)
    )
    async with database.engine.begin() as connection:
        result = await connection.execute(statement)
    return result.rowcount == 1


async def counts(database: Database) -> dict[str, int]:
    statement = select(TelegramUpdate.status, func.count()).group_by(TelegramUpdate.status)
    async with database.session() as session:
        return {status: n for status, n in (await session.exec(statement)).all()}


async def purge(database: Database, *, older_than: timedelta, clock: Clock = SYSTEM_CLOCK) -> int:
    """Forget updates finished more than ``older_than`` ago."""
    statement = delete(TelegramUpdate).where(
        TelegramUpdate.status.in_([UpdateStatus.DONE, UpdateStatus.FAILED]),
        TelegramUpdate.processed_at < clock.now() - older_than,
    )
    async with database.engine.begin() as connection:
        return (await connection.execute(statement)).rowcount
