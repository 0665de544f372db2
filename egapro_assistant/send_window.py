"""When bulk messages (reminders, digests) may leave: a daily window on some weekdays, Europe/Paris,
French public holidays excluded unless allowed (``EGAPRO_SEND_WINDOW``, ``EGAPRO_SEND_DAYS``,
``EGAPRO_SEND_ON_HOLIDAYS``). Messages a person waits for are never held by it.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class SendWindow:
    start: time = time(9)
    end: time = time(18)
    days: frozenset[int] = frozenset(range(5))  # Monday 0
    on_holidays: bool = False
    _holidays: holidays.HolidayBase = field(
        default_factory=lambda: holidays.country_holidays("FR"), compare=False, repr=False
    )

    @classmethod
    def from_settings(cls, settings) -> "SendWindow":
        start, end = settings.send_window
        return cls(start, end, frozenset(settings.send_days), settings.send_on_holidays)

    def sending_day(self, day: date) -> bool:
        if day.weekday() not in self.days:
            return False
        return self.on_holidays or day not in self._holidays

    def is_open(self, moment: datetime) -> bool:
        local = moment.astimezone(PARIS)
        return self.sending_day(local.date()) and self.start <= local.time() < self.end

    def next_open(self, moment: datetime) -> datetime:
        """``moment`` itself when the window is open, else its next opening (UTC)."""
        if self.is_open(moment):
            return moment
        local = moment.astimezone(PARIS)
        day = local.date()
        if local.time() >= self.start:
            day += timedelta(days=1)
        for _ in range(366):
            if self.sending_day(day):
                opening = datetime.combine(day, self.start, tzinfo=PARIS)
                return opening.astimezone(UTC)
            day += timedelta(days=1)
        raise ValueError("EGAPRO_SEND_DAYS: no day of the year is a sending day")
