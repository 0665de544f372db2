"""What the chart and the PDF show for each indicator, read from an engine output (contract §4)."""

from __future__ import annotations

from dataclasses import dataclass

from reports.formatting import format_number, format_percent
from reports.texts import reason_label, reason_short, text

INDICATOR_ORDER = (
    "indicator1",
    "indicator2",
    "indicator3",
    "indicator2and3",
    "indicator4",
    "indicator5",
)
# The official declaration's mode names mean the same as the engine's.
_MODES = ("csp", "branch_level", "other_level")
_MODE_ALIASES = {"niveau_branche": "branch_level", "niveau_autre": "other_level"}


@dataclass(frozen=True)
class IndicatorLine:
    key: str
    number: str
    name: str
    short_name: str
    calculable: bool
    note: int | None
    max_note: int
    result_text: str
    result_details: tuple[str, ...]
    mode_text: str
    population_text: str
    reason_text: str
    reason_short_text: str

    @property
    def fraction(self) -> float:
        if not self.calculable or not self.max_note or self.note is None:
            return 0.0
        return max(0.0, min(1.0, self.note / self.max_note))


def plain_data(result: object) -> dict:
    """The output as a dict; an engine model (anything with ``model_dump``) is dumped first."""
    if hasattr(result, "model_dump"):
        result = result.model_dump(mode="json")
    if not isinstance(result, dict) or "error" in result:
        raise ValueError("reports need a computed result, not an error line")
    return result


def plain_result(result: object) -> dict:
    """An index output (engine-contract §4) as a dict, or ``ValueError``."""
    result = plain_data(result)
    if not isinstance(result.get("indicators"), dict):
        raise ValueError("the result has no 'indicators' object (engine-contract §4)")
    return result


def indicator_keys(result: dict) -> list[str]:
    indicators = result["indicators"]
    return [key for key in INDICATOR_ORDER if key in indicators]


def indicator1_mode(result: dict, declaration: dict | None = None) -> str | None:
    """Ind. 1 mode from the output, its aggregated input, or the declaration, when known."""
    candidates = (
        result["indicators"].get("indicator1", {}).get("mode"),
        (result.get("aggregated_input") or {}).get("indicator1", {}).get("mode"),
        (declaration or {}).get("indicator1_mode"),
    )
    for mode in candidates:
        if mode:
            return _MODE_ALIASES.get(mode, mode)
    return None


def indicator_lines(
    result: dict, language: str, declaration: dict | None = None
) -> list[IndicatorLine]:
    return [
        _line(key, result["indicators"][key], language, result, declaration)
        for key in indicator_keys(result)
    ]


def _line(
    key: str, data: dict, language: str, result: dict, declaration: dict | None
) -> IndicatorLine:
    calculable = bool(data.get("calculable"))
    reason = data.get("reason")
    return IndicatorLine(
        key=key,
        number=text(language, f"indicator.{key}.number"),
        name=text(language, f"indicator.{key}.name"),
        short_name=text(language, f"indicator.{key}.short"),
        calculable=calculable,
        note=data.get("note") if calculable else None,
        max_note=int(data.get("max_note") or 0),
        result_text=_result_text(key, data, language) if calculable else "",
        result_details=_result_details(key, data, language),
        mode_text=_mode_text(language, result, declaration) if key == "indicator1" else "",
        population_text=_population_text(data.get("favorable_population"), language)
        if calculable and key != "indicator4"
        else text(language, "population.none"),
        reason_text=reason_label(language, reason) if not calculable and reason else "",
        reason_short_text=reason_short(language, reason) if not calculable and reason else "",
    )


def _result_text(key: str, data: dict, language: str) -> str:
    value = data.get("result")
    if value is None:
        return text(language, "population.none")
    if key == "indicator5":
        return text(language, "result.top_ten", value=format_number(value, language))
    if key == "indicator4":
        return format_percent(value, language)
    return format_percent(value, language, min_decimals=1)


def _mode_text(language: str, result: dict, declaration: dict | None) -> str:
    mode = indicator1_mode(result, declaration)
    if not mode:
        return ""
    label = text(language, f"mode.{mode}") if mode in _MODES else mode
    return text(language, "indicator.mode", mode=label)


def _result_details(key: str, data: dict, language: str) -> tuple[str, ...]:
    details: list[str] = []
    if not data.get("calculable"):
        return ()
    equivalent = data.get("result_equivalent_employees")
    if key == "indicator2and3" and equivalent is not None:
        details.append(
            text(
                language,
                "result.equivalent_employees",
                value=format_number(equivalent, language, min_decimals=1),
            )
        )
    if data.get("compensated") and data.get("note") == data.get("max_note"):
        details.append(text(language, "result.compensated"))
    return tuple(details)


def _population_text(population: str | None, language: str) -> str:
    if population in ("women", "men", "equality"):
        return text(language, f"population.{population}")
    return text(language, "population.none")


def note_text(line: IndicatorLine, language: str) -> str:
    note = line.note if line.note is not None else 0
    return text(language, "result.note", note=note, max_note=line.max_note)


def band_label(result: dict, language: str) -> str | None:
    band = result.get("workforce_range")
    if band in ("50:250", "251:999", "1000:"):
        return text(language, f"band.{band}")
    return None
