"""The running service: database, web app, outbox sender, Telegram bot and scheduled jobs in one
event loop.

``Service(settings)``: ``await start()`` brings everything up (migrations first), ``await
stop()`` takes it down in reverse order. The pieces stay reachable for tests and other parts of
the wiring: ``database``, ``web_port``, ``bot``, ``dispatcher``, ``sender``, ``scheduler`` (the
APScheduler instance other periodic jobs may be added to) and ``reminders_heartbeat`` (when the
reminder tick last ran: ``last_tick``).
"""

import asyncio
import contextlib
import logging
from datetime import timedelta

from aiogram import Bot, Dispatcher
from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot import outbox_render
from bot.app import ALLOWED_UPDATES, build_bot, build_dispatcher, publish_commands
from bot.delivery import TelegramTransport
from egapro_assistant.config import Settings
from egapro_assistant.sender import OutboxSender
from mail.email_transport import EmailTransport
from mail.inbound_processing import InboundProcessor
from mail.inbound_server import start_inbound_server
from mail.local_mailbox import LocalMailbox
from scheduler import digest as digest_job
from scheduler import reminders as reminder_job
from scheduler.app import Heartbeat, build_scheduler
from store import outbox, rate_limits, referent_sessions, tokens
from store.campaigns import CalendarError
from store.clock import SYSTEM_CLOCK, Clock
from store.database import Database
from store.migrate import upgrade_async
from web import mailbox
from web.app import build_web_app
from web.signing import load_secret

log = logging.getLogger(__name__)

# Tokens are kept a while after they expire, so a late click still gets "expired", not "unknown".
EXPIRED_TOKENS_KEPT = timedelta(days=7)


async def migrate(database: Database) -> None:
    await upgrade_async(database)


class Service:
    def __init__(self, settings: Settings, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.settings = settings
        self.clock = clock
        self.reminders_heartbeat: Heartbeat | None = None
        self.database: Database | None = None
        self.sender: OutboxSender | None = None
        self.bot: Bot | None = None
        self.dispatcher: Dispatcher | None = None
        self.web_runner: web.AppRunner | None = None
        self.web_port: int | None = None
        self.inbound: InboundProcessor | None = None
        self.inbound_server: asyncio.AbstractServer | None = None
        self.inbound_port: int | None = None
        self.scheduler: AsyncIOScheduler | None = None
        self.web_chat = None  # egapro_assistant.webchat.WebChatChannel when EGAPRO_WEB_CHAT
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task] = []

    @property
    def web_url(self) -> str:
        """Where the web app listens (not necessarily ``public_base_url``)."""
        return f"http://{self.settings.web_host}:{self.web_port}"

    async def start(self) -> None:
        settings = self.settings
        try:
            settings.calendar  # noqa: B018  (a calendar that cannot be used stops the start)
        except CalendarError as error:
            raise SystemExit(f"invalid campaign calendar: {error}") from error
        self.database = Database(settings.database_url, schema=settings.database_schema)
        await migrate(self.database)
        await self._purge_stale_rows()
        if settings.telegram_token:
            self.bot = build_bot(settings.telegram_token, api_base=settings.telegram_api_base)
        else:
            log.warning("bot disabled: EGAPRO_TELEGRAM_TOKEN not set")
        self._start_sender()
        await self._start_inbound()
        await self._start_web()
        if self.bot is not None:
            await self._start_bot()
        if self.web_chat is not None:
            await self._start_web_chat()
        self._start_scheduler()
        log.info("service started: web on %s", self.web_url)

    def _start_scheduler(self) -> None:
        """Periodic jobs (APScheduler, in-memory job store) in this event loop: the reminder
        tick and the référents' weekly digest; other jobs may be added to ``self.scheduler``."""
        self.scheduler = build_scheduler()
        if self.settings.reminders_enabled:
            self.reminders_heartbeat = reminder_job.add_job(
                self.scheduler,
                self.database,
                self.settings,
                clock=self.clock,
                on_written=self.sender.notify,
            )
        digest_job.add_job(
            self.scheduler, self.database, self.settings, on_written=self.sender.notify
        )
        self.scheduler.start()

    def _start_sender(self) -> None:
        telegram = (
            TelegramTransport(self.bot, self.database, render=outbox_render.render)
            if self.bot is not None
            else None
        )
        if self.settings.web_chat:
            # Imported only when on: it brings the conversation code.
            from egapro_assistant.webchat import WebChatChannel
            from egapro_assistant.webchat.transport import ChatRouter

            self.web_chat = WebChatChannel(self.database, self.settings)
            telegram = ChatRouter(telegram, self.web_chat)
        # Without a relay, emails go to the local mailbox (shown at /mailbox).
        relay = None if self.settings.smtp_host else LocalMailbox(self.database, self.settings)
        self.sender = OutboxSender.from_settings(
            self.database,
            self.settings,
            email_transport=EmailTransport(self.database, self.settings, relay=relay),
            telegram_transport=telegram,
            clock=self.clock,
        )
        self._spawn(self.sender.run_forever(self._stop), "outbox sender")

    async def _start_inbound(self) -> None:
        """Replies: stored by the SMTP server, processed by a task (which starts with what a
        previous run stored but did not process)."""
        self.inbound = InboundProcessor(self.database, self.settings, on_outbox=self.sender.notify)
        self._spawn(self.inbound.run_forever(self._stop), "inbound processing")
        if not self.settings.inbound_enabled:
            return
        self.inbound_server = await start_inbound_server(
            self.database, self.settings, on_stored=self.inbound.notify
        )
        self.inbound_port = self.inbound_server.sockets[0].getsockname()[1]
        log.info("inbound SMTP on %s:%s", self.settings.inbound_smtp_host, self.inbound_port)

    async def _start_web(self) -> None:
        secret = await load_secret(self.database, self.settings)
        app = build_web_app(
            self.database, self.settings, on_outbox=self.sender.notify, form_secret=secret
        )
        if not self.settings.smtp_host:
            mailbox.add_routes(app)
        if self.web_chat is not None:
            await self.web_chat.install(app, secret)
        self.web_runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self.web_runner.setup()
        site = web.TCPSite(self.web_runner, self.settings.web_host, self.settings.web_port)
        await site.start()
        self.web_port = site._server.sockets[0].getsockname()[1]

    async def _start_bot(self) -> None:
        if self.settings.telegram_webhook_url:
            log.warning("webhook mode is not available yet: the bot uses long polling")
        self.dispatcher = build_dispatcher(
            self.database, settings=self.settings, notify_outbox=self.sender.notify
        )
        try:
            await publish_commands(self.bot)
        except Exception:
            log.exception("could not publish the bot commands; polling anyway")
        polling = self.dispatcher.start_polling(
            self.bot,
            handle_signals=False,
            close_bot_session=False,
            allowed_updates=list(ALLOWED_UPDATES),
        )
        self._spawn(polling, "telegram polling")

    async def _start_web_chat(self) -> None:
        """The web chat's bot talks to the Bot API emulation in this process's web app."""
        if self.dispatcher is None:
            self.dispatcher = build_dispatcher(
                self.database, settings=self.settings, notify_outbox=self.sender.notify
            )
            await self.dispatcher.emit_startup(bot=None, dispatcher=self.dispatcher)
            self._web_chat_owns_dispatcher = True
        host = self.settings.web_host
        if host in ("0.0.0.0", "::", ""):
            host = "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        await self.web_chat.start(self.dispatcher, f"http://{host}:{self.web_port}")

    async def _purge_stale_rows(self) -> None:
        async with self.database.session() as session:
            await rate_limits.purge(session)
            await tokens.purge_expired(session, older_than=EXPIRED_TOKENS_KEPT)
            await referent_sessions.purge(session)
        retention = timedelta(days=self.settings.outbox_retention_days)
        await outbox.purge_sent(self.database, older_than=retention)

    def _spawn(self, coroutine, name: str) -> None:
        task = asyncio.create_task(coroutine, name=name)
        task.add_done_callback(self._report_crash)
        self._tasks.append(task)

    @staticmethod
    def _report_crash(task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.error("%s stopped", task.get_name(), exc_info=task.exception())

    async def stop(self) -> None:
        if self.scheduler is not None:
            # A run in progress ends first (shutting down would cancel it mid-transaction).
            self.scheduler.pause()
            if self.reminders_heartbeat is not None:
                await self.reminders_heartbeat.wait_idle()
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        if self.inbound_server is not None:
            self.inbound_server.close()
            await self.inbound_server.wait_closed()
            self.inbound_server = None
        self._stop.set()
        if self.web_chat is not None:
            await self.web_chat.stop()
            if getattr(self, "_web_chat_owns_dispatcher", False):
                await self.dispatcher.emit_shutdown(bot=self.web_chat.bot)
        if self.dispatcher is not None:
            with contextlib.suppress(RuntimeError):  # polling not started or already stopped
                await self.dispatcher.stop_polling()
        if self._tasks:
            _, pending = await asyncio.wait(self._tasks, timeout=10)
            for task in pending:
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            self._tasks.clear()
        if self.web_runner is not None:
            await self.web_runner.cleanup()
            self.web_runner = None
        if self.bot is not None:
            await self.bot.session.close()
        if self.database is not None:
            await self.database.dispose()
        log.info("service stopped")

    async def __aenter__(self) -> "Service":
        try:
            await self.start()
        except BaseException:
            await self.stop()
            raise
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.stop()
