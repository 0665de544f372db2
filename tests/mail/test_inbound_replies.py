"""Real replies sent with smtplib and with swaks to the running inbound server, then processed;
one regression test per security rule of the server."""

import smtplib
from email.message import EmailMessage

import pytest
from sqlmodel import select

from egapro_assistant.usecases.reminders import reminder_topic
from store import email_standing, outbox, questions
from store.database import Database
from store.tables.companies import Company, DeclarantEmail
from store.tables.declarations import IndexDeclaration
from store.tables.identity import CompanyLink, TelegramUser
from store.tables.inbound import InboundMessage, InboundStatus
from store.tables.outbox import OutboxMessage, OutboxStatus
from tests.egapro_engine.test_employee_file import STAFF, csv_bytes
from tests.mail.inbound_helpers import SETTINGS, Inbound, bounce_to, reply, reply_to

CLIENTS = ["smtplib", "swaks"]


@pytest.fixture(params=CLIENTS)
def client(request) -> str:
    """The real SMTP client a test sends with."""
    return request.param


@pytest.fixture
async def inbound(sqlite_db):
    server = await Inbound(sqlite_db).start()
    yield server
    await server.stop()


@pytest.fixture
async def inbound_both(db):
    server = await Inbound(db).start()
    yield server
    await server.stop()


async def rows(database, table, *where):
    async with database.session() as session:
        return list(await session.exec(select(table).where(*where)))


async def outbox_rows(database):
    return await rows(database, OutboxMessage, OutboxMessage.id > 0)


async def linked_telegram_user(database, siren="552100554", user_id=42):
    """A Telegram user who may act for the company, and one whose email left its declarants."""
    async with database.session() as session:
        session.add(Company(siren=siren, name="Durand SA", source="bot"))
        session.add(TelegramUser(id=user_id, chat_id=user_id, first_name="Ana"))
        session.add(TelegramUser(id=user_id + 1, chat_id=user_id + 1, first_name="Ex"))
        session.add(DeclarantEmail(siren=siren, email="rh@durand.fr"))
        await session.flush()
        session.add(CompanyLink(telegram_user_id=user_id, siren=siren, email="rh@durand.fr"))
        session.add(CompanyLink(telegram_user_id=user_id + 1, siren=siren, email="ex@durand.fr"))


FRENCH_QUOTED = (
    "Bonjour, faut-il déclarer les apprentis ?\n\n"
    "Le lun. 3 févr. 2025 à 10:00, Egapro Assistant <assistant@assistant.test> a écrit :\n"
    "> Bonjour,\n> L'Index Egapro 2025 de Durand SA n'est pas encore déclaré.\n"
)
OUTLOOK = (
    "Merci, question sur l'indicateur 2.\n\n"
    "De : Egapro Assistant <assistant@assistant.test>\n"
    "Envoyé : lundi 3 février 2025 10:00\n"
    "À : rh@durand.fr\nObjet : Rappel Index Egapro\n\nBonjour, rappel.\n"
)


async def test_french_quoted_reply_is_a_question_without_the_quote(inbound_both, client):
    inbound = inbound_both
    await linked_telegram_user(inbound.database)
    token = await inbound.token()
    assert await inbound.send(reply(FRENCH_QUOTED), reply_to(token), client=client) == {}
    assert await inbound.process() == 1

    async with inbound.database.session() as session:
        [question] = await questions.list_questions(session, open_only=True)
    assert question.text == "Bonjour, faut-il déclarer les apprentis ?"
    assert question.siren == "552100554" and question.email == "rh@durand.fr"
    sent = {(r.channel, r.recipient, r.kind) for r in await outbox_rows(inbound.database)}
    assert sent == {
        ("email", "rh@durand.fr", "question_received"),  # the acknowledgment
        ("email", "operateur@dreets.test", "question_forwarded"),
        ("telegram", "42", "email_question"),  # the company's Telegram user
    }
    [notice] = [r for r in await outbox_rows(inbound.database) if r.channel == "telegram"]
    assert notice.payload["params"]["question"] == "Bonjour, faut-il déclarer les apprentis ?"


async def test_outlook_style_reply(inbound, client):
    token = await inbound.token(email="rh@durand.fr", siren="552100554")
    await inbound.send(reply(OUTLOOK), reply_to(token), client=client)
    await inbound.process()
    async with inbound.database.session() as session:
        [question] = await questions.list_questions(session)
    assert question.text == "Merci, question sur l'indicateur 2."
    assert (question.siren, question.email) == ("552100554", "rh@durand.fr")


async def test_security_from_forged_to_another_companys_declarant_is_ignored(inbound, client):
    """Matched by token only: a STOP and a question with the From (and envelope sender) of
    another company's declarant act for the token's person and company, never for the other."""
    token = await inbound.token(email="rh@durand.fr", siren="552100554")
    await inbound.token(email="paie@martin.fr", siren="732829320")
    for text in ("STOP", "Une question ?"):
        forged = reply(text, sender="Paie Martin <paie@martin.fr>")
        await inbound.send(forged, reply_to(token), mail_from="paie@martin.fr", client=client)
    await inbound.process()
    async with inbound.database.session() as session:
        assert await email_standing.emails_may_receive_reminders(
            session, ["rh@durand.fr", "paie@martin.fr"]
        ) == {"paie@martin.fr"}
        [question] = await questions.list_questions(session)
    assert (question.siren, question.email) == ("552100554", "rh@durand.fr")
    assert await questions_of(inbound.database, "732829320") == []
    recipients = {r.recipient for r in await outbox_rows(inbound.database) if r.channel == "email"}
    assert "paie@martin.fr" not in recipients


async def questions_of(database, siren):
    async with database.session() as session:
        return await questions.list_questions(session, siren=siren)


async def test_html_only_reply(inbound, client):
    token = await inbound.token()
    message = EmailMessage()
    message["From"] = "rh@durand.fr"
    message["Subject"] = "Re: Rappel"
    message.set_content(
        "<html><body><div>Où trouver le <b>barème</b> ?</div>"
        "<div class='gmail_quote'>Le lun. 3 févr. 2025, X a écrit :"
        "<blockquote>Bonjour</blockquote></div></body></html>",
        subtype="html",
    )
    await inbound.send(message, reply_to(token), client=client)
    await inbound.process()
    async with inbound.database.session() as session:
        [question] = await questions.list_questions(session)
    assert question.text == "Où trouver le barème ?"


@pytest.mark.parametrize("charset", ["windows-1252", "utf-8"])
@pytest.mark.parametrize("encoding", ["quoted-printable", "base64"])
async def test_encodings_and_charsets(inbound, charset, encoding, client):
    token = await inbound.token()
    message = reply("")
    message.set_content("Question : l'écart de rémunération ?", charset=charset, cte=encoding)
    raw = message.as_bytes()
    assert f'charset="{charset}"'.encode() in raw and encoding.encode() in raw
    await inbound.send(raw, reply_to(token), client=client)
    await inbound.process()
    async with inbound.database.session() as session:
        [question] = await questions.list_questions(session)
    assert question.text == "Question : l'écart de rémunération ?"


async def test_token_in_changed_letter_case(inbound, client):
    token = await inbound.token()
    assert token != token.upper()
    await inbound.send(reply("STOP"), reply_to(token).upper(), client=client)
    await inbound.process()
    async with inbound.database.session() as session:
        assert not await email_standing.email_may_receive_reminders(session, "rh@durand.fr")


@pytest.mark.parametrize(
    "first_line", ["STOP", "stop", "Stop.", "désabonner", "désinscription", "unsubscribe"]
)
async def test_stop_unsubscribes_and_confirms_once(inbound, first_line, client):
    token = await inbound.token()
    text = f"{first_line}\n\nLe lun. 3 févr., X a écrit :\n> rappel"
    for _ in range(2):  # said twice: one confirmation per message, no more
        await inbound.send(reply(text), reply_to(token), client=client)
    await inbound.process()
    async with inbound.database.session() as session:
        assert not await email_standing.email_may_receive_reminders(session, "RH@durand.fr")
        assert await email_standing.emails_may_receive_reminders(
            session, ["rh@durand.fr", "autre@durand.fr"]
        ) == {"autre@durand.fr"}
    answers = await outbox_rows(inbound.database)
    assert [(a.kind, a.recipient) for a in answers] == [("reply_unsubscribed", "rh@durand.fr")] * 2
    assert answers[0].dedup_key != answers[1].dedup_key


async def queue_reminder(database, campaign_year, siren="552100554", recipient="rh@durand.fr"):
    async with database.session() as session:
        await outbox.enqueue(
            session,
            channel="email",
            recipient=recipient,
            dedup_key=f"reminder:{campaign_year}:{siren}:j-7:email:{recipient}",
            kind="notice",
            siren=siren,
            payload={"language": "fr", "reminder": True, "params": {"subject": "s", "body": "b"}},
            topic=reminder_topic(campaign_year),
            priority=outbox.PRIORITY_BULK,
        )


async def test_fait_87_records_declared_elsewhere_for_the_reply_campaign(inbound_both, client):
    """FAIT answering a reminder: declared elsewhere for the campaign the reminder was about,
    confirmed by email, that campaign's pending reminders cancelled (not another campaign's),
    and the company's Telegram users told."""
    inbound = inbound_both
    await linked_telegram_user(inbound.database)
    await queue_reminder(inbound.database, 2026)
    await queue_reminder(inbound.database, 2027)
    token = await inbound.token(campaign_year=2026)
    await inbound.send(reply("FAIT 87"), reply_to(token), client=client)
    await inbound.process()
    [declaration] = await rows(inbound.database, IndexDeclaration, IndexDeclaration.id > 0)
    assert (declaration.siren, declaration.year, declaration.index) == ("552100554", 2025, 87)
    sent = await outbox_rows(inbound.database)
    [answer] = [r for r in sent if r.kind == "reply_declared"]
    assert (answer.recipient, answer.payload["params"]["campaign_year"]) == ("rh@durand.fr", 2026)
    [told] = [r for r in sent if r.channel == "telegram"]
    assert (told.recipient, told.kind, told.payload["params"]["index"]) == (
        "42",
        "declared_elsewhere",
        87,
    )
    reminders = {r.topic: r.status for r in sent if r.topic}
    assert reminders == {
        reminder_topic(2026): OutboxStatus.CANCELLED,
        reminder_topic(2027): OutboxStatus.PENDING,
    }


async def test_employee_file_is_scored_and_answered_with_chart_and_pdf(inbound, client):
    token = await inbound.token()
    message = reply("Voici notre fichier")
    message.add_attachment(csv_bytes(STAFF), maintype="text", subtype="csv", filename="paie.csv")
    await inbound.send(message, reply_to(token), client=client)
    await inbound.process()
    [answer] = await outbox_rows(inbound.database)
    assert answer.kind == "file_scored"
    assert "Index : 93/100" in answer.payload["params"]["summary"]
    from store.outbox import attachments_of

    async with inbound.database.session() as session:
        files = await attachments_of(session, answer.id)
    assert [(f.filename, f.data[:4]) for f in files] == [
        ("resultats.png", b"\x89PNG"),
        ("recapitulatif.pdf", b"%PDF"),
    ]


async def test_employee_file_errors_name_row_and_column(inbound):
    token = await inbound.token()
    bad = [row[:] for row in STAFF]
    bad[3][1] = "zzz"
    message = reply("Voici")
    message.add_attachment(csv_bytes(bad), maintype="text", subtype="csv", filename="paie.csv")
    await inbound.send(message, reply_to(token))
    await inbound.process()
    [answer] = await outbox_rows(inbound.database)
    assert answer.kind == "file_refused"
    assert "Ligne 5, colonne « csp »" in answer.payload["params"]["errors"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"X-Autoreply": "yes"},
        {"X-Autorespond": "yes"},
        {"Precedence": "bulk"},
        {"Precedence": "auto_reply"},
        {"Subject": "Réponse automatique : Rappel"},
        {"Subject": "Out of office: Rappel"},
        {"Subject": "Absence du bureau"},
        {"Subject": "Automatic reply: Rappel"},
    ],
)
async def test_auto_replies_are_recorded_and_never_answered(inbound, headers, client):
    token = await inbound.token()
    headers = dict(headers)
    message = reply("Je suis absente jusqu'au 12.", subject=headers.pop("Subject", "Re: Rappel"))
    for name, value in headers.items():
        message[name] = value
    await inbound.send(message, reply_to(token), client=client)
    await inbound.process()
    [row] = await rows(inbound.database, InboundMessage, InboundMessage.id > 0)
    assert row.status == InboundStatus.AUTO_REPLY
    assert await outbox_rows(inbound.database) == []


async def test_outlook_suppress_header_is_not_an_auto_reply(inbound):
    token = await inbound.token()
    message = reply("Une vraie question ?")
    message["X-Auto-Response-Suppress"] = "All"
    message["Auto-Submitted"] = "no"
    await inbound.send(message, reply_to(token))
    await inbound.process()
    [row] = await rows(inbound.database, InboundMessage, InboundMessage.id > 0)
    assert row.outcome == "question"


def dsn(recipient: str) -> bytes:
    return (
        "From: MAILER-DAEMON@mx.durand.fr\r\nTo: bounce@x\r\nSubject: Undelivered Mail\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.durand.fr\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n"
        "--B--\r\n"
    ).encode()


async def test_dsn_bounce_marks_the_address_undeliverable_and_tells_telegram(inbound, client):
    await linked_telegram_user(inbound.database)
    token = await inbound.token()
    await inbound.send(dsn("rh@durand.fr"), bounce_to(token), mail_from="", client=client)
    await inbound.process()
    async with inbound.database.session() as session:
        assert not await email_standing.email_may_receive_reminders(session, "rh@durand.fr")
        assert await email_standing.email_may_receive_reminders(session, "autre@durand.fr")
    [told] = await outbox_rows(inbound.database)  # the bounce itself is never answered
    assert (told.channel, told.recipient, told.kind) == ("telegram", "42", "email_bounce")
    assert told.payload["params"]["email"] == "rh@durand.fr"
    [row] = await rows(inbound.database, InboundMessage, InboundMessage.id > 0)
    assert (row.status, row.outcome) == (InboundStatus.BOUNCE, "undeliverable")
    assert "5.1.1" in row.reason


async def test_delayed_dsn_changes_nothing(inbound):
    token = await inbound.token()
    delayed = dsn("rh@durand.fr").replace(b"Action: failed", b"Action: delayed")
    await inbound.send(delayed.replace(b"Status: 5.1.1", b"Status: 4.4.1"), bounce_to(token), "")
    await inbound.process()
    async with inbound.database.session() as session:
        assert await email_standing.email_may_receive_reminders(session, "rh@durand.fr")
    assert await outbox_rows(inbound.database) == []


async def refused_code(inbound, recipient, client, message=None) -> int:
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        await inbound.send(message or reply("x"), recipient, client=client)
    [(code, _)] = refused.value.recipients.values()
    return code


async def test_security_relay_attempt_is_refused_with_550(inbound, client):
    token = await inbound.token()
    for recipient in ("victim@gmail.com", f"r+{token}@gmail.com", f"r+{token}@reply.evil.test"):
        assert await refused_code(inbound, recipient, client) == 550
    assert await rows(inbound.database, InboundMessage, InboundMessage.id > 0) == []


async def test_security_unknown_token_is_refused_with_550(inbound, client):
    await inbound.token()
    for recipient in (
        reply_to("a" * 32),
        reply_to("x"),
        bounce_to("b" * 43),
        f"r@{SETTINGS.reply_domain}",
    ):
        assert await refused_code(inbound, recipient, client) == 550
    assert await rows(inbound.database, InboundMessage, InboundMessage.id > 0) == []


async def test_security_oversize_message_is_refused_with_552(sqlite_db, client):
    server = await Inbound(
        sqlite_db, SETTINGS.model_copy(update={"inbound_max_message_bytes": 10_000})
    ).start()
    try:
        token = await server.token()
        with pytest.raises(smtplib.SMTPResponseException) as refused:
            await server.send(reply("x" * 20_000), reply_to(token), client=client)
        assert refused.value.smtp_code == 552
        assert await server.send(reply("petite question"), reply_to(token), client=client) == {}
    finally:
        await server.stop()
    [kept] = await rows(sqlite_db, InboundMessage, InboundMessage.id > 0)
    assert kept.size < 10_000


UNREACHABLE = "postgresql+asyncpg://postgres@127.0.0.1:9/unreachable"


async def test_database_unreachable_at_rcpt_answers_451_and_nothing_is_lost(inbound, client):
    token = await inbound.token()
    database = inbound.database
    inbound.handler.database = Database(UNREACHABLE)
    try:
        assert await refused_code(inbound, reply_to(token), client) == 451
    finally:
        await inbound.handler.database.dispose()
        inbound.handler.database = database
    # The sending MTA tries again later: the message is taken then.
    assert await inbound.send(reply("Une question ?"), reply_to(token), client=client) == {}
    assert await inbound.process() == 1


async def test_database_unreachable_at_data_answers_451_and_nothing_is_lost(inbound, client):
    token = await inbound.token()
    assert await inbound.send(reply("Première question ?"), reply_to(token), client=client) == {}
    database = inbound.database
    inbound.handler.database = Database(UNREACHABLE)  # the token is known: RCPT passes
    try:
        with pytest.raises(smtplib.SMTPResponseException) as refused:
            await inbound.send(reply("Deuxième question ?"), reply_to(token), client=client)
        assert refused.value.smtp_code == 451
    finally:
        await inbound.handler.database.dispose()
        inbound.handler.database = database
    assert await inbound.send(reply("Deuxième question ?"), reply_to(token), client=client) == {}
    assert await inbound.process() == 2
    async with inbound.database.session() as session:
        asked = [q.text for q in await questions.list_questions(session)]
    assert asked == ["Première question ?", "Deuxième question ?"]
