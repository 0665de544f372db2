"""The emailed link opened in headless Chromium, and its button clicked (Playwright)."""

import os
from pathlib import Path

import pytest

from bot.texts import text
from store import links
from tests.e2e.conftest import link_in
from tests.e2e.flow import ask_for_link

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _browser_missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install the 'test' extra)"
    return None


@pytest.fixture
async def browser():
    problem = _browser_missing()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            await chromium.close()


async def test_link_confirmed_by_clicking_the_button_in_chromium(service, telegram, smtp, browser):
    bruno = telegram.user(2101, "Bruno")
    await ask_for_link(bruno, "443061841", "bruno@gamma.fr")
    link = link_in((await smtp.handler.wait_for(1))[0])

    context = await browser.new_context(locale="fr-FR")
    page = await context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))

    response = await page.goto(link)
    assert response.status == 200
    assert await page.locator("h1").inner_text() == "Confirmer votre adresse"
    assert "SIREN 443061841" in await page.locator("dl").inner_text()
    button = page.get_by_role("button", name="Confirmer")
    # The stylesheet passed the Content-Security-Policy (allowed by its hash).
    color = await button.evaluate("b => getComputedStyle(b).backgroundColor")
    assert color == "rgb(0, 0, 145)"
    async with service.database.session() as session:
        assert not await links.may_act(session, 2101, "443061841")

    async with page.expect_navigation():
        await button.click()
    assert await page.locator("h1").inner_text() == "C'est confirmé"
    assert problems == []

    confirmation = await bruno.next_message()
    assert confirmation.text == text(
        "companies.linked", company="SIREN 443061841", email="bruno@gamma.fr"
    )
    await bruno.send_command("/status")
    assert "SIREN 443061841 – via bruno@gamma.fr" in (await bruno.next_message()).text

    # Back and submit again: the link is used up.
    response = await page.goto(link)
    assert response.status == 410
    assert await page.locator("h1").inner_text() == "Lien déjà utilisé"
    await context.close()
