"""Steps shared by the end-to-end tests: what a user does in Telegram to ask for a link."""

from bot.callbacks import MenuAction
from bot.routers.companies import CompanyAction
from bot.texts import text

COMPANIES = MenuAction(action="companies").pack()
LINK = CompanyAction(action="link").pack()


async def ask_for_link(user, siren: str, email: str) -> str:
    """From /start to "check your inbox"; returns the bot's last answer."""
    await user.send_command("/start")
    assert (await user.next_message()).has_callback(COMPANIES)
    await user.press(COMPANIES)
    assert (await user.next_message()).text == text("companies.none")
    await user.press(LINK)
    assert (await user.next_message()).text == text("companies.ask_siren")
    await user.send_text(siren)
    await user.next_message()
    await user.send_text(email)
    return (await user.next_message()).text
