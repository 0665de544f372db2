"""PDF recaps: the index result (with its declaration and objectives) and the représentation
équilibrée result, in French or English.

Input shapes (all keys optional unless stated; dates are ``date`` objects or ISO strings,
moments are timezone-aware ``datetime`` objects or ISO strings, naive ones being UTC):

``result``
    an engine output object as a dict: engine-contract §4 for the index, §6 for représentation
    équilibrée (an engine model, anything with ``model_dump``, is accepted too).

``company`` (index-rules §13 ``entreprise``)::

    {"siren": "552100554", "name": "raison sociale", "naf_code": "70.10Z",
     "address": "12 rue …", "postal_code": "75004", "city": "Paris",
     "workforce_total": 412,                      # effectif.total
     "ues": {"name": "UES …", "companies": [{"siren": "…", "name": "…"}]}}

``declaration`` (index-rules §13 ``déclaration``, ``déclarant``, ``publication``)::

    {"year": 2025,                                # année_indicateurs (data year)
     "period_end": date(2025, 12, 31),            # fin_période_référence
     "declarant": {"first_name": "…", "last_name": "…", "email": "…", "phone": "…"},
     "declared_at": datetime, "modified_at": datetime,
     "publication_date": date,                    # publication.date
     "publication_url": "https://…",              # publication.url, or:
     "publication_modalities": "…",               # publication.modalités
     "corrective_measures": "mmo" | "me" | "mne", # mesures_correctives
     "indicator1_mode": "csp" | "branch_level" | "other_level",
     "cse_consultation_date": date}               # date_consultation_cse (level modes)

``objectives`` (index-rules §9.3)::

    {"texts": {"indicator1": "objective text (≤ 300 characters)", "indicator4": "…"},
     "objectives_publication_date": date,         # date_publication_objectifs
     "measures_publication_date": date,           # date_publication_mesures (index < 75)
     "modalities": "…"}                           # modalités_objectifs_mesures

For ind. 1 the mode shown is the output's ``indicator1.mode``, else ``aggregated_input``'s, else
``declaration["indicator1_mode"]``. Every moment is shown in Europe/Paris. With the same inputs
and ``generated_at`` the bytes are the same.
"""

from __future__ import annotations

from datetime import datetime

from fpdf.fonts import FontFace

from reports.formatting import format_date
from reports.pdf_document import GREEN, GREY, MUTED, ORANGE, RED, ReportDocument
from reports.pdf_representation import render_representation_pdf
from reports.pdf_sections import (
    company_section,
    declaration_section,
    moment,
    period_section,
    start_table,
    table_options,
)
from reports.summary import IndicatorLine, indicator_lines, note_text, plain_result
from reports.texts import normalize_language, text

__all__ = ["render_recap_pdf", "render_representation_pdf"]


def render_recap_pdf(
    result: dict,
    *,
    language: str = "fr",
    company: dict | None = None,
    declaration: dict | None = None,
    objectives: dict | None = None,
    generated_at: datetime | None = None,
) -> bytes:
    """The index recap: indicators, points, index, obligations, and the declaration and its
    objectives/measures when given (shapes in the module docstring)."""
    result = plain_result(result)
    lang = normalize_language(language)
    subtitle_key = "recap.subtitle.declaration" if declaration else "recap.subtitle.results"
    pdf = ReportDocument(lang, moment(generated_at), text(lang, "recap.title"))
    pdf.title_block(text(lang, "recap.title"), text(lang, subtitle_key))
    _index_banner(pdf, result)
    company_section(pdf, company)
    period_section(pdf, result, declaration, company)
    lines = indicator_lines(result, lang, declaration)
    _indicators_section(pdf, lines)
    _total_section(pdf, result)
    _obligations_section(pdf, result, lines)
    if declaration:
        declaration_section(pdf, declaration)
        _corrective_measures_field(pdf, result, declaration)
    if objectives or (declaration and _obligations(result).get("objectives_required")):
        _objectives_section(pdf, result, lines, objectives)
    return bytes(pdf.output())


def _obligations(result: dict) -> dict:
    return result.get("obligations") or {}


def _indicators_section(pdf: ReportDocument, lines: list[IndicatorLine]) -> None:
    lang = pdf.language
    pdf.heading(text(lang, "section.indicators"))
    start_table(pdf)
    with pdf.table(
        col_widths=(40, 30, 18, 12),
        **table_options(),
    ) as table:
        heading_row = table.row()
        for key in ("col.indicator", "col.result", "col.population", "col.note"):
            heading_row.cell(text(lang, key))
        for line in lines:
            _indicator_row(table.row(), line, lang)
    pdf.ln(2)


def _indicator_row(row, line: IndicatorLine, language: str) -> None:
    bold = FontFace(emphasis="BOLD")
    row.cell("\n".join(part for part in (line.number, line.name, line.mode_text) if part))
    if not line.calculable:
        reason = f"\n{line.reason_text}" if line.reason_text else ""
        row.cell(text(language, "result.not_calculable") + reason, colspan=3)
        return
    row.cell("\n".join([line.result_text, *line.result_details]))
    row.cell(line.population_text)
    row.cell(note_text(line, language), style=bold, align="CENTER")


def _index_banner(pdf: ReportDocument, result: dict) -> None:
    lang = pdf.language
    index = result.get("index")
    max_points = result.get("max_points", 0)
    if index is None:
        pdf.banner(text(lang, "total.index_not_calculable"), GREY)
        line = text(lang, "total.not_calculable_why", max_points=max_points)
    else:
        colour = GREEN if index >= 85 else ORANGE if index >= 75 else RED
        pdf.banner(text(lang, "total.index", index=index), colour, size=20)
        points = result.get("points", 0)
        line = text(lang, "total.points_line", points=points, max_points=max_points)
    pdf.paragraph(line, size=10.5, colour=MUTED, align="C")


def _total_section(pdf: ReportDocument, result: dict) -> None:
    lang = pdf.language
    pdf.heading(text(lang, "section.total"))
    pdf.field(text(lang, "total.points"), str(result.get("points", 0)))
    pdf.field(text(lang, "total.max_points"), str(result.get("max_points", 0)))
    index = result.get("index")
    if index is None:
        pdf.field(text(lang, "field.index"), text(lang, "result.not_calculable"))
    else:
        pdf.field(text(lang, "field.index"), text(lang, "total.index_value", index=index))


def _obligations_section(pdf: ReportDocument, result: dict, lines: list[IndicatorLine]) -> None:
    lang = pdf.language
    obligations = _obligations(result)
    index = result.get("index")
    pdf.heading(text(lang, "section.obligations"))
    if index is None:
        pdf.bullet(text(lang, "obligation.not_calculable"))
        return
    if obligations.get("corrective_measures_required"):
        pdf.bullet(text(lang, "obligation.corrective"))
    if obligations.get("objectives_required"):
        pdf.bullet(text(lang, "obligation.objectives"))
        by_key = {line.key: line for line in lines}
        for key in obligations.get("objectives_for") or []:
            line = by_key.get(key)
            if line:
                pdf.bullet(f"{line.number} — {line.name} ({note_text(line, lang)})", level=1)
    elif index < 85:
        pdf.bullet(text(lang, "obligation.objectives_before_2021"))
    else:
        pdf.bullet(text(lang, "obligation.none"))


def _corrective_measures_field(pdf: ReportDocument, result: dict, declaration: dict) -> None:
    lang = pdf.language
    # Measures exist only below 75: a choice left from an earlier, lower index is stale.
    if _obligations(result).get("corrective_measures_required"):
        measures = declaration.get("corrective_measures")
        label = (
            text(lang, f"corrective.{measures}")
            if measures in ("mmo", "me", "mne")
            else text(lang, "value.not_provided")
        )
        pdf.field(text(lang, "field.corrective_measures"), label)


def _objectives_section(
    pdf: ReportDocument, result: dict, lines: list[IndicatorLine], objectives: dict | None
) -> None:
    lang = pdf.language
    obligations = _obligations(result)
    corrective = bool(obligations.get("corrective_measures_required"))
    pdf.heading(text(lang, "section.objectives"))
    if not objectives:
        and_measures = text(lang, "objectives.and_measures") if corrective else ""
        pdf.paragraph(text(lang, "objectives.to_fill", and_measures=and_measures))
        return
    texts = objectives.get("texts") or {}
    keys = list(obligations.get("objectives_for") or [])
    keys += [key for key in texts if key not in keys]
    by_key = {line.key: line for line in lines}
    shown = [by_key[key] for key in keys if key in by_key]
    if not shown:
        pdf.paragraph(text(lang, "objectives.none"))
    for line in shown:
        _objective_block(pdf, line, texts.get(line.key))
    pdf.ln(1)
    pdf.field(
        text(lang, "field.objectives_publication_date"),
        format_date(objectives.get("objectives_publication_date"), lang),
    )
    if corrective or objectives.get("measures_publication_date"):
        pdf.field(
            text(lang, "field.measures_publication_date"),
            format_date(objectives.get("measures_publication_date"), lang),
        )
    if objectives.get("modalities"):
        pdf.field(text(lang, "field.objectives_modalities"), str(objectives["modalities"]))


def _objective_block(pdf: ReportDocument, line: IndicatorLine, objective: str | None) -> None:
    lang = pdf.language
    pdf.ensure_space(20)
    heading = text(
        lang,
        "objectives.indicator_heading",
        number=line.number,
        name=line.name,
        note=line.note if line.note is not None else 0,
        max_note=line.max_note,
    )
    pdf.paragraph(heading, size=10, bold=True)
    if objective:
        pdf.paragraph(objective)
    else:
        pdf.paragraph(text(lang, "objectives.text_missing"), colour=MUTED)
    pdf.ln(1)
