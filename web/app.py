"""The aiohttp application: email-link confirmation, unsubscribe, health, and the référents'
dashboard."""

import logging
import secrets
from collections.abc import Callable
from html import escape

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from egapro_assistant.config import Settings
from egapro_assistant.health import HealthRegistry
from store.clock import SYSTEM_CLOCK, Clock
from store.database import Database
from web import dashboard, declared, pages, referent_auth, telegram_link, unsubscribe, verify
from web import health as health_page
from web.health import default_registry
from web.keys import CLOCK, DATABASE, FORM_SECRET, HEALTH, ON_OUTBOX, SETTINGS
from web.security import add_security_headers
from web.signing import load_secret
from web.texts import text

log = logging.getLogger(__name__)

MAX_REQUEST_BYTES = 64 * 1024


@web.middleware
async def friendly_not_found(request: web.Request, handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPNotFound:
        language = pages.language_of(request)
        return pages.message_page(language, "not_found", status=404)


def build_web_app(
    database: Database,
    settings: Settings,
    on_outbox: Callable[[], None] | None = None,
    *,
    form_secret: bytes | None = None,
    health: HealthRegistry | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> web.Application:
    """``on_outbox`` is called after something was queued (wakes the sender).

    ``form_secret`` signs cookies and keys the hidden form values; by default the web secret
    (``EGAPRO_WEB_SECRET``, else the one kept in the database: ``web.signing``), read when the
    app starts. ``health``: the service's parts and their probes, for ``/healthz`` (default:
    the database alone).
    """
    app = web.Application(client_max_size=MAX_REQUEST_BYTES, middlewares=[friendly_not_found])
    app[DATABASE] = database
    app[SETTINGS] = settings
    app[ON_OUTBOX] = on_outbox
    app[CLOCK] = clock  # the référents' pages decide by it (campaign, lateness, sessions)
    if form_secret is not None:
        app[FORM_SECRET] = form_secret
    else:
        app.on_startup.append(_load_secret)
    app.on_response_prepare.append(add_security_headers)
    app[HEALTH] = health or default_registry(database)
    app.router.add_get("/healthz", health_page.health, name="healthz")
    app.router.add_get("/health", health_page.health, name="health")
    app.router.add_get("/verify/{token}", verify.show, name="verify")
    app.router.add_post("/verify/{token}", verify.confirm)
    app.router.add_get("/unsubscribe/{token}", unsubscribe.show, name="unsubscribe")
    app.router.add_post("/unsubscribe/{token}", unsubscribe.submit)
    app.router.add_get("/declared/{token}", declared.show, name="declared")
    app.router.add_post("/declared/{token}", declared.submit)
    app.router.add_get("/", home, name="home")
    app.router.add_get("/referents", dashboard.index, name="referents")
    app.router.add_post("/referents/sign-in", referent_auth.request_link, name="referent_sign_in")
    app.router.add_get("/referents/sign-in/{token}", referent_auth.show_link)
    app.router.add_post("/referents/sign-in/{token}", referent_auth.confirm_link)
    app.router.add_post("/referents/sign-out", referent_auth.sign_out, name="referent_sign_out")
    app.router.add_get("/referents/companies/{siren}", dashboard.company)
    app.router.add_post("/referents/questions/{question_id}/answer", dashboard.answer)
    app.router.add_get("/referents/export.{format:csv|xlsx}", dashboard.export)
    app.router.add_get("/referents/telegram/{token}", telegram_link.show)
    app.router.add_post("/referents/telegram/{token}", telegram_link.confirm)
    return app


async def _load_secret(app: web.Application) -> None:
    try:
        app[FORM_SECRET] = await load_secret(app[DATABASE], app[SETTINGS])
    except (OSError, SQLAlchemyError):
        # The database is down: serve /health (503) meanwhile; forms signed now will not be
        # recognised once it is back and the app restarts. The service loads the secret itself
        # after its migrations, so this happens only to an app started on its own.
        log.exception("web secret: the database did not answer; using a secret of this process")
        app[FORM_SECRET] = secrets.token_bytes(32)


async def home(request: web.Request) -> web.Response:
    language = pages.language_of(request)
    link = request.app.router["referents"].url_for().path
    body = pages.paragraph(text("home.body", language)) + (
        f'<p><a href="{link}">{escape(text("home.referents", language))}</a></p>'
    )
    return pages.page(language, text("home.title", language), body)
