"""Group commit: what several callers want written at about the same time goes in one transaction.

A caller hands its items and waits; one writer task takes everything queued so far, writes it
with one call of ``write`` (one transaction), and gives each caller its own results, or the
exception if the transaction failed. A caller returns only once its items are committed, so the
inbound SMTP server still answers ``250`` only for a stored message, while a burst of messages
from concurrent clients costs one commit instead of one each.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Result = TypeVar("Result")


class GroupCommit(Generic[Item, Result]):
    def __init__(
        self,
        write: Callable[[list[Item]], Awaitable[Sequence[Result]]],
        *,
        max_items: int = 200,
    ) -> None:
        self.write = write  # returns one result per item, in order
        self.max_items = max_items
        self._queued: list[tuple[list[Item], asyncio.Future]] = []
        self._writer: asyncio.Task | None = None

    async def submit(self, items: list[Item]) -> list[Result]:
        """Write ``items`` (with whatever else is queued); returns their results once committed."""
        future = asyncio.get_running_loop().create_future()
        self._queued.append((list(items), future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.ensure_future(self._drain())
        # shield: a caller that goes away (client disconnected) does not cancel the write of the
        # others' items; its own items are written anyway.
        return await asyncio.shield(future)

    async def _drain(self) -> None:
        while self._queued:
            batch, taken = [], 0
            while self._queued and (not batch or taken + len(self._queued[0][0]) <= self.max_items):
                entry = self._queued.pop(0)
                batch.append(entry)
                taken += len(entry[0])
            items = [item for entry_items, _ in batch for item in entry_items]
            try:
                results = list(await self.write(items))
                if len(results) != len(items):
                    raise RuntimeError(f"wrote {len(results)} of {len(items)} items")
            except Exception as error:
                log.warning("group commit of %d item(s) failed: %s", len(items), error)
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            except BaseException as error:  # cancelled: the callers must not wait forever
                for _, future in batch + self._queued:
                    if not future.done():
                        future.set_exception(RuntimeError(f"writer stopped: {error!r}"))
                self._queued.clear()
                raise
            position = 0
            for entry_items, future in batch:
                if not future.done():
                    future.set_result(results[position : position + len(entry_items)])
                position += len(entry_items)
