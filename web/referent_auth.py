"""Référents sign in by email link, then hold a session cookie.

- ``POST /referents/sign-in`` (an address): rate-limited, and answered the same whether the
  address is a référent's or not; a référent gets a single-use link valid 30 minutes.
- ``GET /referents/sign-in/{token}`` shows a button (uses nothing: mail scanners follow links);
  ``POST`` uses the token and opens a session: a signed, expiring cookie (``HttpOnly``,
  ``SameSite=Lax``, ``Secure`` when the public URL is https) naming a session kept in the store.
- ``POST /referents/sign-out`` ends the session.
Every state-changing form of a signed-in référent carries a CSRF key tied to the session.
"""

from dataclasses import dataclass
from datetime import timedelta
from html import escape

from aiohttp import web
from multidict import MultiDictProxy

from egapro_assistant.config import Settings
from store import outbox, rate_limits, referent_sessions, referents, tokens
from store.database import Database
from store.declarants import InvalidEmail, normalise_email
from store.rate_limits import Limit
from store.referents import ReferentView
from web import pages
from web.client_address import client_address
from web.keys import CLOCK, DATABASE, FORM_SECRET, SETTINGS, wake_outbox
from web.security import form_value, genuine_post, same_origin
from web.signing import sign_expiring, unsign_expiring
from web.texts import text

COOKIE = "egapro_referent"
COOKIE_PATH = "/referents"
COOKIE_PURPOSE = "referent_session"
CSRF_FIELD = "csrf"
CSRF_PURPOSE = "referent_csrf"
LINK_FIELD = "form_key"
LINK_PURPOSE = "referent_sign_in"
SIGN_IN_PURPOSE = tokens.REFERENT_SIGN_IN
IP_LIMIT_PER_HOUR = 30


@dataclass(frozen=True)
class SignedIn:
    referent: ReferentView
    token: str
    csrf: str

    @property
    def scope(self) -> frozenset[str]:
        return frozenset(self.referent.departements)


def link_minutes(settings: Settings) -> int:
    return settings.referent_link_minutes


async def signed_in(request: web.Request) -> SignedIn | None:
    """The référent of this request's session cookie, or None (no, forged, expired or ended
    session)."""
    secret = request.app[FORM_SECRET]
    clock = request.app[CLOCK]
    cookie = request.cookies.get(COOKIE)
    token = unsign_expiring(secret, COOKIE_PURPOSE, cookie, now=clock.now())
    if token is None:
        return None
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        referent_id = await referent_sessions.referent_of(session, token, clock=clock)
        if referent_id is None:
            return None
        view = await referents.view_by_id(session, referent_id)
    if view is None:
        return None
    return SignedIn(view, token, form_value(secret, CSRF_PURPOSE, token))


def csrf_input(signed: SignedIn) -> str:
    return f'<input type="hidden" name="{CSRF_FIELD}" value="{escape(signed.csrf)}">'


def csrf_valid(request: web.Request, signed: SignedIn, form: MultiDictProxy) -> bool:
    return genuine_post(request, form, field=CSRF_FIELD, purpose=CSRF_PURPOSE, token=signed.token)


def header(request: web.Request, signed: SignedIn | None, language: str) -> str:
    site = escape(text("referents.site", language))
    if signed is None:
        return f'<header class="bar"><span>{site}</span></header>'
    who = signed.referent.name or signed.referent.email
    sign_out = request.app.router["referent_sign_out"].url_for().path
    return (
        f'<header class="bar"><span><a href="{COOKIE_PATH}">{site}</a></span>'
        f"<span>{escape(text('signed_in_as', language, name=who))}</span>"
        f'<form method="post" action="{escape(sign_out)}">{csrf_input(signed)}'
        f'<button type="submit">{escape(text("sign_out.button", language))}</button></form>'
        "</header>"
    )


def sign_in_page(
    request: web.Request, language: str, *, error: str | None = None, status: int = 200
) -> web.Response:
    settings: Settings = request.app[SETTINGS]
    action = request.app.router["referent_sign_in"].url_for().path
    error_html = ""
    described = ""
    if error:
        error_html = f'<p id="email-error" class="late" role="alert">{escape(error)}</p>'
        described = ' aria-describedby="email-error" aria-invalid="true"'
    body = (
        pages.paragraph(text("sign_in.intro", language, minutes=link_minutes(settings)))
        + error_html
        + f'<form method="post" action="{escape(action)}">'
        + f'<p><label for="email">{escape(text("sign_in.email", language))}</label>'
        + '<input type="email" id="email" name="email" required autocomplete="email" '
        + f'size="30"{described}></p>'
        + f'<button type="submit">{escape(text("sign_in.button", language))}</button></form>'
    )
    return pages.page(
        language,
        text("sign_in.title", language),
        body,
        status=status,
        header=header(request, None, language),
        site_key="referents.site",
    )


def _message(
    request: web.Request, language: str, key: str, *, status: int, **params
) -> web.Response:
    return pages.page(
        language,
        text(f"{key}.title", language),
        pages.paragraph(text(f"{key}.body", language, **params)),
        status=status,
        header=header(request, None, language),
        site_key="referents.site",
    )


async def request_link(request: web.Request) -> web.Response:
    language = pages.language_of(request)
    settings: Settings = request.app[SETTINGS]
    if not same_origin(request, settings.public_base_url):
        return pages.message_page(language, "forbidden", status=403)
    form = await request.post()
    typed = str(form.get("email") or "").strip()[:320]
    try:
        email = normalise_email(typed)
    except InvalidEmail:
        error = text("sign_in.bad_email", language, value=typed)
        return sign_in_page(request, language, error=error, status=400)
    database: Database = request.app[DATABASE]
    clock = request.app[CLOCK]
    async with database.session() as session:
        limits = [
            Limit("referent_sign_in", email, settings.rate_limit_per_email_per_hour),
            Limit(
                "referent_sign_in_ip",
                client_address(request, settings.trusted_proxies),
                IP_LIMIT_PER_HOUR,
            ),
        ]
        if await rate_limits.try_acquire(session, limits, now=clock.now()) is not None:
            return _message(request, language, "sign_in_limited", status=429)
        referent = await referents.get_by_email(session, email)
        if referent is not None:
            await _send_link(session, settings, email, language, clock)
    if referent is not None:
        wake_outbox(request)
    minutes = link_minutes(settings)
    return _message(request, language, "sign_in_sent", status=200, email=email, minutes=minutes)


async def _send_link(session, settings: Settings, email: str, language: str, clock) -> None:
    minutes = link_minutes(settings)
    token = await tokens.create(
        session,
        email=email,
        telegram_user_id=None,
        siren=None,
        ttl=timedelta(minutes=minutes),
        purpose=SIGN_IN_PURPOSE,
        clock=clock,
    )
    link = f"{settings.public_base_url.rstrip('/')}{COOKIE_PATH}/sign-in/{token}"
    await outbox.enqueue(
        session,
        channel="email",
        recipient=email,
        dedup_key=f"referent_sign_in:{tokens.hash_token(token)}",
        kind="referent_sign_in",
        payload={"language": language, "params": {"link": link, "minutes": minutes}},
    )


def _link_refused(request: web.Request, language: str) -> web.Response:
    settings: Settings = request.app[SETTINGS]
    again = escape(request.app.router["referents"].url_for().path)
    body = pages.paragraph(
        text("sign_in_link.invalid.body", language, minutes=link_minutes(settings))
    ) + (f'<p><a href="{again}">{escape(text("sign_in_link.again", language))}</a></p>')
    return pages.page(
        language,
        text("sign_in_link.invalid.title", language),
        body,
        status=410,
        header=header(request, None, language),
        site_key="referents.site",
    )


async def show_link(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    language = pages.language_of(request)
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        check = await tokens.peek(session, token, purpose=SIGN_IN_PURPOSE, clock=request.app[CLOCK])
    if not check.valid:
        return _link_refused(request, language)
    hidden = {LINK_FIELD: form_value(request.app[FORM_SECRET], LINK_PURPOSE, token)}
    body = pages.paragraph(
        text("sign_in_link.intro", language, email=check.token.email)
    ) + pages.post_form(request.path, hidden, text("sign_in_link.button", language))
    return pages.page(
        language,
        text("sign_in_link.title", language),
        body,
        header=header(request, None, language),
        site_key="referents.site",
    )


async def confirm_link(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    language = pages.language_of(request)
    settings: Settings = request.app[SETTINGS]
    form = await request.post()
    if not genuine_post(request, form, field=LINK_FIELD, purpose=LINK_PURPOSE, token=token):
        return pages.message_page(language, "forbidden", status=403)
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        check = await tokens.consume(
            session, token, purpose=SIGN_IN_PURPOSE, clock=request.app[CLOCK]
        )
        referent = await referents.get_by_email(session, check.token.email) if check.valid else None
        if referent is None:
            return _link_refused(request, language)
        ttl = timedelta(hours=settings.referent_session_hours)
        session_token, expires_at = await referent_sessions.open_session(
            session, referent.id, ttl=ttl, clock=request.app[CLOCK]
        )
    response = web.HTTPSeeOther(request.app.router["referents"].url_for().path)
    response.set_cookie(
        COOKIE,
        sign_expiring(request.app[FORM_SECRET], COOKIE_PURPOSE, session_token, expires_at),
        max_age=int(ttl.total_seconds()),
        path=COOKIE_PATH,
        httponly=True,
        secure=settings.public_base_url.lower().startswith("https://"),
        samesite="Lax",
    )
    raise response


async def sign_out(request: web.Request) -> web.Response:
    language = pages.language_of(request)
    signed = await signed_in(request)
    if signed is None:
        raise web.HTTPSeeOther(request.app.router["referents"].url_for().path)
    form = await request.post()
    if not csrf_valid(request, signed, form):
        return pages.message_page(language, "forbidden", status=403)
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        await referent_sessions.close_session(session, signed.token, clock=request.app[CLOCK])
    again = escape(request.app.router["referents"].url_for().path)
    body = pages.paragraph(text("signed_out.body", language)) + (
        f'<p><a href="{again}">{escape(text("sign_in.title", language))}</a></p>'
    )
    response = pages.page(
        language,
        text("signed_out.title", language),
        body,
        header=header(request, None, language),
        site_key="referents.site",
    )
    response.del_cookie(COOKIE, path=COOKIE_PATH)
    return response
