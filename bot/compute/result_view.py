"""The result message: what the engine computed, in words. Nothing is computed here."""

from bot.compute.steps_plan import is_valid_pay_group
from bot.texts import text
from egapro_engine.rules_2019 import AGE_BANDS
from reports.formatting import format_number

BAND_KEYS = {"50:250": "small", "251:999": "medium", "1000:": "large"}
POPULATION_INDICATORS = ("indicator1", "indicator2", "indicator3", "indicator2and3")


def number(value: float | int, language: str, min_decimals: int = 0) -> str:
    return format_number(value, language, min_decimals)


def band_label(band: str, language: str) -> str:
    return text(f"compute.band.{BAND_KEYS[band]}", language)


def result_message(output: dict, language: str, *, year: int | None = None) -> str:
    """Each indicator's result and note, the total, the index and what it obliges to."""
    lines = [text("compute.result.title", language)]
    lines.append(
        text("compute.result.band", language, band=band_label(output["workforce_range"], language))
    )
    if year:
        lines.append(text("compute.result.year", language, year=year))
    lines.append("")
    for key, result in output["indicators"].items():
        lines.extend(indicator_lines(key, result, language))
    lines.append("")
    lines.append(
        text(
            "compute.result.total",
            language,
            points=output["points"],
            max_points=output["max_points"],
        )
    )
    if output["index"] is None:
        lines.append(text("compute.result.index_nc", language, max_points=output["max_points"]))
    else:
        lines.append(text("compute.result.index", language, index=output["index"]))
    lines.append("")
    lines.extend(obligation_lines(output, language))
    return "\n".join(lines)


def indicator_lines(key: str, result: dict, language: str) -> list[str]:
    name = text(f"compute.indicator.{key}", language)
    if not result["calculable"]:
        reason = text(f"compute.reason.{result['reason']}", language)
        return [
            text(
                "compute.result.line_nc",
                language,
                name=name,
                reason=reason,
                max_note=result["max_note"],
            )
        ]
    lines = [
        text(
            "compute.result.line",
            language,
            name=name,
            result=result_value(key, result, language),
            note=result["note"],
            max_note=result["max_note"],
        )
    ]
    if result.get("compensated"):
        lines.append(text("compute.result.compensated", language))
    return lines


def result_value(key: str, result: dict, language: str) -> str:
    value = result["result"]
    population = result.get("favorable_population")
    if key == "indicator4":
        return text("compute.value.pct", language, value=number(value, language))
    if key == "indicator5":
        majority = text(f"compute.majority.{population or 'equality'}", language)
        return text("compute.value.top_ten", language, value=value, majority=majority)
    shown = text(
        "compute.value.pp" if key in ("indicator2", "indicator3") else "compute.value.pct",
        language,
        value=number(value, language, 1),
    )
    if key == "indicator2and3":
        equivalent = number(result["result_equivalent_employees"], language, 1)
        shown += text("compute.value.equivalent", language, value=equivalent)
    if population:
        shown += " " + text(f"compute.population.{population}", language)
    return shown


def obligation_lines(output: dict, language: str) -> list[str]:
    obligations = output["obligations"]
    lines = []
    if obligations["corrective_measures_required"]:
        lines.append(text("compute.result.measures", language))
    if obligations["objectives_required"]:
        which = ", ".join(
            text(f"compute.indicator_short.{key}", language)
            for key in obligations["objectives_for"]
        )
        lines.append(text("compute.result.objectives", language, indicators=which))
    if lines:
        return lines
    if output["index"] is None:
        return [text("compute.result.no_obligation_nc", language)]
    if output["index"] < 85:
        return [text("compute.result.no_objectives_before_2021", language)]
    return [text("compute.result.no_obligation", language)]


def file_read_message(output: dict, filename: str, language: str, valid_share: tuple) -> str:
    """What was read from an employee file: rows, and the groups that count for indicator 1."""
    rows = output["rows"]
    lines = [
        text(
            "compute.file.read",
            language,
            name=filename,
            read=number(rows["read"], language),
            used=number(rows["used"], language),
            excluded=number(rows["excluded"], language),
        )
    ]
    valid, groups = count_valid_groups(output["aggregated_input"])
    valid_headcount, total_headcount = valid_share
    lines.append(
        text(
            "compute.file.groups",
            language,
            valid=valid,
            groups=groups,
            valid_headcount=number(valid_headcount or 0, language),
            total_headcount=number(total_headcount or 0, language),
        )
    )
    return "\n".join(lines)


def count_valid_groups(document: dict) -> tuple[int, int]:
    """(groups with at least 3 women and 3 men, groups with anyone) in indicator 1's breakdown."""
    indicator = document.get("indicator1") or {}
    if indicator.get("levels"):
        pairs = [
            (group.get("women_count", 0), group.get("men_count", 0))
            for level in indicator["levels"]
            for group in level["groups"].values()
        ]
    else:
        pairs = [
            (cell.get("women", 0), cell.get("men", 0))
            for ages in document.get("headcount", {}).values()
            for age, cell in ages.items()
            if age in AGE_BANDS
        ]
    populated = [pair for pair in pairs if pair[0] or pair[1]]
    return sum(1 for w, m in populated if is_valid_pay_group(w, m)), len(populated)
