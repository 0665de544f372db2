"""A référent's territory: where every company of their départements stands in the current
campaign, filtered, searched, sorted and paged; one company's file; answering a question.

Read by the dashboard pages, its exports, ``/pending`` in Telegram and the weekly digest. The
scope (a set of département codes) is applied here, before anything else: a company outside it
does not exist for the caller, whatever filter, SIREN or question id is asked for.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from store import campaign_status, outbox, questions
from store.campaign_status import CampaignStanding, IndexStatus
from store.campaigns import Campaign
from store.tables.companies import Company
from store.tables.declarations import DeclarationObjectives, IndexDeclaration
from store.tables.inbound import EmailQuestion, InboundMessage, QuestionStatus
from store.tables.outbox import OutboxMessage, OutboxStatus
from store.tables.replies import ReplyAddress

PAGE_SIZE = 50
SORTS = ("name", "siren", "departement", "band", "status", "index")
BANDS = campaign_status.SUBJECT_BANDS
STATUS_ORDER = {status: position for position, status in enumerate(IndexStatus)}
LATE_STATUSES = (IndexStatus.NOT_STARTED, IndexStatus.IN_PROGRESS)
REMINDER_TOPIC_PREFIX = "reminders:"
REMINDER_KIND_PREFIX = "reminder"
ANSWER_KIND = "referent_answer"


@dataclass(frozen=True)
class Filters:
    status: str = ""
    departement: str = ""
    band: str = ""
    search: str = ""
    sort: str = "name"
    descending: bool = False
    page: int = 1

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> "Filters":
        """Read a query string leniently: an unknown value is the same as no value."""
        status = query.get("status", "")
        band = query.get("band", "")
        sort = query.get("sort", "name")
        try:
            page = max(1, min(int(query.get("page", "1")), 1_000_000))
        except ValueError:
            page = 1
        return cls(
            status=status if status in {s.value for s in IndexStatus} else "",
            departement=query.get("departement", "").strip().upper()[:3],
            band=band if band in BANDS else "",
            search=query.get("q", "").strip()[:100],
            sort=sort if sort in SORTS else "name",
            descending=query.get("order") == "desc",
            page=page,
        )

    def query(self, **changes: Any) -> dict[str, str]:
        """These filters as query parameters (with ``changes``), empty values left out."""
        values = {
            "status": self.status,
            "departement": self.departement,
            "band": self.band,
            "q": self.search,
            "sort": self.sort if self.sort != "name" else "",
            "order": "desc" if self.descending else "",
            "page": str(self.page) if self.page != 1 else "",
        }
        values.update({key: str(value) for key, value in changes.items()})
        return {key: value for key, value in values.items() if value}


@dataclass(frozen=True)
class Row:
    standing: CampaignStanding
    late: bool
    last_reminder_at: datetime | None = None
    open_questions: int = 0


@dataclass(frozen=True)
class TerritoryPage:
    campaign: Campaign
    counts: dict[str, int]  # per IndexStatus value, over the scope with the filters but status
    total: int  # rows matching every filter
    rows: list[Row]
    page: int
    pages: int
    late: int  # not declared after the deadline, in the scope


def is_late(standing: CampaignStanding, campaign: Campaign, today: date) -> bool:
    return (
        campaign.index_campaign
        and standing.status in LATE_STATUSES
        and today > campaign.index_deadline
    )


def _matches_search(standing: CampaignStanding, search: str) -> bool:
    if not search:
        return True
    digits = search.replace(" ", "").replace(".", "")
    if digits.isdigit() and standing.siren.startswith(digits):
        return True
    return search.lower() in (standing.name or "").lower()


def _sort_key(sort: str):
    if sort == "siren":
        return lambda s: s.siren
    if sort == "departement":
        return lambda s: (s.departement or "", s.name is None, (s.name or "").lower(), s.siren)
    if sort == "band":
        return lambda s: (BANDS.index(s.band) if s.band in BANDS else -1, s.siren)
    if sort == "status":
        return lambda s: (STATUS_ORDER[s.status], (s.name or "").lower(), s.siren)
    if sort == "index":
        return lambda s: (s.index is None, s.index or 0, s.siren)
    return lambda s: (s.name is None, (s.name or "").lower(), s.siren)


async def scoped_standings(
    session: AsyncSession, campaign: Campaign, scope: Iterable[str], filters: Filters
) -> tuple[list[CampaignStanding], Counter]:
    """The standings in ``scope`` that match ``filters`` (sorted), and the counts per status of
    those matching every filter but the status."""
    scope = frozenset(scope)
    wanted = scope & {filters.departement} if filters.departement else scope
    if not wanted:
        return [], Counter()
    found = await campaign_status.standings(session, campaign, departements=sorted(wanted))
    found = [
        s
        for s in found
        if s.departement in scope  # the scope once more: never trust one filter alone
        and (not filters.band or s.band == filters.band)
        and _matches_search(s, filters.search)
    ]
    counts = Counter(s.status.value for s in found)
    if filters.status:
        found = [s for s in found if s.status == filters.status]
    found.sort(key=_sort_key(filters.sort), reverse=filters.descending)
    return found, counts


IN_CHUNK = 5_000  # SIRENs per IN (...) list: well under SQLite's limit on bound parameters


async def _last_reminders(session: AsyncSession, sirens: list[str]) -> dict[str, datetime]:
    found = {}
    for start in range(0, len(sirens), IN_CHUNK):
        found |= await _last_reminders_of(session, sirens[start : start + IN_CHUNK])
    return found


async def _last_reminders_of(session: AsyncSession, sirens: list[str]) -> dict[str, datetime]:
    if not sirens:
        return {}
    statement = (
        select(OutboxMessage.siren, func.max(OutboxMessage.sent_at))
        .where(col(OutboxMessage.siren).in_(sirens))
        .where(OutboxMessage.status == OutboxStatus.SENT)
        .where(
            or_(
                col(OutboxMessage.topic).startswith(REMINDER_TOPIC_PREFIX),
                col(OutboxMessage.kind).startswith(REMINDER_KIND_PREFIX),
            )
        )
        .group_by(OutboxMessage.siren)
    )
    return {siren: at for siren, at in (await session.exec(statement)).all() if at}


async def _open_questions(session: AsyncSession, sirens: list[str]) -> dict[str, int]:
    found = {}
    for start in range(0, len(sirens), IN_CHUNK):
        found |= await _open_questions_of(session, sirens[start : start + IN_CHUNK])
    return found


async def _open_questions_of(session: AsyncSession, sirens: list[str]) -> dict[str, int]:
    if not sirens:
        return {}
    statement = (
        select(EmailQuestion.siren, func.count())
        .where(col(EmailQuestion.siren).in_(sirens))
        .where(EmailQuestion.status == QuestionStatus.OPEN)
        .group_by(EmailQuestion.siren)
    )
    return dict((await session.exec(statement)).all())


async def enrich(
    session: AsyncSession, standings: list[CampaignStanding], campaign: Campaign, today: date
) -> list[Row]:
    """Rows with their last reminder and open questions (read for these companies only)."""
    sirens = [s.siren for s in standings]
    reminders = await _last_reminders(session, sirens)
    open_questions = await _open_questions(session, sirens)
    return [
        Row(
            standing=s,
            late=is_late(s, campaign, today),
            last_reminder_at=reminders.get(s.siren),
            open_questions=open_questions.get(s.siren, 0),
        )
        for s in standings
    ]


async def territory_page(
    session: AsyncSession,
    campaign: Campaign,
    scope: Iterable[str],
    filters: Filters,
    *,
    today: date,
    page_size: int = PAGE_SIZE,
) -> TerritoryPage:
    """One page of the territory with the counts per status. Sorted by a company column, the
    counts are grouped and the page cut in SQL (``campaign_status.status_groups``); sorted by
    status or index, every standing of the territory is read and sorted here."""
    if filters.sort not in campaign_status.SQL_SORTS:
        return await _territory_page_in_memory(
            session, campaign, scope, filters, today=today, page_size=page_size
        )
    scope = frozenset(scope)
    wanted = scope & {filters.departement} if filters.departement else scope
    counts = dict.fromkeys((status.value for status in IndexStatus), 0)
    groups = []
    if wanted:
        groups = await campaign_status.status_groups(
            session,
            campaign,
            departements=wanted,
            band=filters.band or None,
            search=filters.search or None,
        )
    for group in groups:
        counts[group.status.value] += group.count
    shown = [filters.status] if filters.status else list(counts)
    total = sum(counts[status] for status in shown)
    pages = max(1, -(-total // page_size))
    page = min(filters.page, pages)
    sirens = []
    if total:
        sirens = await campaign_status.page_sirens(
            session,
            campaign,
            groups,
            departements=wanted,
            band=filters.band or None,
            search=filters.search or None,
            status=filters.status or None,
            sort=filters.sort,
            descending=filters.descending,
            limit=page_size,
            offset=(page - 1) * page_size,
        )
    found = {s.siren: s for s in await campaign_status.standings(session, campaign, sirens=sirens)}
    rows = [found[siren] for siren in sirens if found[siren].departement in scope]
    late = 0
    if campaign.index_campaign and today > campaign.index_deadline:
        late = sum(counts[status.value] for status in LATE_STATUSES if status.value in shown)
    return TerritoryPage(
        campaign=campaign,
        counts=counts,
        total=total,
        rows=await enrich(session, rows, campaign, today),
        page=page,
        pages=pages,
        late=late,
    )


async def _territory_page_in_memory(
    session: AsyncSession,
    campaign: Campaign,
    scope: Iterable[str],
    filters: Filters,
    *,
    today: date,
    page_size: int,
) -> TerritoryPage:
    found, counts = await scoped_standings(session, campaign, scope, filters)
    pages = max(1, -(-len(found) // page_size))
    page = min(filters.page, pages)
    start = (page - 1) * page_size
    rows = await enrich(session, found[start : start + page_size], campaign, today)
    late = sum(1 for s in found if is_late(s, campaign, today))
    return TerritoryPage(
        campaign=campaign,
        counts={status.value: counts.get(status.value, 0) for status in IndexStatus},
        total=len(found),
        rows=rows,
        page=page,
        pages=pages,
        late=late,
    )


async def export_rows(
    session: AsyncSession, campaign: Campaign, scope: Iterable[str], filters: Filters, today: date
) -> list[Row]:
    """Every row of the filtered list (no paging), for the CSV and XLSX exports."""
    found, _ = await scoped_standings(session, campaign, scope, filters)
    return await enrich(session, found, campaign, today)


# -- one company -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Declaration:
    row: IndexDeclaration
    objectives: DeclarationObjectives | None


@dataclass(frozen=True)
class Reply:
    received_at: datetime
    email: str
    outcome: str | None


@dataclass
class CompanyFile:
    company: Company
    standing: CampaignStanding
    late: bool
    declarations: list[Declaration] = field(default_factory=list)
    reminders: list[OutboxMessage] = field(default_factory=list)
    questions: list[EmailQuestion] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)


async def company_in_scope(
    session: AsyncSession, siren: str, scope: Iterable[str]
) -> Company | None:
    company = await session.get(Company, siren) if siren.isdigit() and len(siren) == 9 else None
    if company is None or company.departement is None or company.departement not in set(scope):
        return None
    return company


async def company_file(
    session: AsyncSession, siren: str, scope: Iterable[str], campaign: Campaign, today: date
) -> CompanyFile | None:
    """Everything a référent may see of one company; None outside the scope."""
    company = await company_in_scope(session, siren, scope)
    if company is None:
        return None
    standing = await campaign_status.standing(session, siren, campaign)
    declarations = (
        await session.exec(
            select(IndexDeclaration)
            .where(IndexDeclaration.siren == siren)
            .order_by(col(IndexDeclaration.year).desc())
        )
    ).all()
    objectives = {}
    if declarations:
        rows = await session.exec(
            select(DeclarationObjectives).where(
                col(DeclarationObjectives.declaration_id).in_([d.id for d in declarations])
            )
        )
        objectives = {row.declaration_id: row for row in rows.all()}
    reminders = (
        await session.exec(
            select(OutboxMessage)
            .where(OutboxMessage.siren == siren)
            .where(
                or_(
                    col(OutboxMessage.topic).startswith(REMINDER_TOPIC_PREFIX),
                    col(OutboxMessage.kind).startswith(REMINDER_KIND_PREFIX),
                    OutboxMessage.kind == ANSWER_KIND,
                )
            )
            .order_by(col(OutboxMessage.created_at).desc(), col(OutboxMessage.id).desc())
            .limit(200)
        )
    ).all()
    asked = await questions.list_questions(session, siren=siren)
    replies = (
        await session.exec(
            select(InboundMessage.received_at, ReplyAddress.email, InboundMessage.outcome)
            .join(ReplyAddress, ReplyAddress.id == InboundMessage.reply_address_id)
            .where(ReplyAddress.siren == siren)
            .order_by(col(InboundMessage.received_at).desc())
            .limit(200)
        )
    ).all()
    return CompanyFile(
        company=company,
        standing=standing,
        late=is_late(standing, campaign, today),
        declarations=[Declaration(d, objectives.get(d.id)) for d in declarations],
        reminders=list(reminders),
        questions=list(reversed(asked)),
        replies=[Reply(at, email, outcome) for at, email, outcome in replies],
    )


# -- answering a question ----------------------------------------------------------------------


class AnswerOutcome:
    SENT = "sent"
    ALREADY = "already_answered"
    EMPTY = "empty"


async def question_in_scope(
    session: AsyncSession, question_id: int, scope: Iterable[str]
) -> EmailQuestion | None:
    question = await questions.get(session, question_id)
    if question is None or question.siren is None:
        return None
    if await company_in_scope(session, question.siren, scope) is None:
        return None
    return question


async def answer_question(
    session: AsyncSession,
    question: EmailQuestion,
    *,
    answer: str,
    referent_email: str,
    referent_name: str,
    company_name: str | None,
) -> str:
    """Email ``answer`` to the person who asked (its Reply-To routes their reply back like any
    other) and close the question, once."""
    answer = answer.strip()
    if not answer:
        return AnswerOutcome.EMPTY
    if not await questions.record_answer(
        session, question.id, answer=answer, answered_by=referent_email
    ):
        return AnswerOutcome.ALREADY
    params = {
        "siren": question.siren,
        "answer": answer,
        "question": question.text,
        "referent": referent_name or referent_email,
    }
    if company_name:
        params["company_name"] = company_name
    await outbox.enqueue(
        session,
        channel="email",
        recipient=question.email,
        dedup_key=f"question:{question.id}:answer",
        kind=ANSWER_KIND,
        siren=question.siren,
        payload={
            "language": "fr",
            "params": params,
            "reply_context": {"siren": question.siren, "person_email": question.email},
        },
    )
    return AnswerOutcome.SENT


# -- /pending in Telegram ----------------------------------------------------------------------


@dataclass(frozen=True)
class Pending:
    campaign: Campaign
    counts: dict[str, int]
    late_total: int
    late: list[CampaignStanding]  # the first late companies, by name


async def pending(
    session: AsyncSession, campaign: Campaign, scope: Iterable[str], today: date, *, first: int = 10
) -> Pending:
    found, counts = await scoped_standings(session, campaign, scope, Filters())
    late = [s for s in found if is_late(s, campaign, today)]
    return Pending(
        campaign=campaign,
        counts={status.value: counts.get(status.value, 0) for status in IndexStatus},
        late_total=len(late),
        late=late[:first],
    )
