"""``forget``: an address is erased everywhere but in the declarations it signed."""

from sqlmodel import select

from store import declarants, email_standing, inbound, outbox, replies
from store.forget import forget_email
from store.tables.companies import DeclarantEmail
from store.tables.identity import CompanyLink
from store.tables.inbound import InboundMessage
from store.tables.outbox import OutboxMessage
from tests.bot.test_declare import linked


async def test_an_address_is_forgotten_but_its_declarations_stay(db):
    await linked(db, 7001, "rh@acme.fr", others=("paie@acme.fr",))
    async with db.session() as session:
        for recipient in ("rh@acme.fr", "paie@acme.fr"):
            await outbox.enqueue(
                session,
                channel="email",
                recipient=recipient,
                dedup_key=f"notice:{recipient}",
                kind="notice",
                payload={"params": {"subject": "S", "body": "B"}},
            )
        token = await replies.create(session, email="rh@acme.fr", siren="552100554", kind="notice")
    await inbound.store_received_many(
        db, [inbound.Received("RH@acme.fr", f"r+{token}@x", b"Subject: q\n\nq", None)]
    )
    async with db.session() as session:
        await email_standing.unsubscribe(session, "rh@acme.fr")
    report = await forget_email(db, " RH@Acme.fr ")
    assert report.removed["company links"] == 1
    assert report.removed["declarant of"] == 1
    assert report.removed["outbox messages"] == 1
    assert report.removed["inbound mail"] == 1
    assert report.removed["reply addresses"] == 1
    assert "unsubscribed or undeliverable" in report.kept
    async with db.session() as session:
        assert (await session.exec(select(CompanyLink))).all() == []
        assert [d.email for d in (await session.exec(select(DeclarantEmail))).all()] == [
            "paie@acme.fr"
        ]
        assert [m.recipient for m in (await session.exec(select(OutboxMessage))).all()] == [
            "paie@acme.fr"
        ]
        assert (await session.exec(select(InboundMessage))).all() == []
        assert await declarants.emails_of(session, "552100554") == ["paie@acme.fr"]
