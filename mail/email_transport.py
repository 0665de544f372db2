"""Deliver an email outbox row: render its kind, issue its reply token, compose, hand to the relay.

Payload of an email row::

    {"language": "fr" | "en", "params": {...},
     "reminder": True,                                   # optional: reminder headers + footer
     "reply_context": {"siren": ..., "person_email": ...}}  # optional: defaults to row's values
"""

from typing import Any

from egapro_assistant.config import Settings
from egapro_assistant.sender import Delivery
from mail import templates
from mail.addresses import bounce_address, unsubscribe_url
from mail.compose import compose, new_message_id
from mail.smtp_transport import RelayError, SmtpRelay
from store import outbox, replies
from store.database import Database
from store.tables.outbox import OutboxMessage


class EmailTransport:
    def __init__(
        self, database: Database, settings: Settings, relay: SmtpRelay | None = None
    ) -> None:
        self.database = database
        self.settings = settings
        self.relay = relay or SmtpRelay(settings)

    async def deliver(self, message: OutboxMessage) -> Delivery:
        payload: dict[str, Any] = message.payload or {}
        params = payload.get("params") or {}
        if not isinstance(params, dict):
            return Delivery.failed("payload params must be an object")
        language = payload.get("language") or "fr"
        reminder = bool(payload.get("reminder"))
        context = payload.get("reply_context") or {}
        token = replies.new_token()
        extra = {
            "unsubscribe_url": unsubscribe_url(token, self.settings),
            "official_platform_url": self.settings.official_platform_url,
        }
        try:
            rendered = templates.render(
                message.kind, params, language, reminder=reminder, extra=extra
            )
        except templates.TemplateError as error:
            return Delivery.failed(str(error))

        message_id = new_message_id(self.settings, message.id)
        # The token is stored before sending, so an answer arriving at once is understood.
        async with self.database.session() as session:
            await replies.create(
                session,
                token=token,
                email=context.get("person_email") or message.recipient,
                siren=context.get("siren") or message.siren,
                outbox_id=message.id,
                kind=message.kind,
                language=rendered.language,
                message_id=message_id,
                reminder=reminder,
            )
            attachments = await outbox.attachments_of(session, message.id)
        try:
            email = compose(
                settings=self.settings,
                to=message.recipient,
                rendered=rendered,
                reply_token=token,
                message_id=message_id,
                reminder=reminder,
                attachments=attachments,
            )
        except (ValueError, TypeError) as error:
            return Delivery.failed(f"cannot build the message: {error}")
        try:
            await self.relay.send(
                email, envelope_from=bounce_address(token, self.settings), to=message.recipient
            )
        except RelayError as error:
            if error.temporary:
                return Delivery.retry(str(error))
            return Delivery.failed(str(error))
        return Delivery.sent()
