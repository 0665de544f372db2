"""What a person reads along an emailed link names the channel they use: Telegram, or the web
chat (with its page's address). The same conversation through both channels (``channel``), the
emails rendered from the outbox, the pages over real HTTP, in French and in English."""

import html
import re

import aiohttp
import pytest
from sqlmodel import select

from bot.app import build_dispatcher
from bot.callbacks import MenuAction
from bot.routers.companies import CompanyAction
from egapro_assistant.config import Settings
from mail import templates
from store import referents
from store.referents import Territory
from store.tables.outbox import OutboxMessage
from tests.web.conftest import serve

PUBLIC = "https://assistant.test"
CHAT_URL = f"{PUBLIC}/chat"
COMPANIES = MenuAction(action="companies").pack()
LINK = CompanyAction(action="link").pack()
FORM_KEY = re.compile(r'name="form_key" value="([0-9a-f]{64})"')
TAG = re.compile(r"<[^>]+>")

# The words each channel's person must read, and those they must not.
WORDS = {
    "telegram": {
        "fr": ("Telegram", "chat en ligne"),
        "en": ("Telegram", "web chat"),
    },
    "web": {
        "fr": ("chat en ligne", "Telegram"),
        "en": ("web chat", "Telegram"),
    },
}


def _settings() -> Settings:
    return Settings(_env_file=None, public_base_url=PUBLIC, verification_ttl_hours=24)


@pytest.fixture
async def setup(sqlite_db, channel):
    settings = _settings()
    dispatcher = build_dispatcher(sqlite_db, settings=settings)
    served = await serve(sqlite_db, settings)
    async with (
        channel.running(dispatcher),
        aiohttp.ClientSession() as http,
    ):
        yield channel, served, http
    await served.runner.cleanup()


def _kind(request) -> str:
    return request.node.callspec.params["channel"]


async def _email(database, kind: str) -> OutboxMessage:
    async with database.session() as session:
        statement = select(OutboxMessage).where(OutboxMessage.kind == kind)
        return (await session.exec(statement)).one()


def _reads(document: str) -> str:
    return html.unescape(TAG.sub(" ", document))


def _check(words: str, channel: str, language: str, what: str) -> None:
    wanted, unwanted = WORDS[channel][language]
    assert wanted in words, f"{what} ({language}) should say {wanted!r}:\n{words}"
    assert unwanted not in words, f"{what} ({language}) should not say {unwanted!r}:\n{words}"


def _check_email(row: OutboxMessage, channel: str) -> None:
    for language in ("fr", "en"):
        rendered = templates.render(row.kind, row.payload["params"], language)
        for part, words in (("text", rendered.text), ("html", _reads(rendered.html))):
            _check(f"{rendered.subject}\n{words}", channel, language, f"the email's {part}")
        assert (CHAT_URL in rendered.text) is (channel == "web")


async def _page(http, url: str, language: str, method: str = "GET", **kwargs):
    headers = {"Accept-Language": language}
    async with http.request(method, url, headers=headers, **kwargs) as response:
        return response.status, await response.text()


def _local(served, link: str) -> str:
    return served.base_url + link.removeprefix(PUBLIC)


async def _confirm_by_email(row, served, http, kind: str, whose: str) -> str:
    """Check the email's words, then the link's confirmation page (French and English) and the
    page after confirming; returns the link."""
    _check_email(row, kind)
    link = _local(served, row.payload["params"]["link"])
    for language in ("fr", "en"):
        status, page = await _page(http, link, language)
        assert status == 200
        _check(_reads(page), kind, language, f"{whose} confirmation page")
    form_key = FORM_KEY.search(page).group(1)
    status, done = await _page(http, link, "fr", "POST", data={"form_key": form_key})
    assert status == 200
    _check(_reads(done), kind, "fr", f"{whose} page after confirming")
    assert (f'href="{CHAT_URL}"' in done) is (kind == "web")
    return link


async def test_the_company_link_names_the_channel_in_its_email_and_pages(request, sqlite_db, setup):
    channel, served, http = setup
    kind = _kind(request)
    anne = channel.user(1001, "Anne")
    await anne.send_command("/start")
    await anne.next_message()
    await anne.press(COMPANIES)
    await anne.next_message()
    await anne.press(LINK)
    await anne.next_message()
    await anne.send_text("552100554")
    await anne.next_message()
    await anne.send_text("rh@example.fr")
    await anne.next_message()

    row = await _email(sqlite_db, "verification_link")
    link = await _confirm_by_email(row, served, http, kind, "the")
    for language in ("fr", "en"):  # the link again: already used
        status, used = await _page(http, link, language)
        assert status == 410
        _check(_reads(used), kind, language, "the used link's page")


async def test_the_referent_link_names_the_channel_in_its_email_and_pages(
    request, sqlite_db, setup
):
    channel, served, http = setup
    kind = _kind(request)
    async with sqlite_db.session() as session:
        await referents.upsert(
            session, "alice@dreets.gouv.fr", "Alice", [Territory("33", "Nouvelle-Aquitaine", False)]
        )
    alice = channel.user(3101, "Alice")
    await alice.send_command("/referent", "alice@dreets.gouv.fr")
    await alice.next_message()

    row = await _email(sqlite_db, "referent_telegram_link")
    await _confirm_by_email(row, served, http, kind, "the référent's")
