"""Telegram rows through the sender and TelegramTransport, against the fake Bot API server."""

import io
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import update
from sqlmodel import select

from bot.delivery import TelegramContent, TelegramTransport
from egapro_assistant.sender import OutboxSender, Pacer
from mail.email_transport import EmailTransport
from store import outbox
from store.tables.identity import TelegramUser
from store.tables.outbox import OutboxMessage, OutboxStatus
from store.types import utcnow
from tests.mail.smtp_server import SmtpCapture, mail_settings


@pytest.fixture
async def bot(telegram):
    bot = telegram.make_bot()
    yield bot
    await bot.session.close()


@pytest.fixture
async def smtp():
    capture = SmtpCapture()
    await capture.start()
    yield capture
    await capture.stop()


def sender_for(database, bot, smtp, render=None, pacer=None) -> OutboxSender:
    telegram = (
        TelegramTransport(bot, database)
        if render is None
        else TelegramTransport(bot, database, render=render)
    )
    return OutboxSender(
        database,
        email_transport=EmailTransport(database, mail_settings(smtp.port)),
        telegram_transport=telegram,
        worker_id="w1",
        pacer=pacer,
    )


class MonotonicClock:
    """Stands for time.monotonic in the pacer; moved by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def enqueue(database, key: str, chat: int, payload: dict, **overrides) -> int:
    values = dict(
        channel="telegram",
        recipient=str(chat),
        dedup_key=key,
        kind="notice",
        payload=payload,
    )
    values.update(overrides)
    async with database.session() as session:
        return await outbox.enqueue(session, **values)


async def row(database, message_id: int) -> OutboxMessage:
    async with database.session() as session:
        return await session.get(OutboxMessage, message_id)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def render_with_buttons(kind, params, language):
    label = {"fr": "Voir le tableau", "en": "See the table"}[language]
    return TelegramContent(
        f"<b>{params['name']}</b>",
        buttons=[[(label, "https://assistant.test/t"), ("OK", "ack:1")]],
        parse_mode="HTML",
    )


async def test_notice_is_sent_as_plain_text(sqlite_db, telegram, bot, smtp):
    anne = telegram.user(1001)
    message_id = await enqueue(
        sqlite_db, "n1", 1001, {"language": "fr", "params": {"text": "Rappel <b> & co"}}
    )
    assert await sender_for(sqlite_db, bot, smtp).run_once() == 1
    received = await anne.next_message()
    assert received.text == "Rappel <b> & co"
    assert received.parse_mode is None
    assert (await row(sqlite_db, message_id)).status == OutboxStatus.SENT


async def test_render_function_gives_text_parse_mode_and_buttons(sqlite_db, telegram, bot, smtp):
    anne = telegram.user(1001)
    await enqueue(
        sqlite_db, "b1", 1001, {"language": "en", "params": {"name": "Durand"}}, kind="custom"
    )
    await sender_for(sqlite_db, bot, smtp, render=render_with_buttons).run_once()
    received = await anne.next_message()
    assert received.text == "Durand"
    assert received.raw_text == "<b>Durand</b>"
    assert received.buttons == [[("See the table", None), ("OK", "ack:1")]]
    assert received.button_urls == {"See the table": "https://assistant.test/t"}


async def test_document_with_caption(sqlite_db, telegram, bot, smtp):
    anne = telegram.user(1001)
    pdf = b"%PDF-1.7\n% recap\n%%EOF\n"
    await enqueue(
        sqlite_db,
        "d1",
        1001,
        {"language": "fr", "params": {"text": "Votre récapitulatif"}, "document": 0},
        attachments=[outbox.Attachment("recap.pdf", "application/pdf", pdf)],
    )
    await sender_for(sqlite_db, bot, smtp).run_once()
    received = await anne.next_message()
    assert received.document.data == pdf
    assert received.document.file_name == "recap.pdf"
    assert received.caption == "Votre récapitulatif"


async def test_long_text_goes_first_then_photo_and_document(sqlite_db, telegram, bot, smtp):
    anne = telegram.user(1001)
    text = "Résultats " + "x" * 1100
    await enqueue(
        sqlite_db,
        "m1",
        1001,
        {"language": "fr", "params": {"text": text}, "photo": 1, "document": 0},
        attachments=[
            outbox.Attachment("recap.pdf", "application/pdf", b"%PDF-1.7 r"),
            outbox.Attachment("chart.png", "image/png", png()),
        ],
    )
    await sender_for(sqlite_db, bot, smtp).run_once()
    first, second, third = await anne.next_messages(3)
    assert first.text == text
    assert second.photo is not None and second.caption is None
    assert third.document.data == b"%PDF-1.7 r"


async def test_flood_control_retry_after_is_honoured(sqlite_db, telegram, bot, smtp):
    anne = telegram.user(1001)
    telegram.rate_limit(1001, retry_after=1)
    message_id = await enqueue(sqlite_db, "r1", 1001, {"params": {"text": "Bonjour"}})
    monotonic = MonotonicClock()
    sender = sender_for(sqlite_db, bot, smtp, pacer=Pacer(clock=monotonic))

    before = utcnow()
    assert await sender.run_once() == 1
    waiting = await row(sqlite_db, message_id)
    assert (waiting.status, waiting.attempts) == (OutboxStatus.PENDING, 1)
    assert before + timedelta(seconds=0.5) < waiting.next_attempt_at
    assert waiting.next_attempt_at < before + timedelta(seconds=20)  # not the 30 s backoff
    assert "Retry in 1 seconds" in waiting.last_error
    assert anne.messages == []

    # Due again in the database, but the chat is still held: set aside, not counted.
    await make_due(sqlite_db, message_id)
    assert await sender.run_once() == 1
    held = await row(sqlite_db, message_id)
    assert (held.status, held.attempts) == (OutboxStatus.PENDING, 1)
    assert held.next_attempt_at > utcnow()
    assert [call.method for call in telegram.calls].count("sendMessage") == 1

    monotonic.now += 1.5
    await make_due(sqlite_db, message_id)
    assert await sender.run_once() == 1
    assert (await anne.next_message()).text == "Bonjour"
    done = await row(sqlite_db, message_id)
    assert (done.status, done.attempts) == (OutboxStatus.SENT, 2)  # counted when claimed


async def make_due(database, message_id: int) -> None:
    async with database.session() as session:
        await session.exec(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(next_attempt_at=utcnow())
        )


async def test_blocked_user_is_marked_and_falls_back_to_email(db, telegram, bot, smtp):
    telegram.user(1002)
    telegram.block(1002)
    async with db.session() as session:
        session.add(TelegramUser(id=1002, chat_id=1002, first_name="Paul"))
    payload = {
        "language": "fr",
        "reminder": True,
        "params": {"text": "Index 2027 : plus que 30 jours"},
        "fallback_kind": "notice",
        "fallback_params": {"subject": "Index 2027", "body": "Plus que 30 jours."},
        "fallback_emails": ["rh@durand.fr", " RH@durand.fr"],
        "reply_context": {"siren": "552100554", "person_email": "rh@durand.fr"},
    }
    key = "reminder:2027:552100554:j-30:telegram:1002"
    telegram_id = await enqueue(db, key, 1002, payload, siren="552100554")
    sender = sender_for(db, bot, smtp)

    assert await sender.run_once() == 1
    blocked = await row(db, telegram_id)
    assert blocked.status == OutboxStatus.FAILED
    assert "blocked" in blocked.last_error
    assert "email fallback to 1 address(es)" in blocked.last_error
    async with db.session() as session:
        user = await session.get(TelegramUser, 1002)
        [fallback] = (
            await session.exec(select(OutboxMessage).where(OutboxMessage.channel == "email"))
        ).all()
    assert user.blocked is True
    assert fallback.dedup_key == "reminder:2027:552100554:j-30:email:rh@durand.fr"
    assert (fallback.recipient, fallback.kind, fallback.siren) == (
        "rh@durand.fr",
        "notice",
        "552100554",
    )
    assert smtp.received == []

    assert await sender.run_once() == 1
    [received] = smtp.received
    email = received.message
    assert email["Subject"] == "Index 2027"
    assert email["Auto-Submitted"] == "auto-generated"
    assert (await row(db, fallback.id)).status == OutboxStatus.SENT


async def test_unknown_chat_or_kind_fails_for_good(sqlite_db, telegram, bot, smtp):
    telegram.user(1001)
    unknown_chat = await enqueue(sqlite_db, "u1", 999, {"params": {"text": "x"}})
    unknown_kind = await enqueue(sqlite_db, "u2", 1001, {"params": {}}, kind="mystery")
    await sender_for(sqlite_db, bot, smtp).run_once()
    chat_row, kind_row = await row(sqlite_db, unknown_chat), await row(sqlite_db, unknown_kind)
    assert chat_row.status == OutboxStatus.FAILED
    assert "chat not found" in chat_row.last_error
    assert kind_row.status == OutboxStatus.FAILED
    assert "unknown Telegram kind 'mystery'" in kind_row.last_error
    assert [call.params.get("chat_id") for call in telegram.calls] == [999]


async def test_a_chat_held_by_retry_after_does_not_delay_another(sqlite_db, telegram, bot, smtp):
    anne, paul = telegram.user(1001), telegram.user(1002)
    telegram.rate_limit(1001, retry_after=3)
    monotonic = MonotonicClock()
    waits: list[float] = []

    async def sleep(seconds: float) -> None:  # the pacer's waits, in simulated time
        waits.append(round(seconds, 2))
        monotonic.now += seconds

    sender = sender_for(sqlite_db, bot, smtp, pacer=Pacer(clock=monotonic, sleep=sleep))
    first = await enqueue(sqlite_db, "a1", 1001, {"params": {"text": "A1"}})
    assert await sender.run_once() == 1  # 429: chat 1001 held for 3 s
    second = await enqueue(sqlite_db, "a2", 1001, {"params": {"text": "A2"}})
    await enqueue(sqlite_db, "b1", 1002, {"params": {"text": "B1"}})

    assert await sender.run_once() == 2
    assert (await paul.next_message()).text == "B1"
    assert anne.messages == []
    # No one waited for chat 1001: it was set aside, B1 only kept the overall pace (25/s).
    assert waits == [0.04]
    assert (await row(sqlite_db, second)).attempts == 0

    monotonic.now += 3
    await make_due(sqlite_db, first)
    await make_due(sqlite_db, second)
    assert await sender.run_once() == 2
    assert (await anne.next_message()).text == "A1"
    # One message a second in a chat: A2 is set aside again rather than waited for.
    monotonic.now += 1
    await make_due(sqlite_db, second)
    assert await sender.run_once() == 1
    assert (await anne.next_message()).text == "A2"
    assert waits == [0.04]
    sends = [call.params.get("chat_id") for call in telegram.calls if call.status == 200]
    assert sends == [1002, 1001, 1001]
