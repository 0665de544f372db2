"""What an import did, row by row, and its French rendering."""

from dataclasses import dataclass, field
from typing import Any

from store.companies import Outcome
from store.imports import messages
from store.imports.reading import UnreadableFile
from store.siren import InvalidSiren


@dataclass(frozen=True)
class Refusal:
    row: int
    reason: str  # a key of messages.REASONS, or "siren:<SirenReason>"
    params: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        if self.reason.startswith("siren:"):
            template = messages.SIREN_REASONS[self.reason.removeprefix("siren:")]
        else:
            template = messages.REASONS[self.reason]
        return template.format(**self.params)


def siren_refusal(row: int, error: InvalidSiren) -> Refusal:
    return Refusal(row, f"siren:{error.reason}", {"value": error.text})


class RowRefused(Exception):
    def __init__(self, reason: str, **params: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


@dataclass
class ImportReport:
    kind: str  # "companies" | "declarants"
    layout: str  # key of messages.LAYOUT
    path: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: list[Refusal] = field(default_factory=list)

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)

    def refuse(self, refusal: Refusal) -> None:
        self.refused.append(refusal)

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + len(self.refused)


def render(report: ImportReport) -> str:
    lines = [
        messages.REPORT_TITLE[report.kind].format(
            path=report.path, layout=messages.LAYOUT[report.layout]
        ),
        messages.REPORT_COUNTS.format(
            total=report.total,
            added=report.added,
            updated=report.updated,
            unchanged=report.unchanged,
            refused=len(report.refused),
        ),
    ]
    if report.refused:
        lines.append(messages.REFUSED_HEADER)
        for refusal in sorted(report.refused, key=lambda refusal: refusal.row):
            lines.append(messages.REFUSED_LINE.format(row=refusal.row, reason=refusal.text()))
    else:
        lines.append(messages.NOTHING_REFUSED)
    return "\n".join(lines)


def render_unreadable(error: UnreadableFile) -> str:
    text = messages.UNREADABLE[error.reason].format(
        path=error.path, detail=error.detail, found=error.found
    )
    return f"{text}\n{messages.UNREADABLE_EXIT_HINT}"
