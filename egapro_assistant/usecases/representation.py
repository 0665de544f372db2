"""Recording a représentation équilibrée declaration, with its receipts."""

from dataclasses import dataclass
from datetime import datetime

from egapro_assistant.usecases.declarations import NotLinked, declarant_label, paris_today
from egapro_assistant.usecases.receipts import (
    company_dict,
    declaration_dict,
    languages_for,
    queue_representation_receipts,
    representation_pdfs,
)
from egapro_assistant.usecases.reminders import cancel_campaign_reminders
from store import companies, declarations, links
from store.clock import SYSTEM_CLOCK, Clock
from store.database import Database


@dataclass(frozen=True)
class RecordedRepresentation:
    saved: declarations.SavedRepresentation
    receipts: int
    recorded_at: datetime


async def record_representation(
    database: Database,
    draft: declarations.RepresentationDraft,
    *,
    acting_user_id: int,
    language: str,
    clock: Clock = SYSTEM_CLOCK,
) -> RecordedRepresentation:
    """Check and save ``draft``, then queue the receipts. Raises ``NotLinked`` or
    ``DeclarationError``."""
    now = clock.now()
    async with database.session() as session:
        link = await links.active_link(session, acting_user_id, draft.siren)
    if link is None:
        raise NotLinked(draft.siren)
    _, output = declarations.check_representation(draft, today=paris_today(clock))
    async with database.session() as session:
        existing = await declarations.get_representation(session, draft.siren, draft.year)
        company = await companies.get(session, draft.siren)
    pdfs = await representation_pdfs(
        output,
        languages_for(language),
        company=company_dict(company, draft.siren),
        declaration=declaration_dict(
            year=draft.year,
            period_end=draft.period_end,
            first_name=draft.declarant_first_name,
            last_name=draft.declarant_last_name,
            email=draft.declarant_email,
            declared_at=existing.first_submitted_at if existing else now,
            modified_at=now if existing else None,
            publication_date=draft.publication_date,
            publication_url=draft.publication_url,
            publication_modalities=draft.publication_modalities,
        ),
    )
    declarant = declarant_label(draft.declarant_first_name, draft.declarant_last_name, link.email)
    async with database.session() as session:
        if not await links.may_act(session, acting_user_id, draft.siren):
            raise NotLinked(draft.siren)
        saved = await declarations.save_representation(session, draft, now=now)
        await cancel_campaign_reminders(
            session, campaign_year=draft.year + 1, siren=draft.siren, subject="representation"
        )
        sent = await queue_representation_receipts(
            session,
            saved.declaration,
            company,
            pdfs=pdfs,
            acting_email=link.email,
            language=language,
            declarant=declarant,
            now=now,
        )
    return RecordedRepresentation(saved=saved, receipts=sent, recorded_at=now)
