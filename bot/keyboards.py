"""Inline keyboards shared by several features."""

from functools import cache

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import LanguageChoice, MenuAction
from bot.texts import text

MENU_ACTIONS = (
    "compute_steps",
    "compute_file",
    "compute_results",
    "declare",
    "companies",
    "status",
)


@cache
def main_menu(language: str) -> InlineKeyboardMarkup:
    """Built once per language, never changed (aiogram only reads it to send it)."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=text(f"menu.{action}", language),
                    callback_data=MenuAction(action=action).pack(),
                )
            ]
            for action in MENU_ACTIONS
        ]
    )


def language_choice() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text="Français", callback_data=LanguageChoice(language="fr").pack()
                ),
                InlineKeyboardButton(
                    text="English", callback_data=LanguageChoice(language="en").pack()
                ),
            ]
        ]
    )
