"""``/declared/{token}``: the "J'ai déjà déclaré sur la plateforme officielle" link of a reminder
email. ``GET`` shows the question (a mail scanner following links changes nothing); ``POST``, with
the page's form key, records "declared elsewhere" for the company and campaign the reminder was
about (the same use case as the Telegram button and a ``FAIT`` reply), with the index if given.
"""

from aiohttp import web

from egapro_assistant.usecases.declared_elsewhere import record_declared_elsewhere
from store import companies, replies
from store.database import Database
from web import pages
from web.keys import DATABASE, FORM_SECRET, ON_OUTBOX
from web.security import form_value, form_value_matches
from web.texts import text

FORM_FIELD = "form_key"
INDEX_FIELD = "index"
PURPOSE = "declared"


async def _reminder(request: web.Request):
    """The reply address of the reminder, with its company label; None when unknown."""
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        reply = await replies.resolve(session, request.match_info["token"])
        if reply is None or reply.siren is None or reply.campaign_year is None:
            return None, None
        company = await companies.get(session, reply.siren)
    language = pages.language_of(request)
    if company is not None and company.name:
        label = text("company_label", language, name=company.name, siren=reply.siren)
    else:
        label = text("company_label_siren_only", language, siren=reply.siren)
    return reply, label


def _params(reply, label: str) -> dict:
    return {"company": label, "year": reply.campaign_year - 1, "campaign_year": reply.campaign_year}


async def show(request: web.Request) -> web.Response:
    language = pages.language_of(request)
    reply, label = await _reminder(request)
    if reply is None:
        return pages.message_page(language, "declared_unknown", status=404)
    token = request.match_info["token"]
    body = [
        pages.paragraph(text("declared.question", language, **_params(reply, label))),
        pages.post_form_with_number(
            request.path,
            {FORM_FIELD: form_value(request.app[FORM_SECRET], PURPOSE, token)},
            text("declared.button", language),
            name=INDEX_FIELD,
            label=text("declared.index", language),
        ),
    ]
    return pages.page(language, text("declared.title", language), "\n".join(body))


async def submit(request: web.Request) -> web.Response:
    language = pages.language_of(request)
    token = request.match_info["token"]
    form = await request.post()
    if not form_value_matches(request.app[FORM_SECRET], PURPOSE, token, str(form.get(FORM_FIELD))):
        return pages.message_page(language, "forbidden", status=403)
    reply, label = await _reminder(request)
    if reply is None:
        return pages.message_page(language, "declared_unknown", status=404)
    raw = str(form.get(INDEX_FIELD) or "").strip()
    index = None
    if raw:
        if not raw.isdigit() or int(raw) > 100:
            return pages.page(
                language,
                text("declared.title", language),
                pages.paragraph(text("declared.bad_index", language, value=raw)),
                status=400,
            )
        index = int(raw)
    result = await record_declared_elsewhere(
        request.app[DATABASE],
        siren=reply.siren,
        campaign_year=reply.campaign_year,
        source="email_reply",
        index=index,
        email=reply.email,
    )
    notify = request.app[ON_OUTBOX]
    if notify is not None and result.notified:
        notify()
    key = "declared_here" if result.declared_here else "declared_done"
    return pages.message_page(language, key, status=200, **_params(reply, label))
