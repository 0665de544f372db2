"""The web chat channel: the Telegram conversation, in a browser, through a Bot API emulation.

``WebChatChannel(database, settings)``: ``await install(app, secret)`` adds the page, its
endpoints and the Bot API routes to the service's web app (before it starts); ``await
start(dispatcher, base_url)`` gives the dispatcher a bot that reaches those routes; ``stop()``
lets the updates in hand finish. ``transport()`` delivers the outbox's Telegram rows addressed
to a web chat.
"""

import secrets

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiohttp import web

from bot import outbox_render
from bot.app import hold_response_type
from bot.delivery import TelegramTransport
from egapro_assistant.config import Settings
from egapro_assistant.webchat.botapi import BOT_ID, PREFIX, BotApi
from egapro_assistant.webchat.hub import Hub
from egapro_assistant.webchat.routes import ChatRoutes
from store.database import Database


class _LoopbackSession(AiohttpSession):
    """Plain HTTP to this very process: closing skips aiohttp's SSL grace delay."""

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


class WebChatChannel:
    def __init__(self, database: Database, settings: Settings) -> None:
        self.database = database
        self.settings = settings
        self.token = f"{BOT_ID}:{secrets.token_urlsafe(32)}"
        self.hub = Hub(database)
        self.api = BotApi(
            database, self.token, on_change=self.hub.changed, on_answer=self.hub.callback_answered
        )
        self.routes = ChatRoutes(database, settings, self.hub)
        self.bot: Bot | None = None
        self._transport: TelegramTransport | None = None

    async def install(self, app: web.Application, secret: bytes) -> None:
        """``secret``: the web secret (``web.signing.load_secret``), which signs the cookie."""
        self.routes.key = secret
        self.routes.add_routes(app)
        self.api.add_routes(app)

    async def start(self, dispatcher: Dispatcher, base_url: str) -> None:
        session = _LoopbackSession(api=TelegramAPIServer.from_base(base_url + PREFIX))
        self.bot = Bot(self.token, session=session)
        self.bot.session.middleware(hold_response_type)
        self._transport = TelegramTransport(self.bot, self.database, render=outbox_render.render)
        self.hub.bot, self.hub.dispatcher = self.bot, dispatcher
        await self.hub.resume()

    def transport(self) -> TelegramTransport | None:
        return self._transport

    async def stop(self) -> None:
        self.hub.release_pages()
        await self.hub.drain()
        if self.bot is not None:
            await self.bot.session.close()
