"""GET /mailbox: the emails of the local mailbox (no relay configured), to loopback clients only.

Each message is shown as its recipient reads it: sender, subject, date, the text with its links
clickable, the attachments' names. Anyone not on the machine itself gets ``404``, as does
everyone when a relay is configured (the routes do not exist then).
"""

import email
import email.policy
import ipaddress
import re
from html import escape

from aiohttp import web

from store import webchat
from store.database import Database
from web import pages
from web.keys import DATABASE
from web.texts import text

_URL = re.compile(r"https?://[^\s<>\"']+")
_FORWARDED = ("Forwarded", "X-Forwarded-For", "X-Real-IP")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/mailbox", inbox, name="mailbox")
    app.router.add_get("/mailbox/{mail_id:\\d+}", show, name="mailbox_mail")


def is_local(request: web.Request) -> bool:
    """A client on the loopback interface, not relayed by a proxy on this machine."""
    if any(name in request.headers for name in _FORWARDED):
        return False
    try:
        return ipaddress.ip_address(request.remote or "").is_loopback
    except ValueError:
        return False


async def inbox(request: web.Request) -> web.Response:
    if not is_local(request):
        raise web.HTTPNotFound()
    language = pages.language_of(request)
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        found = await webchat.mails(session)
    untitled = text("mailbox.no_subject", language)
    rows = "".join(
        f'<li><a href="/mailbox/{mail.id}">{escape(mail.subject or untitled)}'
        f'</a><br><span class="note">{escape(mail.recipient)} · '
        f"{escape(mail.created_at.strftime('%d/%m/%Y %H:%M'))} UTC</span></li>"
        for mail in found
    )
    body = pages.paragraph(text("mailbox.intro", language), "note") + (
        f"<ul>{rows}</ul>" if rows else pages.paragraph(text("mailbox.empty", language))
    )
    return pages.page(language, text("mailbox.title", language), body)


def linkify(content: str) -> str:
    """Escape ``content`` and make each http(s) address a link."""
    parts, last = [], 0
    for match in _URL.finditer(content):
        url = match.group(0).rstrip(".,;:!?)")
        end = match.start() + len(url)
        parts.append(escape(content[last : match.start()]))
        parts.append(f'<a href="{escape(url)}">{escape(url)}</a>')
        last = end
    parts.append(escape(content[last:]))
    return "".join(parts)


async def show(request: web.Request) -> web.Response:
    if not is_local(request):
        raise web.HTTPNotFound()
    language = pages.language_of(request)
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        mail = await webchat.get_mail(session, int(request.match_info["mail_id"]))
    if mail is None:
        raise web.HTTPNotFound()
    message = email.message_from_bytes(mail.raw, policy=email.policy.default)
    part = message.get_body(preferencelist=("plain", "html"))
    content = part.get_content() if part is not None else ""
    if part is not None and part.get_content_type() == "text/html":
        content = re.sub(r"<[^>]+>", "", content)
    names = [a.get_filename() or "?" for a in message.iter_attachments()]
    fields = [
        pages.Field(text("mailbox.from", language), str(message.get("From", ""))),
        pages.Field(text("mailbox.to", language), str(message.get("To", mail.recipient))),
        pages.Field(text("mailbox.subject", language), str(message.get("Subject", ""))),
        pages.Field(text("mailbox.date", language), str(message.get("Date", ""))),
    ]
    if names:
        fields.append(pages.Field(text("mailbox.attachments", language), ", ".join(names)))
    body = "\n".join(
        [
            pages.definitions(fields),
            f'<pre class="mail">{linkify(content)}</pre>',
            f'<p><a href="/mailbox">{escape(text("mailbox.back", language))}</a></p>',
        ]
    )
    return pages.page(language, str(message.get("Subject", "")), body)
