"""Where a company stands in a campaign: one rule, read by /status, reminders, the dashboard,
exports and the operator's ``campaign status``.

``standing_of`` is a pure function of the stored facts (``CompanyFacts``); ``standings`` reads
those facts for many companies in one query (companies left-joined to their declarations, work
in progress and open-data history for the campaign) and applies the rule to each.
``objectives_due`` finds the companies whose objectives are due in a campaign without reading the
others, ``objectives_carried`` those of earlier campaigns that are still due.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import and_, case, func, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from store.campaigns import Campaign, CampaignCalendar
from store.tables.campaigns import CampaignProgress
from store.tables.companies import Company, CompanyIndexHistory
from store.tables.declarations import IndexDeclaration, ObjectivesStatus, RepresentationDeclaration

SUBJECT_BANDS = ("50:250", "251:999", "1000:")
LARGE_BAND = "1000:"
ASSISTANT = "assistant"
OFFICIAL_PLATFORM = "official_platform"
MEASURES_BELOW = 75
CHUNK = 5000  # SIRENs per filtered read: well under the databases' bind-parameter limits


class IndexStatus(StrEnum):
    NOT_SUBJECT = "not_subject"  # band unknown or < 50
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DECLARED = "declared"  # declared here
    DECLARED_ELSEWHERE = "declared_elsewhere"  # official platform (button, email reply, import)


class ObjectivesState(StrEnum):
    NOT_REQUIRED = "not_required"  # index >= 85, not calculable, data year < 2021, or not declared
    TO_FILL = "to_fill"
    FILLED = "filled"


class RepresentationStatus(StrEnum):
    NOT_SUBJECT = "not_subject"  # not 1000+
    TO_DECLARE = "to_declare"
    DECLARED = "declared"


@dataclass(frozen=True)
class CompanyFacts:
    """What the database knows of one company for one campaign (its data year)."""

    siren: str
    name: str | None = None
    band: str | None = None  # the company's band, else the one the open-data listed that year
    departement: str | None = None
    # The index declaration row for the data year, if any.
    channel: str | None = None  # "assistant" | "official_platform"
    index: int | None = None
    period_sufficient: bool = True
    objectives_status: str | None = None  # ObjectivesStatus of the row
    first_submitted_at: datetime | None = None
    modified_at: datetime | None = None
    elsewhere_source: str | None = None  # telegram | email_reply | import
    representation_declared: bool = False
    in_progress: bool = False  # a computation or declaration was started for this campaign
    # The imported official open-data export lists the company for the data year.
    open_data_listed: bool = False
    open_data_index: int | None = None
    open_data_recorded_at: datetime | None = None


@dataclass(frozen=True)
class CampaignStanding:
    siren: str
    campaign_year: int
    name: str | None
    band: str | None  # "50:250" | "251:999" | "1000:" | None
    departement: str | None
    status: IndexStatus
    index: int | None  # when declared (here or elsewhere, if given)
    calculable: bool | None  # None when not declared
    measures_required: bool  # declared, calculable, index < 75
    objectives: ObjectivesState
    objectives_due_since: datetime | None  # when objectives became due; None if not due
    representation: RepresentationStatus
    declared_at: datetime | None  # first submission here, or when "declared elsewhere" was recorded


def _index_part(
    facts: CompanyFacts,
) -> tuple[IndexStatus, int | None, bool | None, datetime | None]:
    """(status, index, calculable, declared_at)."""
    if facts.channel == ASSISTANT:
        calculable = facts.period_sufficient and facts.index is not None
        return IndexStatus.DECLARED, facts.index, calculable, facts.first_submitted_at
    if facts.channel is not None:  # told us it declared on the official platform
        index = facts.index if facts.index is not None else facts.open_data_index
        calculable = True if index is not None else None
        return IndexStatus.DECLARED_ELSEWHERE, index, calculable, facts.first_submitted_at
    if facts.open_data_listed:
        index = facts.open_data_index
        return IndexStatus.DECLARED_ELSEWHERE, index, index is not None, facts.open_data_recorded_at
    if facts.band not in SUBJECT_BANDS:
        return IndexStatus.NOT_SUBJECT, None, None, None
    status = IndexStatus.IN_PROGRESS if facts.in_progress else IndexStatus.NOT_STARTED
    return status, None, None, None


def _objectives(
    facts: CompanyFacts, status: IndexStatus
) -> tuple[ObjectivesState, datetime | None]:
    """Objectives are declared here only for an index declared here (the official platform keeps
    its own); the row's status already applies index-rules §9.3 and is reset by modifications."""
    if status != IndexStatus.DECLARED:
        return ObjectivesState.NOT_REQUIRED, None
    if facts.objectives_status == ObjectivesStatus.FILLED:
        return ObjectivesState.FILLED, None
    if facts.objectives_status == ObjectivesStatus.TO_FILL:
        return ObjectivesState.TO_FILL, facts.modified_at or facts.first_submitted_at
    return ObjectivesState.NOT_REQUIRED, None


def standing_of(facts: CompanyFacts, campaign: Campaign) -> CampaignStanding:
    """The rule: pure, from stored facts only."""
    status, index, calculable, declared_at = _index_part(facts)
    objectives, due_since = _objectives(facts, status)
    if facts.representation_declared:
        representation = RepresentationStatus.DECLARED
    elif facts.band == LARGE_BAND:
        representation = RepresentationStatus.TO_DECLARE
    else:
        representation = RepresentationStatus.NOT_SUBJECT
    return CampaignStanding(
        siren=facts.siren,
        campaign_year=campaign.year,
        name=facts.name,
        band=facts.band if facts.band in SUBJECT_BANDS else None,
        departement=facts.departement,
        status=status,
        index=index,
        calculable=calculable,
        measures_required=bool(calculable) and index is not None and index < MEASURES_BELOW,
        objectives=objectives,
        objectives_due_since=due_since,
        representation=representation,
        declared_at=declared_at,
    )


# -- reading the facts in bulk -----------------------------------------------------------------


def _facts_query(campaign: Campaign):
    data_year = campaign.data_year
    declaration, history = IndexDeclaration.__table__, CompanyIndexHistory.__table__
    representation, progress = RepresentationDeclaration.__table__, CampaignProgress.__table__
    company = Company.__table__
    return (
        select(
            company.c.siren,
            company.c.name,
            company.c.workforce_range,
            company.c.departement,
            declaration.c.channel,
            declaration.c.index,
            declaration.c.period_sufficient,
            declaration.c.objectives_status,
            declaration.c.first_submitted_at,
            declaration.c.modified_at,
            declaration.c.elsewhere_source,
            representation.c.id,
            progress.c.id,
            history.c.id,
            history.c.index,
            history.c.created_at,
            history.c.workforce_range,
        )
        .select_from(company)
        .outerjoin(
            declaration,
            and_(declaration.c.siren == company.c.siren, declaration.c.year == data_year),
        )
        .outerjoin(
            representation,
            and_(representation.c.siren == company.c.siren, representation.c.year == data_year),
        )
        .outerjoin(
            progress,
            and_(progress.c.siren == company.c.siren, progress.c.campaign_year == campaign.year),
        )
        .outerjoin(history, and_(history.c.siren == company.c.siren, history.c.year == data_year))
    )


def _facts(row) -> CompanyFacts:
    (
        siren,
        name,
        band,
        departement,
        channel,
        index,
        sufficient,
        objectives_status,
        submitted,
        modified,
        source,
        representation_id,
        progress_id,
        history_id,
        history_index,
        history_at,
        history_band,
    ) = row
    return CompanyFacts(
        siren=siren,
        name=name,
        band=band or history_band,
        departement=departement,
        channel=channel,
        index=index,
        period_sufficient=True if sufficient is None else sufficient,
        objectives_status=objectives_status,
        first_submitted_at=submitted,
        modified_at=modified,
        elsewhere_source=source,
        representation_declared=representation_id is not None,
        in_progress=progress_id is not None,
        open_data_listed=history_id is not None,
        open_data_index=history_index,
        open_data_recorded_at=history_at,
    )


async def facts(
    session: AsyncSession,
    campaign: Campaign,
    *,
    sirens: Iterable[str] | None = None,
    departements: Iterable[str | None] | None = None,
) -> list[CompanyFacts]:
    """The facts of every known company (or of ``sirens``, or of ``departements``; ``None`` in
    ``departements`` stands for "département unknown"), by SIREN."""
    statement = _facts_query(campaign)
    company = Company.__table__
    if sirens is not None:
        wanted = sorted(set(sirens))
        if not wanted:
            return []
        statement = statement.where(company.c.siren.in_(wanted))
    if departements is not None:
        wanted = set(departements)
        named = sorted(d for d in wanted if d is not None)
        conditions = [company.c.departement.in_(named)] if named else []
        if None in wanted:
            conditions.append(company.c.departement.is_(None))
        if not conditions:
            return []
        statement = statement.where(or_(*conditions))
    statement = statement.order_by(company.c.siren)
    result = await session.exec(statement)
    return [_facts(row) for row in result.all()]


async def standings(
    session: AsyncSession,
    campaign: Campaign,
    *,
    sirens: Iterable[str] | None = None,
    departements: Iterable[str | None] | None = None,
) -> list[CampaignStanding]:
    """Every company's standing in ``campaign`` (filtered as ``facts``), in one query."""
    rows = await facts(session, campaign, sirens=sirens, departements=departements)
    return [standing_of(row, campaign) for row in rows]


async def standing(session: AsyncSession, siren: str, campaign: Campaign) -> CampaignStanding:
    """One company's standing; a SIREN not yet known is simply "not subject" (band unknown)."""
    found = await standings(session, campaign, sirens=[siren])
    return found[0] if found else standing_of(CompanyFacts(siren=siren), campaign)


def _objectives_candidates():
    """(data year, SIREN) of the declarations whose objectives may be due: an index declared here
    whose row says "to fill", the only facts that can make them due (``_objectives``)."""
    declaration = IndexDeclaration.__table__
    return select(declaration.c.year, declaration.c.siren).where(
        declaration.c.channel == ASSISTANT,
        declaration.c.objectives_status == ObjectivesStatus.TO_FILL,
    )


async def objectives_candidate_years(
    session: AsyncSession, siren: str, *, before: int
) -> list[int]:
    """The data years before ``before`` whose objectives of ``siren`` may still be due (what
    ``objectives_carried`` considers for that company)."""
    declaration = IndexDeclaration.__table__
    rows = await session.exec(
        _objectives_candidates().where(declaration.c.siren == siren, declaration.c.year < before)
    )
    return sorted(year for year, _ in rows.all())


async def objectives_due(session: AsyncSession, campaign: Campaign) -> list[CampaignStanding]:
    """The standings in ``campaign`` whose objectives are to fill, by SIREN, without reading every
    company: one narrow query finds the candidates, the rule decides (filtered reads)."""
    declaration = IndexDeclaration.__table__
    rows = await session.exec(
        _objectives_candidates().where(declaration.c.year == campaign.data_year)
    )
    candidates = sorted({siren for _, siren in rows.all()})
    due: list[CampaignStanding] = []
    for start in range(0, len(candidates), CHUNK):
        found = await standings(session, campaign, sirens=candidates[start : start + CHUNK])
        due += [one for one in found if one.objectives == ObjectivesState.TO_FILL]
    return due


async def objectives_carried(
    session: AsyncSession, calendar: CampaignCalendar, campaign: Campaign
) -> list[CampaignStanding]:
    """The standings, in campaigns before ``campaign``, whose objectives are still due: to fill in
    their own campaign (the rule above, which a modification already starts afresh), and not
    replaced by a later index of the company (declared here or elsewhere, in a later campaign up
    to ``campaign``): a later index carries its own obligations (objectives stay published until
    the index reaches 85, index-rules §9.3). By campaign year, then SIREN.

    One narrow query finds the candidates (an index declared here whose row says "to fill", the
    only facts that can make objectives due); the rule decides, a few filtered reads per year."""
    declaration = IndexDeclaration.__table__
    rows = await session.exec(
        _objectives_candidates().where(declaration.c.year < campaign.data_year)
    )
    by_year: dict[int, set[str]] = {}
    for data_year, siren in rows.all():
        by_year.setdefault(data_year, set()).add(siren)
    carried: list[CampaignStanding] = []
    for data_year in sorted(by_year):
        earlier = await standings(
            session, calendar.for_data_year(data_year), sirens=by_year[data_year]
        )
        due = {
            found.siren: found for found in earlier if found.objectives == ObjectivesState.TO_FILL
        }
        for later_year in range(data_year + 1, campaign.data_year + 1):
            if not due:
                break
            later = await standings(session, calendar.for_data_year(later_year), sirens=due)
            for found in later:
                if found.status in (IndexStatus.DECLARED, IndexStatus.DECLARED_ELSEWHERE):
                    del due[found.siren]
        carried += due.values()
    return carried


# -- a territory's counts and one page, without reading every company's facts -------------------
#
# The status of a company depends on four of its facts only (its declaration's channel, whether
# the open data lists it, its band, whether work is in progress). The counts group the companies
# by those four facts in SQL and apply ``standing_of`` to each group: still the one rule, for a
# few dozen groups instead of thousands of companies. A page is then sorted and cut in SQL, and
# only its companies' full standings are read.


@dataclass(frozen=True)
class StatusGroup:
    channel: str | None
    listed: bool
    band: str | None
    in_progress: bool
    count: int
    status: IndexStatus


def _territory_parts(campaign: Campaign):
    data_year = campaign.data_year
    declaration, history = IndexDeclaration.__table__, CompanyIndexHistory.__table__
    progress, company = CampaignProgress.__table__, Company.__table__
    joined = (
        company.outerjoin(
            declaration,
            and_(declaration.c.siren == company.c.siren, declaration.c.year == data_year),
        )
        .outerjoin(
            progress,
            and_(progress.c.siren == company.c.siren, progress.c.campaign_year == campaign.year),
        )
        .outerjoin(history, and_(history.c.siren == company.c.siren, history.c.year == data_year))
    )
    band = func.coalesce(company.c.workforce_range, history.c.workforce_range)
    return joined, declaration, history, progress, company, band


def _territory_filters(company, band_column, departements, band, search) -> list:
    conditions = [company.c.departement.in_(sorted(set(departements)))]
    if band:
        conditions.append(band_column == band)
    if search:
        text = search.strip()
        digits = text.replace(" ", "").replace(".", "")
        by_name = func.lower(company.c.name).contains(text.lower(), autoescape=True)
        if digits.isdigit():
            by_name = or_(company.c.siren.startswith(digits, autoescape=True), by_name)
        conditions.append(by_name)
    return conditions


async def status_groups(
    session: AsyncSession,
    campaign: Campaign,
    *,
    departements: Iterable[str],
    band: str | None = None,
    search: str | None = None,
) -> list[StatusGroup]:
    """The companies of ``departements`` (with the band and search filters) grouped by what
    decides their status, each group with its count and status."""
    joined, declaration, history, progress, company, band_column = _territory_parts(campaign)
    listed = history.c.id.is_not(None)
    started = progress.c.id.is_not(None)
    statement = (
        select(declaration.c.channel, listed, band_column, started, func.count())
        .select_from(joined)
        .where(*_territory_filters(company, band_column, departements, band, search))
        .group_by(declaration.c.channel, listed, band_column, started)
    )
    groups = []
    for channel, is_listed, group_band, in_progress, count in (await session.exec(statement)).all():
        facts = CompanyFacts(
            siren="",
            band=group_band,
            channel=channel,
            in_progress=bool(in_progress),
            open_data_listed=bool(is_listed),
        )
        status = standing_of(facts, campaign).status
        groups.append(
            StatusGroup(channel, bool(is_listed), group_band, bool(in_progress), count, status)
        )
    return groups


SQL_SORTS = ("name", "siren", "departement", "band")


async def page_sirens(
    session: AsyncSession,
    campaign: Campaign,
    groups: list[StatusGroup],
    *,
    departements: Iterable[str],
    band: str | None = None,
    search: str | None = None,
    status: str | None = None,
    sort: str = "name",
    descending: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[str]:
    """The SIRENs of one page of the territory, sorted in SQL (``SQL_SORTS``)."""
    joined, declaration, history, progress, company, band_column = _territory_parts(campaign)
    conditions = _territory_filters(company, band_column, departements, band, search)
    if status:
        wanted = [group for group in groups if group.status == status]
        if not wanted:
            return []
        conditions.append(
            or_(
                *(
                    and_(
                        declaration.c.channel == group.channel
                        if group.channel is not None
                        else declaration.c.channel.is_(None),
                        history.c.id.is_not(None) if group.listed else history.c.id.is_(None),
                        band_column == group.band
                        if group.band is not None
                        else band_column.is_(None),
                        progress.c.id.is_not(None)
                        if group.in_progress
                        else progress.c.id.is_(None),
                    )
                    for group in wanted
                )
            )
        )
    name = func.lower(company.c.name)
    if sort == "siren":
        keys = [company.c.siren]
    elif sort == "departement":
        keys = [company.c.departement, company.c.name.is_(None), name, company.c.siren]
    elif sort == "band":
        rank = case(
            *((band_column == value, position) for position, value in enumerate(SUBJECT_BANDS)),
            else_=-1,
        )
        keys = [rank, company.c.siren]
    else:
        keys = [company.c.name.is_(None), name, company.c.siren]
    order = [key.desc() if descending else key.asc() for key in keys]
    if not status:  # the joins matter only to tell statuses (and the band) apart
        history_only = company.outerjoin(
            history, and_(history.c.siren == company.c.siren, history.c.year == campaign.data_year)
        )
        joined = history_only if band or sort == "band" else company
    statement = (
        select(company.c.siren)
        .select_from(joined)
        .where(*conditions)
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    return list((await session.exec(statement)).scalars().all())
