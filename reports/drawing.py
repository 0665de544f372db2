"""Drawing charts and PDFs off the event loop: a process of its own (``DrawingProcess``) and a
cache of recent results' files (``RenderedFiles``). Every adapter (Telegram, mail, web) shares
``DRAWING`` and ``RENDERED``.
"""

import asyncio
import json
import multiprocessing
import os
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from typing import Any, TypeVar

from reports.render_worker import Files, render_files

Drawn = TypeVar("Drawn")
NICENESS = 10


class DrawingProcess:
    """A process of its own for drawing charts and PDFs, started on first use.

    Drawing costs hundreds of milliseconds of CPU and holds the GIL, even in a thread: every
    conversation of the event loop would wait for it. In another process it only takes a core.
    """

    def __init__(self) -> None:
        self._executor: ProcessPoolExecutor | None = None

    async def run(self, function: Callable[..., Drawn], *args: Any) -> Drawn:
        """``function(*args)`` in the drawing process (both picklable: module-level)."""
        if self._executor is None:
            # spawn, not fork: the bot process runs threads (database drivers), and a forked
            # child could inherit one of their locks held. A lower priority: when the cores are
            # busy, conversations go first and the files (sent after the result) wait.
            self._executor = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=os.nice,
                initargs=(NICENESS,),
            )
        executor = self._executor
        try:
            return await asyncio.get_running_loop().run_in_executor(executor, function, *args)
        except BrokenProcessPool:
            # The process died (killed, out of memory): draw this one here, start anew next time.
            if self._executor is executor:
                self._executor = None
            executor.shutdown(wait=False)
            return await asyncio.to_thread(function, *args)

    async def close(self) -> None:
        """Stop the process once the drawings under way are done."""
        executor, self._executor = self._executor, None
        if executor is not None:
            await asyncio.to_thread(executor.shutdown)


class RenderedFiles:
    """Chart and PDF of recent results, drawn once per (result, language, minute).

    Drawing them costs tens to hundreds of milliseconds of CPU; the PDF shows its generation time
    to the minute, so within a minute the same result gives the same bytes. Concurrent requests
    for the same files wait for one drawing.
    """

    def __init__(self, size: int = 32, drawing: DrawingProcess | None = None) -> None:
        self.size = size
        self.drawing = drawing  # None: draw in a thread of this process
        self._done: OrderedDict[tuple, Files] = OrderedDict()
        self._drawing: dict[tuple, asyncio.Future[Files]] = {}
        self._gate: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None

    async def _draw(self, output: dict, language: str, minute: datetime) -> Files:
        """One drawing at a time: in threads, drawing holds the GIL, and more threads drawing at
        once would only slow down every other conversation without drawing any faster."""
        loop = asyncio.get_running_loop()
        if self._gate is None or self._gate[0] is not loop:
            self._gate = (loop, asyncio.Semaphore(1))
        async with self._gate[1]:
            if self.drawing is None:
                return await asyncio.to_thread(render_files, output, language, minute)
            return await self.drawing.run(render_files, output, language, minute)

    async def get(self, output: dict, language: str, now: datetime | None = None) -> Files:
        minute = (now or datetime.now(UTC)).replace(second=0, microsecond=0)
        if not self.size:
            return await self._draw(output, language, minute)
        key = (json.dumps(output, sort_keys=True), language, minute)
        if key in self._done:
            self._done.move_to_end(key)
            return self._done[key]
        if key in self._drawing:
            return await asyncio.shield(self._drawing[key])
        future: asyncio.Future[Files] = asyncio.get_running_loop().create_future()
        self._drawing[key] = future
        try:
            files = await self._draw(output, language, minute)
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # retrieved: waiters re-raise it, nobody else needs to
            raise
        finally:
            del self._drawing[key]
        future.set_result(files)
        self._done[key] = files
        if len(self._done) > self.size:
            self._done.popitem(last=False)
        return files


DRAWING = DrawingProcess()
RENDERED = RenderedFiles(drawing=DRAWING)


async def close_drawing() -> None:
    """Stop the drawing process (at shutdown); the next drawing starts a new one."""
    await DRAWING.close()
