"""Which campaign is running, by the calendar (data, overridable by settings) and the clock."""

import os
from datetime import date
from functools import lru_cache
from zoneinfo import ZoneInfo

from egapro_assistant.config import Settings
from store.campaigns import Campaign, CampaignCalendar
from store.clock import SYSTEM_CLOCK, Clock

PARIS = ZoneInfo("Europe/Paris")


def paris_today(clock: Clock = SYSTEM_CLOCK) -> date:
    """The date people read (Europe/Paris)."""
    return clock.now().astimezone(PARIS).date()


def _mtime(path: str | None) -> float | None:
    try:
        return os.stat(path).st_mtime if path else None
    except OSError:
        return None


def calendar() -> CampaignCalendar:
    """The calendar of the settings as they are now. Reading the settings costs milliseconds
    (environment, ``.env``, the data file): the calendar is kept while the variables that
    change it, the ``.env`` file and the calendar file named in the environment stay the same."""
    named = os.environ.get("EGAPRO_CAMPAIGNS_FILE")
    return _calendar(
        named, os.environ.get("EGAPRO_CAMPAIGNS"), _mtime(".env"), _mtime(named), os.getcwd()
    )


@lru_cache(maxsize=8)
def _calendar(*_key: object) -> CampaignCalendar:
    return Settings().calendar


def current_campaign(
    clock: Clock = SYSTEM_CLOCK, *, calendar_: CampaignCalendar | None = None
) -> Campaign:
    return (calendar_ or calendar()).current(paris_today(clock))


def campaign_of_data_year(data_year: int, *, calendar_: CampaignCalendar | None = None) -> Campaign:
    return (calendar_ or calendar()).for_data_year(data_year)
