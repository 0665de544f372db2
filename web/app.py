"""The aiohttp application: email-link confirmation and health (more pages join it later)."""

import secrets
from collections.abc import Callable

from aiohttp import web

from egapro_assistant.config import Settings
from store.database import Database
from web import declared, health, pages, unsubscribe, verify
from web.keys import DATABASE, FORM_SECRET, ON_OUTBOX, SETTINGS
from web.security import add_security_headers
from web.texts import preferred_language

MAX_REQUEST_BYTES = 64 * 1024


@web.middleware
async def friendly_not_found(request: web.Request, handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPNotFound:
        language = preferred_language(request.headers.get("Accept-Language"))
        return pages.message_page(language, "not_found", status=404)


def build_web_app(
    database: Database,
    settings: Settings,
    on_outbox: Callable[[], None] | None = None,
    *,
    form_secret: bytes | None = None,
) -> web.Application:
    """``on_outbox`` is called after something was queued (wakes the sender).

    ``form_secret`` keys the hidden form values; several instances behind one address must
    share it (``EGAPRO_WEB_SECRET``), otherwise each process draws its own.
    """
    app = web.Application(client_max_size=MAX_REQUEST_BYTES, middlewares=[friendly_not_found])
    app[DATABASE] = database
    app[SETTINGS] = settings
    app[ON_OUTBOX] = on_outbox
    app[FORM_SECRET] = form_secret or _configured_secret(settings) or secrets.token_bytes(32)
    app.on_response_prepare.append(add_security_headers)
    app.router.add_get("/health", health.health, name="health")
    app.router.add_get("/verify/{token}", verify.show, name="verify")
    app.router.add_post("/verify/{token}", verify.confirm)
    app.router.add_get("/unsubscribe/{token}", unsubscribe.show, name="unsubscribe")
    app.router.add_post("/unsubscribe/{token}", unsubscribe.submit)
    app.router.add_get("/declared/{token}", declared.show, name="declared")
    app.router.add_post("/declared/{token}", declared.submit)
    return app


def _configured_secret(settings: Settings) -> bytes | None:
    return settings.web_secret.encode() if settings.web_secret else None
