"""The référents' dashboard: ``/referents`` (counts, filters, search, sort, pages), a company's
page with an answer box for its questions, and the exports of the filtered list.

Server-rendered, usable without JavaScript. Whatever is asked (SIREN, question id, filter), only
the companies of the signed-in référent's départements exist: anything else is ``404``.
"""

from datetime import date, datetime
from html import escape
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from aiohttp import web

from egapro_assistant.usecases import territory
from egapro_assistant.usecases.campaigns import paris_today
from egapro_assistant.usecases.territory import AnswerOutcome, Filters
from store.campaign_status import IndexStatus
from store.campaigns import Campaign
from store.data.departements import departement_by_code
from store.database import Database
from web import exports, pages
from web.keys import CLOCK, DATABASE, SETTINGS, wake_outbox
from web.referent_auth import (
    SignedIn,
    csrf_input,
    csrf_valid,
    header,
    sign_in_page,
    signed_in,
)
from web.texts import text

PARIS = ZoneInfo("Europe/Paris")
ANSWER_FIELD = "answer"


def today_in_paris(request: web.Request) -> date:
    return paris_today(request.app[CLOCK])


def current_campaign(request: web.Request) -> Campaign:
    return request.app[SETTINGS].calendar.current(today_in_paris(request))


def when(moment: datetime | None, language: str) -> str:
    if moment is None:
        return text("none", language)
    return moment.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


def departement_label(code: str | None) -> str:
    found = departement_by_code(code) if code else None
    return f"{found.code} {found.name}" if found else (code or "?")


def band_label(band: str | None, language: str) -> str:
    return text(f"band.{band}", language) if band else text("none", language)


def index_label(standing, language: str) -> str:
    if standing.index is not None:
        return str(standing.index)
    if standing.calculable is False:
        return text("not_calculable", language)
    return text("none", language)


def _page(request, signed: SignedIn, language: str, title: str, body: str, status: int = 200):
    return pages.page(
        language,
        title,
        body,
        status=status,
        wide=True,
        header=header(request, signed, language),
        site_key="referents.site",
    )


async def _signed_or_sign_in(request: web.Request) -> SignedIn | web.Response:
    signed = await signed_in(request)
    if signed is None:
        return sign_in_page(request, pages.language_of(request))
    return signed


# -- the list ----------------------------------------------------------------------------------


def _url(path: str, params: dict[str, str]) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def _counts(page: territory.TerritoryPage, filters: Filters, language: str) -> str:
    items = []
    total = sum(page.counts.values())
    everything = _url("/referents", filters.query(status="", page=""))
    current = "" if filters.status else ' aria-current="true"'
    items.append(
        f'<li><a href="{escape(everything)}"{current}>'
        f"{escape(text('dashboard.all', language))} : {total}</a></li>"
    )
    for status in IndexStatus:
        url = _url("/referents", filters.query(status=status.value, page=""))
        current = ' aria-current="true"' if filters.status == status.value else ""
        label = text(f"status.{status.value}", language)
        items.append(
            f'<li><a href="{escape(url)}"{current}>{escape(label)} : '
            f"{page.counts[status.value]}</a></li>"
        )
    late = ""
    if page.late:
        late = pages.paragraph(text("dashboard.late", language, count=page.late), "late")
    return (
        '<section aria-labelledby="counts-title">'
        f'<h2 id="counts-title">{escape(text("dashboard.counts", language))}</h2>'
        f'<ul class="counts">{"".join(items)}</ul>{late}</section>'
    )


def _select(name: str, label: str, options: list[tuple[str, str]], chosen: str) -> str:
    rendered = "".join(
        f'<option value="{escape(value)}"{" selected" if value == chosen else ""}>'
        f"{escape(shown)}</option>"
        for value, shown in options
    )
    return (
        f'<div><label for="f-{name}">{escape(label)}</label>'
        f'<select id="f-{name}" name="{name}">{rendered}</select></div>'
    )


def _filters_form(signed: SignedIn, filters: Filters, language: str) -> str:
    everything = [("", text("dashboard.all", language))]
    statuses = everything + [(s.value, text(f"status.{s.value}", language)) for s in IndexStatus]
    departements = everything + [
        (code, departement_label(code)) for code in signed.referent.departements
    ]
    bands = everything + [(band, band_label(band, language)) for band in territory.BANDS]
    sorts = [(key, text(f"column.{key}", language)) for key in territory.SORTS]
    orders = [("", text("dashboard.asc", language)), ("desc", text("dashboard.desc", language))]
    return (
        '<form method="get" action="/referents" class="filters" role="search" '
        f'aria-label="{escape(text("dashboard.filters", language))}">'
        + _select("status", text("column.status", language), statuses, filters.status)
        + _select(
            "departement", text("column.departement", language), departements, filters.departement
        )
        + _select("band", text("column.band", language), bands, filters.band)
        + f'<div><label for="f-q">{escape(text("dashboard.search", language))}</label>'
        + f'<input type="search" id="f-q" name="q" value="{escape(filters.search)}"></div>'
        + _select("sort", text("dashboard.sort", language), sorts, filters.sort)
        + _select(
            "order", text("dashboard.order", language), orders, "desc" if filters.descending else ""
        )
        + f'<div><button type="submit">{escape(text("dashboard.apply", language))}</button></div>'
        + f'<div><a href="/referents">{escape(text("dashboard.reset", language))}</a></div>'
        + "</form>"
    )


def _sortable(key: str, filters: Filters, language: str) -> str:
    descending = filters.sort == key and not filters.descending
    url = _url("/referents", filters.query(sort=key, order="desc" if descending else "", page=""))
    sorted_attribute = ""
    if filters.sort == key:
        sorted_attribute = f' aria-sort="{"descending" if filters.descending else "ascending"}"'
    return (
        f'<th scope="col"{sorted_attribute}><a href="{escape(url)}">'
        f"{escape(text(f'column.{key}', language))}</a></th>"
    )


def _table(page: territory.TerritoryPage, filters: Filters, language: str) -> str:
    if not page.rows:
        return pages.paragraph(text("dashboard.empty", language))
    headers = (
        _sortable("siren", filters, language)
        + _sortable("name", filters, language)
        + _sortable("departement", filters, language)
        + _sortable("band", filters, language)
        + _sortable("status", filters, language)
        + _sortable("index", filters, language)
        + "".join(
            f'<th scope="col">{escape(text(f"column.{key}", language))}</th>'
            for key in ("objectives", "last_reminder", "open_questions")
        )
    )
    body = []
    for row in page.rows:
        s = row.standing
        status = text(f"status.{s.status.value}", language)
        if row.late:
            late = escape(text("column.late", language))
            status = f'<span class="late">{escape(status)} ({late})</span>'
        else:
            status = escape(status)
        objectives = text(f"objectives.{s.objectives.value}", language)
        if s.measures_required:
            objectives += f" – {text('column.measures', language)}"
        body.append(
            "<tr>"
            f'<td><a href="/referents/companies/{escape(s.siren)}">{escape(s.siren)}</a></td>'
            f"<td>{escape(s.name or text('none', language))}</td>"
            f"<td>{escape(departement_label(s.departement))}</td>"
            f"<td>{escape(band_label(s.band, language))}</td>"
            f"<td>{status}</td>"
            f'<td class="num">{escape(index_label(s, language))}</td>'
            f"<td>{escape(objectives)}</td>"
            f"<td>{escape(when(row.last_reminder_at, language))}</td>"
            f'<td class="num">{row.open_questions}</td>'
            "</tr>"
        )
    caption = escape(text("dashboard.caption", language))
    return (
        f'<div class="scroll"><table><caption>{caption}</caption>'
        f"<thead><tr>{headers}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _pagination(page: territory.TerritoryPage, filters: Filters, language: str) -> str:
    links = []
    if page.page > 1:
        url = _url("/referents", filters.query(page=page.page - 1))
        links.append(
            f'<a href="{escape(url)}" rel="prev">{escape(text("dashboard.previous", language))}</a>'
        )
    if page.page < page.pages:
        url = _url("/referents", filters.query(page=page.page + 1))
        links.append(
            f'<a href="{escape(url)}" rel="next">{escape(text("dashboard.next", language))}</a>'
        )
    if not links:
        return ""
    label = escape(text("dashboard.pagination", language))
    return f'<nav class="pages" aria-label="{label}">{"".join(links)}</nav>'


def _exports(csv_url: str, xlsx_url: str, language: str) -> str:
    csv_label = escape(text("dashboard.export_csv", language))
    xlsx_label = escape(text("dashboard.export_xlsx", language))
    return (
        f"<p>{escape(text('dashboard.export', language))} "
        f'<a href="{escape(csv_url)}" download>{csv_label}</a> · '
        f'<a href="{escape(xlsx_url)}" download>{xlsx_label}</a></p>'
    )


async def index(request: web.Request) -> web.Response:
    signed = await _signed_or_sign_in(request)
    if isinstance(signed, web.Response):
        return signed
    language = pages.language_of(request)
    campaign = current_campaign(request)
    filters = Filters.from_query(request.query)
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        page = await territory.territory_page(
            session, campaign, signed.scope, filters, today=today_in_paris(request)
        )
    title = text("dashboard.title", language, year=campaign.year)
    if not signed.scope:
        return _page(
            request, signed, language, title, pages.paragraph(text("dashboard.no_scope", language))
        )
    scope = ", ".join(departement_label(code) for code in signed.referent.departements)
    export_query = filters.query(page="")
    csv_url = _url("/referents/export.csv", export_query)
    xlsx_url = _url("/referents/export.xlsx", export_query)
    body = "\n".join(
        [
            pages.paragraph(text("dashboard.scope", language, departements=scope)),
            pages.paragraph(
                text(
                    "dashboard.deadline",
                    language,
                    deadline=campaign.index_deadline.strftime("%d/%m/%Y"),
                )
            ),
            _counts(page, filters, language),
            _filters_form(signed, filters, language),
            pages.paragraph(
                text(
                    "dashboard.found", language, total=page.total, page=page.page, pages=page.pages
                )
            ),
            _exports(csv_url, xlsx_url, language),
            _table(page, filters, language),
            _pagination(page, filters, language),
        ]
    )
    return _page(request, signed, language, title, body)


# -- exports -----------------------------------------------------------------------------------


async def export(request: web.Request) -> web.StreamResponse:
    signed = await signed_in(request)
    if signed is None:
        raise web.HTTPNotFound()
    language = pages.language_of(request)
    campaign = current_campaign(request)
    filters = Filters.from_query(request.query)
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        rows = await territory.export_rows(
            session, campaign, signed.scope, filters, today_in_paris(request)
        )
    table = exports.table(rows, language, describe=_describe(language))
    name = f"referents-{campaign.year}-{today_in_paris(request).isoformat()}"
    if request.match_info["format"] == "xlsx":
        body = exports.to_xlsx(table, title=f"Campagne {campaign.year}")
        content_type = exports.XLSX_TYPE
        name += ".xlsx"
    else:
        body = exports.to_csv(table)
        content_type = "text/csv; charset=utf-8"
        name += ".csv"
    return web.Response(
        body=body,
        headers={
            "Content-Type": content_type,
            "Content-Disposition": f'attachment; filename="{name}"',
        },
    )


def _describe(language: str):
    def describe(row: territory.Row) -> list:
        s = row.standing
        return [
            s.siren,
            s.name or "",
            s.departement or "",
            band_label(s.band, language) if s.band else "",
            text(f"status.{s.status.value}", language),
            s.index if s.index is not None else "",
            text(f"objectives.{s.objectives.value}", language),
            text("yes" if s.measures_required else "no", language),
            text("yes" if row.late else "no", language),
            when(row.last_reminder_at, language) if row.last_reminder_at else "",
            row.open_questions,
        ]

    return describe


# -- one company -------------------------------------------------------------------------------


def _definitions(items: list[tuple[str, str]]) -> str:
    return pages.definitions([pages.Field(label, value) for label, value in items])


def _declarations(company_file: territory.CompanyFile, language: str) -> str:
    title = f"<h2>{escape(text('company.declarations', language))}</h2>"
    if not company_file.declarations:
        return title + pages.paragraph(text("company.no_declaration", language))
    rows = []
    for declaration in company_file.declarations:
        row = declaration.row
        indicators = []
        for key, result in ((row.engine_output or {}).get("indicators") or {}).items():
            if not isinstance(result, dict):
                continue
            note = result.get("note")
            score = (
                f"{note} / {result.get('max_note')}"
                if note is not None
                else text("not_calculable", language)
            )
            indicators.append(f"{key.removeprefix('indicator')} : {score}")
        objectives = ""
        if declaration.objectives is not None:
            objectives = "; ".join(
                f"{key.removeprefix('indicator')} : {value}"
                for key, value in (declaration.objectives.objectives or {}).items()
            )
        index = str(row.index) if row.index is not None else text("not_calculable", language)
        if row.channel != "assistant" and row.index is None:
            index = text("none", language)
        rows.append(
            "<tr>"
            f"<td>{row.year}</td>"
            f"<td>{escape(text(f'channel.{row.channel}', language))}</td>"
            f'<td class="num">{escape(index)}</td>'
            f"<td>{escape(', '.join(indicators) or text('none', language))}</td>"
            f"<td>{escape(text(f'objectives.{_objectives_key(row.objectives_status)}', language))}"
            f"{(' – ' + escape(objectives)) if objectives else ''}</td>"
            "</tr>"
        )
    headers = "".join(
        f'<th scope="col">{escape(text(key, language))}</th>'
        for key in (
            "company.year",
            "company.channel",
            "column.index",
            "company.indicators",
            "column.objectives",
        )
    )
    return (
        f'{title}<div class="scroll"><table><thead><tr>{headers}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _objectives_key(status: str) -> str:
    return {"to_fill": "to_fill", "filled": "filled"}.get(status, "not_required")


def _reminders(company_file: territory.CompanyFile, language: str) -> str:
    title = f"<h2>{escape(text('company.reminders', language))}</h2>"
    if not company_file.reminders:
        return title + pages.paragraph(text("company.no_reminder", language))
    headers = "".join(
        f'<th scope="col">{escape(text(key, language))}</th>'
        for key in (
            "company.date",
            "company.kind",
            "company.channel_sent",
            "company.recipient",
            "company.state",
        )
    )
    rows = "".join(
        "<tr>"
        f"<td>{escape(when(message.sent_at or message.created_at, language))}</td>"
        f"<td>{escape(message.kind)}</td><td>{escape(message.channel)}</td>"
        f"<td>{escape(message.recipient)}</td><td>{escape(message.status)}</td>"
        "</tr>"
        for message in company_file.reminders
    )
    return (
        f'{title}<div class="scroll"><table><thead><tr>{headers}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _questions(
    request: web.Request, signed: SignedIn, company_file: territory.CompanyFile, language: str
) -> str:
    parts = [f"<h2>{escape(text('company.questions', language))}</h2>"]
    if not company_file.questions:
        parts.append(pages.paragraph(text("company.no_question", language)))
    for question in company_file.questions:
        asked = text(
            "company.question_from",
            language,
            date=when(question.created_at, language),
            email=question.email,
        )
        parts.append(f'<article id="question-{question.id}">')
        parts.append(pages.paragraph(asked))
        if question.subject:
            parts.append(f"<p><strong>{escape(question.subject)}</strong></p>")
        parts.append(f"<blockquote>{escape(question.text)}</blockquote>")
        if question.status == "answered":
            answered = text(
                "company.answered",
                language,
                date=when(question.answered_at, language),
                who=question.answered_by or "?",
            )
            parts.append(pages.paragraph(answered))
            if question.answer:
                parts.append(f"<blockquote>{escape(question.answer)}</blockquote>")
        else:
            field_id = f"answer-{question.id}"
            label = text("company.answer_label", language, email=question.email)
            parts.append(
                f'<form method="post" class="answer" '
                f'action="/referents/questions/{question.id}/answer">{csrf_input(signed)}'
                f'<label for="{field_id}">{escape(label)}</label>'
                f'<textarea id="{field_id}" name="{ANSWER_FIELD}" required></textarea>'
                f'<p><button type="submit">{escape(text("company.answer_button", language))}'
                "</button></p></form>"
            )
        parts.append("</article>")
    return "".join(parts)


def _replies(company_file: territory.CompanyFile, language: str) -> str:
    title = f"<h2>{escape(text('company.replies', language))}</h2>"
    if not company_file.replies:
        return title + pages.paragraph(text("company.no_reply", language))
    headers = "".join(
        f'<th scope="col">{escape(text(key, language))}</th>'
        for key in ("company.date", "company.sender", "company.outcome")
    )
    rows = "".join(
        f"<tr><td>{escape(when(reply.received_at, language))}</td><td>{escape(reply.email)}</td>"
        f"<td>{escape(reply.outcome or text('none', language))}</td></tr>"
        for reply in company_file.replies
    )
    return (
        f'{title}<div class="scroll"><table><thead><tr>{headers}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


NOTICES = {
    AnswerOutcome.SENT: "company.answer_sent",
    AnswerOutcome.EMPTY: "company.answer_empty",
    AnswerOutcome.ALREADY: "company.answer_already",
}


async def company(request: web.Request) -> web.Response:
    signed = await _signed_or_sign_in(request)
    if isinstance(signed, web.Response):
        return signed
    language = pages.language_of(request)
    campaign = current_campaign(request)
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        found = await territory.company_file(
            session, request.match_info["siren"], signed.scope, campaign, today_in_paris(request)
        )
    if found is None:
        raise web.HTTPNotFound()
    s = found.standing
    status = text(f"status.{s.status.value}", language)
    if found.late:
        status += f" ({text('column.late', language)})"
    objectives = text(f"objectives.{s.objectives.value}", language)
    facts = _definitions(
        [
            (text("column.siren", language), s.siren),
            (text("column.departement", language), departement_label(found.company.departement)),
            (text("column.band", language), band_label(s.band, language)),
            (text("column.status", language), status),
            (text("column.index", language), index_label(s, language)),
            (text("column.objectives", language), objectives),
            (
                text("column.measures", language),
                text("yes" if s.measures_required else "no", language),
            ),
            (
                text("company.representation", language),
                text(f"representation.{s.representation.value}", language),
            ),
        ]
    )
    notice = ""
    outcome = request.query.get("answer")
    if outcome in NOTICES:
        notice = f'<p class="notice" role="status">{escape(text(NOTICES[outcome], language))}</p>'
    body = "\n".join(
        [
            f'<p><a href="/referents">{escape(text("back", language))}</a></p>',
            notice,
            f"<h2>{escape(text('company.standing', language, year=campaign.year))}</h2>",
            facts,
            _declarations(found, language),
            _questions(request, signed, found, language),
            _replies(found, language),
            _reminders(found, language),
        ]
    )
    title = found.company.name or f"SIREN {s.siren}"
    return _page(request, signed, language, title, body)


async def answer(request: web.Request) -> web.Response:
    signed = await signed_in(request)
    if signed is None:
        raise web.HTTPNotFound()
    language = pages.language_of(request)
    form = await request.post()
    if not csrf_valid(request, signed, form):
        return pages.message_page(language, "forbidden", status=403)
    try:
        question_id = int(request.match_info["question_id"])
    except ValueError:
        raise web.HTTPNotFound() from None
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        question = await territory.question_in_scope(session, question_id, signed.scope)
        if question is None:
            raise web.HTTPNotFound()
        company_row = await territory.company_in_scope(session, question.siren, signed.scope)
        outcome = await territory.answer_question(
            session,
            question,
            answer=str(form.get(ANSWER_FIELD) or "")[:20_000],
            referent_email=signed.referent.email,
            referent_name=signed.referent.name,
            company_name=company_row.name if company_row else None,
        )
    if outcome == AnswerOutcome.SENT:
        wake_outbox(request)
    url = f"/referents/companies/{question.siren}?{urlencode({'answer': outcome})}"
    raise web.HTTPSeeOther(f"{url}#question-{question.id}")
