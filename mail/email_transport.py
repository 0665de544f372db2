"""Deliver an email outbox row: render its kind, issue its reply token, compose, hand to the relay.

Payload of an email row::

    {"language": "fr" | "en", "params": {...},
     "reminder": True,                                   # optional: reminder headers + footer
     "reply_context": {"siren": ..., "person_email": ...}}  # optional: defaults to row's values

A row keeps its identity over retries: the same Message-ID and the same ``r+<token>@`` reply
address on every attempt. Reply tokens are stored hashed in ``reply_address`` (one row per outbox
row, created at the first attempt), so the clear token cannot be found again from there. It is
kept on the outbox row itself (``reply_token``) while the row may still be sent, and wiped when
it is sent or cancelled. The row already holds the whole message (recipient, content), so the
token adds nothing that a reader of an unsent row could not already read; once sent, only the
hash remains. Deriving the token instead (an HMAC of the row id) would need a secret that every
instance shares and that never changes, which the settings do not guarantee.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import update

from egapro_assistant.config import Settings
from egapro_assistant.sender import Delivery
from mail import templates
from mail.addresses import bounce_address, declared_url, unsubscribe_url
from mail.compose import compose, new_message_id
from mail.outbound import campaign_year_of
from mail.smtp_transport import RelayError, SmtpRelay
from store import outbox, replies
from store.database import Database
from store.outbox import Attachment
from store.tables.outbox import OutboxMessage
from store.tables.replies import ReplyAddress


@dataclass(frozen=True)
class _Ready:
    """A row rendered, with its identity stored: ready to be composed and sent."""

    rendered: templates.RenderedEmail
    token: str
    message_id: str
    reminder: bool
    attachments: list[Attachment]


class EmailTransport:
    def __init__(
        self, database: Database, settings: Settings, relay: SmtpRelay | None = None
    ) -> None:
        self.database = database
        self.settings = settings
        self.relay = relay or SmtpRelay(settings)
        self._ready: dict[int, _Ready | Delivery] = {}

    async def prepare(self, messages: list[OutboxMessage]) -> None:
        """Render a batch and store the identities it lacks, in one transaction."""
        rendered: dict[int, tuple[OutboxMessage, templates.RenderedEmail, str, bool]] = {}
        for message in messages:
            outcome = self._render(message)
            if isinstance(outcome, Delivery):
                self._ready[message.id] = outcome
            else:
                rendered[message.id] = (message, *outcome)
        if not rendered:
            return
        fresh = [entry for entry in rendered.values() if entry[0].reply_token is None]
        async with self.database.session() as session:
            if fresh:
                await self._store_identities(session, fresh)
            attachments = await outbox.attachments_of_many(session, list(rendered))
        for message_id, (_, result, token, reminder) in rendered.items():
            self._ready[message_id] = _Ready(
                rendered=result,
                token=token,
                message_id=rendered[message_id][0].message_id,
                reminder=reminder,
                attachments=attachments.get(message_id, []),
            )

    async def deliver(self, message: OutboxMessage) -> Delivery:
        if message.id not in self._ready:
            await self.prepare([message])
        ready = self._ready.pop(message.id)
        if isinstance(ready, Delivery):
            return ready
        try:
            email = compose(
                settings=self.settings,
                to=message.recipient,
                rendered=ready.rendered,
                reply_token=ready.token,
                message_id=ready.message_id,
                reminder=ready.reminder,
                attachments=ready.attachments,
                auto_submitted=(message.payload or {}).get("auto_submitted"),
            )
        except (ValueError, TypeError) as error:
            return Delivery.failed(f"cannot build the message: {error}")
        try:
            envelope_from = bounce_address(ready.token, self.settings)
            await self.relay.send(email, envelope_from=envelope_from, to=message.recipient)
        except RelayError as error:
            if error.temporary:
                return Delivery.retry(str(error))
            return Delivery.failed(str(error))
        return Delivery.sent()

    async def close(self) -> None:
        await self.relay.close()

    def _render(self, message: OutboxMessage):
        payload: dict[str, Any] = message.payload or {}
        params = payload.get("params") or {}
        if not isinstance(params, dict):
            return Delivery.failed("payload params must be an object")
        language = payload.get("language") or "fr"
        reminder = bool(payload.get("reminder"))
        token = message.reply_token or replies.new_token()
        extra = {
            "unsubscribe_url": unsubscribe_url(token, self.settings),
            "official_platform_url": self.settings.official_platform_url,
            "declare_url": self.settings.official_platform_url,
            "declared_url": declared_url(token, self.settings),
            # Questions queued before their forward carried the company's page.
            "dashboard_url": f"{self.settings.public_base_url.rstrip('/')}/referents",
        }
        try:
            rendered = templates.render(
                message.kind, params, language, reminder=reminder, extra=extra
            )
        except templates.TemplateError as error:
            return Delivery.failed(str(error))
        return rendered, token, reminder

    async def _store_identities(self, session, fresh) -> None:
        """A row's first attempt: record its reply token (hashed) and its Message-ID, and keep
        both on the row for the next attempts. Stored before sending, so that an answer arriving
        at once is understood."""
        addresses, identities = [], []
        for message, rendered, token, reminder in fresh:
            message_id = message.message_id or new_message_id(self.settings, message.id)
            context = (message.payload or {}).get("reply_context") or {}
            addresses.append(
                ReplyAddress(
                    token_hash=replies.hash_token(token),
                    email=(context.get("person_email") or message.recipient).strip().lower(),
                    siren=context.get("siren") or message.siren,
                    outbox_id=message.id,
                    kind=message.kind,
                    language=rendered.language,
                    message_id=message_id,
                    reminder=reminder,
                    campaign_year=campaign_year_of(message.payload or {}),
                )
            )
            identities.append({"id": message.id, "reply_token": token, "message_id": message_id})
            message.reply_token, message.message_id = token, message_id
        session.add_all(addresses)
        await session.exec(update(OutboxMessage), params=identities)
