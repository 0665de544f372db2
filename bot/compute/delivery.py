"""Sending a result: the message, then the chart (sendPhoto) and the PDF recap (sendDocument)."""

import asyncio
import json
from collections import OrderedDict
from datetime import UTC, datetime

from aiogram.types import BufferedInputFile, InlineKeyboardMarkup, Message

from bot.compute.result_view import result_message
from bot.texts import text
from reports.chart import render_chart_png
from reports.pdf import render_recap_pdf

Files = tuple[bytes, bytes]


class RenderedFiles:
    """Chart and PDF of recent results, drawn once per (result, language, minute).

    Drawing them costs tens to hundreds of milliseconds of CPU; the PDF shows its generation time
    to the minute, so within a minute the same result gives the same bytes. Concurrent requests
    for the same files wait for one drawing.
    """

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._done: OrderedDict[tuple, Files] = OrderedDict()
        self._drawing: dict[tuple, asyncio.Future[Files]] = {}
        self._gate: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None

    async def _draw(self, output: dict, language: str, minute: datetime) -> Files:
        """One drawing at a time: drawing holds the GIL, and more threads drawing at once would
        only slow down every other conversation without drawing any faster."""
        loop = asyncio.get_running_loop()
        if self._gate is None or self._gate[0] is not loop:
            self._gate = (loop, asyncio.Semaphore(1))
        async with self._gate[1]:
            return await asyncio.to_thread(render_files, output, language, minute)

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


def render_files(output: dict, language: str, generated_at: datetime) -> Files:
    chart = render_chart_png(output, language)
    pdf = render_recap_pdf(output, language=language, generated_at=generated_at)
    return chart, pdf


RENDERED = RenderedFiles()


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
