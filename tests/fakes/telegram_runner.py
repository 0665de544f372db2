"""Run an aiogram Dispatcher against the fake server inside the test's event loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import traceback
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession

if TYPE_CHECKING:
    from .telegram_api import FakeTelegramServer

_AIOGRAM_LOGGERS = ("aiogram.event", "aiogram.dispatcher")


class LocalAiohttpSession(AiohttpSession):
    """AiohttpSession for plain HTTP on 127.0.0.1: closing skips the 250 ms SSL grace delay."""

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


class _BotErrors(logging.Handler):
    """Collects exceptions aiogram logs while handling updates or polling."""

    def __init__(self, server: FakeTelegramServer) -> None:
        super().__init__(logging.ERROR)
        self.server = server
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text += "\n" + "".join(traceback.format_exception(*record.exc_info))
        self.errors.append(text)
        self.server.handler_errors.append(text.splitlines()[0] if text else record.msg)


@contextlib.asynccontextmanager
async def running_bot(
    dispatcher: Dispatcher,
    server: FakeTelegramServer,
    token: str | None = None,
    *,
    bot: Bot | None = None,
    polling_timeout: int = 10,
    drain_timeout: float = 5.0,
    fail_on_handler_error: bool = True,
    **workflow_data: Any,
) -> AsyncIterator[Bot]:
    """Poll the fake server with `dispatcher` in a background task; yields the Bot.

    On exit, polling stops, handlers still running get `drain_timeout` seconds to finish, the
    bot session is closed, and (unless fail_on_handler_error is False) any exception raised by
    a handler fails the test with its traceback.
    """
    bot = bot or server.make_bot(token)
    errors = _BotErrors(server)
    for name in _AIOGRAM_LOGGERS:
        logging.getLogger(name).addHandler(errors)

    async def settle() -> None:
        await _wait_handlers(dispatcher)

    server.settle_hooks.append(settle)
    polls_before = server.poll_count
    polling = asyncio.create_task(
        dispatcher.start_polling(
            bot,
            handle_signals=False,
            close_bot_session=False,
            polling_timeout=polling_timeout,
            **workflow_data,
        )
    )
    try:
        await _wait_started(server, polling, polls_before)
        yield bot
    finally:
        server.settle_hooks.remove(settle)
        await _stop_polling(dispatcher, polling)
        await _drain(dispatcher, drain_timeout)
        await bot.session.close()
        for name in _AIOGRAM_LOGGERS:
            logging.getLogger(name).removeHandler(errors)
    if fail_on_handler_error and errors.errors:
        raise AssertionError("The bot logged errors:\n" + "\n".join(errors.errors))


async def _wait_started(
    server: FakeTelegramServer, polling: asyncio.Task[Any], before: int
) -> None:
    """Return once the bot made its first getUpdates call (startup hooks ran, getMe worked)."""
    first_poll = asyncio.create_task(
        server.updates_changed.wait_until(lambda: server.poll_count > before, 10.0)
    )
    done, _ = await asyncio.wait({polling, first_poll}, return_when=asyncio.FIRST_COMPLETED)
    if polling in done:
        first_poll.cancel()
        polling.result()
        raise AssertionError("Polling stopped before its first getUpdates call")
    if not first_poll.result():
        raise AssertionError(f"The bot never called getUpdates.\n{server.diagnostics()}")


async def _stop_polling(dispatcher: Dispatcher, polling: asyncio.Task[Any]) -> None:
    if not polling.done():
        try:
            await dispatcher.stop_polling()
        except RuntimeError:
            polling.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await polling


def _handler_tasks(dispatcher: Dispatcher) -> set[asyncio.Task[Any]]:
    # aiogram keeps the tasks of updates handled concurrently (handle_as_tasks) here.
    return set(getattr(dispatcher, "_handle_update_tasks", ()))


async def _wait_handlers(dispatcher: Dispatcher) -> None:
    while tasks := _handler_tasks(dispatcher):
        await asyncio.wait(tasks)


async def _drain(dispatcher: Dispatcher, timeout: float) -> None:
    tasks = _handler_tasks(dispatcher)
    if not tasks:
        return
    _, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.wait(pending)
