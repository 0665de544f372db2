"""The fake Telegram server, driven by real aiogram bots over HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import io

import aiohttp
import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
)
from aiogram.filters import Command, CommandStart
from aiogram.methods import SendMessage
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from PIL import Image

from tests.fakes import FakeTelegramServer, running_bot
from tests.fakes.telegram_markup import MarkupError, format_text


def echo_router() -> Router:
    router = Router()

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(text="Oui", callback_data="answer:yes"),
                    InlineKeyboardButton(text="Non", callback_data="answer:no"),
                ]
            ]
        )
        await message.answer(
            f"Bonjour <b>{message.from_user.first_name}</b> !", reply_markup=keyboard
        )

    @router.callback_query(F.data.startswith("answer:"))
    async def answered(query: CallbackQuery) -> None:
        choice = query.data.split(":", 1)[1]
        await query.answer(f"Choix : {choice}")
        await query.message.edit_text(f"Vous avez répondu {choice}.")

    @router.message(Command("keyboard"))
    async def keyboard(message: Message) -> None:
        markup = ReplyKeyboardMarkup(
            keyboard=[[KeyboardButton(text="Étape 1"), KeyboardButton(text="Étape 2")]],
            resize_keyboard=True,
        )
        await message.answer("Choisissez", reply_markup=markup)

    @router.message(F.text == "Étape 1")
    async def step(message: Message) -> None:
        await message.answer("Merci", reply_markup=ReplyKeyboardRemove())

    @router.message(F.document)
    async def document(message: Message, bot: Bot) -> None:
        content = await bot.download(message.document)
        lines = content.read().decode().count("\n")
        await message.answer_document(
            BufferedInputFile(f"{lines} lignes\n".encode(), filename="recap.txt"),
            caption=f"Lu : {message.document.file_name}",
        )
        await message.answer_photo(BufferedInputFile(_png(40, 30), filename="chart.png"))

    @router.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(message.text, parse_mode=None)

    return router


def make_dispatcher(router: Router | None = None) -> Dispatcher:
    dispatcher = Dispatcher()
    dispatcher.include_router(router or echo_router())
    return dispatcher


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
async def server():
    async with FakeTelegramServer() as fake:
        yield fake


async def test_echo_bot_answers_over_http(server: FakeTelegramServer) -> None:
    anne = server.user(1001, "Anne", language_code="fr")
    async with running_bot(make_dispatcher(), server, server.token) as bot:
        assert (await bot.me()).username == server.bot_username
        sent = await anne.send_text("32 500,50 €")
        reply = await anne.next_message()
        assert reply.text == "32 500,50 €"
        assert reply.message_id == sent["message_id"] + 1
        await anne.send_text("deuxième")
        assert (await anne.next_message()).text == "deuxième"
        await anne.expect_no_message()
    assert [m.text for m in anne.messages] == ["32 500,50 €", "deuxième"]


async def test_start_command_and_callback_edit(server: FakeTelegramServer) -> None:
    anne = server.user(1001, "Anne")
    bot = server.make_bot(default=_html_default())
    async with running_bot(make_dispatcher(), server, bot=bot):
        await anne.send_command("/start")
        welcome = await anne.next_message()
        assert welcome.text == "Bonjour Anne !"
        assert welcome.raw_text == "Bonjour <b>Anne</b> !"
        assert welcome.entities == [{"type": "bold", "offset": 8, "length": 4}]
        assert welcome.buttons == [[("Oui", "answer:yes"), ("Non", "answer:no")]]

        await anne.press_button("Non")
        answer = await anne.next_callback_answer()
        assert (answer.text, answer.callback_data) == ("Choix : no", "answer:no")
        edited = await anne.next_edit()
        assert edited is welcome
        assert welcome.text == "Vous avez répondu no."
        assert welcome.previous_texts == ["Bonjour Anne !"]
        assert welcome.buttons == []  # editMessageText without reply_markup drops the keyboard
        with pytest.raises(AssertionError, match="button with callback data"):
            await anne.press("answer:yes")
    assert server.unanswered_callbacks == []


async def test_reply_keyboard_shown_then_removed(server: FakeTelegramServer) -> None:
    bob = server.user(1002, "Bob", language_code="en")
    async with running_bot(make_dispatcher(), server):
        await bob.send_command("keyboard")
        assert (await bob.next_message()).keyboard == [["Étape 1", "Étape 2"]]
        assert bob.keyboard == [["Étape 1", "Étape 2"]]
        await bob.send_text("Étape 1")
        assert (await bob.next_message()).removes_keyboard
        assert bob.keyboard is None


async def test_documents_both_ways(server: FakeTelegramServer) -> None:
    anne = server.user(1001, "Anne")
    async with running_bot(make_dispatcher(), server):
        sent = await anne.send_document(b"a;b\n1;2\n3;4\n", "salaries.csv")
        assert sent["document"]["file_size"] == 12
        assert sent["document"]["mime_type"] == "text/csv"
        recap, chart = await anne.next_messages(2)
    assert recap.document.data == b"3 lignes\n"
    assert recap.document.file_name == "recap.txt"
    assert recap.caption == "Lu : salaries.csv"
    assert chart.photo.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert chart.photo_size == (40, 30)


async def test_file_over_20_mb_is_refused_by_get_file(server: FakeTelegramServer) -> None:
    anne = server.user(1001, "Anne")
    sent = await anne.send_document(b"x" * (20 * 1024 * 1024 + 1), "huge.csv")
    assert sent["document"]["file_size"] == 20 * 1024 * 1024 + 1
    small = await anne.send_document(b"ok\n", "small.csv")
    async with server.make_bot() as bot:
        with pytest.raises(TelegramBadRequest, match="file is too big"):
            await bot.get_file(sent["document"]["file_id"])
        file = await bot.get_file(small["document"]["file_id"])
        assert file.file_size == 3
        assert (await bot.download_file(file.file_path)).read() == b"ok\n"
    assert server.downloads == [small["document"]["file_id"]]


async def test_long_poll_waits_until_an_update_arrives(server: FakeTelegramServer) -> None:
    anne = server.user(1001, "Anne")
    async with server.make_bot() as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=10))
        await server.wait_for_poll()
        assert not poll.done()
        await anne.send_text("réveil")
        updates = await poll
        assert [u.message.text for u in updates] == ["réveil"]
        # Not acknowledged yet: served again; the offset acknowledges it.
        again = await bot.get_updates(timeout=0)
        assert [u.update_id for u in again] == [updates[0].update_id]
        assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == []


async def test_long_poll_returns_empty_when_timeout_passes(server: FakeTelegramServer) -> None:
    url = f"{server.url}/bot{server.token}/getUpdates"
    async with aiohttp.ClientSession() as http, http.post(url, json={"timeout": 0.2}) as resp:
        assert await resp.json() == {"ok": True, "result": []}


async def test_get_updates_batches_limit_and_allowed_updates(server: FakeTelegramServer) -> None:
    anne = server.user(1001, "Anne")
    for number in range(5):
        await anne.send_text(f"m{number}")
    async with server.make_bot() as bot:
        batch = await bot.get_updates(limit=3, timeout=0, allowed_updates=["message"])
        assert [u.message.text for u in batch] == ["m0", "m1", "m2"]
        server.block(1002)  # my_chat_member is not allowed any more: never queued
        rest = await bot.get_updates(offset=batch[-1].update_id + 1, timeout=0)
        assert [u.message.text for u in rest] == ["m3", "m4"]


async def test_retry_after_and_blocked_user(server: FakeTelegramServer) -> None:
    anne = server.user(1001, "Anne")
    server.user(1002, "Bob")
    server.rate_limit(anne.id, retry_after=3)
    async with server.make_bot() as bot:
        with pytest.raises(TelegramRetryAfter) as retry:
            await bot.send_message(anne.id, "rappel")
        assert retry.value.retry_after == 3
        await bot.send_message(anne.id, "rappel")
        server.block(1002)
        with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
            await bot.send_message(1002, "rappel")
        with pytest.raises(TelegramBadRequest, match="chat not found"):
            await bot.send_message(999, "rappel")
        assert server.pending_updates[-1]["my_chat_member"]["new_chat_member"]["status"] == "kicked"
        await server.user(1002).send_command("/start")  # writing again unblocks the bot
        await bot.send_message(1002, "de retour")
    assert [m.text for m in anne.messages] == ["rappel"]
    assert [m.text for m in server.user(1002).messages] == ["de retour"]


async def test_text_validation(server: FakeTelegramServer) -> None:
    server.user(1001)
    async with server.make_bot() as bot:
        with pytest.raises(TelegramBadRequest, match="message is too long"):
            await bot.send_message(1001, "a" * 4097)
        await bot.send_message(1001, "é" * 4096)
        with pytest.raises(TelegramBadRequest, match="message text is empty"):
            await bot.send_message(1001, "  ")
        with pytest.raises(TelegramBadRequest, match="Unsupported start tag"):
            await bot.send_message(1001, "index < 75", parse_mode="HTML")
        await bot.send_message(1001, "index &lt; 75", parse_mode="HTML")
    assert server.user(1001).messages[-1].text == "index < 75"


async def test_callback_data_limit(server: FakeTelegramServer) -> None:
    server.user(1001)

    def markup(data: str) -> InlineKeyboardMarkup:
        button = InlineKeyboardButton(text="ok", callback_data=data)
        return InlineKeyboardMarkup(inline_keyboard=[[button]])

    async with server.make_bot() as bot:
        with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
            await bot.send_message(1001, "choix", reply_markup=markup("é" * 33))
        await bot.send_message(1001, "choix", reply_markup=markup("x" * 64))
    assert server.user(1001).messages[-1].buttons == [[("ok", "x" * 64)]]


async def test_edit_errors_and_commands(server: FakeTelegramServer) -> None:
    server.user(1001)
    async with server.make_bot() as bot:
        sent = await bot.send_message(1001, "même texte")
        with pytest.raises(TelegramBadRequest, match="message is not modified"):
            await bot.edit_message_text("même texte", chat_id=1001, message_id=sent.message_id)
        with pytest.raises(TelegramBadRequest, match="message to edit not found"):
            await bot.edit_message_text("x", chat_id=1001, message_id=999)
        assert await bot.delete_message(1001, sent.message_id)
        await bot.set_my_commands([BotCommand(command="start", description="Commencer")])
        commands = await bot.get_my_commands()
        assert [(c.command, c.description) for c in commands] == [("start", "Commencer")]
        with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
            await bot.set_my_commands([BotCommand(command="Start!", description="x")])
    assert server.user(1001).messages[0].deleted


async def test_unknown_method_and_wrong_token(server: FakeTelegramServer) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{server.url}/bot{server.token}/sendRocket", json={}) as resp:
            assert resp.status == 404
            assert await resp.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
        async with http.get(f"{server.url}/bot1:wrong/getMe") as resp:
            assert (resp.status, (await resp.json())["description"]) == (401, "Unauthorized")


async def test_handler_exception_fails_the_test(server: FakeTelegramServer) -> None:
    router = Router()

    @router.message()
    async def broken(message: Message) -> None:
        raise ValueError("boom in handler")

    anne = server.user(1001)
    with pytest.raises(AssertionError, match="boom in handler"):
        async with running_bot(make_dispatcher(router), server):
            await anne.send_text("hello")
            await anne.expect_no_message()


async def test_waiting_for_nothing_explains_what_the_chat_got(server: FakeTelegramServer) -> None:
    anne = server.user(1001, "Anne")
    async with server.make_bot() as bot:
        await bot.send_message(anne.id, "seul message")
        assert (await anne.next_message()).text == "seul message"
        with pytest.raises(TelegramBadRequest):
            await bot.send_message(anne.id, "<i>oops", parse_mode="HTML")
    with pytest.raises(AssertionError) as failure:
        await anne.next_message(timeout=0.05)
    assert "'seul message'" in str(failure.value)
    assert "Can't find end tag" in str(failure.value)


async def test_webhook_delivery_and_reply_in_response(server: FakeTelegramServer) -> None:
    anne = server.user(1001, "Anne")
    bot = server.make_bot()
    app = web.Application()
    handler = SimpleRequestHandler(
        make_dispatcher(_webhook_router()), bot, handle_in_background=False, secret_token="s3cr3t"
    )
    handler.register(app, path="/telegram")
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    try:
        await bot.set_webhook(f"http://127.0.0.1:{port}/telegram", secret_token="s3cr3t")
        with pytest.raises(TelegramConflictError):
            await bot.get_updates(timeout=0)
        await anne.send_text("via webhook")
        assert (await anne.next_message()).text == "reçu : via webhook"
        await bot.delete_webhook()
        assert (await bot.get_webhook_info()).url == ""
    finally:
        await runner.cleanup()
        await bot.session.close()


def _webhook_router() -> Router:
    router = Router()

    @router.message(F.text)
    async def reply_in_response(message: Message) -> SendMessage:
        return message.answer(f"reçu : {message.text}")

    return router


def _html_default():
    from aiogram.client.default import DefaultBotProperties

    return DefaultBotProperties(parse_mode="HTML")


@pytest.mark.parametrize(
    ("text", "mode", "plain"),
    [
        ("<b>Index</b> &amp; <i>notes</i>", "HTML", "Index & notes"),
        ('<a href="https://egapro.travail.gouv.fr/">site</a>', "HTML", "site"),
        ("<blockquote expandable>cité</blockquote>", "HTML", "cité"),
        ("a & b &nbsp; c", "HTML", "a & b &nbsp; c"),
        ("*gras* et _italique_ 75\\.5", "MarkdownV2", "gras et italique 75.5"),
        ("[lien](https://example.org/a_b)", "MarkdownV2", "lien"),
        ("*gras* fichier\\_1.csv", "Markdown", "gras fichier_1.csv"),
    ],
)
def test_formatting_accepted(text: str, mode: str, plain: str) -> None:
    assert format_text(text, mode).text == plain


@pytest.mark.parametrize(
    ("text", "mode", "error"),
    [
        ("<b>gras", "HTML", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", "HTML", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<p>x</p>", "HTML", 'Unsupported start tag "p" at byte offset 0'),
        ("note: 75.5", "MarkdownV2", "Character '.' is reserved"),
        ("*gras", "MarkdownV2", "Can't find end of the entity starting at byte offset 0"),
        ("mon_fichier.csv", "Markdown", "Can't find end of the entity starting at byte offset 3"),
    ],
)
def test_formatting_refused(text: str, mode: str, error: str) -> None:
    with pytest.raises(MarkupError, match="can't parse entities") as refused:
        format_text(text, mode)
    assert error in str(refused.value)
