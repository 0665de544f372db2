"""The inbound SMTP server: aiosmtpd's ``SMTP`` protocol in the service's own event loop.

It accepts only the addresses this service issued (``r+<token>@<reply domain>`` and the VERP
``bounce+<token>@...``): ``550`` for any other recipient, so it can never relay. A message is
stored before ``250`` is answered; ``451`` when the store cannot be reached (the sending MTA
tries again). Size: aiosmtpd answers ``552`` beyond ``EGAPRO_INBOUND_MAX_MESSAGE_BYTES``.
Messages whose DATA ends while another transaction is being written are stored together in the
next one (``mail.group_commit``); each is answered ``250`` once its own transaction committed.
Processing happens afterwards, from the store (``mail.inbound_processing``).
"""

import asyncio
import logging
import re
from collections.abc import Callable

from aiosmtpd.smtp import SMTP

from egapro_assistant.config import Settings
from mail.addresses import parse_token_address
from mail.group_commit import GroupCommit
from store import inbound, replies
from store.database import Database

log = logging.getLogger(__name__)

RELAY_DENIED = "550 5.7.1 Relaying denied: this server only accepts replies"
UNKNOWN_ADDRESS = "550 5.1.1 Unknown reply address"
TRY_LATER = "451 4.3.0 Temporary failure, please try again later"
STOPPING = "421 4.3.2 Service shutting down, please try again later"
ACCEPTED = "250 2.0.0 Message accepted"
MAX_RECIPIENTS = 10
KNOWN_TOKENS = 10_000


# ``<local@domain>`` made of plain dot-atoms: what nearly every MAIL / RCPT carries. Read here
# without the email package's general parser (which gives the same result, more slowly).
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_PLAIN_ANGLE_ADDRESS = re.compile(rf"\s*<({_ATOM}(?:\.{_ATOM})*@{_ATOM}(?:\.{_ATOM})*)>")


class InboundSMTP(SMTP):
    # Over-long lines are kept so the message can be quarantined with its reason; the message
    # size limit still bounds what is read.
    line_length_limit = 2 * 1024 * 1024

    def _getaddr(self, arg: str):
        plain = _PLAIN_ANGLE_ADDRESS.match(arg)
        rest = arg[plain.end() :].lstrip() if plain else ""
        if plain is None or rest.startswith("("):
            return super()._getaddr(arg)
        address = plain.group(1)
        if self.local_part_limit and len(address.rpartition("@")[0]) > self.local_part_limit:
            return None, None
        return address, rest


class InboundHandler:
    """aiosmtpd handler: ``handle_RCPT`` checks the token, ``handle_DATA`` stores the message."""

    def __init__(
        self,
        database: Database,
        settings: Settings,
        on_stored: Callable[[int], None] | None = None,
    ) -> None:
        self.database = database
        self.settings = settings
        self.on_stored = on_stored
        self._known: dict[str, int] = {}  # token -> reply address id (tokens never change)
        self._store = GroupCommit(self._write)
        self.stopping = False  # set while the service stops: new mail gets 421
        self._storing = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def _write(self, messages: list[inbound.Received]) -> list[int]:
        return await inbound.store_received_many(self.database, messages)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.stopping:
            return STOPPING
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def wait_stored(self) -> None:
        """Return once no message is being stored."""
        await self._idle.wait()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.stopping:
            return STOPPING
        parsed = parse_token_address(address, self.settings)
        if parsed is None:
            return RELAY_DENIED
        if len(envelope.rcpt_tos) >= MAX_RECIPIENTS:
            return "452 4.5.3 Too many recipients"
        reply_id = self._known.get(parsed[1])
        if reply_id is None:
            try:
                async with self.database.session() as db_session:
                    reply = await replies.resolve(db_session, parsed[1])
            except Exception:
                log.exception("inbound: cannot look up a reply address")
                return TRY_LATER
            if reply is None:
                return UNKNOWN_ADDRESS
            if len(self._known) >= KNOWN_TOKENS:
                self._known.clear()
            reply_id = self._known[parsed[1]] = reply.id
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.append(rcpt_options)
        if not hasattr(envelope, "reply_ids"):
            envelope.reply_ids = {}
        envelope.reply_ids[address] = reply_id
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        reply_ids = getattr(envelope, "reply_ids", {})
        received = [
            inbound.Received(envelope.mail_from or "", recipient, raw, reply_ids.get(recipient))
            for recipient in envelope.rcpt_tos
        ]
        self._storing += 1
        self._idle.clear()
        try:
            stored = await self._store.submit(received)
        except Exception:
            log.exception("inbound: cannot store a message")
            return TRY_LATER
        finally:
            self._storing -= 1
            if not self._storing:
                self._idle.set()
        if self.on_stored is not None:
            for message_id in stored:
                self.on_stored(message_id)
        return ACCEPTED


async def start_inbound_server(
    database: Database,
    settings: Settings,
    on_stored: Callable[[int], None] | None = None,
    *,
    host: str | None = None,
    port: int | None = None,
    handler: InboundHandler | None = None,
) -> asyncio.Server:
    """Listen in the running loop; the port may be 0 (read it from the returned server)."""
    loop = asyncio.get_running_loop()
    handler = handler or InboundHandler(database, settings, on_stored)

    def protocol() -> SMTP:
        return InboundSMTP(
            handler,
            hostname=settings.reply_domain,
            data_size_limit=settings.inbound_max_message_bytes,
            decode_data=False,
            loop=loop,
        )

    server = await loop.create_server(
        protocol,
        host=host if host is not None else settings.inbound_smtp_host,
        port=port if port is not None else settings.inbound_smtp_port,
    )
    server.handler = handler  # the service tells it to stop taking mail
    return server
