"""The référents' dashboard driven in headless Chromium, as a référent would use it: the sign-in
link followed from the email, filters and search used, a company opened, a question answered
(the declarant receives the answer by SMTP), an export downloaded."""

import asyncio
import re
from pathlib import Path

from store import companies, questions, referents
from store.referents import Territory
from store.tables.inbound import InboundMessage
from tests.e2e.test_link_company_browser import browser  # noqa: F401  (the Chromium fixture)

SIGN_IN_LINK = re.compile(r"https?://[^\s<>\"]+/referents/sign-in/[A-Za-z0-9_-]{43}")
BORDEAUX, ARCACHON, RENNES = "552100554", "443061841", "732829320"


async def _mail_to(smtp, recipient: str, subject_part: str, timeout: float = 10.0):
    """The first message to ``recipient`` whose subject contains ``subject_part``."""
    for _ in range(int(timeout / 0.1)):
        for received in smtp.handler.received:
            message = received.message
            if recipient in received.recipients and subject_part in message["Subject"]:
                return message
        await asyncio.sleep(0.1)
    raise AssertionError(f"no message to {recipient} about {subject_part!r}")


async def _prepare(database) -> None:
    async with database.session() as session:
        await referents.upsert(
            session,
            "alice@dreets.gouv.fr",
            "Alice Martin",
            [Territory("33", "Nouvelle-Aquitaine", False)],
        )
        await companies.upsert(
            session, BORDEAUX, name="Bordeaux Vins", departement="33", workforce_range="50:250"
        )
        await companies.upsert(
            session, ARCACHON, name="Arcachon Huîtres", departement="33", workforce_range="1000:"
        )
        await companies.upsert(
            session, RENNES, name="Rennes Outils", departement="35", workforce_range="50:250"
        )
        message = InboundMessage(recipient="r+x@reply.test", raw=b"x", status="processed")
        session.add(message)
        await session.flush()
        await questions.record(
            session,
            inbound_message_id=message.id,
            email="rh@bordeaux-vins.fr",
            text="Devons-nous déclarer avant le 1er mars ?",
            siren=BORDEAUX,
            answered_kind="reminder",
            subject="Date limite",
        )


async def test_a_referent_uses_the_dashboard_in_chromium(service, smtp, browser, tmp_path):  # noqa: F811
    await _prepare(service.database)
    context = await browser.new_context(locale="fr-FR", accept_downloads=True)
    page = await context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))

    # From the home page to the sign-in form, then the link from the email.
    await page.goto(service.web_url + "/")
    await page.get_by_role("link", name=re.compile("Référents DREETS")).click()
    assert await page.title() == "Connexion des référents – Assistant Egapro – référents"
    await page.get_by_label("Adresse email professionnelle").fill("alice@dreets.gouv.fr")
    await page.get_by_role("button", name="Recevoir un lien de connexion").click()
    assert await page.locator("h1").inner_text() == "Vérifiez votre messagerie"
    mail = await _mail_to(smtp, "alice@dreets.gouv.fr", "lien de connexion")
    body = mail.get_body(preferencelist=("plain",)).get_content()
    link = SIGN_IN_LINK.search(body).group(0)
    await page.goto(link)
    await page.get_by_role("button", name="Se connecter").click()
    heading = await page.locator("h1").inner_text()
    assert heading.startswith("Votre territoire – campagne")
    table = page.locator("table")
    assert "Bordeaux Vins" in await table.inner_text()
    assert "Arcachon Huîtres" in await table.inner_text()
    assert "Rennes" not in await page.content()

    # Filters and search, as a person uses them.
    await page.get_by_label("Tranche").select_option("1000:")
    await page.get_by_role("button", name="Afficher").click()
    assert "Arcachon Huîtres" in await table.inner_text()
    assert "Bordeaux Vins" not in await table.inner_text()
    await page.get_by_label("Tranche").select_option("")
    await page.get_by_label("SIREN ou nom").fill("bordeaux")
    await page.get_by_role("button", name="Afficher").click()
    assert "Bordeaux Vins" in await table.inner_text()
    assert "Arcachon" not in await table.inner_text()

    # The export of the filtered list.
    async with page.expect_download() as waiting:
        await page.get_by_role("link", name="CSV (Excel)").click()
    download = await waiting.value
    path = Path(tmp_path / download.suggested_filename)
    await download.save_as(path)
    exported = path.read_bytes()
    assert exported.startswith(b"\xef\xbb\xbf")
    lines = exported.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("SIREN;Raison sociale;Département")
    assert len(lines) == 2 and lines[1].startswith(f"{BORDEAUX};Bordeaux Vins;33;")

    # The company, its question, the answer.
    await page.get_by_role("link", name=BORDEAUX).click()
    assert await page.locator("h1").inner_text() == "Bordeaux Vins"
    assert (
        "Devons-nous déclarer avant le 1er mars ?" in await page.locator("blockquote").inner_text()
    )
    await page.get_by_label("Votre réponse à rh@bordeaux-vins.fr").fill(
        "Oui, avant le 1er mars, sur la plateforme officielle."
    )
    await page.get_by_role("button", name="Envoyer la réponse par email").click()
    notice = page.locator("p.notice")
    assert "Votre réponse a été envoyée par email" in await notice.inner_text()
    answer = await _mail_to(smtp, "rh@bordeaux-vins.fr", "Réponse à votre question")
    text = answer.get_body(preferencelist=("plain",)).get_content()
    assert "Oui, avant le 1er mars, sur la plateforme officielle." in text
    assert "Alice Martin, référent égalité professionnelle" in text
    assert re.fullmatch(r"r\+[a-z2-7]{32}@reply\.assistant\.test", answer["Reply-To"])

    # Keyboard use: the sign-out button is reachable and works.
    await page.get_by_role("button", name="Se déconnecter").focus()
    async with page.expect_navigation():
        await page.keyboard.press("Enter")
    assert await page.locator("h1").inner_text() == "Vous êtes déconnecté"
    assert problems == []
    await context.close()
