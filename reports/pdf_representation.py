"""PDF recap of a représentation équilibrée result (engine-contract §6)."""

from __future__ import annotations

from datetime import datetime

from fpdf.fonts import FontFace

from reports.formatting import format_percent
from reports.pdf_document import GREEN, RED, ReportDocument
from reports.pdf_sections import (
    company_section,
    declaration_section,
    moment,
    period_section,
    start_table,
    table_options,
)
from reports.summary import plain_data
from reports.texts import normalize_language, reason_label, text


def render_representation_pdf(
    result: dict,
    *,
    language: str = "fr",
    company: dict | None = None,
    declaration: dict | None = None,
    generated_at: datetime | None = None,
) -> bytes:
    """The représentation équilibrée recap (engine-contract §6): both populations' shares,
    the legal target, and the declaration when given (same ``company`` / ``declaration``
    shapes as ``reports.pdf.render_recap_pdf``, documented there; ``year`` defaults to the
    result's)."""
    result = plain_data(result)
    lang = normalize_language(language)
    subtitle = text(lang, "rep.subtitle")
    pdf = ReportDocument(lang, moment(generated_at), text(lang, "rep.title"))
    pdf.title_block(text(lang, "rep.title"), subtitle)
    company_section(pdf, company)
    declared = dict(declaration or {})
    declared.setdefault("year", result.get("year"))
    period_section(pdf, {}, declared, None)
    _representation_table(pdf, result)
    _representation_target(pdf, result)
    if declaration:
        declaration_section(pdf, declaration)
    return bytes(pdf.output())


def _representation_table(pdf: ReportDocument, result: dict) -> None:
    lang = pdf.language
    target = result.get("target_pct")
    pdf.heading(text(lang, "rep.section.results"))
    start_table(pdf)
    target_heading = (
        text(lang, "rep.col.target", target=target)
        if target is not None
        else text(lang, "rep.col.target_none")
    )
    with pdf.table(
        col_widths=(34, 14, 14, 22, 16),
        **table_options(),
    ) as table:
        heading_row = table.row()
        for key in ("rep.col.group", "rep.col.women", "rep.col.men", "rep.col.under_represented"):
            heading_row.cell(text(lang, key))
        heading_row.cell(target_heading)
        for key, label_key in (
            ("executives", "rep.executives"),
            ("governing_bodies", "rep.governing_bodies"),
        ):
            _representation_row(table.row(), text(lang, label_key), result.get(key) or {}, lang)
    pdf.ln(2)


def _representation_row(row, label: str, pair: dict, language: str) -> None:
    row.cell(label)
    if not pair.get("calculable"):
        reason = pair.get("reason")
        reason_text = f"\n{reason_label(language, reason)}" if reason else ""
        row.cell(text(language, "result.not_calculable") + reason_text, colspan=4)
        return
    row.cell(format_percent(pair.get("women_pct", 0), language))
    row.cell(format_percent(pair.get("men_pct", 0), language))
    under = pair.get("under_represented")
    row.cell(
        text(language, f"population.{under}")
        if under in ("women", "men", "equality")
        else text(language, "population.none")
    )
    meets = pair.get("meets_target")
    if meets is None:
        row.cell(text(language, "rep.no_target_value"))
    else:
        row.cell(
            text(language, "rep.meets" if meets else "rep.not_meets"),
            style=FontFace(emphasis="BOLD", color=GREEN if meets else RED),
        )


def _representation_target(pdf: ReportDocument, result: dict) -> None:
    lang = pdf.language
    target = result.get("target_pct")
    pdf.heading(text(lang, "rep.section.target"))
    if target is None:
        pdf.bullet(text(lang, "rep.no_target_line"))
        return
    pdf.bullet(text(lang, "rep.target_line", target=target))
    pairs = [result.get(key) or {} for key in ("executives", "governing_bodies")]
    verdicts = [pair.get("meets_target") for pair in pairs if pair.get("calculable")]
    if not verdicts:
        pdf.bullet(text(lang, "rep.nothing_calculable"))
    elif all(verdicts):
        pdf.bullet(text(lang, "rep.target_met"))
    else:
        pdf.bullet(text(lang, "rep.below_target"))
