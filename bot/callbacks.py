"""Callback data of inline buttons; each prefix is short so every payload stays under 64 bytes."""

from aiogram.filters.callback_data import CallbackData


class MenuAction(CallbackData, prefix="m"):
    """A main-menu choice: ``compute_steps``, ``compute_file``, ``compute_results``,
    ``companies``, ``status``."""

    action: str


class LanguageChoice(CallbackData, prefix="lang"):
    language: str


class RemindersAction(CallbackData, prefix="rp"):
    """/rappels: ``on`` = 1 turns the user's reminders on, 0 off."""

    on: int
