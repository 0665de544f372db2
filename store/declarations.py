"""Declarations per (SIREN, data year): the index, its objectives and measures, and the
représentation équilibrée.

Scores are never taken from a conversation: the engine recomputes them here, from the input
document that is stored, at the moment the declaration is saved. A declaration may be modified
for one year after its first submission; modifying an index declaration erases its objectives
and measures, as the official platform does (index-rules §9.3).
"""

import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from egapro_engine import EngineError, compute_document
from store import companies
from store.declaration_rules import (
    DeclarationError,
    check_corrective_measures,
    check_cse_date,
    check_favoured_sexes,
    check_mode,
    check_objectives,
    check_one_decimal,
    check_period_end,
    check_publication,
    check_representation_year,
    check_year,
    indicator1_mode,
    objectives_reason,
    one_year_after,
)
from store.phone_numbers import normalise_phone
from store.tables.companies import Company
from store.tables.declarations import (
    DeclarationObjectives,
    IndexDeclaration,
    ObjectivesStatus,
    RepresentationDeclaration,
)
from store.types import utcnow

ASSISTANT = "assistant"
OFFICIAL_PLATFORM = "official_platform"
# How a company told us it declared on the official platform.
ELSEWHERE_SOURCES = ("telegram", "email_reply", "import")
# The official record requires these from data year 2021 (index-rules §11; the official
# cross-validation's rules 1 and 14).
PLAN_RELANCE_FROM_YEAR = 2021
PHONE_REQUIRED_FROM_YEAR = 2021
PARIS = ZoneInfo("Europe/Paris")


def _today(now: datetime) -> date:
    """The date people read (Europe/Paris) at ``now``."""
    return now.astimezone(PARIS).date()


# -- computing from the stored document -----------------------------------------------------


def compute_index(document: dict[str, Any], year: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The document with its data year, and the engine's output for it.

    Raises ``DeclarationError("not_an_index_document")`` or ``("engine_refused", message=…)``.
    """
    if not isinstance(document, dict) or document.get("kind") not in ("raw", "results"):
        raise DeclarationError("not_an_index_document")
    stored = copy.deepcopy(document)
    stored["year"] = year
    try:
        output = compute_document(stored).model_dump(mode="json")
    except EngineError as error:
        raise DeclarationError("engine_refused", message=error.message, where=error.where) from None
    return stored, output


def compute_representation(
    year: int, executives: dict[str, Any], governing_bodies: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    document = {
        "kind": "representation",
        "year": year,
        "executives": dict(executives),
        "governing_bodies": dict(governing_bodies),
    }
    try:
        output = compute_document(document).model_dump(mode="json")
    except EngineError as error:
        raise DeclarationError("engine_refused", message=error.message, where=error.where) from None
    return document, output


# -- the index declaration ------------------------------------------------------------------


@dataclass
class IndexDraft:
    """What a person declares; scores come from ``engine_input`` only."""

    siren: str
    year: int
    engine_input: dict[str, Any]
    period_end: date | None
    period_sufficient: bool = True
    publication_date: date | None = None
    publication_url: str | None = None
    publication_modalities: str | None = None
    corrective_measures: str | None = None
    indicator1_mode: str | None = None
    cse_consultation_date: date | None = None
    declarant_email: str | None = None
    declarant_first_name: str | None = None
    declarant_last_name: str | None = None
    declarant_phone: str | None = None  # as typed; stored in its national 10-digit form
    telegram_user_id: int | None = None
    plan_relance: bool | None = None  # "plan de relance" answer, required from 2021


@dataclass(frozen=True)
class CheckedIndex:
    """A draft that passed every rule, with the document and output to store."""

    draft: IndexDraft
    document: dict[str, Any]
    output: dict[str, Any]
    mode: str | None
    cse_date: date | None
    corrective_measures: str | None
    objectives_status: str
    phone: str | None = None  # national form


def plan_relance_asked(year: int) -> bool:
    return year >= PLAN_RELANCE_FROM_YEAR


def phone_required(year: int) -> bool:
    return year >= PHONE_REQUIRED_FROM_YEAR


def _check_plan_relance_and_declarant(draft: IndexDraft) -> str | None:
    """The phone in its national form (None when not given and not required); in the order
    the conversation asks them."""
    if plan_relance_asked(draft.year) and draft.plan_relance is None:
        raise DeclarationError("plan_relance_missing")
    if not draft.declarant_first_name or not draft.declarant_last_name:
        raise DeclarationError("declarant_missing")
    if draft.declarant_phone or phone_required(draft.year):
        return normalise_phone(draft.declarant_phone)
    return None


def check_index(draft: IndexDraft, *, today: date) -> CheckedIndex:
    """Apply the declaration rules (index-rules §11, §13) to ``draft``; pure."""
    check_year(draft.year, today)
    document, output = compute_index(draft.engine_input, draft.year)
    check_period_end(draft.period_end, draft.year)
    phone = _check_plan_relance_and_declarant(draft)
    if not draft.period_sufficient:
        return CheckedIndex(
            draft, document, output, None, None, None, ObjectivesStatus.NOT_APPLICABLE, phone
        )
    check_favoured_sexes(output)
    check_one_decimal(output)
    index = output["index"]
    if index is not None or draft.publication_date or draft.publication_url:
        check_publication(
            draft.publication_date, draft.publication_url, draft.publication_modalities
        )
    mode = check_mode(output, indicator1_mode(document, draft.indicator1_mode))
    cse_date = check_cse_date(draft.cse_consultation_date, mode, today)
    measures = check_corrective_measures(draft.corrective_measures, index)
    reason = objectives_reason(
        year=draft.year, period_sufficient=True, index=index, channel=ASSISTANT
    )
    status = ObjectivesStatus.NOT_APPLICABLE if reason else ObjectivesStatus.TO_FILL
    return CheckedIndex(draft, document, output, mode, cse_date, measures, status, phone)


@dataclass(frozen=True)
class SavedIndex:
    declaration: IndexDeclaration
    created: bool  # first submission here (a new row, or a "declared elsewhere" row taken over)
    objectives_erased: bool  # a modification wiped objectives and measures already declared
    previous_submitted_at: datetime | None = None


def modification_deadline(declaration: IndexDeclaration | RepresentationDeclaration) -> datetime:
    return one_year_after(declaration.first_submitted_at)


def _check_modifiable(
    declaration: IndexDeclaration | RepresentationDeclaration, now: datetime
) -> None:
    if declaration.channel != ASSISTANT:
        return
    deadline = modification_deadline(declaration)
    if now > deadline:
        raise DeclarationError(
            "modification_closed",
            submitted=declaration.first_submitted_at,
            until=deadline,
            year=declaration.year,
        )


async def get_index(session: AsyncSession, siren: str, year: int) -> IndexDeclaration | None:
    statement = select(IndexDeclaration).where(
        IndexDeclaration.siren == siren, IndexDeclaration.year == year
    )
    return (await session.exec(statement)).first()


async def _locked_index(session: AsyncSession, siren: str, year: int) -> IndexDeclaration | None:
    statement = (
        select(IndexDeclaration)
        .where(IndexDeclaration.siren == siren, IndexDeclaration.year == year)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.exec(statement)).first()


async def _lock_company(session: AsyncSession, siren: str) -> None:
    """Serialise the writes of one company (two declarants saving at once)."""
    await companies.ensure(session, siren)
    await session.exec(select(Company.siren).where(Company.siren == siren).with_for_update())


def _apply(row: IndexDeclaration, checked: CheckedIndex) -> None:
    draft, output = checked.draft, checked.output
    sufficient = draft.period_sufficient
    row.channel = ASSISTANT
    row.declarant_email = draft.declarant_email
    row.declarant_first_name = draft.declarant_first_name
    row.declarant_last_name = draft.declarant_last_name
    row.declarant_phone = checked.phone
    row.telegram_user_id = draft.telegram_user_id
    row.plan_relance = draft.plan_relance
    row.period_end = draft.period_end
    row.period_sufficient = sufficient
    row.publication_date = draft.publication_date if sufficient else None
    row.publication_url = draft.publication_url if sufficient else None
    row.publication_modalities = (
        draft.publication_modalities if sufficient and not draft.publication_url else None
    )
    row.corrective_measures = checked.corrective_measures
    row.indicator1_mode = checked.mode
    row.cse_consultation_date = checked.cse_date
    row.engine_input = checked.document
    row.engine_output = output
    row.index = output["index"] if sufficient else None
    row.points = output["points"] if sufficient else None
    row.max_points = output["max_points"] if sufficient else None
    row.objectives_status = checked.objectives_status


async def save_index(
    session: AsyncSession, draft: IndexDraft, *, now: datetime | None = None
) -> SavedIndex:
    """Record (or modify) the declaration of ``draft.siren`` for ``draft.year``.

    Raises ``DeclarationError``: any rule of ``check_index``, or ``modification_closed`` a year
    after the first submission.
    """
    now = now or utcnow()
    checked = check_index(draft, today=_today(now))
    await _lock_company(session, draft.siren)
    row = await _locked_index(session, draft.siren, draft.year)
    if row is None:
        row = IndexDeclaration(siren=draft.siren, year=draft.year, first_submitted_at=now)
        _apply(row, checked)
        session.add(row)
        await session.flush()
        return SavedIndex(row, created=True, objectives_erased=False)
    _check_modifiable(row, now)
    taken_over = row.channel != ASSISTANT
    previous = None if taken_over else row.first_submitted_at
    erased = await _erase_objectives(session, row)
    _apply(row, checked)
    row.revision += 1
    if taken_over:
        row.first_submitted_at = now
        row.modified_at = None
    else:
        row.modified_at = now
    await session.flush()
    return SavedIndex(
        row, created=taken_over, objectives_erased=erased, previous_submitted_at=previous
    )


async def _erase_objectives(session: AsyncSession, declaration: IndexDeclaration) -> bool:
    result = await session.exec(
        delete(DeclarationObjectives).where(DeclarationObjectives.declaration_id == declaration.id)
    )
    return bool(result.rowcount)


async def record_official_platform(
    session: AsyncSession,
    siren: str,
    year: int,
    *,
    telegram_user_id: int | None = None,
    declarant_email: str | None = None,
    index: int | None = None,
    source: str = "telegram",
    now: datetime | None = None,
) -> tuple[IndexDeclaration, bool]:
    """The company says it declared ``year`` on the official platform: (row, recorded now).

    ``source`` says how it told us (``ELSEWHERE_SOURCES``). A declaration already made here is
    left as it is (``False``); so is an earlier statement.
    """
    if source not in ELSEWHERE_SOURCES:
        raise ValueError(f"source must be one of {ELSEWHERE_SOURCES}, not {source!r}")
    now = now or utcnow()
    await _lock_company(session, siren)
    row = await _locked_index(session, siren, year)
    if row is not None:
        return row, False
    row = IndexDeclaration(
        siren=siren,
        year=year,
        channel=OFFICIAL_PLATFORM,
        elsewhere_source=source,
        telegram_user_id=telegram_user_id,
        declarant_email=declarant_email,
        index=index,
        objectives_status=ObjectivesStatus.NOT_APPLICABLE,
        first_submitted_at=now,
    )
    session.add(row)
    await session.flush()
    return row, True


async def set_official_index(
    session: AsyncSession, siren: str, year: int, index: int | None
) -> bool:
    """The index a company obtained on the official platform (0–100), when it tells it."""
    if index is not None and not 0 <= index <= 100:
        raise DeclarationError("official_index_range")
    row = await _locked_index(session, siren, year)
    if row is None or row.channel != OFFICIAL_PLATFORM:
        return False
    row.index = index
    row.modified_at = utcnow()
    return True


async def index_declarations_of(
    session: AsyncSession, sirens: list[str]
) -> dict[tuple[str, int], IndexDeclaration]:
    if not sirens:
        return {}
    statement = select(IndexDeclaration).where(col(IndexDeclaration.siren).in_(list(set(sirens))))
    return {(row.siren, row.year): row for row in (await session.exec(statement)).all()}


async def index_declarations_for_year(session: AsyncSession, year: int) -> list[IndexDeclaration]:
    statement = (
        select(IndexDeclaration)
        .where(IndexDeclaration.year == year)
        .order_by(IndexDeclaration.siren)
    )
    return list((await session.exec(statement)).all())


# -- objectives and measures ----------------------------------------------------------------


async def objectives_of(session: AsyncSession, declaration_id: int) -> DeclarationObjectives | None:
    statement = select(DeclarationObjectives).where(
        DeclarationObjectives.declaration_id == declaration_id
    )
    return (await session.exec(statement)).first()


async def objectives_of_many(
    session: AsyncSession, declaration_ids: list[int]
) -> dict[int, DeclarationObjectives]:
    if not declaration_ids:
        return {}
    statement = select(DeclarationObjectives).where(
        col(DeclarationObjectives.declaration_id).in_(declaration_ids)
    )
    return {row.declaration_id: row for row in (await session.exec(statement)).all()}


def objectives_refusal(declaration: IndexDeclaration) -> str | None:
    """Why objectives cannot be declared for this declaration (a reason code), or None."""
    return objectives_reason(
        year=declaration.year,
        period_sufficient=declaration.period_sufficient,
        index=declaration.index,
        channel=declaration.channel,
    )


@dataclass
class ObjectivesDraft:
    texts: dict[str, str] = field(default_factory=dict)
    objectives_date: date | None = None
    measures_date: date | None = None
    modalities: str | None = None


@dataclass(frozen=True)
class SavedObjectives:
    declaration: IndexDeclaration
    objectives: DeclarationObjectives
    created: bool


async def save_objectives(
    session: AsyncSession,
    siren: str,
    year: int,
    draft: ObjectivesDraft,
    *,
    revision: int | None = None,
    now: datetime | None = None,
) -> SavedObjectives:
    """Record the objectives (and measures) of the index declaration of ``siren`` for ``year``.

    ``revision``: the declaration revision the person saw; if the index declaration was
    modified since, ``declaration_changed`` is raised rather than attach objectives to other
    scores. Objectives already declared may be changed for a year after the declaration.
    """
    now = now or utcnow()
    await _lock_company(session, siren)
    declaration = await _locked_index(session, siren, year)
    if declaration is None:
        raise DeclarationError("no_declaration", year=year)
    reason = objectives_refusal(declaration)
    if reason:
        raise DeclarationError("objectives_not_applicable", reason=reason, index=declaration.index)
    if revision is not None and revision != declaration.revision:
        raise DeclarationError("declaration_changed")
    cleaned = check_objectives(
        declaration.engine_output,
        period_end=declaration.period_end,
        publication_url=declaration.publication_url,
        texts=draft.texts,
        objectives_date=draft.objectives_date,
        measures_date=draft.measures_date,
        modalities=draft.modalities,
    )
    existing = await objectives_of(session, declaration.id)
    if existing is not None:
        deadline = one_year_after(declaration.modified_at or declaration.first_submitted_at)
        if now > deadline:
            raise DeclarationError("objectives_closed", until=deadline)
    row = existing or DeclarationObjectives(declaration_id=declaration.id, submitted_at=now)
    row.objectives = cleaned["texts"]
    row.objectives_publication_date = cleaned["objectives_date"]
    row.measures_publication_date = cleaned["measures_date"]
    row.modalities = cleaned["modalities"]
    if existing is not None:
        row.modified_at = now
    session.add(row)
    declaration.objectives_status = ObjectivesStatus.FILLED
    await session.flush()
    return SavedObjectives(declaration, row, created=existing is None)


# -- représentation équilibrée ------------------------------------------------------------------


@dataclass
class RepresentationDraft:
    siren: str
    year: int
    executives: dict[str, Any]  # {"women_pct", "men_pct"} or {"not_calculable": motive}
    governing_bodies: dict[str, Any]
    period_end: date | None
    publication_date: date | None = None
    publication_url: str | None = None
    publication_modalities: str | None = None
    declarant_email: str | None = None
    declarant_first_name: str | None = None
    declarant_last_name: str | None = None
    telegram_user_id: int | None = None


@dataclass(frozen=True)
class SavedRepresentation:
    declaration: RepresentationDeclaration
    created: bool


def check_representation(
    draft: RepresentationDraft, *, today: date
) -> tuple[dict[str, Any], dict[str, Any]]:
    check_representation_year(draft.year, today)
    document, output = compute_representation(draft.year, draft.executives, draft.governing_bodies)
    check_period_end(draft.period_end, draft.year)
    check_publication(draft.publication_date, draft.publication_url, draft.publication_modalities)
    if not draft.declarant_first_name or not draft.declarant_last_name:
        raise DeclarationError("declarant_missing")
    return document, output


async def get_representation(
    session: AsyncSession, siren: str, year: int
) -> RepresentationDeclaration | None:
    statement = select(RepresentationDeclaration).where(
        RepresentationDeclaration.siren == siren, RepresentationDeclaration.year == year
    )
    return (await session.exec(statement)).first()


async def save_representation(
    session: AsyncSession, draft: RepresentationDraft, *, now: datetime | None = None
) -> SavedRepresentation:
    now = now or utcnow()
    document, output = check_representation(draft, today=_today(now))
    await _lock_company(session, draft.siren)
    statement = (
        select(RepresentationDeclaration)
        .where(
            RepresentationDeclaration.siren == draft.siren,
            RepresentationDeclaration.year == draft.year,
        )
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    row = (await session.exec(statement)).first()
    created = row is None
    if row is None:
        row = RepresentationDeclaration(siren=draft.siren, year=draft.year, first_submitted_at=now)
    else:
        _check_modifiable(row, now)
        row.modified_at = now
    row.channel = ASSISTANT
    row.declarant_email = draft.declarant_email
    row.declarant_first_name = draft.declarant_first_name
    row.declarant_last_name = draft.declarant_last_name
    row.telegram_user_id = draft.telegram_user_id
    row.period_end = draft.period_end
    row.publication_date = draft.publication_date
    row.publication_url = draft.publication_url
    row.publication_modalities = None if draft.publication_url else draft.publication_modalities
    row.engine_input = document
    row.engine_output = output
    session.add(row)
    await session.flush()
    return SavedRepresentation(row, created)


async def representations_of(
    session: AsyncSession, sirens: list[str]
) -> dict[tuple[str, int], RepresentationDeclaration]:
    if not sirens:
        return {}
    statement = select(RepresentationDeclaration).where(
        col(RepresentationDeclaration.siren).in_(list(set(sirens)))
    )
    return {(row.siren, row.year): row for row in (await session.exec(statement)).all()}


async def representations_for_year(
    session: AsyncSession, year: int
) -> list[RepresentationDeclaration]:
    statement = (
        select(RepresentationDeclaration)
        .where(RepresentationDeclaration.year == year)
        .order_by(RepresentationDeclaration.siren)
    )
    return list((await session.exec(statement)).all())


__all__ = [
    "ASSISTANT",
    "OFFICIAL_PLATFORM",
    "PHONE_REQUIRED_FROM_YEAR",
    "PLAN_RELANCE_FROM_YEAR",
    "CheckedIndex",
    "DeclarationError",
    "IndexDraft",
    "ObjectivesDraft",
    "RepresentationDraft",
    "SavedIndex",
    "SavedObjectives",
    "SavedRepresentation",
    "check_index",
    "check_representation",
    "compute_index",
    "compute_representation",
    "get_index",
    "get_representation",
    "index_declarations_for_year",
    "index_declarations_of",
    "modification_deadline",
    "objectives_of",
    "objectives_of_many",
    "objectives_refusal",
    "phone_required",
    "plan_relance_asked",
    "record_official_platform",
    "representations_for_year",
    "representations_of",
    "save_index",
    "save_objectives",
    "save_representation",
    "set_official_index",
]
