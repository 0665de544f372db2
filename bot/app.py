"""Builds the bot and its dispatcher; the wiring in egapro_assistant starts them."""

import functools
import gc
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.methods import Response, TelegramMethod
from aiogram.types import BotCommand, BotCommandScopeDefault

from bot.fsm_storage import DatabaseStorage
from bot.middlewares import UpdateContextMiddleware
from bot.routers import (
    common,
    companies,
    compute_file,
    compute_results,
    compute_steps,
    declare,
    objectives,
    pending,
    referents,
    reminders,
    representation,
    status,
)
from bot.texts import LANGUAGES, text
from egapro_assistant.logs import log_context
from reports.drawing import close_drawing
from store.database import Database

COMMANDS = ("start", "status", "rappels", "cancel", "lang", "help")
# Edited messages are received: a corrected answer is taken or answered, never ignored.
ALLOWED_UPDATES = ("message", "edited_message", "callback_query")

# aiogram parses every Bot API answer with ``Response[<return type>]``. pydantic keeps these
# parametrised classes in a weak cache, and they sit in reference cycles: each cyclic garbage
# collection frees them and the next call builds one again (schema and validator: several ms,
# more than the rest of an update). Each one is held here from its first use on: only the few
# methods the product calls, not the 41 return types of the Bot API (about 50 MB of validators).
RESPONSE_TYPES: dict[Any, type[Response]] = {}


async def hold_response_type(make_request, bot: Bot, method: TelegramMethod) -> Response:
    """A session middleware: the answer's ``Response[...]`` class stays built once used."""
    returning = method.__returning__
    if returning not in RESPONSE_TYPES:
        RESPONSE_TYPES[returning] = Response[returning]
    return await make_request(bot, method)


def run_sync_filters_inline(dispatcher: Dispatcher) -> None:
    """Run the synchronous filters (``F.text``, ``F.data == ...``) in the event loop.

    aiogram runs every synchronous callable with ``asyncio.to_thread``. A filter is a cheap
    predicate, and an update meets dozens of them on its way through the routers: the thread
    hops and the GIL hand-offs cost more than the rest of the update.
    """
    for router in dispatcher.chain_tail:
        for observer in router.observers.values():
            for handler in [observer._handler, *observer.handlers]:
                for event_filter in handler.filters or ():
                    if not event_filter.awaitable:
                        event_filter.callback = _awaitable(event_filter.callback)
                        event_filter.awaitable = True


def freeze_startup_objects() -> None:
    """Move what exists when the bot starts out of the cyclic garbage collector's way.

    The modules, aiogram's and pydantic's classes and schemas, SQLAlchemy's metadata (about
    200 000 objects) live as long as the process, yet each full collection walks them all again:
    a fifth of the bot's CPU under load. Done once per process (later dispatchers, in tests or
    after a restart in place, change nothing).
    """
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()


def _awaitable(predicate: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(predicate)
    async def call(*args: Any, **kwargs: Any) -> Any:
        return predicate(*args, **kwargs)

    return call


def feature_routers() -> list[Router]:
    """The feature routers, in the order they get a chance at an update."""
    return [
        common.router,
        pending.router,  # /start, /help, and menu entries while a flow is under way
        # The computations next: most updates are their answers, and each router passed costs
        # its filters' checks (their handlers take only their own states and buttons).
        compute_steps.router,
        compute_file.router,
        compute_results.router,
        referents.router,  # /referent and /pending only
        status.router,  # before companies: its /status lists declarations too
        reminders.router,
        companies.router,
        declare.router,
        objectives.router,
        representation.router,
    ]


def build_dispatcher(database: Database, **workflow_data) -> Dispatcher:
    dispatcher = context_dispatcher(database, **workflow_data)
    dispatcher.startup.register(freeze_startup_objects)
    dispatcher.shutdown.register(close_drawing)
    routers = [*feature_routers(), common.fallback_router]
    # Routers are module-level, as in aiogram's own layout, and accept one parent; a process that
    # builds a new dispatcher (a restart in place, tests) releases them from the previous one.
    for router in routers:
        router._parent_router = None
    dispatcher.include_routers(*routers)
    run_sync_filters_inline(dispatcher)
    return dispatcher


def context_dispatcher(database: Database, **workflow_data) -> Dispatcher:
    """A dispatcher without routers whose handlers get the user's language and conversation
    state, kept in ``database``.

    aiogram's FSM middleware is replaced by one that also records the user, with the same read
    and under the same per-chat lock (bot.middlewares).
    """
    storage = DatabaseStorage(database)
    isolation = SimpleEventIsolation()
    dispatcher = Dispatcher(
        storage=storage,
        events_isolation=isolation,
        disable_fsm=True,
        database=database,
        **workflow_data,
    )
    dispatcher.update.outer_middleware(name_update_in_logs)
    dispatcher.fsm = UpdateContextMiddleware(database, storage, isolation)
    dispatcher.update.outer_middleware(dispatcher.fsm)
    return dispatcher


async def name_update_in_logs(handler, update, data):
    """Every line logged while an update is handled names it (``[update 123]``)."""
    with log_context(update=update.update_id):
        return await handler(update, data)


def build_bot(token: str, api_base: str | None = None) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_base)) if api_base else None
    bot = Bot(token, session=session)
    bot.session.middleware(hold_response_type)
    return bot


async def publish_commands(bot: Bot) -> None:
    """The command menu in French by default, in English for English-language clients."""
    for language in LANGUAGES:
        commands = [
            BotCommand(command=c, description=text(f"command.{c}", language)) for c in COMMANDS
        ]
        await bot.set_my_commands(
            commands,
            scope=BotCommandScopeDefault(),
            language_code=None if language == "fr" else language,
        )
