"""Sending a result: the message, then the chart (sendPhoto) and the PDF recap (sendDocument)."""

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

from aiogram.types import BufferedInputFile, InlineKeyboardMarkup, Message

from bot.compute.render_worker import Files, render_files
from bot.compute.result_view import result_message
from bot.texts import text

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


async def close_renderer() -> None:
    """Stop the drawing process (the dispatcher's shutdown); the next result starts a new one."""
    await DRAWING.close()


def pdf_name(year: int | None) -> str:
    return f"index-egapro-{year}.pdf" if year else "index-egapro.pdf"


async def send_result(
    message: Message,
    output: dict,
    language: str,
    *,
    year: int | None,
    intro: str | None = None,
    closing: str | None = None,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Three messages: the scores in words, the chart, and the PDF carrying the next choices."""
    body = result_message(output, language, year=year)
    await message.answer(f"{intro}\n\n{body}" if intro else body)
    chart, pdf = await RENDERED.get(output, language)
    index = output["index"]
    shown = (
        f"{index}/100"
        if index is not None
        else text("compute.result.not_calculable_short", language)
    )
    await message.answer_photo(
        BufferedInputFile(chart, filename="index-egapro.png"),
        caption=text("compute.result.chart_caption", language, index=shown),
    )
    await message.answer_document(
        BufferedInputFile(pdf, filename=pdf_name(year)),
        caption=closing or text("compute.done", language),
        reply_markup=reply_markup,
    )
