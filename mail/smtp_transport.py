"""Hand a message to the SMTP relay and say whether a failure is worth retrying.

Temporary (retry with backoff, nothing lost): connection refused or lost, timeouts, any 4xx
reply, and relay-side refusals that are about us rather than the recipient (sender refused,
authentication, HELO). Permanent (mark failed): a 5xx refusal of the recipient or of the content,
and an address that cannot be written on an SMTP command line.
"""

import asyncio
import contextlib
import ssl
import time
from email.message import EmailMessage, Message

import aiosmtplib

from egapro_assistant.config import Settings
from mail.outbound import outbound_bytes

DEFAULT_TIMEOUT_SECONDS = 30.0


class RelayError(Exception):
    """The relay did not take the message; ``temporary`` says whether to try again."""

    def __init__(self, message: str, *, temporary: bool) -> None:
        super().__init__(message)
        self.temporary = temporary


def classify(error: BaseException) -> RelayError:
    """Turn an aiosmtplib / network error into a temporary or permanent ``RelayError``."""
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        codes = [refusal.code for refusal in error.recipients]
        details = "; ".join(f"{r.recipient}: {r.code} {r.message}" for r in error.recipients)
        permanent = bool(codes) and all(500 <= code < 600 for code in codes)
        return RelayError(f"recipient refused: {details}", temporary=not permanent)
    if isinstance(error, aiosmtplib.SMTPRecipientRefused | aiosmtplib.SMTPDataError):
        what = "recipient refused" if hasattr(error, "recipient") else "message refused"
        return RelayError(
            f"{what}: {error.code} {error.message}", temporary=not 500 <= error.code < 600
        )
    if isinstance(error, aiosmtplib.SMTPResponseException):
        return RelayError(f"relay said {error.code} {error.message}", temporary=True)
    if isinstance(error, ValueError):
        return RelayError(f"address not deliverable: {error}", temporary=False)
    if isinstance(error, OSError | TimeoutError | asyncio.TimeoutError | aiosmtplib.SMTPException):
        return RelayError(f"relay unreachable: {type(error).__name__}: {error}", temporary=True)
    return RelayError(f"{type(error).__name__}: {error}", temporary=True)


class SmtpRelay:
    """Hands messages to the relay over a few reused connections (not one per message).

    At most ``connections`` are open at once; each serves one transaction at a time. A
    connection that failed is closed and a fresh one opened for the next message; one that sat
    idle longer than ``idle_check_seconds`` is checked with NOOP first, since relays drop idle
    clients.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        tls_context: ssl.SSLContext | None = None,
        connections: int = 4,
        idle_check_seconds: float = 10.0,
    ) -> None:
        self.settings = settings
        self.timeout = timeout
        self.tls_context = tls_context
        self.idle_check_seconds = idle_check_seconds
        self.connections_opened = 0
        self._slots = asyncio.Semaphore(connections)
        self._idle: list[tuple[aiosmtplib.SMTP, float]] = []

    async def send(self, message: Message, *, envelope_from: str, to: str) -> None:
        """Deliver ``message`` to ``to``; raises ``RelayError`` when the relay did not take it."""
        async with self._slots:
            client = None
            try:
                client = await self._connection()
                wire = outbound_bytes(message, self.settings)
                if isinstance(wire, EmailMessage):
                    await client.send_message(wire, sender=envelope_from, recipients=[to])
                else:
                    await client.sendmail(envelope_from, [to], wire)
            except Exception as error:
                if client is not None:
                    await _close(client)
                raise classify(error) from error
            self._idle.append((client, time.monotonic()))

    async def close(self) -> None:
        """Say goodbye on every idle connection."""
        idle, self._idle = self._idle, []
        for client, _ in idle:
            await _close(client, polite=True)

    async def _connection(self) -> aiosmtplib.SMTP:
        while self._idle:
            client, since = self._idle.pop()
            if not client.is_connected:
                continue
            if time.monotonic() - since < self.idle_check_seconds:
                return client
            try:
                await client.noop()
                return client
            except Exception:
                await _close(client)
        return await self._open()

    async def _open(self) -> aiosmtplib.SMTP:
        settings = self.settings
        client = aiosmtplib.SMTP(
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_username,
            password=settings.smtp_password,
            use_tls=settings.smtp_use_tls,
            start_tls=settings.smtp_starttls,
            tls_context=self.tls_context,
            timeout=self.timeout,
        )
        try:
            await client.connect()
        except BaseException:
            client.close()
            raise
        self.connections_opened += 1
        return client


async def _close(client: aiosmtplib.SMTP, *, polite: bool = False) -> None:
    if polite and client.is_connected:
        with contextlib.suppress(Exception):
            await client.quit()
    client.close()
