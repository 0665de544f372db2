"""The one sender: claims due outbox rows and delivers each through its channel's transport.

Transports (``mail.email_transport.EmailTransport``, ``bot.delivery.TelegramTransport``) turn a
row into a message and report a ``Delivery``; the sender records it (sent / retry with backoff /
failed), paces Telegram, and falls back to email when a Telegram user blocked the bot. A batch's
"sent" outcomes are recorded in one statement; a sender that dies before recording leaves its
rows "sending", and they turn "uncertain" when the claim expires (never resent by themselves).
Sent rows are purged after the retention period by the service (``egapro_assistant.retention``).
"""

import asyncio
import logging
import math
import os
import secrets
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from egapro_assistant.config import Settings
from egapro_assistant.logs import log_context
from egapro_assistant.send_window import SendWindow
from egapro_assistant.waiting import wait_for_any
from store import outbox
from store.clock import SYSTEM_CLOCK, Clock
from store.database import Database
from store.tables.outbox import OutboxMessage

log = logging.getLogger(__name__)

EMAIL = "email"
TELEGRAM = "telegram"
EMAIL_CONCURRENCY = 4  # SMTP connections open at once per sender
DEFAULT_RETENTION = timedelta(days=30)


@dataclass(frozen=True)
class Delivery:
    """What a transport did with a row."""

    SENT = "sent"
    RETRY = "retry"  # try again later (after ``retry_after`` seconds if given, else backoff)
    FAILED = "failed"  # will never work: give up
    BLOCKED = "blocked"  # the Telegram user blocked the bot: fall back to email
    DEFERRED = "deferred"  # not tried: its chat must wait ``retry_after`` seconds first

    status: str
    error: str | None = None
    retry_after: float | None = None

    @classmethod
    def sent(cls) -> "Delivery":
        return cls(cls.SENT)

    @classmethod
    def retry(cls, error: str, *, after: float | None = None) -> "Delivery":
        return cls(cls.RETRY, error, after)

    @classmethod
    def failed(cls, error: str) -> "Delivery":
        return cls(cls.FAILED, error)

    @classmethod
    def deferred(cls, seconds: float) -> "Delivery":
        return cls(cls.DEFERRED, None, seconds)

    @classmethod
    def blocked(cls, error: str) -> "Delivery":
        return cls(cls.BLOCKED, error)


class Transport(Protocol):
    async def deliver(self, message: OutboxMessage) -> Delivery: ...


class Pacer:
    """Telegram's limits: at most ``per_second`` messages overall and one per chat per
    ``per_chat_seconds``.

    Time is cut into slots of ``1 / per_second``; a message books the first free slot not before
    its chat is ready, so a chat held back (``retry_after``) never delays the others. Booking
    happens without an await, so concurrent callers never share a slot.
    """

    def __init__(
        self,
        *,
        per_second: float = 25,
        per_chat_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.interval = 1 / per_second
        self.per_chat_seconds = per_chat_seconds
        self.clock = clock
        self.sleep = sleep
        self._taken: set[int] = set()
        self._next_chat: dict[str, float] = {}

    def chat_wait(self, chat: str) -> float:
        """How long ``chat`` itself must wait (``retry_after``, one message per second)."""
        return max(self._next_chat.get(chat, 0.0) - self.clock(), 0.0)

    def reserve(self, chat: str) -> float:
        """Book a slot for ``chat``; returns how long to wait for it."""
        now = self.clock()
        self._forget_past(now)
        earliest = max(now, self._next_chat.get(chat, now))
        slot = math.ceil(earliest / self.interval - 1e-9)
        while slot in self._taken:
            slot += 1
        self._taken.add(slot)
        at = slot * self.interval
        self._next_chat[chat] = at + self.per_chat_seconds
        return max(at - now, 0.0)

    async def wait(self, chat: str) -> None:
        delay = self.reserve(chat)
        if delay > 0:
            await self.sleep(delay)

    async def wait_if_ready(self, chat: str) -> float | None:
        """Wait for a slot and return None if ``chat`` is ready now; otherwise book nothing and
        return how long the chat must wait, so that its message is set aside and no one else
        waits for it."""
        held = self.chat_wait(chat)
        if held > 0:
            return held
        await self.wait(chat)
        return None

    def hold(self, chat: str, seconds: float) -> None:
        """Telegram asked to wait (``retry_after``): book nothing for ``chat`` before then."""
        until = self.clock() + seconds
        self._next_chat[chat] = max(self._next_chat.get(chat, 0.0), until)

    def _forget_past(self, now: float) -> None:
        current = math.floor(now / self.interval)
        if len(self._taken) > 100:
            self._taken = {slot for slot in self._taken if slot >= current}
        if len(self._next_chat) > 1000:
            self._next_chat = {c: t for c, t in self._next_chat.items() if t > now}


def default_worker_id() -> str:
    """Unique per process, even across containers that reuse host names and pids."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def fallback_dedup_key(message: OutboxMessage, email: str) -> str:
    """The key of the email that replaces a Telegram row: the key the step's direct email has.

    A step names its rows ``outbox.step_key(step, channel, recipient)``; the step comes from the
    payload (``"step"``) or from a key of that form, so a person who gets the email of a step
    directly and as a fallback gets it once. Other rows get a key of their own.
    """
    step = (message.payload or {}).get("step")
    suffix = f":{TELEGRAM}:{message.recipient}"
    if not step and message.dedup_key.endswith(suffix):
        step = message.dedup_key.removesuffix(suffix)
    if step:
        return outbox.step_key(step, EMAIL, email)
    return f"{message.dedup_key}|email:{email}"


class OutboxSender:
    def __init__(
        self,
        database: Database,
        *,
        email_transport: Transport,
        telegram_transport: Transport | None = None,
        worker_id: str | None = None,
        batch_size: int = 20,
        poll_seconds: float = 1.0,
        pacer: Pacer | None = None,
        clock: Clock = SYSTEM_CLOCK,
        retention: timedelta | None = DEFAULT_RETENTION,
        window: SendWindow | None = None,
    ) -> None:
        self.database = database
        self.transports: dict[str, Transport] = {EMAIL: email_transport}
        if telegram_transport is not None:
            self.transports[TELEGRAM] = telegram_transport
        self.worker_id = worker_id or default_worker_id()
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self.pacer = pacer or Pacer()
        self.clock = clock
        self.retention = retention  # None: keep sent rows
        # Bulk rows (reminders, digests) leave only inside it; None: any time.
        self.window = window
        self._email_slots = asyncio.Semaphore(EMAIL_CONCURRENCY)
        self._wake = asyncio.Event()
        self.beat: float | None = None  # monotonic time the loop last went round

    @classmethod
    def from_settings(
        cls,
        database: Database,
        settings: Settings,
        *,
        email_transport: Transport,
        telegram_transport: Transport | None = None,
        worker_id: str | None = None,
        clock: Clock = SYSTEM_CLOCK,
    ) -> "OutboxSender":
        return cls(
            database,
            email_transport=email_transport,
            telegram_transport=telegram_transport,
            worker_id=worker_id,
            batch_size=settings.sender_batch_size,
            poll_seconds=settings.sender_poll_seconds,
            clock=clock,
            retention=timedelta(days=settings.outbox_retention_days),
            window=SendWindow.from_settings(settings),
        )

    def notify(self) -> None:
        """Something was just queued: look at the outbox now rather than at the next poll."""
        self._wake.set()

    async def run_once(self) -> int:
        """Claim the due rows (one batch) and deliver them; returns how many were claimed."""
        # Without a Telegram transport (no token), Telegram rows wait in the outbox.
        channel = None if TELEGRAM in self.transports else EMAIL
        messages = await outbox.claim_due(
            self.database,
            worker=self.worker_id,
            limit=self.batch_size,
            channel=channel,
            clock=self.clock,
            below_priority=None if self._window_open() else outbox.PRIORITY_BULK,
        )
        await self._prepare(messages)
        deliveries = await asyncio.gather(*(self._attempt(message) for message in messages))
        outcomes = list(zip(messages, deliveries, strict=True))
        sent = [message.id for message, d in outcomes if d.status == Delivery.SENT]
        try:
            await outbox.mark_sent_many(self.database, sent, self.worker_id, clock=self.clock)
        except Exception:
            # The rows stay claimed; once the lease runs out they are shown as uncertain.
            log.exception("outbox: could not record %d message(s) as sent", len(sent))
        for message, delivery in outcomes:
            if delivery.status != Delivery.SENT:
                await self._record(message, delivery)
        return len(messages)

    def _window_open(self) -> bool:
        return self.window is None or self.window.is_open(self.clock.now())

    async def purge(self) -> int:
        """Forget rows sent longer ago than the retention period (with their attachments)."""
        if self.retention is None:
            return 0
        purged = await outbox.purge_sent(self.database, older_than=self.retention, clock=self.clock)
        if purged:
            log.info("outbox: purged %d sent message(s)", purged)
        return purged

    async def run_forever(self, stop_event: asyncio.Event) -> None:
        try:
            while not stop_event.is_set():
                self.beat = time.monotonic()
                self._wake.clear()
                try:
                    handled = await self.run_once()
                except Exception:
                    log.exception("outbox sender: a batch failed; trying again shortly")
                    handled = 0
                if handled < self.batch_size:
                    await self._idle(stop_event)
        finally:
            await self.close()

    async def close(self) -> None:
        """Close what the transports keep open (SMTP connections)."""
        for transport in self.transports.values():
            close = getattr(transport, "close", None)
            if close is not None:
                try:
                    await close()
                except Exception:
                    log.exception("outbox sender: closing a transport failed")

    async def _idle(self, stop_event: asyncio.Event) -> None:
        await wait_for_any(self._wake, stop_event, timeout=self.poll_seconds)

    async def _prepare(self, messages: list[OutboxMessage]) -> None:
        """Let each transport do the batch's database work at once (identities, attachments)."""
        for channel, transport in self.transports.items():
            prepare = getattr(transport, "prepare", None)
            batch = [m for m in messages if m.channel == channel]
            if prepare is None or not batch:
                continue
            try:
                await prepare(batch)
            except Exception:
                # Each row then prepares itself when delivered (and retries if that fails).
                log.exception("outbox: preparing a %s batch failed", channel)

    async def _attempt(self, message: OutboxMessage) -> Delivery:
        with log_context(outbox=message.id):
            try:
                return await self._deliver(message)
            except Exception as error:
                log.exception("outbox %s: transport crashed", message.id)
                return Delivery.retry(f"{type(error).__name__}: {error}")

    async def _deliver(self, message: OutboxMessage) -> Delivery:
        transport = self.transports.get(message.channel)
        if transport is None:
            return Delivery.failed(f"unknown channel {message.channel!r}")
        if message.channel == TELEGRAM:
            # A chat that must wait (retry_after, one message a second) is set aside rather than
            # waited for: the batch, and every other chat, goes on.
            held = await self.pacer.wait_if_ready(message.recipient)
            if held is not None:
                return Delivery.deferred(held)
            return await transport.deliver(message)
        async with self._email_slots:
            return await transport.deliver(message)

    async def _record(self, message: OutboxMessage, delivery: Delivery) -> None:
        try:
            await self._record_outcome(message, delivery)
        except Exception:
            # The row stays claimed; once the lease runs out it is shown as uncertain.
            log.exception("outbox %s: could not record %s", message.id, delivery.status)

    async def _record_outcome(self, message: OutboxMessage, delivery: Delivery) -> None:
        worker = self.worker_id
        if delivery.status == Delivery.DEFERRED:
            at = self.clock.now() + timedelta(seconds=delivery.retry_after or 0)
            await outbox.release(self.database, message, worker, at=at)
        elif delivery.status == Delivery.RETRY:
            delay = None
            if delivery.retry_after is not None:
                delay = timedelta(seconds=delivery.retry_after)
                if message.channel == TELEGRAM:
                    self.pacer.hold(message.recipient, delivery.retry_after)
            log.warning("outbox %s: will retry: %s", message.id, delivery.error)
            await outbox.mark_retry(
                self.database, message, worker, delivery.error, delay=delay, clock=self.clock
            )
        elif delivery.status == Delivery.BLOCKED:
            emails = await self._fall_back_to_email(message)
            fallback = f"email fallback to {emails} address(es)" if emails else "no email fallback"
            error = f"{delivery.error}; {fallback}"
            await outbox.mark_failed(self.database, message.id, worker, error)
        else:
            log.warning("outbox %s: failed: %s", message.id, delivery.error)
            await outbox.mark_failed(self.database, message.id, worker, delivery.error or "")

    async def _fall_back_to_email(self, message: OutboxMessage) -> int:
        """Queue (once) the email version of a Telegram row for the addresses it names."""
        payload = message.payload or {}
        emails = list(payload.get("fallback_emails") or [])
        if payload.get("fallback_email"):
            emails.append(payload["fallback_email"])
        emails = list(dict.fromkeys(e.strip().lower() for e in emails if e and e.strip()))
        if not emails:
            return 0
        email_payload = {
            "language": payload.get("language", "fr"),
            "params": payload.get("fallback_params", payload.get("params", {})),
        }
        for key in ("reminder", "reply_context", "step"):
            if key in payload:
                email_payload[key] = payload[key]
        async with self.database.session() as session:
            attachments = await outbox.attachments_of(session, message.id)
            for email in emails:
                await outbox.enqueue(
                    session,
                    channel=EMAIL,
                    recipient=email,
                    dedup_key=fallback_dedup_key(message, email),
                    kind=payload.get("fallback_kind") or message.kind,
                    payload=email_payload,
                    siren=message.siren,
                    attachments=attachments,
                    priority=message.priority,
                    topic=message.topic,
                    clock=self.clock,
                )
        self.notify()
        return len(emails)
