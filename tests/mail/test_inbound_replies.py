"""Real replies sent with smtplib and swaks to the running inbound server, then processed."""

import asyncio
import shutil
import smtplib
import subprocess
from email.message import EmailMessage

import pytest
from sqlmodel import select

from store import email_standing, questions
from store.tables.companies import Company
from store.tables.declarations import IndexDeclaration
from store.tables.identity import CompanyLink, TelegramUser
from store.tables.inbound import InboundMessage, InboundStatus
from store.tables.outbox import OutboxMessage
from tests.egapro_engine.test_employee_file import STAFF, csv_bytes
from tests.mail.inbound_helpers import Inbound, bounce_to, reply, reply_to


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
    async with database.session() as session:
        session.add(Company(siren=siren, name="Durand SA", source="bot"))
        session.add(TelegramUser(id=user_id, chat_id=user_id, first_name="Ana"))
        await session.flush()
        session.add(CompanyLink(telegram_user_id=user_id, siren=siren, email="rh@durand.fr"))


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


async def test_french_quoted_reply_is_a_question_without_the_quote(inbound_both):
    inbound = inbound_both
    await linked_telegram_user(inbound.database)
    token = await inbound.token()
    assert await inbound.send(reply(FRENCH_QUOTED), reply_to(token)) == {}
    assert await inbound.process() == 1

    async with inbound.database.session() as session:
        [question] = await questions.list_questions(session, open_only=True)
    assert question.text == "Bonjour, faut-il déclarer les apprentis ?"
    assert question.siren == "552100554" and question.email == "rh@durand.fr"
    sent = {(r.channel, r.recipient, r.kind) for r in await outbox_rows(inbound.database)}
    assert sent == {
        ("email", "rh@durand.fr", "question_received"),
        ("email", "operateur@dreets.test", "question_forwarded"),
        ("telegram", "42", "email_question"),
    }


async def test_outlook_reply_and_forged_from_are_matched_by_token_only(inbound):
    token = await inbound.token(email="rh@durand.fr", siren="552100554")
    forged = reply(OUTLOOK, sender="paie@autre-entreprise.fr")
    await inbound.send(forged, reply_to(token), mail_from="paie@autre-entreprise.fr")
    await inbound.process()
    async with inbound.database.session() as session:
        [question] = await questions.list_questions(session)
    assert question.text == "Merci, question sur l'indicateur 2."
    assert (question.siren, question.email) == ("552100554", "rh@durand.fr")
    answers = [r for r in await outbox_rows(inbound.database) if r.kind == "question_received"]
    assert [r.recipient for r in answers] == ["rh@durand.fr"]


async def test_html_only_reply(inbound):
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
    await inbound.send(message, reply_to(token))
    await inbound.process()
    async with inbound.database.session() as session:
        [question] = await questions.list_questions(session)
    assert question.text == "Où trouver le barème ?"


@pytest.mark.parametrize("charset", ["windows-1252", "utf-8"])
@pytest.mark.parametrize("encoding", ["quoted-printable", "base64"])
async def test_encodings_and_charsets(inbound, charset, encoding):
    token = await inbound.token()
    message = reply("Déjà déclaré 87 — merci, à bientôt")
    message.set_content("Question : l'écart de rémunération ?", charset=charset, cte=encoding)
    await inbound.send(message.as_bytes(), reply_to(token))
    await inbound.process()
    async with inbound.database.session() as session:
        [question] = await questions.list_questions(session)
    assert question.text == "Question : l'écart de rémunération ?"


async def test_token_in_changed_letter_case(inbound):
    token = await inbound.token()
    await inbound.send(reply("STOP"), reply_to(token).upper())
    await inbound.process()
    async with inbound.database.session() as session:
        assert not await email_standing.email_may_receive_reminders(session, "rh@durand.fr")


@pytest.mark.parametrize("first_line", ["STOP", "stop", "Stop.", "désabonner", "unsubscribe"])
async def test_stop_unsubscribes_and_confirms_once(inbound, first_line):
    token = await inbound.token()
    await inbound.send(
        reply(f"{first_line}\n\nLe lun. 3 févr., X a écrit :\n> rappel"), reply_to(token)
    )
    await inbound.process()
    async with inbound.database.session() as session:
        assert not await email_standing.email_may_receive_reminders(session, "RH@durand.fr")
        assert await email_standing.emails_may_receive_reminders(
            session, ["rh@durand.fr", "autre@durand.fr"]
        ) == {"autre@durand.fr"}
    [answer] = await outbox_rows(inbound.database)
    assert (answer.kind, answer.recipient) == ("reply_unsubscribed", "rh@durand.fr")


async def test_fait_87_records_declared_elsewhere_for_the_reply_campaign(inbound_both):
    inbound = inbound_both
    token = await inbound.token(campaign_year=2026)
    await inbound.send(reply("FAIT 87"), reply_to(token))
    await inbound.process()
    [declaration] = await rows(inbound.database, IndexDeclaration, IndexDeclaration.id > 0)
    assert (declaration.siren, declaration.year, declaration.index) == ("552100554", 2025, 87)
    [answer] = await outbox_rows(inbound.database)
    assert answer.kind == "reply_declared"
    assert answer.payload["params"]["campaign_year"] == 2026


async def test_employee_file_is_scored_and_answered_with_chart_and_pdf(inbound):
    token = await inbound.token()
    message = reply("Voici notre fichier")
    message.add_attachment(csv_bytes(STAFF), maintype="text", subtype="csv", filename="paie.csv")
    await inbound.send(message, reply_to(token))
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
        {"Precedence": "bulk"},
        {"Subject": "Réponse automatique : Rappel"},
        {"Subject": "Out of office: Rappel"},
    ],
)
async def test_auto_replies_are_recorded_and_never_answered(inbound, headers):
    token = await inbound.token()
    message = reply("Je suis absente jusqu'au 12.", subject=headers.pop("Subject", "Re: Rappel"))
    for name, value in headers.items():
        message[name] = value
    await inbound.send(message, reply_to(token))
    await inbound.process()
    [row] = await rows(inbound.database, InboundMessage, InboundMessage.id > 0)
    assert row.status == InboundStatus.AUTO_REPLY
    assert await outbox_rows(inbound.database) == []


async def test_outlook_suppress_header_is_not_an_auto_reply(inbound):
    token = await inbound.token()
    message = reply("Une vraie question ?")
    message["X-Auto-Response-Suppress"] = "All"
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


async def test_dsn_bounce_marks_the_address_undeliverable_and_tells_telegram(inbound):
    await linked_telegram_user(inbound.database)
    token = await inbound.token()
    await inbound.send(dsn("rh@durand.fr"), bounce_to(token), mail_from="")
    await inbound.process()
    async with inbound.database.session() as session:
        assert not await email_standing.email_may_receive_reminders(session, "rh@durand.fr")
    [told] = await outbox_rows(inbound.database)
    assert (told.channel, told.recipient, told.kind) == ("telegram", "42", "email_bounce")


async def test_relay_attempt_and_unknown_token_are_refused(inbound):
    token = await inbound.token()
    for recipient in ("victim@gmail.com", f"r+{token}@gmail.com", reply_to("a" * 32)):
        with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
            await inbound.send(reply("x"), recipient)
        [(code, _)] = refused.value.recipients.values()
        assert code == 550
    assert await rows(inbound.database, InboundMessage, InboundMessage.id > 0) == []


async def test_oversize_message_is_refused_with_552(sqlite_db):
    from tests.mail.inbound_helpers import SETTINGS

    server = await Inbound(
        sqlite_db, SETTINGS.model_copy(update={"inbound_max_message_bytes": 10_000})
    ).start()
    try:
        token = await server.token()
        with pytest.raises(smtplib.SMTPResponseException) as refused:
            await server.send(reply("x" * 20_000), reply_to(token))
        assert refused.value.smtp_code == 552
    finally:
        await server.stop()
    assert await rows(sqlite_db, InboundMessage, InboundMessage.id > 0) == []


async def test_store_unreachable_answers_451(inbound, tmp_path):
    token = await inbound.token()
    await inbound.database.dispose()
    inbound.database.engine.url  # noqa: B018
    from store.database import Database

    broken = Database(f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'x.db'}")
    inbound.server.close()
    await inbound.server.wait_closed()
    inbound.database = broken
    await inbound.start()
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        await inbound.send(reply("x"), reply_to(token))
    [(code, _)] = refused.value.recipients.values()
    assert code == 451
    await broken.dispose()


@pytest.mark.skipif(shutil.which("swaks") is None, reason="swaks not installed")
async def test_swaks_reply_fait(inbound):
    token = await inbound.token(campaign_year=2026)
    result = await asyncio.to_thread(
        subprocess.run,
        [
            "swaks", "--server", "127.0.0.1", "--port", str(inbound.port),
            "--from", "rh@durand.fr", "--to", reply_to(token),
            "--header", "Subject: Re: Rappel", "--body", "Déjà déclaré",
            "--add-header", "Content-Type: text/plain; charset=utf-8",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    await inbound.process()
    [declaration] = await rows(inbound.database, IndexDeclaration, IndexDeclaration.id > 0)
    assert (declaration.year, declaration.index) == (2025, None)
