"""Callback data of the computation buttons; short prefixes keep every payload under 64 bytes."""

from aiogram.filters.callback_data import CallbackData


class StepChoice(CallbackData, prefix="cs"):
    """A choice answering question ``q`` of the step-by-step flow (band, mode, year, "none")."""

    q: str
    v: str


class StepNav(CallbackData, prefix="cn"):
    """Moving in the step-by-step flow: ``back``, ``keep``, ``compute``, ``edit``, ``goto``
    (with ``s`` the step), ``summary``, ``restart_levels``, ``resume``, ``restart``."""

    a: str
    s: str = ""


class ResultsChoice(CallbackData, prefix="cr"):
    """A choice answering question ``q`` of the results flow (year, band, a reason code)."""

    q: str
    v: str


class ResultsNav(CallbackData, prefix="crn"):
    """``back`` in the results flow."""

    a: str


class FileOption(CallbackData, prefix="cf"):
    """An option of the file flow: ``k`` is ``band`` or ``mode``, ``v`` its value code."""

    k: str
    v: str


BAND_CODES = {"s": "50:250", "m": "251:999", "l": "1000:"}
BAND_NAMES = {"s": "small", "m": "medium", "l": "large"}
MODE_CODES = {"csp": "csp", "bl": "branch_level", "ol": "other_level"}
