"""The référents' pages over real HTTP: sign-in by email link, session cookie, dashboard,
company page, answer box, exports; and one regression test per security rule."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from sqlalchemy import update
from sqlmodel import select
from yarl import URL

from store import companies
from store.clock import FixedClock
from store.tables.inbound import EmailQuestion
from store.tables.outbox import OutboxMessage
from store.tables.referents import AppSecret, ReferentSession
from tests.referents.territory import (
    ALICE,
    BORDEAUX,
    BRUNO,
    CSRF,
    DAX,
    FORMULA,
    FORMULA_NAME,
    MOMENT,
    NOWHERE,
    QUESTION_TEXT,
    RENNES,
    SCRIPT,
    YEAR,
    new_client,
    prepare,
    serve,
    settings_for,
    sign_in,
)
from web.keys import FORM_SECRET
from web.referent_auth import COOKIE, COOKIE_PURPOSE
from web.signing import sign_expiring


@pytest.fixture
async def site(request, db):
    settings = settings_for(**getattr(request, "param", {}))
    served = await serve(db, settings, FixedClock(MOMENT))
    served.questions = await prepare(db, year=YEAR)
    served.database = db
    yield served
    await served.runner.cleanup()


@pytest.fixture
async def client(site):
    client = new_client(site.base_url)
    yield client
    await client.http.close()


async def _outbox(database, kind):
    async with database.session() as session:
        rows = await session.exec(select(OutboxMessage).where(OutboxMessage.kind == kind))
        return list(rows.all())


async def _csrf(client, path="/referents") -> str:
    status, page, _ = await client.get(path)
    assert status == 200
    return CSRF.search(page.decode()).group(1)


async def test_sign_in_answers_the_same_and_mails_only_a_referent(site, client):
    status, page, _ = await client.get("/referents")
    assert status == 200
    assert '<label for="email">' in page.decode()
    status, unknown, _ = await client.post("/referents/sign-in", {"email": "nobody@example.fr"})
    status_known, known, _ = await client.post("/referents/sign-in", {"email": ALICE})
    assert (status, status_known) == (200, 200)
    assert unknown.replace("nobody@example.fr", ALICE) == known
    sent = await _outbox(site.database, "referent_sign_in")
    assert [row.recipient for row in sent] == [ALICE]
    assert "/referents/sign-in/" in sent[0].payload["params"]["link"]
    assert site.outbox_wakes == 1

    status, page, _ = await client.post("/referents/sign-in", {"email": "pas une adresse"})
    assert status == 400
    assert "n&#x27;est pas une adresse email valide" in page


async def test_the_link_opens_a_session_with_a_safe_cookie_and_works_once(site, client):
    token, response = await sign_in(client, site.database, ALICE)
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"] == ""  # the public URL is http here
    assert cookie["max-age"] == str(8 * 3600)
    assert cookie["path"] == "/referents"
    assert response.headers["Location"] == "/referents"

    status, page, _ = await client.get("/referents")
    text = page.decode()
    assert status == 200
    assert "Connecté : Alice Martin" in text
    assert "33 Gironde, 40 Landes" in text
    # Second use of the same link: refused, no second session.
    status, page, _ = await client.get(f"/referents/sign-in/{token}")
    assert status == 410
    assert "a déjà servi" in page.decode()
    async with site.database.session() as session:
        assert len((await session.exec(select(ReferentSession))).all()) == 1


@pytest.mark.parametrize("site", [{"public_base_url": "https://egapro.example"}], indirect=True)
async def test_the_cookie_is_secure_when_the_public_url_is_https(site, client):
    _, response = await sign_in(client, site.database, ALICE)
    assert response.cookies[COOKIE]["secure"] is True


async def test_sign_in_requests_are_rate_limited_for_everyone_alike(site, client):
    for email in (ALICE, "nobody@example.fr"):
        statuses = [
            (await client.post("/referents/sign-in", {"email": email}))[0] for _ in range(4)
        ]
        assert statuses == [200, 200, 200, 429]
    assert len(await _outbox(site.database, "referent_sign_in")) == 3


async def test_a_forged_or_expired_cookie_is_refused(site, client):
    await sign_in(client, site.database, ALICE)
    genuine = client.http.cookie_jar.filter_cookies(URL(site.base_url + "/referents"))[COOKIE].value
    secret = site.app[FORM_SECRET]
    token = genuine.split(".")[0]
    past = MOMENT - timedelta(minutes=1)
    forged = {
        "tampered": genuine[:-1] + ("0" if genuine[-1] != "0" else "1"),
        "other key": sign_expiring(b"x" * 32, COOKIE_PURPOSE, token, past + timedelta(hours=9)),
        "expired": sign_expiring(secret, COOKIE_PURPOSE, token, past),
        "unknown session": sign_expiring(
            secret, COOKIE_PURPOSE, "A" * 43, past + timedelta(hours=1)
        ),
    }
    for name, value in forged.items():
        status, page, _ = await client.get("/referents", cookies={COOKIE: value})
        assert status == 200, name
        assert "Connexion des référents" in page.decode(), name
        status, _, _ = await client.get(f"/referents/companies/{BORDEAUX}", cookies={COOKIE: value})
        assert status == 200  # the sign-in form, nothing of the company
    # A session past its 8 hours in the store: refused even with a genuine cookie.
    async with site.database.session() as session:
        await session.exec(update(ReferentSession).values(expires_at=past))
    status, page, _ = await client.get("/referents")
    assert "Connexion des référents" in page.decode()


async def test_sign_out_ends_the_session_even_for_a_copied_cookie(site, client):
    await sign_in(client, site.database, ALICE)
    copied = client.http.cookie_jar.filter_cookies(URL(site.base_url + "/referents"))[COOKIE].value
    status, _, _ = await client.post("/referents/sign-out", {})
    assert status == 403  # no CSRF key
    status, page, response = await client.post("/referents/sign-out", {"csrf": await _csrf(client)})
    assert status == 200
    assert "Vous êtes déconnecté" in page
    assert response.cookies[COOKIE].value == ""
    status, page, _ = await client.get("/referents", cookies={COOKIE: copied})
    assert "Connexion des référents" in page.decode()


async def test_the_secret_is_kept_in_the_database_and_survives_a_restart(db):
    settings = settings_for()
    clock = FixedClock(MOMENT)
    await prepare(db, year=YEAR)
    first = await serve(db, settings, clock)
    client = new_client(first.base_url)
    try:
        await sign_in(client, db, ALICE)
        jar = client.http.cookie_jar.filter_cookies(URL(first.base_url + "/referents"))
        cookie = jar[COOKIE].value
        await first.runner.cleanup()
        second = await serve(db, settings, clock)
        assert second.app[FORM_SECRET] == first.app[FORM_SECRET]
        client.base_url = second.base_url
        status, page, _ = await client.get("/referents", cookies={COOKIE: cookie})
        assert status == 200
        assert "Connecté : Alice Martin" in page.decode()
        await second.runner.cleanup()
    finally:
        await client.http.close()
    async with db.session() as session:
        assert len((await session.exec(select(AppSecret))).all()) == 1


async def test_dashboard_counts_filters_search_sort(site, client):
    await sign_in(client, site.database, ALICE)
    status, page, _ = await client.get("/referents")
    text = page.decode()
    assert status == 200
    assert "Toutes : 4" in text
    assert "Non commencée : 3" in text
    assert "Déclarée sur la plateforme officielle : 1" in text
    assert "3 entreprise(s) en retard" in text
    for siren in (BORDEAUX, DAX, SCRIPT, FORMULA):
        assert f"/referents/companies/{siren}" in text
    assert RENNES not in text and NOWHERE not in text

    _, page, _ = await client.get("/referents?status=declared_elsewhere")
    assert DAX in page.decode() and BORDEAUX not in page.decode()
    _, page, _ = await client.get("/referents?departement=40")
    assert DAX in page.decode() and BORDEAUX not in page.decode()
    _, page, _ = await client.get("/referents?band=1000:")
    assert SCRIPT in page.decode() and BORDEAUX not in page.decode()
    _, page, _ = await client.get("/referents?q=bordeaux")
    assert BORDEAUX in page.decode() and DAX not in page.decode()
    _, page, _ = await client.get(f"/referents?q={DAX[:8]}")
    assert DAX in page.decode() and BORDEAUX not in page.decode()
    _, page, _ = await client.get("/referents?sort=siren&order=desc")
    text = page.decode()
    positions = [text.index(f"/referents/companies/{s}") for s in (FORMULA, SCRIPT, DAX, BORDEAUX)]
    assert positions == sorted(positions)
    _, page, _ = await client.get("/referents?sort=nonsense&status=nonsense&page=x")
    assert "Toutes : 4" in page.decode()


async def test_pagination(site, client):
    async with site.database.session() as session:
        for number in range(55):
            await companies.upsert(
                session, f"9{number:08d}", name=f"Zeta {number:02d}", departement="40"
            )
    await sign_in(client, site.database, ALICE)
    _, page, _ = await client.get("/referents")
    text = page.decode()
    assert "59 entreprise(s) – page 1 sur 2" in text
    assert 'rel="next"' in text and 'rel="prev"' not in text
    _, page, _ = await client.get("/referents?page=2")
    text = page.decode()
    assert "page 2 sur 2" in text and "Zeta 54" in text and "Bordeaux Vins" not in text
    assert 'rel="prev"' in text


async def test_a_referent_of_another_departement_gets_404_everywhere(site, client):
    await sign_in(client, site.database, BRUNO)
    status, _, _ = await client.get(f"/referents/companies/{RENNES}")
    assert status == 200
    for siren in (BORDEAUX, NOWHERE, "000000000", "../../x"):
        status, _, _ = await client.get(f"/referents/companies/{siren}")
        assert status == 404, siren
    # A filter naming another département gives nothing, in the list and in the exports.
    _, page, _ = await client.get("/referents?departement=33")
    assert BORDEAUX not in page.decode()
    for fmt in ("csv", "xlsx"):
        status, body, _ = await client.get(f"/referents/export.{fmt}?departement=33")
        assert status == 200
        assert BORDEAUX.encode() not in body
    status, body, _ = await client.get("/referents/export.csv")
    assert RENNES.encode() in body and BORDEAUX.encode() not in body
    # Answering another département's question by its id.
    csrf = await _csrf(client)
    status, _, _ = await client.post(
        f"/referents/questions/{site.questions[BORDEAUX]}/answer", {"csrf": csrf, "answer": "Non"}
    )
    assert status == 404
    async with site.database.session() as session:
        question = await session.get(EmailQuestion, site.questions[BORDEAUX])
    assert question.status == "open"


async def test_without_a_session_exports_and_answers_are_404(site, client):
    for path in ("/referents/export.csv", "/referents/export.xlsx"):
        assert (await client.get(path))[0] == 404
    status, _, _ = await client.post(
        f"/referents/questions/{site.questions[BORDEAUX]}/answer", {"answer": "x"}
    )
    assert status == 404


async def test_a_company_name_with_markup_is_shown_as_text(site, client):
    await sign_in(client, site.database, ALICE)
    for path in ("/referents", f"/referents/companies/{SCRIPT}"):
        _, page, _ = await client.get(path)
        text = page.decode()
        assert "<script>" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt; SA" in text


async def test_exports_are_excel_friendly_and_neutralise_formulas(site, client):
    await sign_in(client, site.database, ALICE)
    status, body, response = await client.get("/referents/export.csv")
    assert status == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["SIREN", "Raison sociale", "Département", "Tranche", "Statut", "Index"]
    by_siren = {row[0]: row for row in rows[1:]}
    assert set(by_siren) == {BORDEAUX, DAX, SCRIPT, FORMULA}
    assert by_siren[FORMULA][1] == "'" + FORMULA_NAME
    assert by_siren[DAX][5] == "88"
    assert by_siren[BORDEAUX][8] == "oui"  # late

    status, body, response = await client.get("/referents/export.xlsx?status=not_started")
    assert status == 200
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    values = list(sheet.iter_rows(values_only=True))
    names = {row[0]: row[1] for row in values[1:]}
    assert set(names) == {BORDEAUX, SCRIPT, FORMULA}
    assert names[FORMULA] == "'" + FORMULA_NAME
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


async def test_company_page_and_answer_box(site, client):
    await sign_in(client, site.database, ALICE)
    status, page, _ = await client.get(f"/referents/companies/{BORDEAUX}")
    text = page.decode()
    assert status == 200
    assert "<title>Bordeaux Vins" in text
    assert QUESTION_TEXT.replace("'", "&#x27;") in text
    assert 'label for="answer-' in text
    question_id = site.questions[BORDEAUX]
    path = f"/referents/questions/{question_id}/answer"

    status, _, _ = await client.post(path, {"answer": "Chaque entreprise."})
    assert status == 403  # no CSRF key
    csrf = CSRF.search(text).group(1)
    status, _, _ = await client.post(path, {"answer": "Chaque entreprise.", "csrf": "0" * 64})
    assert status == 403
    status, _, response = await client.post(path, {"answer": "  ", "csrf": csrf})
    assert status == 303 and "answer=empty" in response.headers["Location"]
    status, _, response = await client.post(path, {"answer": "Chaque entreprise.", "csrf": csrf})
    assert status == 303 and "answer=sent" in response.headers["Location"]
    status, _, response = await client.post(path, {"answer": "Encore.", "csrf": csrf})
    assert "answer=already_answered" in response.headers["Location"]

    [sent] = await _outbox(site.database, "referent_answer")
    assert sent.recipient == "rh1@entreprise.fr"
    assert sent.payload["params"]["answer"] == "Chaque entreprise."
    assert sent.payload["reply_context"] == {"siren": BORDEAUX, "person_email": "rh1@entreprise.fr"}
    _, page, _ = await client.get(f"/referents/companies/{BORDEAUX}?answer=sent")
    text = page.decode()
    assert "Votre réponse a été envoyée par email" in text
    assert "Répondu le" in text and "par alice@dreets.gouv.fr" in text
    assert 'label for="answer-' not in text


async def test_home_links_to_the_dashboard(site, client):
    status, page, _ = await client.get("/")
    assert status == 200
    assert 'href="/referents"' in page.decode()
