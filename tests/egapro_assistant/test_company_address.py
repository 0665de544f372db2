"""The address asked by the declaration is kept on the company, with the département and région
of its postal code, and exported in the official record; a postal code with no département
leaves the company listed as "département unknown" (SQLite and PostgreSQL)."""

from datetime import date

import pytest

from egapro_assistant.config import Settings
from egapro_assistant.usecases.declarations import CompanyDetails, record_index
from store import companies, declarations
from store.campaign_status import standings
from store.campaigns import CampaignCalendar
from store.official_record import index_record_data
from tests.bot.test_declare import SIREN, YEAR, linked

DOCUMENT = {
    "kind": "results",
    "workforce_range": "50:250",
    "year": YEAR,
    "indicator1": {"calculable": True, "result": 0.0, "favorable_population": None},
    "indicator2and3": {
        "calculable": True,
        "result": 8.0,
        "result_equivalent_employees": 6.0,
        "favorable_population": "women",
    },
    "indicator4": {"calculable": True, "result": 100},
    "indicator5": {"result": 4, "favorable_population": "men"},
}


def draft(document: dict) -> declarations.IndexDraft:
    return declarations.IndexDraft(
        siren=SIREN,
        year=YEAR,
        engine_input=document,
        period_end=date(YEAR, 12, 31),
        publication_date=date(YEAR + 1, 2, 1),
        publication_url="https://www.acme.fr/egalite",
        indicator1_mode="csp",
        declarant_email="rh@acme.fr",
        declarant_first_name="Anne",
        declarant_last_name="Martin",
        declarant_phone="0123456789",
        plan_relance=False,
    )


@pytest.mark.parametrize(
    ("postal_code", "town", "departement", "region"),
    [("69003", "Lyon", "69", "Auvergne-Rhône-Alpes"), ("97500", "Saint-Pierre", None, None)],
)
async def test_the_declared_address_places_the_company(db, postal_code, town, departement, region):
    await linked(db, 9101, "rh@acme.fr", address=None, band=None)
    document = await results_document(db)
    recorded = await record_index(
        db,
        draft(document),
        acting_user_id=9101,
        language="fr",
        details=CompanyDetails(address="5 rue Garibaldi", postal_code=postal_code, town=town),
        settings=Settings(_env_file=None),
    )
    async with db.session() as session:
        company = await companies.get(session, SIREN)
        row = await declarations.get_index(session, SIREN, YEAR)
        unknown = await standings(
            session, CampaignCalendar.load().for_data_year(YEAR), departements=[None]
        )
    assert (company.address, company.postal_code, company.town) == (
        "5 rue Garibaldi",
        postal_code,
        town,
    )
    assert (company.departement, company.region) == (departement, region)
    assert company.workforce_range == "50:250"  # the band of the computation
    exported = index_record_data(row, company)["entreprise"]
    assert exported["adresse"] == "5 rue Garibaldi"
    assert (exported["code_postal"], exported["commune"]) == (postal_code, town)
    assert exported.get("département") == departement
    assert (SIREN in {s.siren for s in unknown}) is (departement is None)
    assert f"Code postal : {postal_code}" in recorded.copy_sheet
    assert f"Commune : {town}" in recorded.copy_sheet


async def results_document(db) -> dict:
    """A typed-results document as the conversation builds it (checked by the engine)."""
    return declarations.compute_index(DOCUMENT, YEAR)[0]
