"""The local mailbox: when no relay is configured (``EGAPRO_SMTP_HOST`` not set), emails are
stored in the database instead of being handed to an SMTP server; ``/mailbox`` shows them to
the machine's own user, so that linking a company works end to end on a laptop."""

from email.message import EmailMessage

from egapro_assistant.config import Settings
from mail.outbound import outbound_bytes
from store import webchat
from store.database import Database


class LocalMailbox:
    """Takes the place of ``SmtpRelay``: ``send`` stores the message as the relay would get it."""

    def __init__(self, database: Database, settings: Settings) -> None:
        self.database = database
        self.settings = settings

    async def send(self, message: EmailMessage, *, envelope_from: str, to: str) -> None:
        wire = outbound_bytes(message, self.settings)
        raw = wire.as_bytes() if isinstance(wire, EmailMessage) else bytes(wire)
        async with self.database.session() as session:
            await webchat.deliver_mail(session, envelope_from, to, message.get("Subject"), raw)

    async def close(self) -> None:
        return None
