"""Webhook mode: register the webhook, then process the updates the web app stored.

``StoredUpdates`` claims stored updates (``store.telegram_updates.claim``: the oldest update of
each chat with none in progress, across every instance) and feeds each to the dispatcher, many
chats at once and each chat in order. An update is finished in the store once its handlers
returned; a process killed in between leaves it claimed, and another worker takes it again when
the claim's lease runs out.
"""

import asyncio
import logging
import time
from datetime import timedelta

from aiogram import Bot, Dispatcher
from aiogram.types import Update

from egapro_assistant.health import Check
from egapro_assistant.logs import log_context
from egapro_assistant.waiting import wait_for_any
from store import telegram_updates
from store.database import Database

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # an update that took its process down this many times is set aside


async def register_webhook(bot: Bot, url: str, secret: str, allowed_updates: list[str]) -> None:
    """Tell Telegram where to post updates (every instance does; the call is idempotent)."""
    await bot.set_webhook(
        url, secret_token=secret, allowed_updates=allowed_updates, drop_pending_updates=False
    )


class StoredUpdates:
    def __init__(
        self,
        database: Database,
        dispatcher: Dispatcher,
        bot: Bot,
        *,
        worker_id: str,
        concurrency: int = 64,
        poll_seconds: float = 0.5,
        lease: timedelta = telegram_updates.DEFAULT_LEASE,
    ) -> None:
        self.database = database
        self.dispatcher = dispatcher
        self.bot = bot
        self.worker_id = worker_id
        self.concurrency = concurrency
        self.poll_seconds = poll_seconds
        self.lease = lease
        self.registered = False  # setWebhook answered
        self.last_claim: float | None = None  # monotonic time of the last claim that answered
        self._wake = asyncio.Event()
        self._in_flight: set[asyncio.Task] = set()
        self._processing: set[int] = set()  # update ids claimed and not finished

    def notify(self) -> None:
        """An update was stored, or a chat is free again: claim now rather than at the next poll."""
        self._wake.set()

    def probe(self) -> Check:
        details = {"mode": "webhook", "in_flight": len(self._in_flight)}
        if not self.registered:
            return Check.down(error="webhook not registered", **details)
        return Check.up(**details)

    async def run_forever(self, stop: asyncio.Event) -> None:
        """Claim and process until ``stop`` is set; then let the updates in flight finish."""
        renewing = asyncio.create_task(self._renew_claims(), name="webhook claims renewal")
        try:
            while not stop.is_set():
                self._wake.clear()
                room = self.concurrency - len(self._in_flight)
                claimed = []
                if room > 0:
                    try:
                        claimed = await telegram_updates.claim(
                            self.database, self.worker_id, limit=room, lease=self.lease
                        )
                        self.last_claim = time.monotonic()
                    except Exception:
                        log.exception("webhook: claiming updates failed; trying again shortly")
                for update_id, attempts, payload in claimed:
                    task = asyncio.create_task(
                        self._process(update_id, attempts, payload), name=f"update {update_id}"
                    )
                    self._in_flight.add(task)
                    task.add_done_callback(self._in_flight.discard)
                if room <= 0 or len(claimed) < room:
                    await self._idle(stop)
        finally:
            await self.drain()
            renewing.cancel()
            await asyncio.gather(renewing, return_exceptions=True)

    async def _renew_claims(self) -> None:
        """Every third of the lease, extend the claims of the updates still being handled."""
        period = self.lease.total_seconds() / 3
        while True:
            await asyncio.sleep(period)
            try:
                await telegram_updates.renew(self.database, list(self._processing), self.worker_id)
            except Exception:
                log.exception("webhook: renewing claims failed")

    async def drain(self, timeout: float | None = None) -> None:
        if self._in_flight:
            await asyncio.wait(set(self._in_flight), timeout=timeout)

    async def _process(self, update_id: int, attempts: int, payload: dict) -> None:
        self._processing.add(update_id)
        try:
            await self._handle(update_id, attempts, payload)
        finally:
            self._processing.discard(update_id)
            self.notify()  # the chat may have another update waiting

    async def _handle(self, update_id: int, attempts: int, payload: dict) -> None:
        with log_context(update=update_id):
            error = None
            if attempts > MAX_ATTEMPTS:
                error = f"set aside after {attempts - 1} interrupted attempts"
                log.error("webhook: update %s %s", update_id, error)
            else:
                try:
                    update = Update.model_validate(payload, context={"bot": self.bot})
                    await self.dispatcher.feed_update(self.bot, update)
                except Exception as exc:
                    log.exception("webhook: update %s failed", update_id)
                    error = f"{type(exc).__name__}: {exc}"
            try:
                if not await telegram_updates.finish(
                    self.database, update_id, self.worker_id, error=error
                ):
                    log.warning("webhook: update %s was taken over by another worker", update_id)
            except Exception:
                # Stays claimed: offered again once its lease runs out.
                log.exception("webhook: could not record update %s as processed", update_id)

    async def _idle(self, stop: asyncio.Event) -> None:
        await wait_for_any(self._wake, stop, timeout=self.poll_seconds)
