"""A running inbound SMTP server in the test's loop, reply tokens, and a blocking SMTP client."""

import asyncio
import smtplib
from email.message import EmailMessage

from mail.inbound_processing import InboundProcessor
from mail.inbound_server import start_inbound_server
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

    async def start(self) -> "Inbound":
        self.server = await start_inbound_server(
            self.database, self.settings, host="127.0.0.1", port=0
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

    async def send(self, message: EmailMessage | bytes, to: str, mail_from="rh@durand.fr"):
        """Send with smtplib (a real client); returns the refusals (empty when accepted)."""

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
