"""Sections shared by the PDF reports: company, reference period, declaration."""

from __future__ import annotations

from datetime import UTC, date, datetime

from fpdf.fonts import FontFace

from reports.formatting import (
    as_date,
    format_date,
    format_datetime,
    format_number,
    format_siren,
    period_start,
)
from reports.pdf_document import BLUE, FONT, HEADING_FILL, RULE, ReportDocument
from reports.summary import band_label
from reports.texts import text

TABLE_LINE = 4.8


def table_options() -> dict:
    """Look of every results table."""
    return {
        "headings_style": FontFace(emphasis="BOLD", fill_color=HEADING_FILL, color=BLUE),
        "line_height": TABLE_LINE,
        "text_align": "LEFT",
        "padding": (1.6, 2),
        "borders_layout": "HORIZONTAL_LINES",
        "v_align": "MIDDLE",
    }


def start_table(pdf: ReportDocument) -> None:
    pdf.set_font(FONT, "", 9.5)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)


def moment(generated_at: datetime | None) -> datetime:
    if generated_at is None:
        return datetime.now(UTC)
    return generated_at if generated_at.tzinfo else generated_at.replace(tzinfo=UTC)


def company_section(pdf: ReportDocument, company: dict | None) -> None:
    if not company:
        return
    lang = pdf.language
    pdf.heading(text(lang, "section.company"))
    if company.get("name"):
        pdf.field(text(lang, "field.company_name"), str(company["name"]))
    if company.get("siren"):
        pdf.field(text(lang, "field.siren"), format_siren(company["siren"]))
    if company.get("naf_code"):
        pdf.field(text(lang, "field.naf_code"), str(company["naf_code"]))
    address = _address_text(company)
    if address:
        pdf.field(text(lang, "field.address"), address)
    ues = company.get("ues") or {}
    if ues.get("name"):
        pdf.field(text(lang, "field.ues_name"), str(ues["name"]))
    members = [
        f"{member.get('name', '')} ({format_siren(member.get('siren'))})".strip()
        for member in ues.get("companies") or []
    ]
    if members:
        pdf.field(text(lang, "field.ues_companies"), "\n".join(members))


def _address_text(company: dict) -> str:
    town = " ".join(str(company[key]) for key in ("postal_code", "city") if company.get(key))
    parts = [str(company["address"])] if company.get("address") else []
    if town:
        parts.append(town)
    return ", ".join(parts)


def period_section(
    pdf: ReportDocument, result: dict, declaration: dict | None, company: dict | None
) -> None:
    lang = pdf.language
    declaration = declaration or {}
    year = declaration.get("year")
    period_end = as_date(declaration.get("period_end"))
    band = band_label(result, lang)
    workforce = (company or {}).get("workforce_total")
    if not any((year, period_end, band, workforce is not None)):
        return
    with_workforce = band is not None or workforce is not None
    pdf.heading(text(lang, "section.period" if with_workforce else "section.period_only"))
    if year:
        pdf.field(text(lang, "field.year"), str(year))
    if period_end:
        period = text(
            lang,
            "field.period_value",
            start=format_date(period_start(period_end), lang),
            end=format_date(period_end, lang),
        )
        pdf.field(text(lang, "field.period"), period)
    if band:
        pdf.field(text(lang, "field.band"), band)
    if workforce is not None:
        value = text(lang, "field.workforce_total_value", value=format_number(workforce, lang))
        pdf.field(text(lang, "field.workforce_total"), value)
    if year:
        deadline = date(int(year) + 1, 3, 1)
        pdf.field(text(lang, "field.deadline"), format_date(deadline, lang))


def declaration_section(pdf: ReportDocument, declaration: dict) -> None:
    """Declarant, dates and publication of a declaration."""
    lang = pdf.language
    pdf.heading(text(lang, "section.declaration"))
    declarant = declarant_text(declaration.get("declarant") or {})
    if declarant:
        pdf.field(text(lang, "field.declarant"), declarant)
    if declaration.get("declared_at"):
        pdf.field(
            text(lang, "field.declared_at"), format_datetime(declaration["declared_at"], lang)
        )
    if declaration.get("modified_at"):
        pdf.field(
            text(lang, "field.modified_at"), format_datetime(declaration["modified_at"], lang)
        )
    pdf.field(
        text(lang, "field.publication_date"), format_date(declaration.get("publication_date"), lang)
    )
    if declaration.get("publication_url"):
        pdf.field(text(lang, "field.publication_url"), str(declaration["publication_url"]))
    if declaration.get("publication_modalities"):
        pdf.field(
            text(lang, "field.publication_modalities"), str(declaration["publication_modalities"])
        )
    if not declaration.get("publication_url") and not declaration.get("publication_modalities"):
        pdf.field(text(lang, "field.publication_url"), text(lang, "value.not_provided"))
    if declaration.get("cse_consultation_date"):
        pdf.field(
            text(lang, "field.cse_consultation_date"),
            format_date(declaration["cse_consultation_date"], lang),
        )


def declarant_text(declarant: dict) -> str:
    name = " ".join(
        str(declarant[key]) for key in ("first_name", "last_name") if declarant.get(key)
    )
    contact = [str(declarant[key]) for key in ("email", "phone") if declarant.get(key)]
    return "\n".join(part for part in [name, " · ".join(contact)] if part)
