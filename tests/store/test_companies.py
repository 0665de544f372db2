import pytest

from store import companies
from store.companies import Outcome
from tests.store.import_files import valid_siren

ACME = valid_siren(55210055)


async def test_upsert_adds_then_reports_unchanged_then_updates(db):
    async with db.session() as session:
        first = await companies.upsert(
            session,
            ACME,
            name="Acme",
            departement="75",
            region="Île-de-France",
            workforce_range="50:250",
            source="import",
        )
    async with db.session() as session:
        again = await companies.upsert(session, ACME, name="Acme", workforce_range="50:250")
        company = await companies.get(session, ACME)
        assert company.updated_at is None
    async with db.session() as session:
        changed = await companies.upsert(session, ACME, workforce_range="251:999", source="bot")
    async with db.session() as session:
        company = await companies.get(session, ACME)

    assert (first, again, changed) == (Outcome.ADDED, Outcome.UNCHANGED, Outcome.UPDATED)
    assert company.name == "Acme"  # a field not given is never erased
    assert company.workforce_range == "251:999"
    assert company.source == "import"  # how we first learnt of it
    assert company.updated_at is not None and company.updated_at.tzinfo is not None


async def test_upsert_refuses_an_unknown_band_and_stores_nothing(db):
    with pytest.raises(ValueError, match="workforce range"):
        async with db.session() as session:
            await companies.upsert(session, ACME, workforce_range="50-250")
    async with db.session() as session:
        assert await companies.get(session, ACME) is None


async def test_ensure_creates_once(db):
    async with db.session() as session:
        created = await companies.ensure(session, ACME)
        again = await companies.ensure(session, ACME, source="import")
        company = await companies.get(session, ACME)
    assert (created, again) == (True, False)
    assert company.source == "bot"


async def _territory(db):
    rows = [
        (valid_siren(10000001), "Boulangerie Martin", "75"),
        (valid_siren(10000002), "acme industries", "92"),
        (valid_siren(20000003), "Zénith 100% Bio", "75"),
        (valid_siren(10000004), "Marseille Port", "13"),
        (valid_siren(10000005), None, "75"),
    ]
    async with db.session() as session:
        for siren, name, departement in rows:
            await companies.upsert(session, siren, name=name, departement=departement)
    return rows


async def test_list_by_departements_keeps_to_the_territory_in_name_order(db):
    rows = await _territory(db)
    async with db.session() as session:
        listed = await companies.list_by_departements(session, ["75", "92"])
        nothing = await companies.list_by_departements(session, [])
    assert [company.name for company in listed if company.name] == [
        "acme industries",
        "Boulangerie Martin",
        "Zénith 100% Bio",
    ]
    assert {company.siren for company in listed} == {r[0] for r in rows if r[2] != "13"}
    assert nothing == []


async def test_list_by_departements_searches_name_and_siren(db):
    rows = await _territory(db)
    async with db.session() as session:
        by_name = await companies.list_by_departements(session, ["75", "92"], search="ACME")
        by_siren = await companies.list_by_departements(session, ["75", "92"], search="1000 00")
        percent = await companies.list_by_departements(session, ["75", "92"], search="%")
        out_of_scope = await companies.list_by_departements(session, ["75"], search="Marseille")
        page = await companies.list_by_departements(session, ["75", "92"], limit=2, offset=1)
    assert [company.siren for company in by_name] == [rows[1][0]]
    assert {company.siren for company in by_siren} == {rows[0][0], rows[1][0], rows[4][0]}
    assert [company.name for company in percent] == ["Zénith 100% Bio"]  # % is literal
    assert out_of_scope == []
    assert [company.name for company in page] == ["Boulangerie Martin", "Zénith 100% Bio"]


async def test_index_history_is_kept_per_year(db):
    async with db.session() as session:
        await companies.ensure(session, ACME)
        added = await companies.record_index_history(
            session,
            ACME,
            2023,
            index=88,
            notes={"indicator1": 39, "index": 88},
            workforce_range="50:250",
        )
        older = await companies.record_index_history(
            session, ACME, 2022, index=None, notes={"index": "nc"}
        )
    async with db.session() as session:
        same = await companies.record_index_history(
            session,
            ACME,
            2023,
            index=88,
            notes={"indicator1": 39, "index": 88},
            workforce_range="50:250",
        )
        corrected = await companies.record_index_history(
            session,
            ACME,
            2022,
            index=75,
            notes={"index": 75},
            ues_name="UES Acme",
            ues_sirens=[valid_siren(10000001)],
        )
    async with db.session() as session:
        history = await companies.history_of(session, ACME)

    assert (added, older, same, corrected) == (
        Outcome.ADDED,
        Outcome.ADDED,
        Outcome.UNCHANGED,
        Outcome.UPDATED,
    )
    assert [(row.year, row.index) for row in history] == [(2022, 75), (2023, 88)]
    assert history[0].ues_name == "UES Acme"
    assert history[0].ues_sirens == [valid_siren(10000001)]
    assert history[1].notes == {"indicator1": 39, "index": 88}
