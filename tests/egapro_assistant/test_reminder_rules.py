"""The reminder rule alone: which steps are due for a company at a moment, from its facts."""

from datetime import UTC, date, datetime, timedelta

import pytest

from egapro_assistant.config import Settings
from egapro_assistant.send_window import SendWindow
from egapro_assistant.usecases.reminder_rules import (
    ReminderPolicy,
    day_start,
    deadline_steps_due,
    due_steps,
    schedule,
    schedule_key,
)
from store.campaign_status import CompanyFacts, ObjectivesState, standing_of
from store.campaigns import CampaignCalendar

CALENDAR = CampaignCalendar.load()
POLICY = ReminderPolicy(calendar=CALENDAR)
CAMPAIGN = CALENDAR.campaign(2027)


def standing(**facts):
    return standing_of(CompanyFacts(siren="552100554", **facts), CAMPAIGN)


def names(decisions):
    return [(d.step.subject, d.step.name, d.send) for d in decisions]


def at(day: str, hour: int = 12) -> datetime:
    return day_start(date.fromisoformat(day)) + timedelta(hours=hour)


def test_the_index_schedule_of_a_company_not_started():
    steps = schedule(standing(band="50:250"), POLICY)
    index = [(s.name, s.due_at) for s in steps if s.subject == "index"]
    assert [name for name, _ in index][:7] == [
        "opening",
        "j-30",
        "j-14",
        "j-7",
        "j-2",
        "j+1",
        "m+1",
    ]
    # Midnight in Paris: 23:00 UTC the day before in winter.
    assert index[0][1] == datetime(2027, 1, 14, 23, tzinfo=UTC)
    assert index[1][1] == day_start(date(2027, 1, 30))
    assert index[5][1] == day_start(date(2027, 3, 2))
    # Monthly until the next campaign opens (15 January 2028): 1 April ... 1 January.
    monthly = [due for name, due in index if name.startswith("m+")]
    assert monthly[0] == day_start(date(2027, 4, 1))
    assert monthly[-1] == day_start(date(2028, 1, 1))
    assert len(monthly) == 10


@pytest.mark.parametrize(
    "facts",
    [
        {"band": None},  # band unknown
        {"band": "1:49"},  # under 50
        {"band": "50:250", "channel": "assistant", "index": 90},  # declared here
        {"band": "50:250", "channel": "official_platform"},  # declared elsewhere
        {"band": "251:999", "open_data_listed": True, "open_data_index": 88},
    ],
)
def test_nothing_is_due_for_a_company_that_needs_nothing(facts):
    assert due_steps(standing(**facts), at("2027-03-15"), POLICY) == []


def test_one_step_a_tick_in_normal_running():
    company = standing(band="251:999", in_progress=True)
    since = at("2027-02-13", 23)
    decisions = due_steps(company, at("2027-02-14", 0), POLICY, since=since)
    # J−14 (15 February) is not yet due at midnight UTC of the 14th... in Paris it is 01:00 on
    # the 14th: still nothing.
    assert decisions == []
    decisions = due_steps(company, day_start(date(2027, 2, 15)), POLICY, since=since)
    assert names(decisions) == [("index", "j-14", True)]
    # The next tick sees nothing new.
    later = day_start(date(2027, 2, 15)) + timedelta(minutes=5)
    assert due_steps(company, later, POLICY, since=day_start(date(2027, 2, 15))) == []


def test_after_downtime_only_the_latest_step_is_sent_the_others_skipped():
    company = standing(band="50:250")
    decisions = due_steps(company, at("2027-02-28"), POLICY, since=at("2027-02-10"))
    assert names(decisions) == [
        ("index", "j-2", True),
        ("index", "j-14", False),
        ("index", "j-7", False),
    ]


def test_the_first_tick_ever_sends_only_the_latest_due_step():
    decisions = due_steps(standing(band="50:250"), at("2027-02-01"), POLICY)
    assert names(decisions) == [("index", "j-30", True), ("index", "opening", False)]


def test_objectives_at_once_then_j7_j30_then_monthly_from_when_they_became_due():
    submitted = datetime(2027, 2, 10, 9, 30, tzinfo=UTC)
    company = standing(
        band="50:250",
        channel="assistant",
        index=70,
        objectives_status="to_fill",
        first_submitted_at=submitted,
    )
    steps = [s for s in schedule(company, POLICY) if s.subject == "objectives"]
    assert [s.due_at - submitted for s in steps[:3]] == [
        timedelta(0),
        timedelta(days=7),
        timedelta(days=30),
    ]
    assert steps[3].due_at.astimezone(UTC).date() == date(2027, 4, 10)
    assert steps[3].name.endswith(":m+2")
    first = due_steps(company, submitted + timedelta(minutes=5), POLICY, since=submitted)
    assert [(d.step.name.split(":")[1], d.send) for d in first] == []  # due at the moment itself
    first = due_steps(company, submitted + timedelta(minutes=5), POLICY, since=at("2027-02-09"))
    assert [(d.step.name.split(":")[1], d.send) for d in first] == [("j+0", True)]


def test_a_modification_that_erases_objectives_starts_them_afresh():
    first = datetime(2027, 2, 10, 9, tzinfo=UTC)
    modified = datetime(2027, 3, 20, 15, tzinfo=UTC)
    before = standing(
        band="50:250",
        channel="assistant",
        index=70,
        objectives_status="to_fill",
        first_submitted_at=first,
    )
    after = standing(
        band="50:250",
        channel="assistant",
        index=72,
        objectives_status="to_fill",
        first_submitted_at=first,
        modified_at=modified,
    )
    names_before = {s.name for s in schedule(before, POLICY)}
    names_after = {s.name for s in schedule(after, POLICY)}
    assert not names_before & names_after  # new keys: the new sequence is sent too
    since = modified - timedelta(minutes=4)
    decisions = due_steps(after, modified + timedelta(minutes=1), POLICY, since=since)
    assert [d.step.name.split(":")[1] for d in decisions] == ["j+0"]


def test_objectives_filled_or_index_85_and_above_need_no_reminder():
    filled = standing(
        band="50:250",
        channel="assistant",
        index=70,
        objectives_status="filled",
        first_submitted_at=at("2027-02-01"),
    )
    assert due_steps(filled, at("2027-05-01"), POLICY) == []


def test_representation_for_1000_and_more_until_declared():
    large = standing(band="1000:", channel="assistant", index=90)
    decisions = due_steps(large, at("2027-02-20"), POLICY, since=at("2027-02-10"))
    assert names(decisions) == [("representation", "j-14", True)]
    declared = standing(band="1000:", channel="assistant", index=90, representation_declared=True)
    assert due_steps(declared, at("2027-02-20"), POLICY, since=at("2027-02-10")) == []


def test_offsets_are_settings():
    policy = ReminderPolicy(calendar=CALENDAR, offsets_days=(-10, 3))
    steps = [s.name for s in schedule(standing(band="50:250"), policy)]
    assert steps[:4] == ["opening", "j-10", "j+3", "m+1"]


def test_an_index_campaign_switched_off_sends_no_index_reminder():
    calendar = CampaignCalendar.load(inline='{"years": {"2027": {"index_campaign": false}}}')
    policy = ReminderPolicy(calendar=calendar)
    company = standing_of(CompanyFacts(siren="552100554", band="50:250"), calendar.campaign(2027))
    assert schedule(company, policy) == []


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("EGAPRO_REMINDER_OFFSETS_DAYS", "-30,deux", "EGAPRO_REMINDER_OFFSETS_DAYS"),
        ("EGAPRO_SEND_WINDOW", "18:00-09:00", "EGAPRO_SEND_WINDOW"),
        ("EGAPRO_SEND_WINDOW", "9h-18h", "EGAPRO_SEND_WINDOW"),
        ("EGAPRO_SEND_DAYS", "lundi-vendredi", "EGAPRO_SEND_DAYS"),
    ],
)
def test_bad_settings_are_refused_naming_the_setting(monkeypatch, variable, value, named):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValueError, match=named):
        Settings(_env_file=None)


def test_settings_read_offsets_window_and_days(monkeypatch):
    monkeypatch.setenv("EGAPRO_REMINDER_OFFSETS_DAYS", "1, -7,-30")
    monkeypatch.setenv("EGAPRO_SEND_WINDOW", "08:30-12:00")
    monkeypatch.setenv("EGAPRO_SEND_DAYS", "mon-wed,sat")
    settings = Settings(_env_file=None)
    assert settings.reminder_offsets_days == (-30, -7, 1)
    window = SendWindow.from_settings(settings)
    assert (window.start.isoformat(), window.end.isoformat()) == ("08:30:00", "12:00:00")
    assert window.days == {0, 1, 2, 5}


def test_the_window_waits_for_weekdays_hours_and_public_holidays():
    window = SendWindow()
    # Friday 7 May 2027, 19:00 Paris → Monday 10 May 09:00 (Saturday and Sunday are not days).
    friday_evening = datetime(2027, 5, 7, 17, tzinfo=UTC)
    assert not window.is_open(friday_evening)
    assert window.next_open(friday_evening) == datetime(2027, 5, 10, 7, tzinfo=UTC)
    # Easter Monday 29 March 2027 is a public holiday: Tuesday 30, 09:00 Paris (summer time).
    easter_monday = datetime(2027, 3, 29, 8, tzinfo=UTC)
    assert not window.is_open(easter_monday)
    assert window.next_open(easter_monday) == datetime(2027, 3, 30, 7, tzinfo=UTC)
    assert SendWindow(on_holidays=True).is_open(easter_monday)
    # Inside: itself.
    tuesday = datetime(2027, 3, 30, 10, tzinfo=UTC)
    assert window.next_open(tuesday) == tuesday
    # Before the opening on a sending day: the same day at 09:00 (winter: 08:00 UTC).
    early = datetime(2027, 2, 15, 5, tzinfo=UTC)
    assert window.next_open(early) == datetime(2027, 2, 15, 8, tzinfo=UTC)


def test_objectives_go_on_after_the_next_opening_and_the_rest_of_the_campaign_stops():
    submitted = datetime(2027, 2, 5, 9, tzinfo=UTC)  # 10:00 in Paris
    large = standing(
        band="1000:",
        channel="assistant",
        index=78,
        objectives_status="to_fill",
        first_submitted_at=submitted,
    )
    # Without a moment: the campaign's own steps, the last objectives one on 5 January 2028.
    assert schedule(large, POLICY)[-1].name.endswith(":m+11")
    # On 5 March 2028 (the 2028 campaign is open): the objectives go on, monthly, with the
    # 2027 campaign's names; the 2027 représentation équilibrée is past its relevance.
    now = at("2028-03-05", 11)
    steps = schedule(large, POLICY, now=now)
    assert {s.subject for s in steps} == {"objectives"}
    assert [s.name.split(":")[1] for s in steps[-3:]] == ["m+11", "m+12", "m+13"]
    decisions = due_steps(large, now, POLICY, since=at("2028-03-04"))
    assert names(decisions) == [("objectives", "20270205T090000:m+13", True)]
    # A first tick ever (no memory) sends the latest objectives step only, nothing of 2027's
    # représentation équilibrée.
    assert [(d.step.subject, d.send) for d in due_steps(large, now, POLICY) if d.send] == [
        ("objectives", True)
    ]
    # Modified after the next opening: a new sequence, at once.
    modified = standing(
        band="1000:",
        channel="assistant",
        index=80,
        objectives_status="to_fill",
        first_submitted_at=submitted,
        modified_at=at("2028-03-05", 10),
    )
    decisions = due_steps(modified, now, POLICY, since=at("2028-03-05", 9))
    assert names(decisions) == [("objectives", "20280305T090000:j+0", True)]


KINDS_OF_COMPANY = [
    {"band": None},
    {"band": "50:250"},
    {"band": "251:999", "in_progress": True},
    {"band": "1000:"},
    {"band": "1000:", "representation_declared": True},
    {"band": "1000:", "channel": "official_platform"},
    {"band": "50:250", "channel": "assistant", "index": 70, "objectives_status": "filled"},
    {"band": "1000:", "channel": "assistant", "index": 70, "first_submitted_at": at("2027-02-03")},
    {
        "band": "50:250",
        "channel": "assistant",
        "index": 70,
        "objectives_status": "to_fill",
        "first_submitted_at": at("2027-02-03", 15),
    },
]
TICKS = [
    (None, at("2027-02-01")),
    (at("2027-02-13", 23), at("2027-02-14", 0)),
    (at("2027-02-14", 8), day_start(date(2027, 2, 15))),
    (day_start(date(2027, 2, 15)), day_start(date(2027, 2, 15)) + timedelta(minutes=5)),
    (at("2027-02-10", 3), at("2027-02-10", 4)),
    (at("2027-02-03", 15), at("2027-02-03", 16)),
    (at("2027-02-10", 14), at("2027-02-10", 16)),
    (at("2028-01-14"), at("2028-01-16")),
]


@pytest.mark.parametrize(("since", "now"), TICKS)
def test_no_deadline_step_due_leaves_only_the_objectives(since, now):
    """When ``deadline_steps_due`` says no, a tick reads only the companies whose objectives
    are due: no other company may have a step due then."""
    companies = [standing(**facts) for facts in KINDS_OF_COMPANY]
    if deadline_steps_due(CAMPAIGN.year, now, POLICY, since=since):
        return
    for company in companies:
        if company.objectives != ObjectivesState.TO_FILL:
            assert due_steps(company, now, POLICY, since=since) == [], company


def test_deadline_steps_due_on_a_step_of_the_index_or_the_representation():
    assert deadline_steps_due(CAMPAIGN.year, at("2027-02-01"), POLICY)
    assert deadline_steps_due(
        CAMPAIGN.year, day_start(date(2027, 2, 15)), POLICY, since=at("2027-02-14", 8)
    )
    assert not deadline_steps_due(
        CAMPAIGN.year, at("2027-02-15", 1), POLICY, since=day_start(date(2027, 2, 15))
    )
    # Before the opening, nothing; the carried campaign is over: nothing either.
    assert not deadline_steps_due(CAMPAIGN.year, at("2027-01-10"), POLICY)
    assert not deadline_steps_due(2026, at("2027-02-01"), POLICY)


@pytest.mark.parametrize(("since", "now"), TICKS)
def test_companies_with_the_same_schedule_key_have_the_same_steps(since, now):
    companies = [standing(**facts) for facts in KINDS_OF_COMPANY]
    companies += [
        standing_of(CompanyFacts(siren="130005481", **facts), CAMPAIGN)
        for facts in KINDS_OF_COMPANY
    ]
    decided = {}
    for company in companies:
        decisions = due_steps(company, now, POLICY, since=since)
        assert decided.setdefault(schedule_key(company), decisions) == decisions
