"""Reminders in Telegram: /rappels turns them off and on, and the reminder's "J'ai déjà déclaré"
button records the declaration made on the official platform (and asks for the index)."""

import pytest

from bot.delivery import keyboard
from bot.outbox_render import render
from bot.texts import text
from egapro_assistant.usecases.reminders import telegram_reminders_on
from store import declarations
from tests.bot.test_declare import (
    COMPANY,
    SIREN,
    YEAR,
    answer,
    linked,
    wakes,  # noqa: F401  (fixture)
)

pytestmark = pytest.mark.usefixtures("wakes")


async def test_rappels_turns_the_reminders_off_and_on(sqlite_db, telegram):
    await linked(sqlite_db, 7001, "rh@acme.fr")
    anne = telegram.user(7001, "Anne")
    await anne.send_command("/rappels")
    shown = await anne.next_message()
    assert shown.text == text("reminders.settings.on")
    assert await telegram_reminders_on(sqlite_db, 7001)
    await anne.press_button(text("reminders.button.turn_off"), shown)
    assert (await anne.next_message()).text == text("reminders.settings.off")
    assert not await telegram_reminders_on(sqlite_db, 7001)
    await anne.send_command("/rappels")
    shown = await anne.next_message()
    await anne.press_button(text("reminders.button.turn_on"), shown)
    assert (await anne.next_message()).text == text("reminders.settings.on")
    assert await telegram_reminders_on(sqlite_db, 7001)


async def test_the_reminder_button_records_a_declaration_made_elsewhere(sqlite_db, telegram):
    await linked(sqlite_db, 7002, "rh@acme.fr")
    anne = telegram.user(7002, "Anne")
    content = render(
        "reminder",
        {
            "siren": SIREN,
            "company_name": "Acme Industrie",
            "campaign_year": YEAR + 1,
            "year": YEAR,
            "about": "index",
            "state": "not_started",
            "deadline": f"{YEAR + 1}-03-01",
            "days": 7,
            "step": "j-7",
        },
        "fr",
    )
    assert content.text.startswith(text("reminders.title.index", year=YEAR, company=COMPANY))
    assert "dans 7 jour(s)" in content.text
    labels = {label: data for row in content.buttons for label, data in row}
    assert set(labels) == {text("reminders.button.declare"), text("reminders.button.declared")}
    # The reminder as the sender delivers it, then the button pressed under it.
    bot = telegram.make_bot()
    try:
        await bot.send_message(7002, content.text, reply_markup=keyboard(content.buttons))
    finally:
        await bot.session.close()
    await anne.next_message()
    recorded = await answer(anne, press=labels[text("reminders.button.declared")])
    assert recorded.startswith(f"✅ C'est noté : l'Index {YEAR} pour {COMPANY}")
    async with sqlite_db.session() as session:
        row = await declarations.get_index(session, SIREN, YEAR)
    assert (row.channel, row.elsewhere_source) == ("official_platform", "telegram")
