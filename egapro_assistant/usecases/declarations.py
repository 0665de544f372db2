"""Recording an index declaration with its receipts.

The PDF recaps take about half a second: they are drawn off the event loop *before* the
transaction that saves the declaration, so that the declaration and its receipts are written
together. The links are checked again inside that transaction.
"""

import asyncio
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from egapro_assistant.config import Settings
from egapro_assistant.usecases.receipts import (
    company_dict,
    declaration_dict,
    languages_for,
    queue_index_receipts,
    queue_objectives_erased,
    recap_pdfs,
)
from egapro_assistant.usecases.reminders import (
    cancel_campaign_reminders,
    cancel_replaced_objectives,
)
from store import companies, declarations, links
from store.clock import SYSTEM_CLOCK, Clock
from store.database import Database
from store.official_record import index_record_data
from store.postal_codes import departement_of
from store.tables.companies import Company

PARIS = ZoneInfo("Europe/Paris")


class NotLinked(PermissionError):
    """The person may not (or may no longer) act for the SIREN."""


def paris_today(clock: Clock) -> date:
    return clock.now().astimezone(PARIS).date()


@dataclass(frozen=True)
class CompanyDetails:
    """What the declaration asks about the company, when it is asked (``None``: unchanged)."""

    name: str | None = None
    workforce_range: str | None = None
    address: str | None = None
    postal_code: str | None = None  # the département (and région) follow from it
    town: str | None = None


@dataclass(frozen=True)
class RecordedIndex:
    saved: declarations.SavedIndex
    company: Company | None
    receipts: int  # emails queued
    recorded_at: datetime
    deadline: date  # the campaign's index deadline
    late: bool  # the deadline has passed
    copy_sheet: str  # every value to type on the official form, as text
    copy_sheet_pdf: bytes  # the same as a PDF


def declarant_label(first_name: str | None, last_name: str | None, email: str) -> str:
    name = " ".join(part for part in (first_name, last_name) if part)
    return f"{name} ({email})" if name else email


async def record_index(
    database: Database,
    draft: declarations.IndexDraft,
    *,
    acting_user_id: int,
    language: str,
    details: CompanyDetails = CompanyDetails(),
    settings: Settings | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> RecordedIndex:
    """Check, save and send the receipts of ``draft`` (declared by ``acting_user_id``, through
    the email ``draft.declarant_email`` that links them to the SIREN).

    Raises ``NotLinked`` or ``store.declaration_rules.DeclarationError``.
    """
    settings = settings or Settings()
    now = clock.now()
    deadline = settings.calendar.for_data_year(draft.year).index_deadline
    async with database.session() as session:
        link = await links.active_link(session, acting_user_id, draft.siren)
    if link is None:
        raise NotLinked(draft.siren)
    checked = declarations.check_index(draft, today=paris_today(clock))
    async with database.session() as session:
        existing = await declarations.get_index(session, draft.siren, draft.year)
        company = await companies.get(session, draft.siren)
    modifying = existing is not None and existing.channel == declarations.ASSISTANT
    company_values = company_dict(company, draft.siren, checked.document)
    if details.name:
        company_values["name"] = details.name
    pdfs = await recap_pdfs(
        checked.output,
        languages_for(language),
        company=company_values,
        declaration=declaration_dict(
            year=draft.year,
            period_end=draft.period_end,
            first_name=draft.declarant_first_name,
            last_name=draft.declarant_last_name,
            email=draft.declarant_email,
            declared_at=existing.first_submitted_at if modifying else now,
            modified_at=now if modifying else None,
            publication_date=draft.publication_date,
            publication_url=draft.publication_url,
            publication_modalities=draft.publication_modalities,
            corrective_measures=checked.corrective_measures,
            indicator1_mode=checked.mode,
            cse_consultation_date=checked.cse_date,
        ),
    )
    declarant = declarant_label(draft.declarant_first_name, draft.declarant_last_name, link.email)
    async with database.session() as session:
        if not await links.may_act(session, acting_user_id, draft.siren):
            raise NotLinked(draft.siren)
        await _update_company(session, draft.siren, details, checked.output)
        saved = await declarations.save_index(session, draft, now=now)
        for subject in ("index", "objectives"):  # a modification starts objectives afresh
            await cancel_campaign_reminders(
                session, campaign_year=draft.year + 1, siren=draft.siren, subject=subject
            )
        await cancel_replaced_objectives(session, data_year=draft.year, siren=draft.siren)
        company = await companies.get(session, draft.siren)
        record = index_record_data(saved.declaration, company)
        url = settings.official_platform_url
        from reports.copy_sheet import copy_sheet_text, render_copy_sheet_pdf  # fpdf2, on use

        sheet = copy_sheet_text(record, language, url)
        sheet_pdf = await asyncio.to_thread(render_copy_sheet_pdf, record, language, url, now)
        french_sheet = sheet if language == "fr" else copy_sheet_text(record, "fr", url)
        sent = await queue_index_receipts(
            session,
            saved.declaration,
            company,
            pdfs=pdfs,
            acting_email=link.email,
            language=language,
            declarant=declarant,
            now=now,
            deadline=deadline,
            copy_sheet=french_sheet,
            copy_sheet_pdf=sheet_pdf,
        )
        if saved.objectives_erased:
            await queue_objectives_erased(
                session,
                saved.declaration,
                company,
                acting_user_id=acting_user_id,
                acting_email=link.email,
                language=language,
                declarant=declarant,
                now=now,
            )
    return RecordedIndex(
        saved=saved,
        company=company,
        receipts=sent,
        recorded_at=now,
        deadline=deadline,
        late=paris_today(clock) > deadline,
        copy_sheet=sheet,
        copy_sheet_pdf=sheet_pdf,
    )


async def _update_company(session, siren: str, details: CompanyDetails, output: dict) -> None:
    """The name and address typed in the declaration (the département and région from the
    postal code), and the band of the computation when none is known."""
    company = await companies.get(session, siren)
    values = {}
    if details.name:
        values["name"] = details.name
    if details.address and details.postal_code and details.town:
        values.update(address=details.address, postal_code=details.postal_code, town=details.town)
        departement = departement_of(details.postal_code)
        if departement is not None:
            values.update(departement=departement.code, region=departement.region.name)
    band = details.workforce_range or output.get("workforce_range")
    if band and (company is None or not company.workforce_range):
        values["workforce_range"] = band
    if values:
        await companies.upsert(session, siren, **values)
