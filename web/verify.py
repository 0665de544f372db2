"""GET /verify/{token}: the confirmation page (uses nothing); POST: the confirmation itself.

The words name where the person who asked talks to the assistant (``Confirmation.channel``):
Telegram, or the web chat, whose page they are pointed back to.
"""

from aiohttp import web

from egapro_assistant.config import Settings
from store import links
from store.database import Database
from store.links import Confirmation, Outcome
from web import pages
from web.keys import DATABASE, FORM_SECRET, SETTINGS, wake_outbox
from web.security import form_value, genuine_post
from web.texts import company_label, text

FORM_FIELD = "form_key"
FORM_PURPOSE = "verify"
# Outcomes that end on a short page of their own, with their HTTP status.
_MESSAGE_PAGES = {
    Outcome.UNKNOWN: ("unknown", 404),
    Outcome.EXPIRED: ("expired", 410),
    Outcome.USED: ("used", 410),
    Outcome.REFUSED: ("refused", 403),
}


# Pages whose words name the channel of the person who asked (``<key>.body.<channel>``).
_BY_CHANNEL = {"expired", "used", "done"}


def _outcome_page(
    confirmation: Confirmation, language: str, settings: Settings, *, key: str = "", status=200
) -> web.Response:
    if not key:
        key, status = _MESSAGE_PAGES[confirmation.outcome]
    company = company_label(confirmation.siren or "", confirmation.company_name, language)
    channel = confirmation.channel
    back = ""
    if channel == "web_chat" and key in _BY_CHANNEL:
        back = pages.link(settings.web_chat_url, text("verify.back_to_chat", language))
    return pages.message_page(
        language,
        key,
        status=status,
        body_key=f"{key}.body.{channel}" if key in _BY_CHANNEL else None,
        extra=back,
        company=company,
        hours=settings.verification_ttl_hours,
        chat_url=settings.web_chat_url,
    )


async def show(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    language = pages.language_of(request)
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        confirmation = await links.preview(session, token)
    if confirmation.outcome is not Outcome.READY:
        return _outcome_page(confirmation, language, request.app[SETTINGS])
    return _confirmation_page(request, token, confirmation, language)


def _confirmation_page(
    request: web.Request, token: str, confirmation: Confirmation, language: str
) -> web.Response:
    fields = [
        pages.Field(
            text("verify.company", language),
            company_label(confirmation.siren, confirmation.company_name, language),
        ),
        pages.Field(text("verify.email", language), confirmation.email),
    ]
    channel = confirmation.channel
    if confirmation.asker_name and channel == "telegram":
        fields.append(pages.Field(text("verify.asker", language), confirmation.asker_name))
    first = text("verify.first_declarant", language) if confirmation.first_declarant else ""
    hidden = {FORM_FIELD: form_value(request.app[FORM_SECRET], FORM_PURPOSE, token)}
    body = "\n".join(
        [
            pages.paragraph(text(f"verify.intro.{channel}", language)),
            pages.definitions(fields),
            pages.paragraph(text(f"verify.question.{channel}", language, first_declarant=first)),
            pages.post_form(
                request.app.router["verify"].url_for(token=token).path,
                hidden,
                text("verify.button", language),
            ),
            pages.paragraph(text("verify.ignore", language), "note"),
        ]
    )
    return pages.page(language, text("verify.title", language), body)


async def confirm(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    language = pages.language_of(request)
    settings: Settings = request.app[SETTINGS]
    form = await request.post()
    if not genuine_post(request, form, field=FORM_FIELD, purpose=FORM_PURPOSE, token=token):
        return pages.message_page(language, "forbidden", status=403)
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        confirmation = await links.confirm(session, token)
    if confirmation.outcome is not Outcome.LINKED:
        return _outcome_page(confirmation, language, settings)
    wake_outbox(request)
    return _outcome_page(confirmation, language, settings, key="done", status=200)
