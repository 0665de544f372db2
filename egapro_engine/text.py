"""A readable French summary of an output object."""

from . import rules_2019 as rules
from .messages import (
    BAND_LABELS,
    FAVOURED,
    INDICATOR_LABELS,
    INDICATOR_NUMBERS,
    MAJORITY,
    REASON_LABELS,
    TEXT,
    UNDER_REPRESENTED,
)
from .outputs import (
    EmployeeFileOutput,
    IndexOutput,
    RepresentationNotCalculable,
    RepresentationOutput,
)


def french_number(value: float | int) -> str:
    """``4.1`` -> ``4,1``; ``3.0`` -> ``3,0``; ``100`` -> ``100``."""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value)},0"
    return str(value).replace(".", ",")


def reason_label(reason: str | None) -> str:
    return REASON_LABELS.get(reason or "", reason or "motif non précisé")


def result_text(key: str, result) -> str:
    value = french_number(result.result)
    favoured = FAVOURED.get(result.favorable_population or "", "")
    if key == rules.IND1:
        return f"{TEXT['result_pct'].format(value=value)} {favoured}"
    if key in (rules.IND2, rules.IND3):
        return f"{TEXT['result_points'].format(value=value)} {favoured}"
    if key == rules.IND23:
        equivalent = french_number(result.result_equivalent_employees)
        return (
            f"{TEXT['result_pct'].format(value=value)} ; "
            f"{TEXT['result_equivalent'].format(value=equivalent)} {favoured}"
        )
    if key == rules.IND4:
        return TEXT["result_maternity"].format(value=value)
    majority = MAJORITY.get(result.favorable_population or "equality", MAJORITY["equality"])
    return TEXT["result_top_ten"].format(value=value, majority=majority)


def indicator_lines(key: str, result) -> list[str]:
    label = INDICATOR_LABELS[key]
    if not result.calculable:
        not_calculable = TEXT["not_calculable"].format(reason=reason_label(result.reason))
        return [f"{label} : {not_calculable} {TEXT['max_only'].format(max_note=result.max_note)}"]
    note = TEXT["note"].format(note=result.note, max_note=result.max_note)
    lines = [f"{label} : {result_text(key, result)} — {note}"]
    if getattr(result, "compensated", False):
        lines.append(f"  {TEXT['compensated']}")
    return lines


def obligation_lines(output: IndexOutput) -> list[str]:
    lines = [TEXT["obligations"]]
    duties = output.obligations
    if output.index is None:
        return [*lines, TEXT["no_obligation_nc"]]
    if duties.corrective_measures_required:
        lines.append(TEXT["corrective_measures"])
    if duties.objectives_required:
        which = ", ".join(INDICATOR_NUMBERS[key] for key in duties.objectives_for)
        lines.append(TEXT["objectives"].format(which=which) if which else TEXT["objectives_none"])
    if len(lines) == 1:
        lines.append(TEXT["no_obligation"])
    return lines


def render_index(output: IndexOutput) -> str:
    lines = [TEXT["title"]]
    if output.source:
        lines.append(TEXT["source"].format(source=output.source))
    band = BAND_LABELS.get(output.workforce_range, output.workforce_range)
    lines.append(TEXT["band"].format(band=band))
    if isinstance(output, EmployeeFileOutput):
        rows = {k: output.rows.get(k, "?") for k in ("read", "used", "excluded")}
        lines.append(TEXT["rows"].format(**rows))
    for key, result in output.indicators.items():
        lines.extend(indicator_lines(key, result))
    lines.append(TEXT["total"].format(points=output.points, max_points=output.max_points))
    if output.index is None:
        lines.append(TEXT["index_not_calculable"].format(max_points=output.max_points))
    else:
        lines.append(TEXT["index"].format(index=output.index))
    lines.extend(obligation_lines(output))
    return "\n".join(lines)


def pair_line(label: str, pair) -> str:
    if isinstance(pair, RepresentationNotCalculable):
        return TEXT["rep_not_calculable"].format(label=label, reason=reason_label(pair.reason))
    under = f" ({UNDER_REPRESENTED[pair.under_represented]})" if pair.under_represented else ""
    verdict = ""
    if pair.meets_target is not None:
        verdict = TEXT["rep_meets"] if pair.meets_target else TEXT["rep_misses"]
    return TEXT["rep_pair"].format(
        label=label,
        women=french_number(pair.women_pct),
        men=french_number(pair.men_pct),
        under=under,
        target=verdict,
    )


def render_representation(output: RepresentationOutput) -> str:
    title = (
        TEXT["rep_title"].format(year=output.year)
        if output.year is not None
        else TEXT["rep_title_no_year"]
    )
    lines = [title]
    if output.source:
        lines.append(TEXT["source"].format(source=output.source))
    if output.target_pct is None:
        lines.append(TEXT["rep_no_target"])
    else:
        lines.append(TEXT["rep_target"].format(target=output.target_pct))
    lines.append(pair_line(TEXT["rep_executives"], output.executives))
    lines.append(pair_line(TEXT["rep_governing_bodies"], output.governing_bodies))
    return "\n".join(lines)


def render_text(output: IndexOutput | RepresentationOutput) -> str:
    """A readable French summary: results, notes, index (or why not), obligations."""
    if isinstance(output, RepresentationOutput):
        return render_representation(output)
    return render_index(output)
