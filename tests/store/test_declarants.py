import asyncio

import pytest

from store import companies, declarants
from store.declarants import InvalidEmail, LastDeclarantError, normalise_email
from tests.store.import_files import valid_siren

ACME = valid_siren(55210055)
OTHER = valid_siren(73282932)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("  RH@Acme.FR ", "rh@acme.fr"),
        ("<paie@acme.fr>", "paie@acme.fr"),
        ("mailto:Jean.Dupont+egapro@sub.acme.fr", "jean.dupont+egapro@sub.acme.fr"),
    ],
)
def test_emails_are_stripped_and_lower_cased(typed, expected):
    assert normalise_email(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "rh",
        "rh@",
        "@acme.fr",
        "rh@acme",
        "rh@@acme.fr",
        "r h@acme.fr",
        "rh..x@acme.fr",
        "rh@-acme.fr",
        "a" * 250 + "@acme.fr",
    ],
)
def test_bad_emails_are_refused(typed):
    with pytest.raises(InvalidEmail):
        normalise_email(typed)


async def test_add_is_idempotent_and_creates_the_company(db):
    async with db.session() as session:
        first = await declarants.add(session, ACME, "RH@acme.fr", added_by="verification")
        again = await declarants.add(session, ACME, " rh@ACME.fr")
        second = await declarants.add(session, ACME, "paie@acme.fr")
    async with db.session() as session:
        company = await companies.get(session, ACME)
        emails = await declarants.emails_of(session, ACME)
    assert (first, again, second) == (True, False, True)
    assert company is not None
    assert emails == ["paie@acme.fr", "rh@acme.fr"]


async def test_is_declarant_compares_normalised_emails_per_siren(db):
    async with db.session() as session:
        await declarants.add(session, ACME, "rh@acme.fr")
        await declarants.add(session, OTHER, "x@other.fr")
    async with db.session() as session:
        assert await declarants.is_declarant(session, ACME, " RH@Acme.fr ")
        assert not await declarants.is_declarant(session, ACME, "x@other.fr")
        assert not await declarants.is_declarant(session, ACME, "not an email")
        assert await declarants.sirens_of(session, "RH@ACME.FR") == [ACME]
        assert await declarants.count(session, ACME) == 1


async def test_remove_never_leaves_a_company_without_declarant(db):
    async with db.session() as session:
        await declarants.add(session, ACME, "rh@acme.fr")
        await declarants.add(session, ACME, "paie@acme.fr")
    async with db.session() as session:
        removed = await declarants.remove(session, ACME, "PAIE@acme.fr")
        unknown = await declarants.remove(session, ACME, "nobody@acme.fr")
    with pytest.raises(LastDeclarantError) as refused:
        async with db.session() as session:
            await declarants.remove(session, ACME, "rh@acme.fr")
    async with db.session() as session:
        emails = await declarants.emails_of(session, ACME)
    assert (removed, unknown) == (True, False)
    assert refused.value.siren == ACME
    assert emails == ["rh@acme.fr"]


async def test_a_caught_refusal_leaves_the_transaction_usable_and_intact(db):
    async with db.session() as session:
        await declarants.add(session, ACME, "rh@acme.fr")
    async with db.session() as session:
        with pytest.raises(LastDeclarantError):
            await declarants.remove(session, ACME, "rh@acme.fr")
        await declarants.add(session, ACME, "paie@acme.fr")
    async with db.session() as session:
        assert await declarants.emails_of(session, ACME) == ["paie@acme.fr", "rh@acme.fr"]


async def test_two_declarants_removing_each_other_at_once_keep_one(db):
    async with db.session() as session:
        await declarants.add(session, ACME, "a@acme.fr")
        await declarants.add(session, ACME, "b@acme.fr")

    async def remove(email):
        try:
            async with db.session() as session:
                return await declarants.remove(session, ACME, email)
        except LastDeclarantError:
            return "refused"

    outcomes = await asyncio.gather(remove("a@acme.fr"), remove("b@acme.fr"))
    async with db.session() as session:
        left = await declarants.emails_of(session, ACME)
    assert sorted(outcomes, key=str) == [True, "refused"]
    assert len(left) == 1
