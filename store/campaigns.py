"""The campaign calendar: data, not code.

Campaign year N collects the indexes of data year N−1: it opens (default 15 January N), and its
index and représentation équilibrée declarations are due by their deadlines (default 1 March N).
The law is moving to the EU pay-transparency regime, so an operator can change a year's dates or
switch the classic index campaign off without a release: defaults in ``data/campaigns.json``,
overridden by ``EGAPRO_CAMPAIGNS_FILE`` (a file of the same shape) and ``EGAPRO_CAMPAIGNS``
(the same JSON inline).
"""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

DEFAULT_FILE = Path(__file__).parent / "data" / "campaigns.json"
_FIELDS = ("opens", "index_deadline", "representation_deadline", "index_campaign")


class CalendarError(ValueError):
    """A calendar that cannot be used; the message names the setting and the year."""


@dataclass(frozen=True)
class Campaign:
    year: int  # campaign year N
    opens_on: date
    index_deadline: date
    representation_deadline: date
    index_campaign: bool  # False once the classic index gives way to the new regime

    @property
    def data_year(self) -> int:
        return self.year - 1


class CampaignCalendar:
    def __init__(self, defaults: dict[str, Any], years: dict[int, dict[str, Any]]) -> None:
        self._defaults = defaults
        self._years = years
        self._cache: dict[int, Campaign] = {}

    def campaign(self, year: int) -> Campaign:
        """Campaign ``year`` (any year: unlisted ones take the defaults)."""
        if year not in self._cache:
            self._cache[year] = _build(year, {**self._defaults, **self._years.get(year, {})})
        return self._cache[year]

    def for_data_year(self, data_year: int) -> Campaign:
        return self.campaign(data_year + 1)

    def current(self, today: date) -> Campaign:
        """The latest campaign opened on ``today``: before 15 January N, still campaign N−1
        (late declarations of N−1 are what is due)."""
        this_year = self.campaign(today.year)
        return this_year if today >= this_year.opens_on else self.campaign(today.year - 1)

    def years(self) -> list[int]:
        return sorted(self._years)

    @classmethod
    def load(
        cls, *, file: str | Path | None = None, inline: str | None = None
    ) -> "CampaignCalendar":
        """The shipped calendar, then ``file``'s years and defaults, then ``inline``'s."""
        defaults, years = _read(DEFAULT_FILE.read_text(encoding="utf-8"), "campaigns.json")
        for setting, source in (("EGAPRO_CAMPAIGNS_FILE", file), ("EGAPRO_CAMPAIGNS", inline)):
            if not source:
                continue
            if setting == "EGAPRO_CAMPAIGNS_FILE":
                try:
                    source = Path(source).read_text(encoding="utf-8")
                except OSError as error:
                    raise CalendarError(f"{setting}: cannot read {file}: {error}") from error
            more_defaults, more_years = _read(source, setting)
            defaults.update(more_defaults)
            for year, values in more_years.items():
                years[year] = {**years.get(year, {}), **values}
        calendar = cls(defaults, years)
        for year in sorted(set(years) | {2020}):
            calendar.campaign(year)  # every listed year must build: fail at start, not later
        return calendar


def _read(text: str, setting: str) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CalendarError(f"{setting}: not valid JSON: {error}") from error
    if not isinstance(data, dict):
        raise CalendarError(f"{setting}: expected a JSON object with 'defaults' and 'years'")
    defaults = _fields(data.get("defaults") or {}, setting, "defaults")
    years: dict[int, dict[str, Any]] = {}
    for key, values in (data.get("years") or {}).items():
        try:
            year = int(key)
        except ValueError as error:
            raise CalendarError(f"{setting}: year {key!r} is not a year") from error
        years[year] = _fields(values or {}, setting, str(year))
    return defaults, years


def _fields(values: Any, setting: str, where: str) -> dict[str, Any]:
    if not isinstance(values, dict):
        raise CalendarError(f"{setting}: {where}: expected an object")
    unknown = sorted(set(values) - set(_FIELDS))
    if unknown:
        raise CalendarError(f"{setting}: {where}: unknown field(s) {', '.join(unknown)}")
    return dict(values)


def _date(value: Any, year: int, field: str) -> date:
    """``MM-DD`` (in the campaign's year) or a full ISO date."""
    text = str(value)
    try:
        if len(text) == 5:
            return date.fromisoformat(f"{year:04d}-{text}")
        return date.fromisoformat(text)
    except ValueError as error:
        raise CalendarError(f"campaign {year}: {field} {value!r} is not a date") from error


def _build(year: int, values: dict[str, Any]) -> Campaign:
    campaign = Campaign(
        year=year,
        opens_on=_date(values["opens"], year, "opens"),
        index_deadline=_date(values["index_deadline"], year, "index_deadline"),
        representation_deadline=_date(
            values["representation_deadline"], year, "representation_deadline"
        ),
        index_campaign=values["index_campaign"],
    )
    if not isinstance(campaign.index_campaign, bool):
        raise CalendarError(f"campaign {year}: index_campaign must be true or false")
    if campaign.index_deadline < campaign.opens_on:
        raise CalendarError(f"campaign {year}: index_deadline is before the opening")
    return campaign
