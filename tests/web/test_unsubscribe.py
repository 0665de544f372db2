"""One-click unsubscribe over real HTTP: a GET changes nothing, the RFC 8058 POST does."""

import re

import aiohttp

from store import email_standing, replies


async def token_for(database, email="rh@durand.fr") -> str:
    async with database.session() as session:
        return await replies.create(session, email=email, siren="552100554", kind="reminder")


async def may_receive(database, email="rh@durand.fr") -> bool:
    async with database.session() as session:
        return await email_standing.email_may_receive_reminders(session, email)


async def test_get_shows_a_button_and_does_not_unsubscribe(web_app, sqlite_db):
    token = await token_for(sqlite_db)
    async with aiohttp.ClientSession() as http:
        for _ in range(3):  # a mail scanner following the link
            async with http.get(f"{web_app.base_url}/unsubscribe/{token}") as response:
                page = await response.text()
                assert response.status == 200
    assert "<button" in page and "rh@durand.fr" in page
    assert await may_receive(sqlite_db)


async def test_one_click_post_unsubscribes_without_cookie_or_form_key(web_app, sqlite_db):
    token = await token_for(sqlite_db)
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            f"{web_app.base_url}/unsubscribe/{token.upper()}",
            data={"List-Unsubscribe": "One-Click"},
        ) as response,
    ):
        assert response.status == 200
    assert not await may_receive(sqlite_db)


async def test_page_buttons_unsubscribe_then_subscribe_again(web_app, sqlite_db):
    token = await token_for(sqlite_db)
    url = f"{web_app.base_url}/unsubscribe/{token}"
    async with aiohttp.ClientSession() as http:
        for expected in (False, True):
            async with http.get(url) as response:
                page = await response.text()
            fields = dict(re.findall(r'name="([^"]+)" value="([^"]+)"', page))
            async with http.post(url, data=fields) as response:
                assert response.status == 200
            assert await may_receive(sqlite_db) is expected


async def test_post_without_form_key_is_refused_and_unknown_token_is_404(web_app, sqlite_db):
    token = await token_for(sqlite_db)
    async with aiohttp.ClientSession() as http:
        async with http.post(
            f"{web_app.base_url}/unsubscribe/{token}", data={"action": "unsubscribe"}
        ) as response:
            assert response.status == 403
        async with http.get(f"{web_app.base_url}/unsubscribe/{'a' * 32}") as response:
            assert response.status == 404
    assert await may_receive(sqlite_db)
