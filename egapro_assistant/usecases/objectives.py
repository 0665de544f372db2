"""Recording the objectives and measures of an index declaration, with their receipts."""

from dataclasses import dataclass
from datetime import datetime

from egapro_assistant.usecases.declarations import NotLinked, declarant_label
from egapro_assistant.usecases.receipts import (
    company_dict,
    declaration_dict_of,
    languages_for,
    objectives_dict,
    queue_objectives_receipts,
    recap_pdfs,
)
from egapro_assistant.usecases.reminders import cancel_campaign_reminders
from store import companies, declarations, links
from store.clock import SYSTEM_CLOCK, Clock
from store.database import Database
from store.declaration_rules import check_objectives
from store.tables.declarations import IndexDeclaration


@dataclass(frozen=True)
class RecordedObjectives:
    saved: declarations.SavedObjectives
    receipts: int
    recorded_at: datetime


def acting_person(declaration: IndexDeclaration, email: str) -> str:
    """Named when they are the index declarant, else by their address."""
    if email != declaration.declarant_email:
        return email
    return declarant_label(declaration.declarant_first_name, declaration.declarant_last_name, email)


async def record_objectives(
    database: Database,
    declaration: IndexDeclaration,
    draft: declarations.ObjectivesDraft,
    *,
    revision: int,
    acting_user_id: int,
    language: str,
    clock: Clock = SYSTEM_CLOCK,
) -> RecordedObjectives:
    """Check and save the objectives of ``declaration`` (at its ``revision``), then queue the
    receipts. Raises ``NotLinked`` or ``DeclarationError``."""
    now = clock.now()
    siren = declaration.siren
    async with database.session() as session:
        link = await links.active_link(session, acting_user_id, siren)
    if link is None:
        raise NotLinked(siren)
    cleaned = check_objectives(
        declaration.engine_output,
        period_end=declaration.period_end,
        publication_url=declaration.publication_url,
        texts=draft.texts,
        objectives_date=draft.objectives_date,
        measures_date=draft.measures_date,
        modalities=draft.modalities,
    )
    async with database.session() as session:
        company = await companies.get(session, siren)
    pdfs = await recap_pdfs(
        declaration.engine_output,
        languages_for(language),
        company=company_dict(company, siren, declaration.engine_input),
        declaration=declaration_dict_of(declaration),
        objectives=objectives_dict(
            cleaned["texts"],
            cleaned["objectives_date"],
            cleaned["measures_date"],
            cleaned["modalities"],
        ),
    )
    async with database.session() as session:
        if not await links.may_act(session, acting_user_id, siren):
            raise NotLinked(siren)
        saved = await declarations.save_objectives(
            session, siren, declaration.year, draft, revision=revision, now=now
        )
        await cancel_campaign_reminders(
            session, campaign_year=declaration.year + 1, siren=siren, subject="objectives"
        )
        sent = await queue_objectives_receipts(
            session,
            saved.declaration,
            saved.objectives,
            company,
            pdfs=pdfs,
            acting_email=link.email,
            language=language,
            declarant=acting_person(declaration, link.email),
            now=now,
        )
    return RecordedObjectives(saved=saved, receipts=sent, recorded_at=now)
