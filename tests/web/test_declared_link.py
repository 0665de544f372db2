"""The reminder email's "J'ai déjà déclaré" link over real HTTP: a GET changes nothing, the page's
form records "declared elsewhere" for the reminder's campaign and stops its reminders."""

import re

import aiohttp

from store import companies, declarations, outbox, replies
from store.tables.outbox import OutboxMessage, OutboxStatus

SIREN = "552100554"


async def reminder_token(database) -> str:
    async with database.session() as session:
        await companies.upsert(session, SIREN, name="Durand", workforce_range="50:250")
        await outbox.enqueue(
            session,
            channel="email",
            recipient="rh@durand.fr",
            dedup_key="reminder:2027:552100554:index:j-7:email:rh@durand.fr",
            kind="reminder",
            siren=SIREN,
            payload={},
            topic="reminders:2027:index",
        )
        return await replies.create(
            session, email="rh@durand.fr", siren=SIREN, kind="reminder", campaign_year=2027
        )


async def official(database):
    async with database.session() as session:
        return await declarations.get_index(session, SIREN, 2026)


async def test_get_asks_and_the_form_records_and_stops_the_reminders(web_app, sqlite_db):
    token = await reminder_token(sqlite_db)
    url = f"{web_app.base_url}/declared/{token}"
    async with aiohttp.ClientSession() as http:
        for _ in range(2):  # a mail scanner following the link
            async with http.get(url) as response:
                page = await response.text()
                assert response.status == 200
        assert "Durand (SIREN 552100554)" in page and "2026" in page
        assert await official(sqlite_db) is None
        fields = dict(re.findall(r'name="([^"]+)" value="([^"]+)"', page))
        async with http.post(url, data={**fields, "index": "abc"}) as response:
            assert response.status == 400
            assert "abc" in await response.text()
        assert await official(sqlite_db) is None  # nothing recorded on bad input
        async with http.post(url, data={**fields, "index": "87"}) as response:
            assert response.status == 200
    row = await official(sqlite_db)
    assert (row.channel, row.index, row.elsewhere_source) == (
        "official_platform",
        87,
        "email_reply",
    )
    async with sqlite_db.session() as session:
        reminder = await session.get(OutboxMessage, 1)
    assert reminder.status == OutboxStatus.CANCELLED


async def test_post_without_form_key_is_refused_and_unknown_token_is_404(web_app, sqlite_db):
    token = await reminder_token(sqlite_db)
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{web_app.base_url}/declared/{token}", data={}) as response:
            assert response.status == 403
        async with http.get(f"{web_app.base_url}/declared/unknowntoken") as response:
            assert response.status == 404
    assert await official(sqlite_db) is None
