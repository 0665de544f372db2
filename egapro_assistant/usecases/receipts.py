"""Receipts of a declaration: the PDF recap, emailed to every declarant of the SIREN; the
company's other Telegram users told when a modification erased the objectives.

PDFs take about half a second: they are drawn off the event loop *before* the transaction that
saves the declaration, so that the declaration and its receipts are written together.
"""

import asyncio
from datetime import date, datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from reports.formatting import format_date
from store import declarants, links, outbox, telegram_users
from store.declarations import modification_deadline
from store.outbox import Attachment
from store.tables.companies import Company
from store.tables.declarations import (
    DeclarationObjectives,
    IndexDeclaration,
    RepresentationDeclaration,
)

PDF = "application/pdf"


def company_dict(company: Company | None, siren: str, document: dict | None = None) -> dict:
    values: dict[str, Any] = {"siren": siren}
    if company is not None:
        values.update(name=company.name, naf_code=company.naf_code)
    if document and document.get("kind") == "raw":
        values["workforce_total"] = sum(
            cell.get("women", 0) + cell.get("men", 0)
            for ages in (document.get("headcount") or {}).values()
            for cell in ages.values()
        )
    return {key: value for key, value in values.items() if value is not None}


def declaration_dict(
    *,
    year: int,
    period_end: date | None,
    first_name: str | None,
    last_name: str | None,
    email: str | None,
    declared_at: datetime,
    modified_at: datetime | None,
    publication_date: date | None,
    publication_url: str | None,
    publication_modalities: str | None,
    corrective_measures: str | None = None,
    indicator1_mode: str | None = None,
    cse_consultation_date: date | None = None,
) -> dict:
    return {
        "year": year,
        "period_end": period_end,
        "declarant": {"first_name": first_name, "last_name": last_name, "email": email},
        "declared_at": declared_at,
        "modified_at": modified_at,
        "publication_date": publication_date,
        "publication_url": publication_url,
        "publication_modalities": None if publication_url else publication_modalities,
        "corrective_measures": corrective_measures,
        "indicator1_mode": indicator1_mode,
        "cse_consultation_date": cse_consultation_date,
    }


def declaration_dict_of(row: IndexDeclaration) -> dict:
    return declaration_dict(
        year=row.year,
        period_end=row.period_end,
        first_name=row.declarant_first_name,
        last_name=row.declarant_last_name,
        email=row.declarant_email,
        declared_at=row.first_submitted_at,
        modified_at=row.modified_at,
        publication_date=row.publication_date,
        publication_url=row.publication_url,
        publication_modalities=row.publication_modalities,
        corrective_measures=row.corrective_measures,
        indicator1_mode=row.indicator1_mode,
        cse_consultation_date=row.cse_consultation_date,
    )


def objectives_dict(
    texts: dict[str, str],
    objectives_date: date | None,
    measures_date: date | None,
    modalities: str | None,
) -> dict:
    return {
        "texts": dict(texts),
        "objectives_publication_date": objectives_date,
        "measures_publication_date": measures_date,
        "modalities": modalities,
    }


def languages_for(language: str) -> set[str]:
    """The acting person's language, and French for everyone else."""
    return {"fr", language}


async def recap_pdfs(
    output: dict,
    languages: set[str],
    *,
    company: dict,
    declaration: dict,
    objectives: dict | None = None,
) -> dict[str, bytes]:
    from reports.pdf import render_recap_pdf  # fpdf2 loaded when first drawing

    async def one(language: str) -> tuple[str, bytes]:
        pdf = await asyncio.to_thread(
            render_recap_pdf,
            output,
            language=language,
            company=company,
            declaration=declaration,
            objectives=objectives,
        )
        return language, pdf

    return dict(await asyncio.gather(*(one(language) for language in sorted(languages))))


async def representation_pdfs(
    output: dict, languages: set[str], *, company: dict, declaration: dict
) -> dict[str, bytes]:
    from reports.pdf import render_representation_pdf  # fpdf2 loaded when first drawing

    async def one(language: str) -> tuple[str, bytes]:
        pdf = await asyncio.to_thread(
            render_representation_pdf,
            output,
            language=language,
            company=company,
            declaration=declaration,
        )
        return language, pdf

    return dict(await asyncio.gather(*(one(language) for language in sorted(languages))))


def _base_params(
    siren: str, company: Company | None, year: int, declarant: str, language: str, now: datetime
) -> dict:
    params: dict[str, Any] = {
        "siren": siren,
        "year": year,
        "campaign_year": year + 1,
        "declarant": declarant,
        "recorded_on": format_date(now, language),
    }
    if company is not None and company.name:
        params["company_name"] = company.name
    return params


async def _email_everyone(
    session: AsyncSession,
    *,
    siren: str,
    kind: str,
    key: str,
    acting_email: str | None,
    language: str,
    params_for,
    pdfs: dict[str, bytes] | None = None,
    filename: str = "",
    more: tuple[Attachment, ...] = (),
) -> int:
    """One email per declarant of the SIREN, in the acting person's language for their own
    address and in French for the others; returns how many were queued."""
    queued = 0
    for email in await declarants.emails_of(session, siren):
        email_language = language if email == acting_email else "fr"
        attachments = []
        if pdfs:
            pdf = pdfs.get(email_language) or pdfs["fr"]
            attachments = [Attachment(filename, PDF, pdf)]
        attachments = [*attachments, *more]
        added = await outbox.enqueue(
            session,
            channel="email",
            recipient=email,
            dedup_key=outbox.step_key(key, "email", email),
            kind=kind,
            siren=siren,
            payload={
                "language": email_language,
                "params": params_for(email_language),
                "step": key,
            },
            attachments=attachments,
        )
        queued += added is not None
    return queued


async def queue_index_receipts(
    session: AsyncSession,
    row: IndexDeclaration,
    company: Company | None,
    *,
    pdfs: dict[str, bytes],
    acting_email: str | None,
    language: str,
    declarant: str,
    now: datetime,
    deadline: date,
    copy_sheet: str,
    copy_sheet_pdf: bytes,
) -> int:
    def params(email_language: str) -> dict:
        values = _base_params(row.siren, company, row.year, declarant, email_language, now)
        values["modifiable_until"] = format_date(modification_deadline(row), email_language)
        values["index_deadline"] = format_date(deadline, email_language)
        values["copy_sheet"] = copy_sheet
        if row.index is not None:
            values.update(index=row.index, points=row.points, max_points=row.max_points)
        return values

    return await _email_everyone(
        session,
        siren=row.siren,
        kind="index_receipt" if row.index is not None else "index_receipt_nc",
        key=f"index_receipt:{row.id}:r{row.revision}",
        acting_email=acting_email,
        language=language,
        params_for=params,
        pdfs=pdfs if row.period_sufficient else None,
        filename=f"index-egapro-{row.siren}-{row.year}.pdf",
        more=(Attachment(f"fiche-de-recopie-{row.siren}-{row.year}.pdf", PDF, copy_sheet_pdf),),
    )


async def queue_objectives_erased(
    session: AsyncSession,
    row: IndexDeclaration,
    company: Company | None,
    *,
    acting_user_id: int,
    acting_email: str | None,
    language: str,
    declarant: str,
    now: datetime,
) -> int:
    """Every declarant by email, and the company's other Telegram users, learn that the
    objectives and measures were erased by the modification."""
    queued = await _email_everyone(
        session,
        siren=row.siren,
        kind="objectives_erased",
        key=f"objectives_erased:{row.id}:r{row.revision}",
        acting_email=acting_email,
        language=language,
        params_for=lambda lang: _base_params(row.siren, company, row.year, declarant, lang, now),
    )
    for user_id in await links.users_of(session, row.siren):
        if user_id == acting_user_id:
            continue
        user = await telegram_users.get(session, user_id)
        if user is None:
            continue
        params = {"siren": row.siren, "year": row.year, "who": declarant}
        if company is not None and company.name:
            params["company_name"] = company.name
        added = await outbox.enqueue(
            session,
            channel="telegram",
            recipient=str(user.chat_id),
            dedup_key=f"objectives_erased:{row.id}:r{row.revision}:tg:{user_id}",
            kind="objectives_erased",
            siren=row.siren,
            payload={"language": user.language, "params": params},
        )
        queued += added is not None
    return queued


async def queue_objectives_receipts(
    session: AsyncSession,
    row: IndexDeclaration,
    objectives: DeclarationObjectives,
    company: Company | None,
    *,
    pdfs: dict[str, bytes],
    acting_email: str | None,
    language: str,
    declarant: str,
    now: datetime,
) -> int:
    def params(email_language: str) -> dict:
        values = _base_params(row.siren, company, row.year, declarant, email_language, now)
        values["index"] = row.index
        return values

    stamp = int((objectives.modified_at or objectives.submitted_at).timestamp())
    return await _email_everyone(
        session,
        siren=row.siren,
        kind="objectives_receipt",
        key=f"objectives_receipt:{row.id}:r{row.revision}:{stamp}",
        acting_email=acting_email,
        language=language,
        params_for=params,
        pdfs=pdfs,
        filename=f"objectifs-egapro-{row.siren}-{row.year}.pdf",
    )


async def queue_representation_receipts(
    session: AsyncSession,
    row: RepresentationDeclaration,
    company: Company | None,
    *,
    pdfs: dict[str, bytes],
    acting_email: str | None,
    language: str,
    declarant: str,
    now: datetime,
) -> int:
    stamp = int((row.modified_at or row.first_submitted_at).timestamp())
    return await _email_everyone(
        session,
        siren=row.siren,
        kind="representation_receipt",
        key=f"representation_receipt:{row.id}:{stamp}",
        acting_email=acting_email,
        language=language,
        params_for=lambda lang: _base_params(row.siren, company, row.year, declarant, lang, now),
        pdfs=pdfs,
        filename=f"representation-equilibree-{row.siren}-{row.year}.pdf",
    )
