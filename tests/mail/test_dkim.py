"""DKIM: a reminder is signed, List-Unsubscribe included; its reply address knows its campaign."""

import subprocess

import dkim
import pytest
from sqlmodel import select

from egapro_assistant.sender import OutboxSender
from mail.email_transport import EmailTransport
from store import outbox
from store.tables.replies import ReplyAddress
from tests.mail.smtp_server import SmtpCapture, mail_settings


@pytest.fixture
async def smtp():
    capture = SmtpCapture()
    await capture.start()
    yield capture
    await capture.stop()


async def test_reminder_is_dkim_signed_with_reminders_from(sqlite_db, smtp, tmp_path):
    key = tmp_path / "dkim.pem"
    subprocess.run(
        ["openssl", "genrsa", "-traditional", "-out", str(key), "2048"],
        check=True,
        capture_output=True,
    )
    public = subprocess.run(
        ["openssl", "rsa", "-in", str(key), "-pubout", "-outform", "DER"],
        check=True,
        capture_output=True,
    ).stdout
    settings = mail_settings(
        smtp.port,
        dkim_selector="s1",
        dkim_key_file=str(key),
        mail_from_reminders="Rappels Egapro <rappels@assistant.test>",
    )
    async with sqlite_db.session() as session:
        await outbox.enqueue(
            session,
            channel="email",
            recipient="rh@durand.fr",
            dedup_key="r1",
            kind="notice",
            payload={
                "language": "fr",
                "reminder": True,
                "params": {"subject": "Rappel", "body": "Texte", "campaign_year": 2026},
            },
        )
        await outbox.enqueue(
            session,
            channel="email",
            recipient="rh@durand.fr",
            dedup_key="receipt",
            kind="notice",
            payload={"language": "fr", "params": {"subject": "Accusé", "body": "Reçu"}},
        )
    sender = OutboxSender(sqlite_db, email_transport=EmailTransport(sqlite_db, settings))
    assert await sender.run_once() == 2
    [transactional] = [r for r in smtp.received if r.message["Subject"] == "Accusé"]
    assert transactional.message["From"] == settings.mail_from  # not the reminders' From
    assert "List-Unsubscribe" not in transactional.message
    [received] = [r for r in smtp.received if r.message["Subject"] != "Accusé"]
    message = received.message
    assert message["From"] == "Rappels Egapro <rappels@assistant.test>" != settings.mail_from
    signature = message["DKIM-Signature"]
    assert "d=assistant.test" in signature and "s=s1" in signature
    signed = signature.replace(" ", "").split("h=")[1].split(";")[0].lower().split(":")
    assert {"list-unsubscribe", "list-unsubscribe-post", "from"} <= set(signed)

    async with sqlite_db.session() as session:
        [address] = list(await session.exec(select(ReplyAddress).where(ReplyAddress.reminder)))
    assert address.campaign_year == 2026  # a FAIT reply to it records that campaign

    import base64

    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)
    assert dkim.verify(received.data, dnsfunc=lambda name, timeout=5: record)
    tampered = received.data.replace(b"Rappel", b"Rappel!", 1)
    assert not dkim.verify(tampered, dnsfunc=lambda name, timeout=5: record)
