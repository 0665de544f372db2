"""A référent in Telegram: /referent ADDRESS, the emailed link confirmed over HTTP, then
/pending with the territory's counts, the late companies and the dashboard's address."""

import re

from bot.texts import text
from egapro_assistant.usecases.campaigns import paris_today
from store import companies, referents
from store.referents import Territory

LINK = re.compile(r"https?://[^\s<>\"]+/referents/telegram/[A-Za-z0-9_-]{43}")
FORM_KEY = re.compile(r'name="form_key" value="([0-9a-f]{64})"')


async def test_a_referent_proves_the_address_then_gets_pending(service, telegram, smtp, http):
    async with service.database.session() as session:
        await referents.upsert(
            session, "alice@dreets.gouv.fr", "Alice", [Territory("33", "Nouvelle-Aquitaine", False)]
        )
        await companies.upsert(
            session, "552100554", name="Bordeaux Vins", departement="33", workforce_range="50:250"
        )
        await companies.upsert(
            session, "443061841", name="Rennes SA", departement="35", workforce_range="50:250"
        )
    alice = telegram.user(3101, "Alice")
    await alice.send_command("/pending")
    assert (await alice.next_message()).text == text("referents.not_referent")

    # Any address gets the same answer; only a référent's receives a link.
    await alice.send_command("/referent", "nobody@example.fr")
    answer = (await alice.next_message()).text
    assert answer == text("referents.link_sent", email="nobody@example.fr", minutes=30)
    await alice.send_command("/referent", "Alice@DREETS.gouv.fr")
    assert (await alice.next_message()).text == text(
        "referents.link_sent", email="alice@dreets.gouv.fr", minutes=30
    )
    [received] = await smtp.handler.wait_for(1)
    assert received.recipients == ["alice@dreets.gouv.fr"]
    body = received.message.get_body(preferencelist=("plain",)).get_content()
    link = LINK.search(body).group(0)

    async with http.get(link) as response:
        assert response.status == 200
        form_key = FORM_KEY.search(await response.text()).group(1)
    async with http.post(link, data={"form_key": form_key}) as response:
        assert response.status == 200
    linked = await alice.next_message()
    assert linked.text == text("referents.linked", email="alice@dreets.gouv.fr")

    await alice.send_command("/pending")
    pending = (await alice.next_message()).text
    today = paris_today()
    campaign = service.settings.calendar.current(today)
    assert f"Campagne {campaign.year} – vos départements (33)" in pending
    assert "• Non commencées : 1" in pending
    late = today > campaign.index_deadline
    assert ("552100554 Bordeaux Vins (33)" in pending) is late
    assert (text("referents.pending.none_late") in pending) is not late
    assert "Rennes" not in pending
    assert f"{service.settings.public_base_url}/referents" in pending
    async with http.post(link, data={"form_key": form_key}) as response:
        assert response.status == 410  # used once
