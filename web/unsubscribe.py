"""``/unsubscribe/{token}``: one-click unsubscribe from reminders (RFC 8058), and back.

``POST`` with ``List-Unsubscribe=One-Click`` (what a mailbox provider sends) unsubscribes with
no cookie and no form key. ``GET`` only shows a page with a button: a mail scanner that follows
links changes nothing. The page's buttons carry a form key, like every form of this site.
"""

from aiohttp import web

from store import email_standing, replies
from store.database import Database
from web import pages
from web.keys import DATABASE, FORM_SECRET
from web.security import form_value, form_value_matches
from web.texts import text

FORM_FIELD = "form_key"
ACTION_FIELD = "action"
ONE_CLICK = "One-Click"


async def _address(request: web.Request) -> str | None:
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        reply = await replies.resolve(session, request.match_info["token"])
    return reply.email if reply else None


def _form(request: web.Request, token: str, action: str, label: str) -> str:
    hidden = {
        FORM_FIELD: form_value(request.app[FORM_SECRET], f"unsubscribe:{action}", token),
        ACTION_FIELD: action,
    }
    return pages.post_form(request.path, hidden, label)


async def show(request: web.Request) -> web.Response:
    language = pages.language_of(request)
    email = await _address(request)
    if email is None:
        return pages.message_page(language, "unsubscribe_unknown", status=404)
    token = request.match_info["token"]
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        unsubscribed = await email_standing.is_unsubscribed(session, email)
    if unsubscribed:
        body = [
            pages.paragraph(text("unsubscribe.already", language, email=email)),
            _form(request, token, "resubscribe", text("unsubscribe.resubscribe", language)),
        ]
    else:
        body = [
            pages.paragraph(text("unsubscribe.question", language, email=email)),
            _form(request, token, "unsubscribe", text("unsubscribe.button", language)),
            pages.paragraph(text("unsubscribe.receipts", language), "note"),
        ]
    return pages.page(language, text("unsubscribe.title", language), "\n".join(body))


async def submit(request: web.Request) -> web.Response:
    language = pages.language_of(request)
    token = request.match_info["token"]
    form = await request.post()
    one_click = form.get("List-Unsubscribe") == ONE_CLICK
    action = "unsubscribe" if one_click else str(form.get(ACTION_FIELD) or "")
    if not one_click and not (
        action in ("unsubscribe", "resubscribe")
        and form_value_matches(
            request.app[FORM_SECRET], f"unsubscribe:{action}", token, str(form.get(FORM_FIELD))
        )
    ):
        return pages.message_page(language, "forbidden", status=403)
    email = await _address(request)
    if email is None:
        return pages.message_page(language, "unsubscribe_unknown", status=404)
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        if action == "unsubscribe":
            await email_standing.unsubscribe(session, email)
        else:
            await email_standing.resubscribe(session, email)
    key = "unsubscribe_done" if action == "unsubscribe" else "resubscribe_done"
    return pages.message_page(language, key, status=200, email=email)
