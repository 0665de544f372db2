"""Read a raw inbound message into what processing needs, or say why it is quarantined.

Everything a sender controls is distrusted: NUL bytes, over-long header lines, broken MIME,
undeclared or unknown charsets, too many parts and zip bombs end in ``Malformed`` with a short
reason; nothing here raises anything else.
"""

import codecs
import email
import email.errors
import email.policy
import io
import re
import zipfile
from dataclasses import dataclass, field
from email.header import Header, decode_header, make_header
from email.message import EmailMessage, Message

from mail.reply_text import html_to_text, new_text

MAX_HEADER_LINE = 4096
MAX_PARTS = 100
MAX_DEPTH = 10
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_ZIP_ENTRIES = 2000
_SERIOUS_DEFECTS = (
    email.errors.StartBoundaryNotFoundDefect,
    email.errors.NoBoundaryInMultipartDefect,
    email.errors.MultipartInvariantViolationDefect,
    email.errors.MissingHeaderBodySeparatorDefect,
    email.errors.InvalidBase64LengthDefect,
)
_AUTO_SUBJECT = re.compile(
    r"^\s*(?:(?:re|tr|fw|fwd)\s*:\s*)*"
    r"(?:réponse automatique|reponse automatique|absence|out of office|automatic reply|"
    r"auto(?:matic)?[- ]reply|autoreply|abwesenheit)\b",
    re.IGNORECASE,
)
_AUTO_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}


class Malformed(Exception):
    """The message cannot be read safely; ``reason`` says why (kept with the quarantined row)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class DeliveryReport:
    action: str  # failed | delayed | delivered | relayed | expanded | ""
    status: str  # e.g. 5.1.1
    recipient: str
    diagnostic: str

    @property
    def permanent_failure(self) -> bool:
        return self.action == "failed" or self.status.startswith("5")


@dataclass(frozen=True)
class InboundMail:
    subject: str
    sender: str
    text: str  # the new text, without the quoted message
    full_text: str
    auto_reply: str | None  # why it is an automatic answer, or None
    report: DeliveryReport | None  # a delivery status notification
    attachments: list[Attachment] = field(default_factory=list)


def parse(raw: bytes) -> InboundMail:
    try:
        return _parse(raw)
    except Malformed:
        raise
    except Exception as error:  # the email package met something it does not foresee
        raise Malformed(f"unreadable: {type(error).__name__}") from error


def _parse(raw: bytes) -> InboundMail:
    if b"\x00" in raw:
        raise Malformed("NUL byte in the message")
    head, separator, _ = raw.partition(b"\r\n\r\n")
    if not separator:
        head, separator, _ = raw.partition(b"\n\n")
    if any(len(line) > MAX_HEADER_LINE for line in head.splitlines()):
        raise Malformed("header line too long")
    # compat32: raw header values, decoded only where needed (the default policy's header
    # parser is slow on hostile input).
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    _check_structure(message)
    sender = _header(message, "From")
    if not sender:
        raise Malformed("missing From header")
    subject = " ".join(_header(message, "Subject").split())
    report = _delivery_report(message)
    parts = list(message.walk())
    text, attachments = _contents(parts)
    return InboundMail(
        subject=subject,
        sender=sender,
        text=new_text(text),
        full_text=text,
        auto_reply=_auto_reply(message, subject),
        report=report,
        attachments=attachments,
    )


def _header(message: Message, name: str) -> str:
    value = message.get(name)
    if value is None:
        return ""
    if isinstance(value, Header):
        value = str(value)
    try:
        return str(make_header(decode_header(value))).strip()
    except (ValueError, LookupError, UnicodeError, email.errors.HeaderParseError):
        return str(value).strip()


def _check_structure(message: Message) -> None:
    count = 0

    def visit(part: Message, depth: int) -> None:
        nonlocal count
        count += 1
        if count > MAX_PARTS:
            raise Malformed("too many MIME parts")
        if depth > MAX_DEPTH:
            raise Malformed("MIME parts nested too deep")
        for defect in part.defects:
            if isinstance(defect, _SERIOUS_DEFECTS):
                raise Malformed(f"broken MIME: {type(defect).__name__}")
        if part.is_multipart():
            for child in part.get_payload():
                visit(child, depth + 1)

    visit(message, 0)


def _auto_reply(message: Message, subject: str) -> str | None:
    auto_submitted = _header(message, "Auto-Submitted").lower()
    if auto_submitted and auto_submitted.split(";")[0].strip() != "no":
        return f"Auto-Submitted: {auto_submitted[:40]}"
    for name in ("X-Autoreply", "X-Autorespond"):
        if name in message:
            return name
    precedence = _header(message, "Precedence").lower()
    if precedence in _AUTO_PRECEDENCE:
        return f"Precedence: {precedence}"
    if _AUTO_SUBJECT.match(subject):
        return "out-of-office subject"
    return None


def _decoded_text(part: Message) -> str:
    data = part.get_payload(decode=True) or b""
    charset = part.get_param("charset")
    if charset is None:
        if not data.isascii():
            raise Malformed("8-bit text without a declared charset")
        return data.decode("ascii")
    charset = str(charset).strip().strip('"').lower()
    try:
        codecs.lookup(charset)
    except LookupError:
        raise Malformed(f"unknown charset {charset[:40]!r}") from None
    try:
        return data.decode(charset)
    except (UnicodeDecodeError, ValueError):
        raise Malformed(f"text not in its declared charset {charset[:40]!r}") from None


def _contents(parts: list[Message]) -> tuple[str, list[Attachment]]:
    plain: str | None = None
    html: str | None = None
    attachments: list[Attachment] = []
    for part in parts:
        if part.is_multipart():
            continue
        content_type = part.get_content_type()
        filename = part.get_filename()
        disposition = (part.get_content_disposition() or "").lower()
        if filename or disposition == "attachment":
            data = part.get_payload(decode=True) or b""
            _check_archive(data)
            attachments.append(Attachment(filename or "", content_type, data))
            continue
        if content_type == "text/plain" and plain is None:
            plain = _decoded_text(part)
        elif content_type == "text/html" and html is None:
            html = _decoded_text(part)
    if plain is None and html is not None:
        plain = html_to_text(html)
    return plain or "", attachments


def _check_archive(data: bytes) -> None:
    """Refuse a zip (an XLSX is one) that would unpack to far more than it weighs."""
    if not data.startswith(b"PK\x03\x04"):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return  # not a readable zip: the file reader will say so
    if len(entries) > MAX_ZIP_ENTRIES:
        raise Malformed("archive with too many entries")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNZIPPED_BYTES or unpacked > MAX_ZIP_RATIO * max(len(data), 1024):
        raise Malformed("zip bomb: the archive unpacks to far more than it weighs")


def _delivery_report(message: Message) -> DeliveryReport | None:
    if message.get_content_type() != "multipart/report":
        return None
    if str(message.get_param("report-type") or "").lower() != "delivery-status":
        return None
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        blocks = part.get_payload()
        if not isinstance(blocks, list):
            continue
        for block in blocks[1:] or blocks:
            if not isinstance(block, Message | EmailMessage):
                continue
            recipient = str(block.get("Final-Recipient") or block.get("Original-Recipient") or "")
            return DeliveryReport(
                action=str(block.get("Action") or "").strip().lower(),
                status=str(block.get("Status") or "").strip(),
                recipient=recipient.partition(";")[2].strip() or recipient.strip(),
                diagnostic=" ".join(str(block.get("Diagnostic-Code") or "").split())[:500],
            )
    return DeliveryReport(action="", status="", recipient="", diagnostic="")
