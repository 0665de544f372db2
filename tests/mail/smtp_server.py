"""A real SMTP server (aiosmtpd) on 127.0.0.1 in the test's event loop, keeping what it receives."""

import asyncio
import email
import email.policy
import socket
import ssl
import subprocess
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

from egapro_assistant.config import Settings


@dataclass
class Received:
    envelope_from: str
    recipients: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=email.policy.default)


class CapturingHandler:
    def __init__(self) -> None:
        self.received: list[Received] = []
        self.refusals: dict[str, str] = {}  # recipient -> SMTP reply, e.g. "550 5.1.1 unknown"
        self._changed = asyncio.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refusals:
            return self.refusals[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), data))
        self._changed.set()
        return "250 Message accepted for delivery"

    async def wait_for(self, count: int, timeout: float = 5.0) -> list[Received]:
        async def enough():
            while len(self.received) < count:
                self._changed.clear()
                await self._changed.wait()

        try:
            await asyncio.wait_for(enough(), timeout)
        except TimeoutError:
            raise AssertionError(
                f"expected {count} message(s), the SMTP server got {len(self.received)}"
            ) from None
        return self.received


class SmtpCapture:
    """Start with ``await capture.start()``; ``stop()`` then ``start()`` again on the same port.

    With ``tls_context`` and ``credentials`` it requires STARTTLS then AUTH, like a real relay.
    """

    def __init__(
        self,
        *,
        tls_context: ssl.SSLContext | None = None,
        credentials: tuple[str, str] | None = None,
    ) -> None:
        self.handler = CapturingHandler()
        self.port: int | None = None
        self.tls_context = tls_context
        self.credentials = credentials
        self.logins: list[str] = []
        self._server: asyncio.Server | None = None

    def _authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login, password = auth_data.login.decode(), auth_data.password.decode()
        if (login, password) != self.credentials:
            return AuthResult(success=False, handled=False)
        self.logins.append(login)
        return AuthResult(success=True)

    def _protocol(self, loop) -> SMTP:
        if self.tls_context is None:
            return SMTP(self.handler, hostname="localhost", loop=loop)
        return SMTP(
            self.handler,
            hostname="localhost",
            loop=loop,
            tls_context=self.tls_context,
            require_starttls=True,
            auth_required=self.credentials is not None,
            authenticator=self._authenticate,
        )

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            lambda: self._protocol(loop),
            host="127.0.0.1",
            port=self.port or 0,
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None


def free_port() -> int:
    """A port nothing listens on (the relay is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def mail_settings(port: int, **overrides) -> Settings:
    values = dict(
        smtp_host="127.0.0.1",
        smtp_port=port,
        mail_from="Egapro Assistant <assistant@assistant.test>",
        reply_domain="reply.assistant.test",
        bounce_domain="bounce.assistant.test",
        public_base_url="https://assistant.test/",
    )
    values.update(overrides)
    return Settings(_env_file=None, **values)


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 / localhost made with the openssl command."""
    cert, key = directory / "relay.crt", directory / "relay.key"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key
