"""Grouping the database work that many conversations ask for at the same moment."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class Batcher(Generic[Item, Result]):
    """Runs the requests that arrive while a batch is under way together, as the next batch.

    Each caller waits for its own result, so a write is done (committed) when its call returns.
    On SQLite through aiosqlite most of the cost of a statement is the trip to the driver's
    thread and back, not the statement itself: conversations arriving together pay for one
    trip. Alone, a request runs at once, as its own batch.
    """

    def __init__(
        self,
        run: Callable[[list[Item]], Awaitable[Sequence[Result]]],
        max_size: int = 100,
    ) -> None:
        self._run = run
        self.max_size = max_size
        self._waiting: list[tuple[Item, asyncio.Future[Result]]] = []
        self._worker: asyncio.Task[None] | None = None

    async def __call__(self, item: Item) -> Result:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Result] = loop.create_future()
        self._waiting.append((item, future))
        if self._worker is None or self._worker.done():
            self._worker = loop.create_task(self._work())
        return await future

    async def _work(self) -> None:
        while self._waiting:
            batch = self._waiting[: self.max_size]
            del self._waiting[: self.max_size]
            try:
                results = await self._run([item for item, _ in batch])
            except asyncio.CancelledError:
                for _, future in [*batch, *self._waiting]:
                    future.cancel()
                self._waiting.clear()
                raise
            except Exception as error:
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)

    async def wait_idle(self) -> None:
        """Return once the requests made so far are done."""
        if self._worker is not None and not self._worker.done():
            await asyncio.shield(self._worker)
