"""The running service: database, web app, outbox sender, inbound mail, the Telegram bot and
scheduled jobs in one event loop.

``Service(settings)``: ``await start()`` brings everything up (migrations first), ``await
stop()`` takes it down: it stops taking work (webhook ``503``, SMTP ``421``, polling stopped),
lets what is in flight finish (updates, inbound mail, the sender's batch), then closes. The
pieces stay reachable for tests and other parts of the wiring: ``database``, ``web_port``,
``bot``, ``dispatcher``, ``sender``, ``health`` (each part registers a liveness probe there),
``scheduler`` (the APScheduler instance other periodic jobs may be added to) and
``reminders_heartbeat`` (when the reminder tick last ran: ``last_tick``).

The bot takes its updates by long polling, or from the web app's webhook when
``EGAPRO_TELEGRAM_WEBHOOK_URL`` is set (stored first, processed from the store: ``bot.webhook``).
"""

import asyncio
import contextlib
import logging
import time
from datetime import timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from aiohttp import web

from egapro_assistant import retention
from egapro_assistant.config import Settings
from egapro_assistant.health import Check, HealthRegistry
from egapro_assistant.sender import OutboxSender, default_worker_id
from store.campaigns import CalendarError
from store.clock import SYSTEM_CLOCK, Clock
from store.database import Database
from store.migrate import upgrade_async

if TYPE_CHECKING:  # the bot's modules are imported only when a token is set
    from aiogram import Bot, Dispatcher

log = logging.getLogger(__name__)

PURGE_EVERY = timedelta(hours=1)
SENDER_SILENT = 60.0  # seconds without a turn of the sender's loop before /healthz says down


class ConfigurationError(Exception):
    """A setting the service cannot run with; the message names it."""


async def migrate(database: Database) -> None:
    await upgrade_async(database)


class Service:
    def __init__(self, settings: Settings, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.settings = settings
        self.clock = clock
        self.reminders_heartbeat = None  # scheduler.app.Heartbeat
        self.scheduler = None  # apscheduler AsyncIOScheduler
        self.worker_id = settings.worker_id or default_worker_id()
        self.health = HealthRegistry()
        self.database: Database | None = None
        self.sender: OutboxSender | None = None
        self.bot: Bot | None = None
        self.dispatcher: Dispatcher | None = None
        self.updates = None  # bot.webhook.StoredUpdates in webhook mode
        self.webhook_endpoint = None  # web.telegram_webhook.WebhookEndpoint in webhook mode
        self.web_runner: web.AppRunner | None = None
        self.web_port: int | None = None
        self.inbound = None
        self.inbound_server: asyncio.AbstractServer | None = None
        self.inbound_port: int | None = None
        self.web_chat = None  # egapro_assistant.webchat.WebChatChannel when EGAPRO_WEB_CHAT
        self._web_chat_owns_dispatcher = False
        self._stop = asyncio.Event()
        self._stop_updates = asyncio.Event()
        self._tasks: list[asyncio.Task] = []
        self._polling: asyncio.Task | None = None

    @property
    def web_url(self) -> str:
        """Where the web app listens (not necessarily ``public_base_url``)."""
        return f"http://{self.settings.web_host}:{self.web_port}"

    @property
    def webhook_mode(self) -> bool:
        return bool(self.settings.telegram_token and self.settings.telegram_webhook_url)

    async def start(self) -> None:
        settings = self.settings
        self._check_settings()
        try:
            settings.calendar  # noqa: B018  (a calendar that cannot be used stops the start)
        except CalendarError as error:
            raise SystemExit(f"invalid campaign calendar: {error}") from error
        started = time.monotonic()
        self.database = Database(
            settings.database_url,
            schema=settings.database_schema,
            pool_size=settings.database_pool_size,
            max_overflow=settings.database_max_overflow,
        )
        self.health.register("database", self._database_probe)
        await migrate(self.database)
        await self._purge()
        if settings.telegram_token:
            from bot.app import build_bot

            self.bot = build_bot(settings.telegram_token, api_base=settings.telegram_api_base)
        else:
            log.warning("Telegram is off: EGAPRO_TELEGRAM_TOKEN is not set (bot disabled)")
        self._start_sender()
        await self._start_inbound()
        if self.bot is not None:
            self._build_dispatcher()
        await self._start_web()
        if self.bot is not None:
            await self._start_bot()
        else:
            self.health.register("telegram", lambda: Check.up(mode="off"))
        if self.web_chat is not None:
            await self._start_web_chat()
        self._start_scheduler()
        self._spawn(self._purge_hourly(), "retention purge")
        log.info(
            "service started: web on %s (worker %s, %.1f s)",
            self.web_url,
            self.worker_id,
            time.monotonic() - started,
        )

    def _check_settings(self) -> None:
        settings = self.settings
        if self.webhook_mode and not settings.telegram_webhook_secret:
            raise ConfigurationError(
                "EGAPRO_TELEGRAM_WEBHOOK_SECRET must be set with EGAPRO_TELEGRAM_WEBHOOK_URL "
                "(1-256 characters A-Z a-z 0-9 _ -)"
            )

    # --- parts ------------------------------------------------------------------------------

    def _start_scheduler(self) -> None:
        """Periodic jobs (APScheduler, in-memory job store) in this event loop: the reminder
        tick and the référents' weekly digest; other jobs may be added to ``self.scheduler``."""
        from scheduler import digest as digest_job
        from scheduler import reminders as reminder_job
        from scheduler.app import build_scheduler

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
        self.health.register("scheduler", self._scheduler_probe)

    def _scheduler_probe(self) -> Check:
        if self.scheduler is None or not self.scheduler.running:
            return Check.down(error="scheduler not running")
        beat = self.reminders_heartbeat
        last = getattr(beat, "last_tick", None) if beat is not None else None
        return Check.up(last_tick=last.isoformat() if last is not None else None)

    def _start_sender(self) -> None:
        from mail.email_transport import EmailTransport

        telegram = None
        if self.bot is not None:
            from bot import outbox_render
            from bot.delivery import TelegramTransport

            telegram = TelegramTransport(self.bot, self.database, render=outbox_render.render)
        if self.settings.web_chat:
            # Imported only when on: it brings the conversation code. The bot package first, so
            # that aiogram models are built on first use (bot/lazy_types.py).
            import bot  # noqa: F401
            from egapro_assistant.webchat import WebChatChannel
            from egapro_assistant.webchat.transport import ChatRouter

            self.web_chat = WebChatChannel(self.database, self.settings)
            telegram = ChatRouter(telegram, self.web_chat)
        # Without a relay, emails go to the local mailbox (shown at /mailbox).
        relay = None
        if not self.settings.smtp_host:
            from mail.local_mailbox import LocalMailbox

            relay = LocalMailbox(self.database, self.settings)
        self.sender = OutboxSender.from_settings(
            self.database,
            self.settings,
            email_transport=EmailTransport(self.database, self.settings, relay=relay),
            telegram_transport=telegram,
            worker_id=self.worker_id,
            clock=self.clock,
        )
        task = self._spawn(self.sender.run_forever(self._stop), "outbox sender")
        self.health.register("sender", lambda: self._sender_probe(task))

    async def _start_inbound(self) -> None:
        """Replies: stored by the SMTP server, processed by a task (which starts with what a
        previous run stored but did not process)."""
        from mail.inbound_processing import InboundProcessor
        from mail.inbound_server import start_inbound_server

        self.inbound = InboundProcessor(self.database, self.settings, on_outbox=self.sender.notify)
        self._spawn(self.inbound.run_forever(self._stop), "inbound processing")
        if not self.settings.inbound_enabled:
            return
        self.inbound_server = await start_inbound_server(
            self.database, self.settings, on_stored=self.inbound.notify
        )
        self.inbound_port = self.inbound_server.sockets[0].getsockname()[1]
        self.health.register("inbound_smtp", self._inbound_probe)
        log.info("inbound SMTP on %s:%s", self.settings.inbound_smtp_host, self.inbound_port)

    def _build_dispatcher(self) -> None:
        from bot.app import build_dispatcher

        self.dispatcher = build_dispatcher(
            self.database, settings=self.settings, notify_outbox=self.sender.notify
        )
        if self.webhook_mode:
            from bot.webhook import StoredUpdates
            from web.telegram_webhook import WebhookEndpoint

            self.updates = StoredUpdates(
                self.database,
                self.dispatcher,
                self.bot,
                worker_id=self.worker_id,
                concurrency=self.settings.telegram_update_concurrency,
                lease=timedelta(seconds=self.settings.telegram_update_lease_seconds),
            )
            self.webhook_endpoint = WebhookEndpoint(
                secret=self.settings.telegram_webhook_secret, on_stored=self.updates.notify
            )

    async def _start_web(self) -> None:
        from web import mailbox
        from web.app import build_web_app
        from web.signing import load_secret

        secret = await load_secret(self.database, self.settings)
        app = build_web_app(
            self.database,
            self.settings,
            on_outbox=self.sender.notify,
            form_secret=secret,
            health=self.health,
        )
        if not self.settings.smtp_host:
            mailbox.add_routes(app)
        if self.web_chat is not None:
            await self.web_chat.install(app, secret)
        if self.webhook_endpoint is not None:
            from web.telegram_webhook import add_route

            add_route(app, webhook_path(self.settings.telegram_webhook_url), self.webhook_endpoint)
        self.web_runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self.web_runner.setup()
        site = web.TCPSite(self.web_runner, self.settings.web_host, self.settings.web_port)
        await site.start()
        self.web_port = site._server.sockets[0].getsockname()[1]

    async def _start_bot(self) -> None:
        from bot.app import ALLOWED_UPDATES, publish_commands

        try:
            await publish_commands(self.bot)
        except Exception:
            log.exception("could not publish the bot commands; going on")
        if self.updates is not None:
            await self.dispatcher.emit_startup(bot=self.bot, **self.dispatcher.workflow_data)
            self._spawn(self._register_webhook(list(ALLOWED_UPDATES)), "webhook registration")
            self._spawn(self.updates.run_forever(self._stop_updates), "webhook updates")
            self.health.register("telegram", self.updates.probe)
            return
        with contextlib.suppress(Exception):
            # A webhook left by an earlier webhook deployment would refuse getUpdates.
            await self.bot.delete_webhook(drop_pending_updates=False)
        self._polling = self._spawn(
            self.dispatcher.start_polling(
                self.bot,
                handle_signals=False,
                close_bot_session=False,
                allowed_updates=list(ALLOWED_UPDATES),
            ),
            "telegram polling",
        )
        self.health.register("telegram", self._polling_probe)

    async def _start_web_chat(self) -> None:
        """The web chat's bot talks to the Bot API emulation in this process's web app."""
        if self.dispatcher is None:
            from bot.app import build_dispatcher

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
        probe = getattr(self.web_chat, "probe", None)
        self.health.register("web_chat", probe or (lambda: Check.up()))

    async def _register_webhook(self, allowed_updates: list[str]) -> None:
        from bot.webhook import register_webhook

        delay = 1.0
        while not self._stop.is_set():
            try:
                await register_webhook(
                    self.bot,
                    self.settings.telegram_webhook_url,
                    self.settings.telegram_webhook_secret,
                    allowed_updates,
                )
                self.updates.registered = True
                log.info("webhook registered: %s", self.settings.telegram_webhook_url)
                return
            except Exception as error:
                log.warning("webhook registration failed (%s); retrying in %.0f s", error, delay)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), delay)
                delay = min(delay * 2, 60.0)

    # --- health -------------------------------------------------------------------------------

    async def _database_probe(self) -> Check:
        from sqlalchemy import text

        async with self.database.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return Check.up(dialect=self.database.dialect)

    def _sender_probe(self, task: asyncio.Task) -> Check:
        if task.done():
            return Check.down(error="the sender's loop stopped")
        beat = self.sender.beat
        if beat is None:
            return Check.up(state="starting")
        silent = time.monotonic() - beat
        if silent > max(SENDER_SILENT, 5 * self.sender.poll_seconds):
            return Check.down(error=f"no turn of the sender's loop for {silent:.0f} s")
        return Check.up(worker=self.worker_id)

    def _inbound_probe(self) -> Check:
        if self.inbound_server is None or not self.inbound_server.is_serving():
            return Check.down(error="not listening")
        return Check.up(port=self.inbound_port)

    def _polling_probe(self) -> Check:
        if self._polling is None or self._polling.done():
            return Check.down(mode="polling", error="polling stopped")
        return Check.up(mode="polling")

    # --- retention ----------------------------------------------------------------------------

    async def _purge(self) -> None:
        try:
            await retention.purge(self.database, self.settings)
        except Exception:
            log.exception("retention: purge failed; trying again later")

    async def _purge_hourly(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), PURGE_EVERY.total_seconds())
            if not self._stop.is_set():
                await self._purge()

    # --- tasks and stop -----------------------------------------------------------------------

    def _spawn(self, coroutine, name: str) -> asyncio.Task:
        task = asyncio.create_task(coroutine, name=name)
        task.add_done_callback(self._report_crash)
        self._tasks.append(task)
        return task

    @staticmethod
    def _report_crash(task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.error("%s stopped", task.get_name(), exc_info=task.exception())

    async def stop(self) -> None:
        """Stop taking work, let the work in flight finish (``stop_timeout_seconds`` at most),
        then close."""
        deadline = asyncio.get_running_loop().time() + self.settings.stop_timeout_seconds
        log.info("service stopping")
        if self.scheduler is not None:
            # A run in progress ends first (shutting down would cancel it mid-transaction).
            self.scheduler.pause()
            if self.reminders_heartbeat is not None:
                await self.reminders_heartbeat.wait_idle()
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        # 1. No new work: webhook 503, SMTP 421 (and no new connection), polling ends.
        if self.webhook_endpoint is not None:
            self.webhook_endpoint.accepting = False
        if self.inbound_server is not None:
            handler = getattr(self.inbound_server, "handler", None)
            if handler is not None:
                handler.stopping = True
            self.inbound_server.close()
        if self._polling is not None and not self._polling.done():
            with contextlib.suppress(RuntimeError):  # polling not started or already stopped
                await self.dispatcher.stop_polling()
        self._stop_updates.set()
        # 2. What is in flight finishes: updates first (they queue messages), then mail stored,
        # then the inbound processor's and the sender's current batches.
        if self.dispatcher is not None:
            handling = set(getattr(self.dispatcher, "_handle_update_tasks", ()))
            if handling:
                await asyncio.wait(handling, timeout=self._left(deadline))
        if self.inbound_server is not None:
            handler = getattr(self.inbound_server, "handler", None)
            if handler is not None:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(handler.wait_stored(), self._left(deadline))
        if self.updates is not None:
            await self.updates.drain(self._left(deadline))
        self._stop.set()
        if self.web_chat is not None:
            with contextlib.suppress(Exception):
                await self.web_chat.stop()
            if self._web_chat_owns_dispatcher:
                await self.dispatcher.emit_shutdown(bot=self.web_chat.bot)
        if self._tasks:
            _, pending = await asyncio.wait(self._tasks, timeout=self._left(deadline))
            for task in pending:
                log.warning("%s did not finish in time; cancelled", task.get_name())
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            self._tasks.clear()
        # 3. Close.
        if self.updates is not None and self.dispatcher is not None:
            with contextlib.suppress(Exception):
                await self.dispatcher.emit_shutdown(bot=self.bot, **self.dispatcher.workflow_data)
        if self.inbound_server is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.inbound_server.wait_closed(), 1.0)
            self.inbound_server = None
        if self.web_runner is not None:
            await self.web_runner.cleanup()
            self.web_runner = None
        if self.bot is not None:
            await self.bot.session.close()
        if self.database is not None:
            await self.database.dispose()
        log.info("service stopped")

    @staticmethod
    def _left(deadline: float) -> float:
        return max(deadline - asyncio.get_running_loop().time(), 0.1)

    async def __aenter__(self) -> "Service":
        try:
            await self.start()
        except BaseException:
            await self.stop()
            raise
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.stop()


def webhook_path(url: str) -> str:
    """The path the web app serves the webhook on: the path of the public URL."""
    return urlsplit(url).path or "/telegram/webhook"
