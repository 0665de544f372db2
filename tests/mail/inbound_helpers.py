"""A running inbound SMTP server in the test's loop, reply tokens, and two real SMTP clients:
Python's ``smtplib`` and ``swaks`` (a separate program)."""

import asyncio
import email.policy
import re
import shutil
import smtplib
import subprocess
from email.message import EmailMessage

from mail.inbound_processing import InboundProcessor
from mail.inbound_server import InboundHandler, start_inbound_server
from store import replies
from tests.mail.smtp_server import mail_settings

SETTINGS = mail_settings(9, operator_email="operateur@dreets.test")
REPLY_DOMAIN = SETTINGS.reply_domain


class Inbound:
    def __init__(self, database, settings=SETTINGS) -> None:
        self.database = database
        self.settings = settings
        self.processor = InboundProcessor(database, settings)
        self.server = None
        self.port = None
        self.handler = InboundHandler(database, settings)

    async def start(self) -> "Inbound":
        self.server = await start_inbound_server(
            self.database, self.settings, host="127.0.0.1", port=0, handler=self.handler
        )
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        self.server.close()
        await self.server.wait_closed()

    async def token(self, *, email="rh@durand.fr", siren="552100554", **values) -> str:
        async with self.database.session() as session:
            return await replies.create(
                session, email=email, siren=siren, kind=values.pop("kind", "reminder"), **values
            )

    async def send(
        self,
        message: EmailMessage | bytes,
        to: str,
        mail_from="rh@durand.fr",
        *,
        client: str = "smtplib",
    ):
        """Send with ``client`` ("smtplib" or "swaks"); returns the refusals (empty when
        accepted), and raises smtplib's exceptions for a refusal, whichever client sent it."""
        if client == "swaks":
            return await asyncio.to_thread(swaks, self.port, message, to, mail_from)

        def blocking():
            with smtplib.SMTP("127.0.0.1", self.port, timeout=10) as client:
                if isinstance(message, bytes):
                    return client.sendmail(mail_from, [to], message)
                return client.send_message(message, from_addr=mail_from, to_addrs=[to])

        return await asyncio.to_thread(blocking)

    async def process(self) -> int:
        total = 0
        while handled := await self.processor.run_once():
            total += handled
        return total


def reply_to(token: str) -> str:
    return f"r+{token}@{REPLY_DOMAIN}"


def bounce_to(token: str) -> str:
    return f"bounce+{token}@{SETTINGS.bounce_domain}"


def reply(text: str, *, subject="Re: Rappel Index Egapro", sender="rh@durand.fr", **headers):
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "assistant@assistant.test"
    message["Subject"] = subject
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(text)
    return message


SWAKS_ERROR = re.compile(r"^<\*\* +(\d{3})[ -](.*)$")


def wire_bytes(message: EmailMessage | bytes) -> bytes:
    """The DATA of ``message`` as an SMTP client sends it: CRLF lines, dots doubled, ended."""
    if isinstance(message, EmailMessage):
        message = message.as_bytes(policy=email.policy.SMTP)
    lines = message.replace(b"\r\n", b"\n").split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    stuffed = [b"." + line if line.startswith(b".") else line for line in lines]
    return b"\r\n".join(stuffed) + b"\r\n.\r\n"


def swaks(port: int, message: EmailMessage | bytes, to: str, mail_from: str) -> dict:
    """Send with swaks (``--no-data-fixup``: the bytes go as given). A refusal raises what
    smtplib would raise, so that a test reads the same with either client."""
    if shutil.which("swaks") is None:
        import pytest

        pytest.fail("swaks is not installed (make swaks, or apt-get install swaks)")
    done = subprocess.run(
        ["swaks", "--server", "127.0.0.1", "--port", str(port), "--from", mail_from or "<>",
         "--to", to, "--data", "-", "--no-data-fixup", "--timeout", "20"],
        input=wire_bytes(message),
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    if done.returncode == 0:
        return {}
    command = ""
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith(" -> ") and line[4:8].isupper():
            command = line[4:8]
        elif error := SWAKS_ERROR.match(line):
            code, text = int(error.group(1)), error.group(2).encode()
            if command == "RCPT":
                raise smtplib.SMTPRecipientsRefused({to: (code, text)})
            raise smtplib.SMTPResponseException(code, text)
    raise AssertionError(f"swaks failed ({done.returncode}): {done.stdout!r} {done.stderr!r}")
