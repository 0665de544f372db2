import asyncio
from datetime import timedelta

from sqlmodel import select

from store import companies, declarants, links, telegram_users, tokens
from store.links import Outcome
from store.tables.identity import CompanyLink
from store.tables.outbox import OutboxMessage
from store.types import utcnow

SIREN = "552100554"
OTHER_SIREN = "732829320"
DAY = timedelta(hours=24)


async def _user(session, user_id, language="fr"):
    await telegram_users.touch(
        session,
        user_id=user_id,
        chat_id=user_id,
        first_name=f"U{user_id}",
        telegram_language=language,
    )


async def _ask(database, user_id, email, siren=SIREN, *, now=None, language="fr"):
    async with database.session() as session:
        await _user(session, user_id, language)
        return await tokens.create(
            session, email=email, telegram_user_id=user_id, siren=siren, ttl=DAY, now=now
        )


async def _confirm(database, token):
    async with database.session() as session:
        return await links.confirm(session, token)


async def test_first_verified_email_becomes_the_first_declarant(db):
    token = await _ask(db, 11, "rh@example.fr")
    async with db.session() as session:
        preview = await links.preview(session, token)
    assert preview.outcome is Outcome.READY
    assert preview.first_declarant
    assert preview.asker_name == "U11"
    confirmation = await _confirm(db, token)
    assert confirmation.outcome is Outcome.LINKED
    assert confirmation.first_declarant
    async with db.session() as session:
        assert await declarants.emails_of(session, SIREN) == ["rh@example.fr"]
        assert await links.may_act(session, 11, SIREN)
        assert [c.siren for c in await links.companies_of(session, 11)] == [SIREN]
        assert await companies.get(session, SIREN) is not None


async def test_confirmation_queues_the_telegram_news_for_the_asker(db):
    async with db.session() as session:
        await companies.upsert(session, SIREN, name="Acme")
    token = await _ask(db, 12, "rh@example.fr", language="en")
    await _confirm(db, token)
    async with db.session() as session:
        message = (await session.exec(select(OutboxMessage))).one()
    assert (message.channel, message.recipient, message.kind) == (
        "telegram",
        "12",
        "company_linked",
    )
    assert message.payload == {
        "language": "en",
        "params": {"siren": SIREN, "email": "rh@example.fr", "company_name": "Acme"},
    }


async def test_only_declarants_link_a_company_that_has_some(db):
    async with db.session() as session:
        await declarants.add(session, SIREN, "boss@example.fr")
        assert await links.may_link(session, SIREN, "boss@example.fr")
        assert await links.may_link(session, SIREN, "BOSS@example.fr ")
        assert not await links.may_link(session, SIREN, "intruder@example.fr")
        assert await links.may_link(session, OTHER_SIREN, "intruder@example.fr")
    intruder = await _ask(db, 13, "intruder@example.fr")
    async with db.session() as session:
        assert (await links.preview(session, intruder)).outcome is Outcome.REFUSED
    assert (await _confirm(db, intruder)).outcome is Outcome.REFUSED
    boss = await _ask(db, 14, "boss@example.fr")
    confirmation = await _confirm(db, boss)
    assert confirmation.outcome is Outcome.LINKED
    assert not confirmation.first_declarant
    async with db.session() as session:
        assert not await links.may_act(session, 13, SIREN)
        assert await links.may_act(session, 14, SIREN)
        assert await declarants.emails_of(session, SIREN) == ["boss@example.fr"]


async def test_the_link_goes_to_the_telegram_user_who_asked(db):
    async with db.session() as session:
        await _user(session, 16)
    token = await _ask(db, 15, "rh@example.fr")
    await _confirm(db, token)
    async with db.session() as session:
        rows = (await session.exec(select(CompanyLink))).all()
        assert [(r.telegram_user_id, r.siren) for r in rows] == [(15, SIREN)]
        assert not await links.may_act(session, 16, SIREN)
        assert await links.users_of(session, SIREN) == [15]


async def test_used_expired_and_unknown_tokens_change_nothing(db):
    token = await _ask(db, 17, "rh@example.fr")
    assert (await _confirm(db, token)).outcome is Outcome.LINKED
    assert (await _confirm(db, token)).outcome is Outcome.USED
    expired = await _ask(db, 18, "rh@example.fr", siren=OTHER_SIREN, now=utcnow() - 2 * DAY)
    assert (await _confirm(db, expired)).outcome is Outcome.EXPIRED
    assert (await _confirm(db, token[:-2])).outcome is Outcome.UNKNOWN
    async with db.session() as session:
        assert not await links.may_act(session, 18, OTHER_SIREN)
        assert await declarants.emails_of(session, OTHER_SIREN) == []
        sent = (await session.exec(select(OutboxMessage))).all()
    assert len(sent) == 1


async def test_removing_the_email_ends_the_links_it_proved(db):
    first = await _ask(db, 19, "a@example.fr")
    await _confirm(db, first)
    async with db.session() as session:
        await declarants.add(session, SIREN, "b@example.fr")
    second = await _ask(db, 20, "b@example.fr")
    await _confirm(db, second)
    async with db.session() as session:
        assert await links.users_of(session, SIREN) == [19, 20]
        await declarants.remove(session, SIREN, "a@example.fr")
    async with db.session() as session:
        assert not await links.may_act(session, 19, SIREN)
        assert await links.companies_of(session, 19) == []
        assert await links.may_act(session, 20, SIREN)


async def test_two_first_emails_confirmed_at_once_make_one_first_declarant(db):
    async with db.session() as session:
        await companies.upsert(session, SIREN, name="Acme", source="import")
    one = await _ask(db, 21, "one@example.fr")
    two = await _ask(db, 22, "two@example.fr")

    async def attempt(token):
        try:
            return (await _confirm(db, token)).outcome
        except Exception as error:  # SQLite may refuse the second writer outright
            return error

    outcomes = await asyncio.gather(attempt(one), attempt(two))
    assert outcomes.count(Outcome.LINKED) == 1
    async with db.session() as session:
        assert len(await declarants.emails_of(session, SIREN)) == 1
        assert len(await links.users_of(session, SIREN)) == 1


async def test_linking_twice_keeps_one_link(db):
    async with db.session() as session:
        await _user(session, 23)
        await companies.ensure(session, SIREN)
        assert await links.link(session, telegram_user_id=23, siren=SIREN, email="a@example.fr")
        assert not await links.link(session, telegram_user_id=23, siren=SIREN, email="b@example.fr")
    async with db.session() as session:
        link = await links.get(session, 23, SIREN)
    assert link.email == "b@example.fr"
