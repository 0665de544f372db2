"""The web secret and the values it signs: cookies and form keys.

One place for every page that needs a signed value (the référents' session cookie, CSRF keys,
the confirmation forms, a web chat's identity cookie). The secret is ``EGAPRO_WEB_SECRET`` when
set (instances behind one address share it), else one drawn once and kept in the database
(``store.app_secrets``), so that cookies survive a restart. Each use derives its own key from
the secret with a ``purpose``: a value signed for one purpose is worthless for another.
"""

import hashlib
import hmac
from datetime import UTC, datetime

from egapro_assistant.config import Settings
from store import app_secrets
from store.database import Database

STORED_SECRET_NAME = "web_secret"


async def load_secret(database: Database, settings: Settings) -> bytes:
    if settings.web_secret:
        return settings.web_secret.encode()
    async with database.session() as session:
        return (await app_secrets.get_or_create(session, STORED_SECRET_NAME)).encode()


def _mac(secret: bytes, purpose: str, value: str) -> str:
    key = hmac.new(secret, f"purpose:{purpose}".encode(), hashlib.sha256).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def sign(secret: bytes, purpose: str, value: str) -> str:
    """``value.mac``; ``value`` must not contain characters a cookie forbids."""
    return f"{value}.{_mac(secret, purpose, value)}"


def unsign(secret: bytes, purpose: str, signed: str | None) -> str | None:
    """The value of a genuine ``sign`` result for ``purpose``, else None."""
    if not signed or "." not in signed:
        return None
    value, _, mac = signed.rpartition(".")
    return value if hmac.compare_digest(_mac(secret, purpose, value), mac) else None


def sign_expiring(secret: bytes, purpose: str, value: str, expires_at: datetime) -> str:
    return sign(secret, purpose, f"{value}.{int(expires_at.timestamp())}")


def unsign_expiring(
    secret: bytes, purpose: str, signed: str | None, *, now: datetime | None = None
) -> str | None:
    """The value when genuine and not expired at ``now``, else None."""
    inner = unsign(secret, purpose, signed)
    if inner is None or "." not in inner:
        return None
    value, _, expiry = inner.rpartition(".")
    if not expiry.isdigit():
        return None
    now = now or datetime.now(UTC)
    return value if int(expiry) > now.timestamp() else None
