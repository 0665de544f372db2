"""The copy sheet: every value to type on the official declaration form, in the form's order,
with the form's labels, as text and as a PDF (embedded font).

Built from the official declaration record (store.official_record.index_record_data), so the
sheet shows exactly what was declared here.
"""

from datetime import date, datetime

from reports.pdf_document import ReportDocument, render_latin_first
from reports.texts import COPY_SHEET, normalize_language

Rows = list[tuple[str, str]]
Section = tuple[str, Rows]

COMPANY_FIELDS = (
    "siren",
    "raison_sociale",
    "adresse",
    "code_postal",
    "commune",
    "département",
    "région",
    "code_naf",
)
INDICATOR_FIELDS = (
    "mode",
    "date_consultation_cse",
    "non_calculable",
    "résultat",
    "résultat_nombre_salariés",
    "population_favorable",
    "note",
)


def _typed(value: object, labels: dict[str, str]) -> str:
    """A value as it is typed on the form: dates dd/mm/yyyy, yes/no, decimals with a comma."""
    if isinstance(value, bool):
        return labels["yes"] if value else labels["no"]
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def _rows(values: dict, fields, labels: dict[str, str]) -> Rows:
    return [(labels[f], _typed(values[f], labels)) for f in fields if values.get(f) is not None]


def copy_sheet(data: dict, language: str = "fr") -> list[Section]:
    """The sections of the sheet for an index record's ``data``."""
    labels = COPY_SHEET[normalize_language(language)]
    declared = data.get("déclaration", {})
    company = data.get("entreprise", {})
    workforce = company.get("effectif", {})
    sections: list[Section] = [
        (
            labels["section.declarant"],
            _rows(data.get("déclarant", {}), ("prénom", "nom", "téléphone", "email"), labels),
        ),
        (
            labels["section.company"],
            _rows(company, COMPANY_FIELDS, labels)
            + _rows(workforce, ("tranche",), labels)
            + _rows(company, ("plan_relance",), labels),
        ),
        (
            labels["section.period"],
            _rows(declared, ("année_indicateurs", "période_suffisante"), labels)
            + _rows(declared, ("fin_période_référence",), labels)
            + _rows(workforce, ("total",), labels),
        ),
    ]
    indicator_rows: Rows = []
    for name, values in (data.get("indicateurs") or {}).items():
        rows = _rows(values, INDICATOR_FIELDS, labels)
        indicator_rows += [(f"{labels[name]} – {label}", value) for label, value in rows]
    if indicator_rows:
        sections.append((labels["section.indicators"], indicator_rows))
    index_rows = _rows(declared, ("points", "points_calculables", "index"), labels)
    index_rows += _rows(declared, ("mesures_correctives",), labels)
    if index_rows:
        sections.append((labels["section.index"], index_rows))
    publication = _rows(declared.get("publication") or {}, ("date", "url", "modalités"), labels)
    if publication:
        sections.append((labels["section.publication"], publication))
    return [(title, rows) for title, rows in sections if rows]


def copy_sheet_text(data: dict, language: str, platform_url: str) -> str:
    labels = COPY_SHEET[normalize_language(language)]
    year = data.get("déclaration", {}).get("année_indicateurs", "")
    lines = [labels["title"].format(year=year), labels["subtitle"].format(url=platform_url)]
    for title, rows in copy_sheet(data, language):
        lines.append("")
        lines.append(title.upper())
        lines.extend(f"{label} : {value}" for label, value in rows)
    return "\n".join(lines)


def render_copy_sheet_pdf(
    data: dict, language: str, platform_url: str, generated_at: datetime
) -> bytes:
    def render() -> bytes:
        labels = COPY_SHEET[normalize_language(language)]
        title = labels["title"].format(year=data.get("déclaration", {}).get("année_indicateurs"))
        pdf = ReportDocument(normalize_language(language), generated_at, title)
        pdf.title_block(title, labels["subtitle"].format(url=platform_url))
        for heading, rows in copy_sheet(data, language):
            pdf.heading(heading)
            for label, value in rows:
                pdf.field(label, value)
        return bytes(pdf.output())

    return render_latin_first(render)
