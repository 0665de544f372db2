"""Build the outbound EmailMessage: headers, text + HTML alternative, attachments."""

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from egapro_assistant.config import Settings
from mail.addresses import reply_address, unsubscribe_mailto, unsubscribe_url
from mail.templates import RenderedEmail
from store.outbox import Attachment
from store.types import utcnow


def new_message_id(settings: Settings, outbox_id: int | None = None) -> str:
    return make_msgid(idstring=f"o{outbox_id}" if outbox_id else None, domain=settings.reply_domain)


def compose(
    *,
    settings: Settings,
    to: str,
    rendered: RenderedEmail,
    reply_token: str,
    message_id: str,
    reminder: bool = False,
    attachments: list[Attachment] = (),
    auto_submitted: str | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = (
        (settings.mail_from_reminders or settings.mail_from) if reminder else (settings.mail_from)
    )
    message["To"] = to
    message["Subject"] = rendered.subject
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = message_id
    message["Reply-To"] = reply_address(reply_token, settings)
    message["Content-Language"] = rendered.language
    if reminder:
        message["Auto-Submitted"] = "auto-generated"
    elif auto_submitted:  # an answer to a reply (RFC 3834): autoresponders must not answer it
        message["Auto-Submitted"] = auto_submitted
    if reminder:
        message["List-Unsubscribe"] = (
            f"<{unsubscribe_url(reply_token, settings)}>, "
            f"<{unsubscribe_mailto(reply_token, settings)}>"
        )
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    for attachment in attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        message.add_attachment(
            attachment.data,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
        )
    return message
