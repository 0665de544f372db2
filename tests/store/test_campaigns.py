"""The campaign calendar: shipped defaults, operator overrides, and refusals naming the setting."""

import json
from datetime import date

import pytest

from egapro_assistant.config import Settings
from store.campaigns import CalendarError, CampaignCalendar


def test_default_campaign_opens_15_january_and_closes_1_march():
    campaign = CampaignCalendar.load().campaign(2027)
    assert campaign.data_year == 2026
    assert campaign.opens_on == date(2027, 1, 15)
    assert campaign.index_deadline == date(2027, 3, 1)
    assert campaign.representation_deadline == date(2027, 3, 1)
    assert campaign.index_campaign is True


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (date(2026, 12, 6), 2026),  # after the deadline, before the next opening: still late
        (date(2027, 1, 14), 2026),
        (date(2027, 1, 15), 2027),
        (date(2027, 3, 2), 2027),
    ],
)
def test_current_campaign_is_the_latest_opened(today, year):
    assert CampaignCalendar.load().current(today).year == year


def test_inline_override_switches_a_year_off_and_moves_its_deadline():
    inline = json.dumps({"years": {"2027": {"index_campaign": False, "index_deadline": "06-01"}}})
    campaign = CampaignCalendar.load(inline=inline).campaign(2027)
    assert campaign.index_campaign is False
    assert campaign.index_deadline == date(2027, 6, 1)
    assert campaign.opens_on == date(2027, 1, 15)  # untouched fields keep the defaults


def test_file_override_then_inline_override(tmp_path):
    path = tmp_path / "campaigns.json"
    path.write_text(json.dumps({"defaults": {"opens": "01-10"}, "years": {"2028": {}}}))
    inline = json.dumps({"years": {"2028": {"opens": "2028-01-20"}}})
    calendar = CampaignCalendar.load(file=path, inline=inline)
    assert calendar.campaign(2029).opens_on == date(2029, 1, 10)
    assert calendar.campaign(2028).opens_on == date(2028, 1, 20)


def test_settings_build_the_calendar_from_environment(monkeypatch):
    monkeypatch.setenv("EGAPRO_CAMPAIGNS", '{"years": {"2027": {"index_campaign": false}}}')
    assert Settings().calendar.campaign(2027).index_campaign is False


@pytest.mark.parametrize(
    ("inline", "named"),
    [
        ("{not json", "EGAPRO_CAMPAIGNS"),
        ('{"years": {"2027": {"index_deadline": "le 1er mars"}}}', "index_deadline"),
        ('{"years": {"2027": {"deadline": "03-01"}}}', "deadline"),
        ('{"years": {"2027": {"index_campaign": "yes"}}}', "index_campaign"),
        ('{"years": {"2027": {"index_deadline": "01-02"}}}', "before the opening"),
        ('{"years": {"vingt": {}}}', "vingt"),
    ],
)
def test_bad_calendar_is_refused_with_what_is_wrong(inline, named):
    with pytest.raises(CalendarError, match=named):
        CampaignCalendar.load(inline=inline)


def test_unreadable_file_names_the_setting(tmp_path):
    with pytest.raises(CalendarError, match="EGAPRO_CAMPAIGNS_FILE"):
        CampaignCalendar.load(file=tmp_path / "missing.json")
