"""The addresses and links built around a reply token, and the way back from an address."""

from email.utils import parseaddr

from egapro_assistant.config import Settings
from store.replies import normalise_token

REPLY_PREFIX = "r"
BOUNCE_PREFIX = "bounce"


def reply_address(token: str, settings: Settings) -> str:
    return f"{REPLY_PREFIX}+{token}@{settings.reply_domain}"


def bounce_address(token: str, settings: Settings) -> str:
    """The VERP envelope sender: a bounce names the message it is about."""
    return f"{BOUNCE_PREFIX}+{token}@{settings.bounce_domain or settings.reply_domain}"


def unsubscribe_url(token: str, settings: Settings) -> str:
    return f"{settings.public_base_url.rstrip('/')}/unsubscribe/{token}"


def declared_url(token: str, settings: Settings) -> str:
    """The "I already declared on the official platform" page of a reminder."""
    return f"{settings.public_base_url.rstrip('/')}/declared/{token}"


def unsubscribe_mailto(token: str, settings: Settings) -> str:
    return f"mailto:{reply_address(token, settings)}?subject=STOP"


def parse_token_address(address: str, settings: Settings) -> tuple[str, str] | None:
    """``("r" | "bounce", token)`` for an address this service issued, else None.

    The domain must be ours and the local part ``<prefix>+<token>`` (case-insensitive).
    """
    _, address = parseaddr(address)
    local, _, domain = address.rpartition("@")
    domain = domain.lower()
    prefix, plus, token = local.partition("+")
    if not plus:
        return None
    prefix = prefix.lower()
    domains = {
        REPLY_PREFIX: {settings.reply_domain.lower()},
        BOUNCE_PREFIX: {(settings.bounce_domain or settings.reply_domain).lower()},
    }
    if domain not in domains.get(prefix, ()):
        return None
    canonical = normalise_token(token)
    return (prefix, canonical) if canonical else None
