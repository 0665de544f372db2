"""Who is writing in the web chat: a signed, long-lived cookie naming the chat.

The cookie is the chat's number signed with the web secret (``web.signing``, purpose
``web_chat``): ``EGAPRO_WEB_SECRET``, or the one drawn once and kept in the database. A cookie
that does not verify (forged, tampered, signed for another purpose) is ignored and the browser
gets a new chat.
"""

from aiohttp import web

from web import signing

COOKIE = "egapro_chat"
MAX_AGE_SECONDS = 400 * 24 * 3600  # the longest a browser keeps a cookie
PURPOSE = "web_chat"


def sign(secret: bytes, chat_number: int) -> str:
    return signing.sign(secret, PURPOSE, str(chat_number))


def verified_chat_number(secret: bytes, value: str | None) -> int | None:
    """The chat number a cookie names, or None when it does not verify."""
    number = signing.unsign(secret, PURPOSE, value)
    if number is None or not number.isdigit() or len(number) > 18:
        return None
    return int(number)


def set_cookie(response: web.StreamResponse, secret: bytes, chat_number: int, secure: bool):
    response.set_cookie(
        COOKIE,
        sign(secret, chat_number),
        max_age=MAX_AGE_SECONDS,
        path="/",
        httponly=True,
        samesite="Lax",
        secure=secure,
    )
