"""An employee file sent by email: scored by the engine, answered with results or errors."""

from dataclasses import dataclass, field

from egapro_engine import EngineError, compute_employee_file
from store.outbox import Attachment

MAX_ERRORS = 20
_WHERE_FR = (("row", "ligne"), ("column", "colonne"))


@dataclass(frozen=True)
class FileAnswer:
    filename: str
    summary: str = ""
    errors: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)


def _where(where: str | None, language: str) -> str:
    if not where:
        return ""
    if language == "fr":
        for english, french in _WHERE_FR:
            where = where.replace(english, french)
    return where


def error_lines(error: EngineError, language: str) -> list[str]:
    """One line per problem, each naming its row and column when the engine gives them."""
    messages = [part.strip() for part in error.message.split("\n") if part.strip()]
    where = _where(error.where, language)
    lines = []
    for message in messages[:MAX_ERRORS]:
        if where and where.split(",")[0].lower() not in message.lower():
            message = f"{message} ({where})"
        lines.append(f"- {message}")
    return lines or [f"- {error.code}"]


def _summary(output: dict, language: str) -> str:
    index = output.get("index")
    points, max_points = output.get("points"), output.get("max_points")
    if language == "en":
        head = f"Index: {index}/100" if index is not None else "Index: not calculable"
        lines = [head, f"Points: {points} out of {max_points} computable"]
    else:
        head = f"Index : {index}/100" if index is not None else "Index : non calculable"
        lines = [head, f"Points : {points} sur {max_points} calculables"]
    for key, value in (output.get("indicators") or {}).items():
        if isinstance(value, dict) and "score" in value:
            lines.append(f"{key} : {value.get('score')}")
    return "\n".join(lines)


def score(data: bytes, filename: str, language: str = "fr") -> FileAnswer:
    try:
        scored = compute_employee_file(data, filename)
    except EngineError as error:
        return FileAnswer(filename, errors=error_lines(error, language))
    except Exception as error:  # a file the reader did not foresee still gets an answer
        return FileAnswer(filename, errors=[f"- {type(error).__name__}: {error}"[:300]])
    from reports.chart import render_chart_png  # Pillow and fpdf2 loaded when first drawing
    from reports.pdf import render_recap_pdf

    output = scored.model_dump(mode="json")
    result = {key: value for key, value in output.items() if key not in ("rows",)}
    attachments = [
        Attachment("resultats.png", "image/png", render_chart_png(result, language)),
        Attachment(
            "recapitulatif.pdf", "application/pdf", render_recap_pdf(result, language=language)
        ),
    ]
    return FileAnswer(filename, summary=_summary(output, language), attachments=attachments)
