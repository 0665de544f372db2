"""Builds the bot and its dispatcher; the wiring in egapro_assistant starts them."""

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.types import BotCommand, BotCommandScopeDefault

from bot.fsm_storage import DatabaseStorage
from bot.middlewares import UserContextMiddleware
from bot.routers import (
    common,
    companies,
    compute_file,
    compute_results,
    compute_steps,
    declare,
    objectives,
    representation,
    status,
)
from bot.texts import LANGUAGES, text
from store.database import Database

COMMANDS = ("start", "status", "cancel", "lang", "help")


def feature_routers() -> list[Router]:
    """The feature routers, in the order they get a chance at an update."""
    return [
        common.router,
        status.router,  # before companies: its /status lists declarations too
        companies.router,
        declare.router,
        objectives.router,
        representation.router,
        compute_steps.router,
        compute_file.router,
        compute_results.router,
    ]


def build_dispatcher(database: Database, **workflow_data) -> Dispatcher:
    dispatcher = Dispatcher(
        storage=DatabaseStorage(database),
        events_isolation=SimpleEventIsolation(),
        database=database,
        **workflow_data,
    )
    context = UserContextMiddleware(database)
    dispatcher.message.outer_middleware(context)
    dispatcher.callback_query.outer_middleware(context)
    routers = [*feature_routers(), common.fallback_router]
    # Routers are module-level, as in aiogram's own layout, and accept one parent; a process that
    # builds a new dispatcher (a restart in place, tests) releases them from the previous one.
    for router in routers:
        router._parent_router = None
    dispatcher.include_routers(*routers)
    return dispatcher


def build_bot(token: str, api_base: str | None = None) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_base)) if api_base else None
    return Bot(token, session=session)


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
