"""The time, injected: everything that decides by the clock takes a ``Clock``.

Production uses ``SYSTEM_CLOCK``; tests pass a ``FixedClock`` and move it, so that a whole
campaign (tokens, outbox retries, reminders) can be simulated day by day.
"""

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that stands still until told to move."""

    def __init__(self, moment: datetime) -> None:
        self._moment = _aware(moment)

    def now(self) -> datetime:
        return self._moment

    def set(self, moment: datetime) -> None:
        self._moment = _aware(moment)

    def advance(self, delta: timedelta) -> datetime:
        self._moment += delta
        return self._moment


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a clock gives timezone-aware moments")
    return moment.astimezone(UTC)


SYSTEM_CLOCK: Clock = SystemClock()
