"""Headers every response carries, and the per-page form value that proves a POST came from
the confirmation page."""

import hashlib
import hmac
from urllib.parse import urlsplit

from aiohttp import web

from web.keys import FORM_SECRET, SETTINGS
from web.pages import CONTENT_SECURITY_POLICY

SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",  # the token is in the URL: never leak it to another site
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
}


async def add_security_headers(_request: web.Request, response: web.StreamResponse) -> None:
    """``on_response_prepare`` hook: runs for every response, errors included."""
    for name, value in SECURITY_HEADERS.items():
        if name == "Content-Security-Policy":  # a page may set a policy of its own
            response.headers.setdefault(name, value)
        else:
            response.headers[name] = value


def form_value(secret: bytes, purpose: str, token: str) -> str:
    """The hidden form value of the page for ``token``: an HMAC, useless for any other token."""
    message = f"{purpose}:{token}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def form_value_matches(secret: bytes, purpose: str, token: str, value: str | None) -> bool:
    return hmac.compare_digest(form_value(secret, purpose, token), value or "")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def same_origin(request: web.Request, public_base_url: str) -> bool:
    """A browser POST names its origin: it must be this site (as published or as reached)."""
    origin = request.headers.get("Origin")
    # Not sent by every client, and browsers send "null" under Referrer-Policy: no-referrer;
    # the form value still has to match.
    if origin is None or origin == "null":
        return True
    allowed = {_origin(public_base_url), f"{request.scheme}://{request.host}".lower()}
    return origin.lower() in allowed


def genuine_post(request: web.Request, form, *, field: str, purpose: str, token: str) -> bool:
    """The POST came from our page for ``token``: it carries that page's form value and, when
    the browser names one, this site's origin."""
    value = form.get(field)
    return (
        isinstance(value, str)
        and form_value_matches(request.app[FORM_SECRET], purpose, token, value)
        and same_origin(request, request.app[SETTINGS].public_base_url)
    )
