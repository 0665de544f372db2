"""Who is writing in the web chat: a signed, long-lived cookie naming the chat.

The cookie is ``<chat id>.<HMAC-SHA256>``; a cookie that does not verify (forged, tampered,
signed by another key) is ignored and the browser gets a new chat. The key is
``EGAPRO_WEB_SECRET`` when set (instances behind one address share it), otherwise drawn once
and kept in the database, so cookies survive a restart.
"""

import hashlib
import hmac
import secrets

from aiohttp import web

from egapro_assistant.config import Settings
from store import webchat
from store.database import Database

COOKIE = "egapro_chat"
MAX_AGE_SECONDS = 400 * 24 * 3600  # the longest a browser keeps a cookie
KEY_NAME = "chat_cookie"


async def cookie_key(database: Database, settings: Settings) -> bytes:
    if settings.web_secret:
        return hashlib.sha256(b"web chat cookie:" + settings.web_secret.encode()).digest()
    async with database.session() as session:
        drawn = await webchat.key(session, KEY_NAME, lambda: secrets.token_urlsafe(32))
    return drawn.encode()


def _signature(key: bytes, chat_number: int) -> str:
    return hmac.new(key, f"chat:{chat_number}".encode(), hashlib.sha256).hexdigest()


def sign(key: bytes, chat_number: int) -> str:
    return f"{chat_number}.{_signature(key, chat_number)}"


def verified_chat_number(key: bytes, value: str | None) -> int | None:
    """The chat number a cookie names, or None when it does not verify."""
    if not value or "." not in value:
        return None
    number, signature = value.split(".", 1)
    if not number.isdigit() or len(number) > 18:
        return None
    if not hmac.compare_digest(_signature(key, int(number)), signature):
        return None
    return int(number)


def set_cookie(response: web.StreamResponse, key: bytes, chat_number: int, secure: bool) -> None:
    response.set_cookie(
        COOKIE,
        sign(key, chat_number),
        max_age=MAX_AGE_SECONDS,
        path="/",
        httponly=True,
        samesite="Lax",
        secure=secure,
    )
