"""/cancel, /lang, and the answer to anything no other router took (/start and /help, which
say what is under way, are in ``bot.routers.pending``)."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import LanguageChoice
from bot.compute.steps_plan import SUMMARY, progress
from bot.keyboards import language_choice, main_menu
from bot.texts import text
from store import telegram_users
from store.database import Database

router = Router(name="common")

# What stays in the conversation when a step is abandoned: the last computed result, so it can
# still be declared.
KEPT_ON_RESET = ("last_result",)


async def reset_conversation(state: FSMContext) -> None:
    data = await state.get_data()
    await state.set_state(None)
    await state.set_data({key: data[key] for key in KEPT_ON_RESET if key in data})


def steps_in_progress(data: dict) -> tuple[int, int] | None:
    """(step, total) of a step-by-step computation begun and not yet computed."""
    flow = data.get("steps")
    if not isinstance(flow, dict) or not flow.get("a") or flow.get("q") == SUMMARY:
        return None
    return progress(flow["a"], flow["q"])


@router.message(Command("cancel"))
async def cancel(message: Message, state: FSMContext, language: str) -> None:
    if await state.get_state() is None:
        await message.answer(text("nothing_to_cancel", language), reply_markup=main_menu(language))
        return
    await reset_conversation(state)
    await message.answer(text("cancelled", language), reply_markup=main_menu(language))


@router.message(Command("lang"))
async def ask_language(message: Message, language: str) -> None:
    await message.answer(text("lang.choose", language), reply_markup=language_choice())


@router.callback_query(LanguageChoice.filter())
async def set_language(
    query: CallbackQuery, callback_data: LanguageChoice, database: Database
) -> None:
    language = callback_data.language if callback_data.language in ("fr", "en") else "fr"
    async with database.session() as session:
        await telegram_users.choose_language(session, query.from_user.id, language)
    await query.answer()
    await query.message.answer(text("lang.set", language), reply_markup=main_menu(language))


fallback_router = Router(name="fallback")


@fallback_router.message(F.text.startswith("/"))
async def unknown_command(message: Message, state: FSMContext, language: str) -> None:
    in_step = await state.get_state() is not None
    key = "unknown_command_in_step" if in_step else "unknown_command"
    await message.answer(text(key, language))


@fallback_router.edited_message()
async def edit_not_taken(message: Message, language: str) -> None:
    await message.answer(text("edit.not_taken", language))


@fallback_router.message()
async def not_understood(message: Message, language: str) -> None:
    await message.answer(text("not_understood", language), reply_markup=main_menu(language))


@fallback_router.callback_query()
async def stale_button(query: CallbackQuery, language: str) -> None:
    await query.answer(text("not_understood", language), show_alert=False)
