"""The last step before an outbound message leaves: its bytes, DKIM-signed when a key is set.

``EGAPRO_DKIM_SELECTOR`` and ``EGAPRO_DKIM_KEY_FILE`` (a PEM private key) turn signing on; the
signing domain is ``EGAPRO_DKIM_DOMAIN`` or the domain of ``From``. The signature covers the
headers large mailbox providers look at, ``List-Unsubscribe`` and ``List-Unsubscribe-Post``
included (RFC 8058 requires them signed).
"""

import email.policy
from email.message import EmailMessage, Message
from email.utils import parseaddr
from functools import lru_cache
from pathlib import Path
from typing import Any

import dkim

from egapro_assistant.config import Settings
from mail.compose import WireMessage

SIGNED_HEADERS = (
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "Reply-To",
    "Content-Type",
    "MIME-Version",
    "Auto-Submitted",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
)
_WIRE = email.policy.SMTP.clone(max_line_length=998)
_WIRE_COMPAT32 = email.policy.compat32.clone(linesep="\r\n")


class SigningError(Exception):
    """The DKIM key is configured but cannot be used."""


@lru_cache(maxsize=4)
def _private_key(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise SigningError(f"cannot read the DKIM key {path}: {error}") from error


def signing_domain(message: Message, settings: Settings) -> str:
    if settings.dkim_domain:
        return settings.dkim_domain
    return parseaddr(str(message["From"] or ""))[1].rpartition("@")[2]


def dkim_signature(data: bytes, message: Message, settings: Settings) -> bytes:
    present = [name for name in SIGNED_HEADERS if name in message]
    try:
        return dkim.sign(
            data,
            settings.dkim_selector.encode(),
            signing_domain(message, settings).encode(),
            _private_key(settings.dkim_key_file),
            canonicalize=(b"relaxed", b"relaxed"),
            include_headers=[name.lower().encode() for name in present],
        )
    except dkim.DKIMException as error:
        raise SigningError(f"DKIM signing failed: {error}") from error


def outbound_bytes(message: Message | bytes, settings: Settings) -> bytes | EmailMessage:
    """What goes on the wire: the message's bytes, signed when DKIM is configured. An
    ``EmailMessage`` (an internationalised address) is left to the SMTP client unless signed."""
    if isinstance(message, bytes | str):
        return message
    signing = bool(settings.dkim_selector and settings.dkim_key_file)
    if isinstance(message, WireMessage):
        data = message.data
    elif isinstance(message, EmailMessage):
        if not signing:
            return message
        data = message.as_bytes(policy=_WIRE)
    else:
        data = message.as_bytes(policy=_WIRE_COMPAT32)
    if not signing:
        return data
    return dkim_signature(data, message, settings) + data


def campaign_year_of(payload: dict[str, Any]) -> int | None:
    """The campaign an outbox email is about (a FAIT reply to it records that campaign)."""
    for holder in (payload.get("reply_context"), payload.get("params")):
        if isinstance(holder, dict):
            value = holder.get("campaign_year")
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().isdigit():
                return int(value)
    return None
