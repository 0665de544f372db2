"""A declared indicator: what the official declaration stores before it is scored."""

from typing import NamedTuple


class Declared(NamedTuple):
    """One indicator as declared: either a reason, or a result and a favourable population.

    ``favorable`` is ``"women"``, ``"men"``, ``"equality"`` or ``None`` (no favoured sex).
    ``result_equivalent`` is the equivalent-employee result of indicator 2&3.
    """

    calculable: bool
    reason: str | None = None
    result: float | int | None = None
    favorable: str | None = None
    result_equivalent: float | int | None = None
    valid_headcount: int | None = None
    total_headcount: int | None = None


def not_calculable(reason: str | None, **headcounts: int | None) -> Declared:
    return Declared(calculable=False, reason=reason, **headcounts)
