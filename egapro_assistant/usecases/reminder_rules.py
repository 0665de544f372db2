"""Which reminder steps are due for a company: a pure function of its standing and the time.

Three subjects, each with its own schedule (``schedule``):

- ``index`` (status not started or in progress, band known, 50+; the campaign's index campaign
  on): the opening, then each offset from the deadline (``EGAPRO_REMINDER_OFFSETS_DAYS``,
  default J−30, J−14, J−7, J−2, J+1), then monthly after the deadline until the next campaign
  opens;
- ``objectives`` (objectives and measures due: declared here, calculable, below 85, not filled
  or erased by a modification): at once, J+7, J+30, then monthly until filled, counted from the
  moment they became due. They are not bounded by the campaign: the tick also reads the
  standings of earlier campaigns whose objectives are still due
  (``campaign_status.objectives_carried``), and their steps go on after the next opening, with
  the dedup keys of the campaign they belong to;
- ``representation`` (1000+, représentation équilibrée not declared): the same schedule as the
  index, on the représentation deadline.

The index and représentation steps are relevant until the next campaign opens: a standing of a
campaign that is over (a carried one) has objectives steps only.

A step becomes due at midnight (Europe/Paris) of its day, or at the moment the objectives became
due. ``due_steps`` looks at the steps that became due since the last tick: the latest of each
subject is sent, the earlier ones are skipped (a week of downtime gives one message, not five).
A company that becomes known (imported, linked) between two steps is not sent the latest one at
once: the catch-up repays steps the service owed and missed, and a company unknown at a step's
moment was not owed it; it gets the next step (at most about two weeks away before the deadline,
a month after it; objectives count from when they became due).
"""

import calendar as month_calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from store.campaign_status import (
    CampaignStanding,
    IndexStatus,
    ObjectivesState,
    RepresentationStatus,
)
from store.campaigns import CampaignCalendar

PARIS = ZoneInfo("Europe/Paris")

INDEX = "index"
OBJECTIVES = "objectives"
REPRESENTATION = "representation"
SUBJECTS = (INDEX, OBJECTIVES, REPRESENTATION)

DEFAULT_OFFSETS = (-30, -14, -7, -2, 1)
OBJECTIVES_DAYS = (0, 7, 30)  # then monthly from the second month
_REMINDED = (IndexStatus.NOT_STARTED, IndexStatus.IN_PROGRESS)


@dataclass(frozen=True)
class ReminderPolicy:
    calendar: CampaignCalendar
    offsets_days: tuple[int, ...] = DEFAULT_OFFSETS

    @classmethod
    def from_settings(cls, settings) -> "ReminderPolicy":
        return cls(calendar=settings.calendar, offsets_days=tuple(settings.reminder_offsets_days))


@dataclass(frozen=True)
class Step:
    subject: str  # index | objectives | representation
    name: str  # unique within the subject for the campaign: "opening", "j-30", "m+2", ...
    due_at: datetime  # UTC
    deadline: date | None  # the deadline the step reminds of (None for objectives)


@dataclass(frozen=True)
class Decision:
    step: Step
    send: bool  # False: skipped (a later step of the same subject is due too)


def day_start(day: date) -> datetime:
    """Midnight of ``day`` in Paris, as UTC."""
    return datetime.combine(day, time(0), tzinfo=PARIS).astimezone(UTC)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def _offset_name(offset: int) -> str:
    return f"j{offset:+d}"


@lru_cache(maxsize=64)
def _deadline_steps(
    subject: str, opens_on: date, deadline: date, until: date, offsets: tuple[int, ...]
) -> list[Step]:
    days: dict[date, str] = {opens_on: "opening"}
    for offset in offsets:
        day = deadline + timedelta(days=offset)
        if opens_on <= day < until:
            days.setdefault(day, _offset_name(offset))
    months = 1
    while (day := add_months(deadline, months)) < until:
        if day > max(days):
            days.setdefault(day, f"m+{months}")
        months += 1
    return tuple(
        Step(subject, name, day_start(day), deadline) for day, name in sorted(days.items())
    )


def _objectives_steps(since: datetime, end: datetime) -> list[Step]:
    """The steps from ``since`` (when they became due) to ``end``, excluded."""
    stamp = since.astimezone(UTC).strftime("%Y%m%dT%H%M%S")
    steps = [
        Step(OBJECTIVES, f"{stamp}:j+{days}", since + timedelta(days=days), None)
        for days in OBJECTIVES_DAYS
    ]
    months = 2
    while True:
        moment = datetime.combine(
            add_months(since.astimezone(PARIS).date(), months),
            since.astimezone(PARIS).timetz(),
        ).astimezone(UTC)
        if moment >= end:
            break
        steps.append(Step(OBJECTIVES, f"{stamp}:m+{months}", moment, None))
        months += 1
    return [step for step in steps if step.due_at < end]


def schedule(
    standing: CampaignStanding, policy: ReminderPolicy, *, now: datetime | None = None
) -> list[Step]:
    """Every step of every subject that concerns the company, in time order: the index and
    représentation steps up to the next campaign's opening, and none once it has opened (at
    ``now``); the objectives steps up to the next opening or ``now``, whichever is later (they go
    on until filled)."""
    campaign = policy.calendar.campaign(standing.campaign_year)
    until = policy.calendar.campaign(campaign.year + 1).opens_on
    offsets = policy.offsets_days
    steps: list[Step] = []
    if not (
        standing.status in _REMINDED
        or standing.objectives == ObjectivesState.TO_FILL
        or (standing.representation == RepresentationStatus.TO_DECLARE)
    ):
        return steps
    if standing.objectives == ObjectivesState.TO_FILL and standing.objectives_due_since:
        end = day_start(until)
        if now is not None and now >= end:
            end = now + timedelta(microseconds=1)
        steps += _objectives_steps(standing.objectives_due_since, end)
    if now is not None and now >= day_start(until):  # the campaign is over
        return sorted(steps, key=lambda step: (step.due_at, step.subject))
    if campaign.index_campaign and standing.status in _REMINDED:
        steps += _deadline_steps(INDEX, campaign.opens_on, campaign.index_deadline, until, offsets)
    if standing.representation == RepresentationStatus.TO_DECLARE:
        steps += _deadline_steps(
            REPRESENTATION, campaign.opens_on, campaign.representation_deadline, until, offsets
        )
    return sorted(steps, key=lambda step: (step.due_at, step.subject))


def due_steps(
    standing: CampaignStanding,
    now: datetime,
    policy: ReminderPolicy,
    *,
    since: datetime | None = None,
) -> list[Decision]:
    """The steps that became due in ``(since, now]`` (all due ones when ``since`` is None): per
    subject, the latest is sent and the earlier ones are skipped."""
    new: dict[str, list[Step]] = {}
    for step in schedule(standing, policy, now=now):
        if step.due_at <= now and (since is None or step.due_at > since):
            new.setdefault(step.subject, []).append(step)
    decisions: list[Decision] = []
    for subject in SUBJECTS:
        steps = new.get(subject)
        if steps:
            decisions.append(Decision(steps[-1], send=True))
            decisions += [Decision(step, send=False) for step in steps[:-1]]
    return decisions


def schedule_key(standing: CampaignStanding) -> tuple:
    """What ``schedule`` (and so ``due_steps``) reads of a standing: standings with the same key
    have the same steps, so a tick decides once per key rather than once per company."""
    return (
        standing.campaign_year,
        standing.status in _REMINDED,
        standing.objectives == ObjectivesState.TO_FILL,
        standing.objectives_due_since,
        standing.representation == RepresentationStatus.TO_DECLARE,
    )


def deadline_steps_due(
    campaign_year: int, now: datetime, policy: ReminderPolicy, *, since: datetime | None = None
) -> bool:
    """Whether an index or représentation step of ``campaign_year`` became due in ``(since,
    now]`` for some company. When none did, only companies whose objectives are due can have a
    step due, so a tick need not read the others. Asked of ``due_steps`` itself, for a standing
    reminded of both deadlines (every other company's deadline steps are a subset of its)."""
    reminded = CampaignStanding(
        siren="",
        campaign_year=campaign_year,
        name=None,
        band=None,
        departement=None,
        status=IndexStatus.NOT_STARTED,
        index=None,
        calculable=None,
        measures_required=False,
        objectives=ObjectivesState.NOT_REQUIRED,
        objectives_due_since=None,
        representation=RepresentationStatus.TO_DECLARE,
        declared_at=None,
    )
    return bool(due_steps(reminded, now, policy, since=since))
