"""Webhook mode through the Service: Telegram (the fake Bot API) posts to the web app, which
stores each update before answering 200; the bot processes it from the store."""

import asyncio

from sqlmodel import select

from bot.texts import text
from egapro_assistant.service import Service
from store.tables.telegram import TelegramUpdate, UpdateStatus
from tests.e2e.conftest import service_settings
from tests.fakes import DEFAULT_TOKEN

SECRET = "s3cret_Token-42"


def webhook_settings(tmp_path, smtp, telegram, **overrides):
    settings = service_settings(tmp_path, smtp, telegram)
    url = f"http://127.0.0.1:{settings.web_port}/telegram/webhook"
    return settings.model_copy(
        update={"telegram_webhook_url": url, "telegram_webhook_secret": SECRET, **overrides}
    )


def update_json(user, update_id: int, text_: str) -> dict:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_700_000_000,
            "chat": user.as_chat(),
            "from": user.as_user(),
            "text": text_,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text_)}],
        },
    }


async def stored_updates(database) -> dict[int, TelegramUpdate]:
    async with database.session() as session:
        return {row.update_id: row for row in (await session.exec(select(TelegramUpdate))).all()}


async def test_updates_posted_by_telegram_are_stored_then_answered(tmp_path, smtp, telegram, http):
    settings = webhook_settings(tmp_path, smtp, telegram)
    async with Service(settings) as service:
        await asyncio.wait_for(_registered(service), 10)
        assert telegram.webhook["url"] == settings.telegram_webhook_url
        assert telegram.webhook["secret_token"] == SECRET
        assert telegram.poll_count == 0

        anne = telegram.user(3001, "Anne")
        await anne.send_command("/start")
        assert (await anne.next_message()).text.startswith("Bonjour")
        await telegram.settled()
        [row] = (await stored_updates(service.database)).values()
        assert (row.status, row.chat_id, row.payload) == (UpdateStatus.DONE, 3001, {})

        async with http.get(f"{service.web_url}/healthz") as response:
            assert response.status == 200
            health = await response.json()
        assert health["parts"]["telegram"]["mode"] == "webhook"


async def test_a_request_without_the_secret_is_refused_and_not_processed(
    tmp_path, smtp, telegram, http
):
    settings = webhook_settings(tmp_path, smtp, telegram)
    async with Service(settings) as service:
        await asyncio.wait_for(_registered(service), 10)
        bob = telegram.user(3002, "Bob")
        url = settings.telegram_webhook_url
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
            async with http.post(url, json=update_json(bob, 91, "/help"), headers=headers) as r:
                assert r.status == 401
        assert await stored_updates(service.database) == {}

        # The same update id posted twice (Telegram retried): answered once.
        good = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        for _ in range(2):
            async with http.post(url, json=update_json(bob, 92, "/help"), headers=good) as r:
                assert r.status == 200
        assert (await bob.next_message()).text == text("help", "fr")
        await asyncio.sleep(0.5)  # time for a second answer, if there were one
        assert len(bob.messages) == 1
        assert list(await stored_updates(service.database)) == [92]

        async with http.post(url, data=b"not json", headers=good) as r:
            assert r.status == 400
        async with http.post(url, json={"message": {}}, headers=good) as r:
            assert r.status == 400


async def test_webhook_mode_needs_a_secret(tmp_path, smtp, telegram):
    settings = webhook_settings(tmp_path, smtp, telegram, telegram_webhook_secret=None)
    service = Service(settings)
    try:
        await service.start()
    except Exception as error:
        assert "EGAPRO_TELEGRAM_WEBHOOK_SECRET" in str(error)
    else:
        raise AssertionError("the service started without a webhook secret")
    finally:
        await service.stop()
    assert telegram.webhook is None and DEFAULT_TOKEN


async def _registered(service) -> None:
    while not service.updates.registered:
        await asyncio.sleep(0.02)
