"""/rappels: a Telegram user turns their reminders off, or on again (declarants keep receiving
them by email)."""

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.callbacks import RemindersAction
from bot.declaring.common import button, markup
from bot.texts import text
from egapro_assistant.usecases.reminders import set_telegram_reminders, telegram_reminders_on
from store.database import Database

router = Router(name="reminders")


def _settings(on: bool, language: str):
    key = "reminders.settings.on" if on else "reminders.settings.off"
    toggle = "reminders.button.turn_off" if on else "reminders.button.turn_on"
    return text(key, language), markup(
        [button(text(toggle, language), RemindersAction(on=0 if on else 1))]
    )


@router.message(Command("rappels", "reminders"))
async def reminders_command(message: Message, database: Database, language: str) -> None:
    on = await telegram_reminders_on(database, message.from_user.id)
    body, keyboard = _settings(on, language)
    await message.answer(body, reply_markup=keyboard)


@router.callback_query(RemindersAction.filter())
async def reminders_switch(
    query: CallbackQuery, callback_data: RemindersAction, database: Database, language: str
) -> None:
    await query.answer()
    on = bool(callback_data.on)
    await set_telegram_reminders(database, query.from_user.id, on=on)
    body, keyboard = _settings(on, language)
    await query.message.answer(body, reply_markup=keyboard)
