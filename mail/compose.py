"""Build the outbound message: headers, text + HTML alternative, attachments.

Messages whose addresses are all ASCII (nearly all) are written out directly in their wire form
(quoted-printable UTF-8 text and HTML, base64 attachments, encoded-word headers, all through the
standard library's encoders): several times faster than ``EmailMessage``, whose header registry
parses every header it is given and whose generator folds each one again. Anything else (an
internationalised address) is built as an ``EmailMessage``.
"""

from __future__ import annotations

import base64
import binascii
import email.utils
import secrets
from email.charset import QP, Charset
from email.header import Header
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
) -> WireMessage | EmailMessage:
    sender = (
        (settings.mail_from_reminders or settings.mail_from) if reminder else settings.mail_from
    )
    headers = {
        "From": sender,
        "To": to,
        "Subject": rendered.subject,
        "Date": format_datetime(utcnow()),
        "Message-ID": message_id,
        "Reply-To": reply_address(reply_token, settings),
        "Content-Language": rendered.language,
    }
    if reminder:
        headers["Auto-Submitted"] = "auto-generated"
    elif auto_submitted:  # an answer to a reply (RFC 3834): autoresponders must not answer it
        headers["Auto-Submitted"] = auto_submitted
    if reminder:
        headers["List-Unsubscribe"] = (
            f"<{unsubscribe_url(reply_token, settings)}>, "
            f"<{unsubscribe_mailto(reply_token, settings)}>"
        )
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    if all(headers[name].isascii() for name in ("From", "To", "Reply-To")):
        return _plain(headers, rendered, attachments)
    return _general(headers, rendered, attachments)


_UTF8_QP = Charset("utf-8")
_UTF8_QP.header_encoding = QP
_LONGEST_PLAIN_HEADER = 900  # RFC 5322 allows 998 characters a line; longer ones are folded


class WireMessage:
    """A message already in its wire form (CRLF lines), with its top-level headers readable
    (``message["From"]``, ``"List-Unsubscribe" in message``) for DKIM signing."""

    def __init__(self, headers: dict[str, str], data: bytes) -> None:
        self.headers = headers
        self.data = data

    def __getitem__(self, name: str) -> str | None:
        return self.headers.get(name)

    def __contains__(self, name: str) -> bool:
        return name in self.headers

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name, default)

    def as_bytes(self, **_ignored) -> bytes:
        return self.data


def _header_line(name: str, value: str) -> str:
    value = " ".join(value.splitlines())  # never a line break from a value
    if value.isascii() and len(name) + len(value) < _LONGEST_PLAIN_HEADER:
        return f"{name}: {value}"
    charset = _UTF8_QP if not value.isascii() else "us-ascii"
    folded = Header(value, charset, header_name=name).encode(linesep="\r\n")
    return f"{name}: {folded}"


def _qp(text: str) -> bytes:
    """Quoted-printable UTF-8 with CRLF lines (binascii: C speed)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    encoded = binascii.b2a_qp(lines.encode("utf-8"), quotetabs=False, istext=True)
    return encoded.replace(b"\n", b"\r\n")


def _text_part(subtype: str, text: str) -> bytes:
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    ).encode() + _qp(text)


def _attachment_part(attachment: Attachment) -> bytes:
    maintype, _, subtype = attachment.content_type.partition("/")
    content_type = f"{maintype or 'application'}/{subtype or 'octet-stream'}"
    filename = attachment.filename
    if filename.isascii():
        disposition = f'attachment; filename="{email.utils.quote(filename)}"'
    else:
        disposition = f"attachment; filename*={email.utils.encode_rfc2231(filename, 'utf-8')}"
    head = (
        f"Content-Type: {content_type}\r\nContent-Transfer-Encoding: base64\r\n"
        f"Content-Disposition: {disposition}\r\n\r\n"
    )
    return head.encode() + base64.encodebytes(attachment.data).replace(b"\n", b"\r\n")


def _multipart(subtype: str, parts: list[bytes]) -> tuple[str, bytes]:
    boundary = f"=_{secrets.token_hex(16)}"  # "=_" never occurs in QP or base64 text
    separator = f"--{boundary}\r\n".encode()
    # The CRLF before each delimiter belongs to the delimiter: a part's own last line break is
    # kept.
    body = b"".join(separator + part + b"\r\n" for part in parts)
    return f'multipart/{subtype}; boundary="{boundary}"', body + f"--{boundary}--\r\n".encode()


def _plain(headers: dict[str, str], rendered: RenderedEmail, attachments) -> WireMessage:
    """The whole message written out directly: multipart/alternative (text, HTML), inside a
    multipart/mixed with the attachments when there are any."""
    content_type, body = _multipart(
        "alternative", [_text_part("plain", rendered.text), _text_part("html", rendered.html)]
    )
    if attachments:
        inner = f"Content-Type: {content_type}\r\n\r\n".encode() + body
        content_type, body = _multipart(
            "mixed", [inner, *(_attachment_part(attachment) for attachment in attachments)]
        )
    lines = [_header_line(name, value) for name, value in headers.items()]
    lines += ["MIME-Version: 1.0", f"Content-Type: {content_type}"]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")
    return WireMessage(
        {**headers, "MIME-Version": "1.0", "Content-Type": content_type}, head + body
    )


def _general(headers: dict[str, str], rendered: RenderedEmail, attachments) -> EmailMessage:
    message = EmailMessage()
    for name, value in headers.items():
        message[name] = value
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
