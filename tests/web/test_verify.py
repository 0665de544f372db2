import html
import re
from datetime import timedelta

from sqlmodel import select

from store import companies, declarants, links, telegram_users, tokens
from store.tables.identity import CompanyLink, VerificationToken
from store.tables.outbox import OutboxMessage
from store.types import utcnow
from web.keys import FORM_SECRET
from web.security import form_value

SIREN = "552100554"
FORM_KEY = re.compile(r'name="form_key" value="([0-9a-f]{64})"')


async def _ask(database, *, user_id=501, email="rh@example.fr", siren=SIREN, now=None):
    async with database.session() as session:
        await telegram_users.touch(
            session, user_id=user_id, chat_id=user_id, first_name="Anne", telegram_language="fr"
        )
        return await tokens.create(
            session,
            email=email,
            telegram_user_id=user_id,
            siren=siren,
            ttl=timedelta(hours=24),
            now=now,
        )


async def _consumed(database) -> list[bool]:
    async with database.session() as session:
        rows = (await session.exec(select(VerificationToken))).all()
    return [row.consumed_at is not None for row in rows]


async def _links(database) -> list[tuple[int, str]]:
    async with database.session() as session:
        rows = (await session.exec(select(CompanyLink))).all()
    return [(row.telegram_user_id, row.siren) for row in rows]


async def _get(http, web_app, token, **headers):
    async with http.get(f"{web_app.base_url}/verify/{token}", headers=headers) as response:
        return response.status, await response.text(), response.headers


async def _post(http, web_app, token, form_key, **headers):
    data = {} if form_key is None else {"form_key": form_key}
    url = f"{web_app.base_url}/verify/{token}"
    async with http.post(url, data=data, headers=headers) as response:
        return response.status, await response.text()


async def _form_key(http, web_app, token) -> str:
    status, page, _ = await _get(http, web_app, token)
    assert status == 200, page
    return FORM_KEY.search(page).group(1)


async def test_get_shows_the_request_and_uses_nothing(sqlite_db, web_app, http):
    async with sqlite_db.session() as session:
        await companies.upsert(session, SIREN, name="Acme & Fils")
    token = await _ask(sqlite_db)
    for _ in range(3):
        status, page, headers = await _get(http, web_app, token)
        assert status == 200
    assert "Acme &amp; Fils (SIREN 552100554)" in page
    assert "rh@example.fr" in page
    assert '<form method="post" action="/verify/' + token + '">' in page
    assert '<html lang="fr">' in page
    assert "Confirmer" in page
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cache-Control"] == "no-store"
    assert headers["X-Frame-Options"] == "DENY"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert await _consumed(sqlite_db) == [False]
    assert await _links(sqlite_db) == []


async def test_page_is_english_when_the_browser_prefers_it(sqlite_db, web_app, http):
    token = await _ask(sqlite_db)
    _, page, _ = await _get(http, web_app, token, **{"Accept-Language": "en-GB,en;q=0.9,fr;q=0.5"})
    assert '<html lang="en">' in page
    assert "Confirm your address" in page
    assert "Company with SIREN 552100554" in page
    _, page, _ = await _get(http, web_app, token, **{"Accept-Language": "fr-FR,en;q=0.8"})
    assert '<html lang="fr">' in page


async def test_post_links_the_asker_and_queues_the_telegram_news(sqlite_db, web_app, http):
    token = await _ask(sqlite_db, user_id=502)
    form_key = await _form_key(http, web_app, token)
    status, page = await _post(http, web_app, token, form_key)
    assert status == 200
    assert "C'est confirmé" in html.unescape(page)
    assert await _links(sqlite_db) == [(502, SIREN)]
    async with sqlite_db.session() as session:
        assert await declarants.emails_of(session, SIREN) == ["rh@example.fr"]
        queued = (await session.exec(select(OutboxMessage))).all()
    assert [(m.channel, m.recipient, m.kind) for m in queued] == [
        ("telegram", "502", "company_linked")
    ]
    assert web_app.outbox_wakes == 1


async def test_reused_token_is_refused(sqlite_db, web_app, http):
    token = await _ask(sqlite_db)
    form_key = await _form_key(http, web_app, token)
    assert (await _post(http, web_app, token, form_key))[0] == 200
    status, page = await _post(http, web_app, token, form_key)
    assert status == 410
    assert "Lien déjà utilisé" in page
    status, page, _ = await _get(http, web_app, token)
    assert status == 410
    assert "Confirmer" not in page
    async with sqlite_db.session() as session:
        assert len((await session.exec(select(OutboxMessage))).all()) == 1


async def test_expired_token_gets_a_clear_page(sqlite_db, web_app, http):
    form_source = await _ask(sqlite_db, user_id=503)
    token = await _ask(sqlite_db, user_id=504, now=utcnow() - timedelta(hours=25))
    status, page, _ = await _get(http, web_app, token)
    assert status == 410
    assert "Lien expiré" in page
    assert "24 heures" in page
    # Even with a genuine form value for it, an expired token links nothing.
    key = form_value(web_app.app[FORM_SECRET], "verify", token)
    status, _ = await _post(http, web_app, token, key)
    assert status == 410
    assert await _links(sqlite_db) == []
    assert form_source  # the other token is untouched
    assert await _consumed(sqlite_db) == [False, False]


async def test_forged_and_truncated_tokens_are_unknown(sqlite_db, web_app, http):
    token = await _ask(sqlite_db)
    forged = ("A" if token[0] != "A" else "B") + token[1:]
    for candidate in (token[:-1], token[:10], forged, token + "A", "x"):
        status, page, headers = await _get(http, web_app, candidate)
        assert status == 404
        assert "Lien inconnu" in page
        assert headers["Referrer-Policy"] == "no-referrer"
    assert await _consumed(sqlite_db) == [False]


async def test_post_needs_the_form_value_of_its_own_page(sqlite_db, web_app, http):
    token = await _ask(sqlite_db, user_id=505)
    other = await _ask(sqlite_db, user_id=506, siren="732829320")
    other_key = await _form_key(http, web_app, other)
    for form_key in (None, "", "0" * 64, other_key):
        status, page = await _post(http, web_app, token, form_key)
        assert status == 403
        assert "Formulaire refusé" in page
    assert await _consumed(sqlite_db) == [False, False]
    assert await _links(sqlite_db) == []


async def test_post_from_another_site_is_refused(sqlite_db, web_app, http):
    token = await _ask(sqlite_db)
    form_key = await _form_key(http, web_app, token)
    status, _ = await _post(http, web_app, token, form_key, Origin="https://evil.example")
    assert status == 403
    assert await _consumed(sqlite_db) == [False]
    status, _ = await _post(http, web_app, token, form_key, Origin=web_app.base_url)
    assert status == 200


async def test_an_email_no_longer_allowed_is_refused_at_confirmation(sqlite_db, web_app, http):
    token = await _ask(sqlite_db, email="late@example.fr")
    form_key = await _form_key(http, web_app, token)
    async with sqlite_db.session() as session:
        await declarants.add(session, SIREN, "first@example.fr")
    status, page = await _post(http, web_app, token, form_key)
    assert status == 403
    assert "Adresse non autorisée" in page
    assert "first@example.fr" not in page
    async with sqlite_db.session() as session:
        assert not await links.may_act(session, 501, SIREN)


async def test_everything_shown_is_escaped(sqlite_db, web_app, http):
    async with sqlite_db.session() as session:
        await companies.upsert(session, SIREN, name='<script>alert("x")</script>')
        await telegram_users.touch(
            session, user_id=507, chat_id=507, first_name="<b>Eve</b>", telegram_language="fr"
        )
        token = await tokens.create(
            session,
            email="rh@example.fr",
            telegram_user_id=507,
            siren=SIREN,
            ttl=timedelta(hours=1),
        )
    _, page, _ = await _get(http, web_app, token)
    assert "<script>" not in page
    assert "<b>Eve" not in page
    assert html.escape('<script>alert("x")</script>') in page
    assert "&lt;b&gt;Eve&lt;/b&gt;" in page


async def test_unknown_path_is_a_page_with_the_same_headers(web_app, http):
    async with http.get(f"{web_app.base_url}/nope") as response:
        assert response.status == 404
        assert "Page introuvable" in await response.text()
        assert response.headers["X-Frame-Options"] == "DENY"
