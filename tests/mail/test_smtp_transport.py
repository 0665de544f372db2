import asyncio
import shutil
import ssl
from email.message import EmailMessage

import aiosmtplib
import pytest

from mail.smtp_transport import RelayError, SmtpRelay, classify
from tests.mail.smtp_server import SmtpCapture, mail_settings, self_signed_certificate


def simple_message() -> EmailMessage:
    message = EmailMessage()
    message["From"] = "assistant@assistant.test"
    message["To"] = "rh@durand.fr"
    message["Subject"] = "Test"
    message.set_content("Bonjour")
    return message


@pytest.fixture
def certificate(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    return self_signed_certificate(tmp_path)


@pytest.fixture
async def tls_relay(certificate):
    cert, key = certificate
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    capture = SmtpCapture(tls_context=server_context, credentials=("relay-user", "s3cret"))
    await capture.start()
    yield capture, ssl.create_default_context(cafile=str(cert))
    await capture.stop()


async def test_starttls_and_login(tls_relay):
    capture, client_context = tls_relay
    settings = mail_settings(
        capture.port, smtp_starttls=True, smtp_username="relay-user", smtp_password="s3cret"
    )
    relay = SmtpRelay(settings, tls_context=client_context)
    await relay.send(simple_message(), envelope_from="bounce+x@assistant.test", to="rh@durand.fr")
    assert capture.logins == ["relay-user"]
    [received] = capture.received
    assert (received.envelope_from, received.recipients) == (
        "bounce+x@assistant.test",
        ["rh@durand.fr"],
    )


async def test_wrong_password_is_temporary_so_nothing_is_lost(tls_relay):
    capture, client_context = tls_relay
    settings = mail_settings(
        capture.port, smtp_starttls=True, smtp_username="relay-user", smtp_password="wrong"
    )
    relay = SmtpRelay(settings, tls_context=client_context)
    with pytest.raises(RelayError) as refused:
        await relay.send(simple_message(), envelope_from="b@assistant.test", to="rh@durand.fr")
    assert refused.value.temporary
    assert "535" in str(refused.value)
    assert capture.received == []


async def test_relay_that_never_answers_times_out_as_temporary():
    async def silent(reader, writer):
        await reader.read()  # accept the connection, never greet

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        relay = SmtpRelay(mail_settings(port), timeout=0.3)
        with pytest.raises(RelayError) as stuck:
            await relay.send(simple_message(), envelope_from="b@assistant.test", to="x@y.fr")
    finally:
        server.close()
    assert stuck.value.temporary


@pytest.mark.parametrize(
    ("error", "temporary"),
    [
        (ConnectionRefusedError(111, "Connection refused"), True),
        (aiosmtplib.SMTPConnectError("Error connecting to 127.0.0.1"), True),
        (aiosmtplib.SMTPServerDisconnected("lost"), True),
        (aiosmtplib.SMTPReadTimeoutError("Timed out"), True),
        (aiosmtplib.SMTPRecipientRefused(450, "mailbox busy", "a@b.fr"), True),
        (aiosmtplib.SMTPRecipientRefused(550, "no such user", "a@b.fr"), False),
        (
            aiosmtplib.SMTPRecipientsRefused(
                [aiosmtplib.SMTPRecipientRefused(551, "user not local", "a@b.fr")]
            ),
            False,
        ),
        (
            aiosmtplib.SMTPRecipientsRefused(
                [aiosmtplib.SMTPRecipientRefused(452, "too many", "a@b.fr")]
            ),
            True,
        ),
        (aiosmtplib.SMTPDataError(554, "content rejected"), False),
        (aiosmtplib.SMTPDataError(451, "try later"), True),
        (aiosmtplib.SMTPSenderRefused(550, "sender refused", "b@assistant.test"), True),
        (aiosmtplib.SMTPAuthenticationError(535, "bad credentials"), True),
        (ValueError("Address 'a b@c' contains characters not permitted"), False),
    ],
)
def test_classification(error, temporary):
    assert classify(error).temporary is temporary
