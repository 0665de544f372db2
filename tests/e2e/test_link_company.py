"""Link a company end to end: Telegram → email → web page → Telegram, through the Service."""

import html

from sqlmodel import select

from bot.texts import text
from store import companies, declarants, links
from store.tables.identity import VerificationToken
from tests.e2e.conftest import link_in
from tests.e2e.flow import ask_for_link
from tests.web.test_verify import FORM_KEY


async def test_link_a_company_through_the_emailed_link(service, telegram, smtp, http):
    async with service.database.session() as session:
        await companies.upsert(session, "552100554", name="Acme Industrie")
    anne = telegram.user(2001, "Anne")
    answer = await ask_for_link(anne, "552 100 554", "rh@acme.fr")
    assert answer == text("companies.link_sent", email="rh@acme.fr", hours=24)

    [received] = await smtp.handler.wait_for(1)
    assert received.recipients == ["rh@acme.fr"]
    assert "Acme Industrie" in received.message["Subject"]
    link = link_in(received)
    assert link.startswith(service.settings.public_base_url + "/verify/")

    async with http.get(link) as response:
        assert response.status == 200
        page = html.unescape(await response.text())
    assert "Acme Industrie (SIREN 552100554)" in page
    assert "rh@acme.fr" in page
    async with service.database.session() as session:
        token = (await session.exec(select(VerificationToken))).one()
        assert token.consumed_at is None
        assert await links.companies_of(session, 2001) == []

    form_key = FORM_KEY.search(page).group(1)
    async with http.post(link, data={"form_key": form_key}) as response:
        assert response.status == 200
        assert "C'est confirmé" in html.unescape(await response.text())

    confirmation = await anne.next_message()
    assert confirmation.text == text(
        "companies.linked", company="Acme Industrie (SIREN 552100554)", email="rh@acme.fr"
    )
    await anne.send_command("/status")
    status = await anne.next_message()
    assert "Acme Industrie (SIREN 552100554) – via rh@acme.fr" in status.text
    async with service.database.session() as session:
        assert await declarants.emails_of(session, "552100554") == ["rh@acme.fr"]


async def test_someone_else_opening_the_link_links_only_the_asker(service, telegram, smtp, http):
    """The link is bound to the Telegram user who asked. Whoever presses the button (the
    mailbox owner, or anyone the email was forwarded to) links the asker, never themselves;
    another Telegram user who had the link gets nothing for it."""
    asker = telegram.user(2002, "Asker")
    other = telegram.user(2003, "Other")
    await ask_for_link(asker, "732829320", "paie@beta.fr")
    link = link_in((await smtp.handler.wait_for(1))[0])

    # The other user pastes the link into the bot: it is not a way to claim it.
    await other.send_command("/start")
    await other.next_message()
    await other.send_text(link)
    assert (await other.next_message()).text == text("not_understood")

    async with http.get(link) as response:
        form_key = FORM_KEY.search(await response.text()).group(1)
    async with http.post(link, data={"form_key": form_key}) as response:
        assert response.status == 200
    assert (await asker.next_message()).text.startswith("✅")
    await other.send_command("/status")
    assert (await other.next_message()).text == text("companies.none")
    async with service.database.session() as session:
        assert await links.users_of(session, "732829320") == [2002]
