"""JavaScript number behaviour the official platform relies on, reproduced on Python floats.

Both languages use IEEE-754 doubles, so the same operations in the same order give the same
bits; only the rounding helpers differ (Python's ``round`` rounds half to even).
"""

import math
from collections.abc import Sequence


def js_round(x: float) -> int:
    """``Math.round``: the nearest integer, halves toward +infinity, on the double as stored."""
    floor = math.floor(x)
    return floor + 1 if x - floor >= 0.5 else floor


def one_decimal(raw: float) -> float:
    """``Math.round(Math.abs(raw) * 10) / 10``: the declared one-decimal result."""
    return js_round(abs(raw) * 10) / 10


def table_note(table: Sequence[int], result: float) -> int:
    """``NOTE_TABLE[Math.ceil(result)]``, 0 outside the table (AbstractComputer.computeNote)."""
    if not math.isfinite(result):
        return 0
    row = math.ceil(result)
    if row < 0 or row >= len(table):
        return 0
    return table[row]


def table_note_floor(table: Sequence[int], result: float) -> int:
    """``NOTE_TABLE[Math.floor(result)]``, 0 outside the table (indicator 4)."""
    if not math.isfinite(result):
        return 0
    row = math.floor(result)
    if row < 0 or row >= len(table):
        return 0
    return table[row]
