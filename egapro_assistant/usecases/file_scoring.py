"""Scoring an employee file (CSV or XLSX), with the chart and the PDF recap of its result."""

import asyncio
import logging
from dataclasses import dataclass
from datetime import date

from egapro_engine import EngineError, compute_employee_file
from reports.drawing import RENDERED

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScoredFile:
    output: dict  # the engine's output, as JSON
    document: dict  # the aggregated input: what a declaration of this result records
    valid_headcount: int  # employees in groups valid for indicator 1
    total_headcount: int

    @property
    def result(self) -> dict:
        """The result as a conversation keeps it, ready to declare."""
        return {"document": self.document, "output": self.output}


async def score_employee_file(
    content: bytes,
    name: str,
    *,
    band: str | None = None,
    mode: str = "csp",
    period_end: date | None = None,
) -> ScoredFile:
    """Read and score the file off the event loop. Raises ``EngineError`` with the row and
    column of the problem; a file the reader did not foresee is an ``unreadable_file`` error."""
    try:
        scored = await asyncio.to_thread(
            compute_employee_file, content, name, band=band, mode=mode, period_end=period_end
        )
    except EngineError:
        raise
    except Exception as error:
        log.exception("employee file %r could not be read", name)
        raise EngineError("unreadable_file", str(error)) from error
    output = scored.model_dump(mode="json")
    pay_gap = scored.indicators.indicator1
    return ScoredFile(
        output=output,
        document=output["aggregated_input"],
        valid_headcount=pay_gap.valid_headcount,
        total_headcount=pay_gap.total_headcount,
    )


async def result_files(output: dict, language: str) -> tuple[bytes, bytes]:
    """The chart (PNG) and the PDF recap of a result, drawn in the drawing process."""
    return await RENDERED.get(output, language)
