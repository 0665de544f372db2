"""Which campaign is running, by the calendar (data, overridable by settings) and the clock."""

from datetime import date
from zoneinfo import ZoneInfo

from egapro_assistant.config import Settings
from store.campaigns import Campaign, CampaignCalendar
from store.clock import SYSTEM_CLOCK, Clock

PARIS = ZoneInfo("Europe/Paris")


def paris_today(clock: Clock = SYSTEM_CLOCK) -> date:
    """The date people read (Europe/Paris)."""
    return clock.now().astimezone(PARIS).date()


def calendar() -> CampaignCalendar:
    return Settings().calendar


def current_campaign(
    clock: Clock = SYSTEM_CLOCK, *, calendar_: CampaignCalendar | None = None
) -> Campaign:
    return (calendar_ or calendar()).current(paris_today(clock))


def campaign_of_data_year(data_year: int, *, calendar_: CampaignCalendar | None = None) -> Campaign:
    return (calendar_ or calendar()).for_data_year(data_year)
