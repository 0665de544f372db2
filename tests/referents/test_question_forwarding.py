"""A question replied by email to a company of a référent's département goes to that référent,
with the company's page of the dashboard; elsewhere it still goes to the operator."""

from sqlmodel import select

from mail import templates
from store import companies, referents
from store.referents import Territory
from store.tables.outbox import OutboxMessage
from tests.mail.inbound_helpers import Inbound, reply, reply_to


async def test_the_question_goes_to_the_referent_with_the_dashboard_link(sqlite_db):
    async with sqlite_db.session() as session:
        await companies.upsert(session, "552100554", name="Durand SA", departement="33")
        await companies.upsert(session, "443061841", name="Sans lieu SA")
        await referents.upsert(
            session, "alice@dreets.gouv.fr", "Alice", [Territory("33", "Nouvelle-Aquitaine", False)]
        )
    server = await Inbound(sqlite_db).start()
    try:
        placed = await server.token(email="rh@durand.fr", siren="552100554")
        unplaced = await server.token(email="rh@sanslieu.fr", siren="443061841")
        await server.send(reply("Faut-il compter les apprentis ?"), reply_to(placed))
        await server.send(reply("Et les intérimaires ?"), reply_to(unplaced))
        assert await server.process() == 2
    finally:
        await server.stop()
    async with sqlite_db.session() as session:
        forwarded = (
            await session.exec(
                select(OutboxMessage).where(OutboxMessage.kind == "question_forwarded")
            )
        ).all()
    by_company = {row.siren: row for row in forwarded}
    assert by_company["552100554"].recipient == "alice@dreets.gouv.fr"
    assert by_company["443061841"].recipient == "operateur@dreets.test"
    params = by_company["552100554"].payload["params"]
    assert params["dashboard_url"].endswith("/referents/companies/552100554")
    text = templates.render("question_forwarded", params, "fr").text
    assert "Ouvrir la fiche de l'entreprise :\n" + params["dashboard_url"] in text
