"""Email rows go through the real sender, the email transport and a real SMTP server."""

import re
from datetime import timedelta

import pytest
from fpdf import FPDF
from sqlalchemy import update
from sqlmodel import select

from egapro_assistant.sender import OutboxSender
from mail.email_transport import EmailTransport
from store import outbox, replies
from store.tables.outbox import OutboxMessage, OutboxStatus
from store.tables.replies import ReplyAddress
from store.types import utcnow
from tests.mail.smtp_server import SmtpCapture, free_port, mail_settings

TOKEN = r"[a-z2-7]{32}"


@pytest.fixture
async def smtp():
    capture = SmtpCapture()
    await capture.start()
    yield capture
    await capture.stop()


def email_sender(database, port: int) -> OutboxSender:
    transport = EmailTransport(database, mail_settings(port))
    return OutboxSender(database, email_transport=transport, worker_id="w1")


async def enqueue(database, key: str, **overrides) -> int:
    values = dict(
        channel="email",
        recipient="rh@durand.fr",
        dedup_key=key,
        kind="notice",
        payload={"language": "fr", "params": {"subject": "Bonjour", "body": "Texte"}},
    )
    values.update(overrides)
    async with database.session() as session:
        return await outbox.enqueue(session, **values)


async def row(database, message_id: int) -> OutboxMessage:
    async with database.session() as session:
        return await session.get(OutboxMessage, message_id)


async def make_due(database, message_id: int) -> None:
    async with database.session() as session:
        await session.exec(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(next_attempt_at=utcnow() - timedelta(seconds=1))
        )


def parts(message):
    return {part.get_content_type(): part for part in message.walk()}


async def test_verification_email_headers_reply_token_and_verp(db, smtp):
    message_id = await enqueue(
        db,
        "verify:1",
        kind="verification_link",
        siren="552100554",
        payload={
            "language": "fr",
            "params": {
                "siren": "552100554",
                "company_name": "Durand <& Fils>",
                "link": "https://assistant.test/verify/T0K3N",
                "expiry_hours": 24,
            },
        },
    )
    assert await email_sender(db, smtp.port).run_once() == 1

    [received] = smtp.received
    email = received.message
    assert received.recipients == ["rh@durand.fr"]
    assert email["From"] == "Egapro Assistant <assistant@assistant.test>"
    assert email["To"] == "rh@durand.fr"
    assert email["Subject"] == "Confirmez votre adresse pour Durand <& Fils> (SIREN 552100554)"
    assert email["Date"]
    assert re.fullmatch(r"<[^<>@\s]+@reply\.assistant\.test>", email["Message-ID"])
    [token] = re.fullmatch(rf"r\+({TOKEN})@reply\.assistant\.test", email["Reply-To"]).groups()
    assert received.envelope_from == f"bounce+{token}@bounce.assistant.test"
    for header in ("Auto-Submitted", "List-Unsubscribe", "List-Unsubscribe-Post"):
        assert header not in email

    body = parts(email)
    assert email.get_content_type() == "multipart/alternative"
    assert "https://assistant.test/verify/T0K3N" in body["text/plain"].get_content()
    html = body["text/html"].get_content()
    assert "Durand &lt;&amp; Fils&gt;" in html
    assert "Durand <& Fils>" not in html

    async with db.session() as session:
        reply = await replies.resolve(session, token)
    assert (reply.email, reply.siren, reply.outbox_id, reply.kind) == (
        "rh@durand.fr",
        "552100554",
        message_id,
        "verification_link",
    )
    assert reply.message_id == email["Message-ID"]
    assert reply.reminder is False
    sent = await row(db, message_id)
    assert (sent.status, sent.attempts, sent.sent_at is not None) == ("sent", 1, True)
    assert sent.reply_token is None  # only its hash remains once sent


async def test_reminder_has_auto_submitted_and_one_click_unsubscribe(sqlite_db, smtp):
    await enqueue(
        sqlite_db,
        "reminder:2027:552100554:j-30:email:rh@durand.fr",
        recipient="RH@durand.fr",
        payload={
            "language": "en",
            "reminder": True,
            "params": {"subject": "Index 2027: 30 days left", "body": "Declare before 1 March."},
            "reply_context": {"siren": "552100554", "person_email": "rh@durand.fr"},
        },
    )
    await email_sender(sqlite_db, smtp.port).run_once()

    email = smtp.received[0].message
    [token] = re.fullmatch(rf"r\+({TOKEN})@reply\.assistant\.test", email["Reply-To"]).groups()
    assert email["Auto-Submitted"] == "auto-generated"
    # Folded after the colon (the line is long); unfolding leaves a leading space.
    assert email["List-Unsubscribe"].strip() == (
        f"<https://assistant.test/unsubscribe/{token}>, "
        f"<mailto:r+{token}@reply.assistant.test?subject=STOP>"
    )
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = parts(email)["text/plain"].get_content()
    assert f"https://assistant.test/unsubscribe/{token}" in text
    assert "reply STOP" in text
    async with sqlite_db.session() as session:
        reply = await replies.resolve(session, token)
    assert (reply.email, reply.siren, reply.reminder, reply.language) == (
        "rh@durand.fr",
        "552100554",
        True,
        "en",
    )


async def test_pdf_attachment_travels_with_text_and_html(sqlite_db, smtp):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Index 2027: 89/100")
    pdf_bytes = bytes(pdf.output())
    await enqueue(
        sqlite_db,
        "receipt:552100554:2027",
        attachments=[outbox.Attachment("recapitulatif-2027.pdf", "application/pdf", pdf_bytes)],
    )
    await email_sender(sqlite_db, smtp.port).run_once()

    email = smtp.received[0].message
    assert email.get_content_type() == "multipart/mixed"
    [attachment] = list(email.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "recapitulatif-2027.pdf"
    assert attachment.get_content() == pdf_bytes
    body = email.get_body(preferencelist=("html", "plain"))
    assert body.get_content_type() == "text/html"
    assert "Texte" in email.get_body(preferencelist=("plain",)).get_content()


async def test_relay_down_keeps_the_row_then_sends_it_once(sqlite_db):
    smtp = SmtpCapture()
    smtp.port = free_port()
    sender = email_sender(sqlite_db, smtp.port)
    message_id = await enqueue(sqlite_db, "verify:down")

    before = utcnow()
    assert await sender.run_once() == 1
    waiting = await row(sqlite_db, message_id)
    assert waiting.status == OutboxStatus.PENDING
    assert waiting.attempts == 1
    assert waiting.next_attempt_at > before + timedelta(seconds=20)
    assert "relay unreachable" in waiting.last_error
    assert await sender.run_once() == 0  # not due yet

    await smtp.start()
    try:
        await make_due(sqlite_db, message_id)
        assert await sender.run_once() == 1
        assert await sender.run_once() == 0
    finally:
        await smtp.stop()
    assert len(smtp.received) == 1
    done = await row(sqlite_db, message_id)
    assert (done.status, done.attempts, done.last_error) == ("sent", 2, None)


async def test_permanent_refusal_fails_and_temporary_refusal_retries(sqlite_db, smtp):
    smtp.handler.refusals["nobody@durand.fr"] = "550 5.1.1 No such user"
    smtp.handler.refusals["full@durand.fr"] = "452 4.2.2 Mailbox full"
    refused = await enqueue(sqlite_db, "a", recipient="nobody@durand.fr")
    deferred = await enqueue(sqlite_db, "b", recipient="full@durand.fr")
    fine = await enqueue(sqlite_db, "c", recipient="rh@durand.fr")

    assert await email_sender(sqlite_db, smtp.port).run_once() == 3

    failed = await row(sqlite_db, refused)
    assert failed.status == OutboxStatus.FAILED
    assert "550" in failed.last_error
    retried = await row(sqlite_db, deferred)
    assert (retried.status, retried.attempts) == (OutboxStatus.PENDING, 1)
    assert "452" in retried.last_error
    assert (await row(sqlite_db, fine)).status == OutboxStatus.SENT
    assert [r.recipients for r in smtp.received] == [["rh@durand.fr"]]


async def test_unrenderable_row_fails_without_touching_the_relay(sqlite_db, smtp):
    message_id = await enqueue(
        sqlite_db, "broken", kind="verification_link", payload={"language": "fr", "params": {}}
    )
    await email_sender(sqlite_db, smtp.port).run_once()
    failed = await row(sqlite_db, message_id)
    assert failed.status == OutboxStatus.FAILED
    assert "needs param" in failed.last_error
    assert smtp.received == []
    async with sqlite_db.session() as session:
        assert (await session.exec(select(ReplyAddress))).all() == []
