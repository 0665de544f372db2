"""The status rule of a company in a campaign: a table over every fact that changes it."""

import itertools
from datetime import UTC, datetime

import pytest

from store.campaign_status import (
    CompanyFacts,
    IndexStatus,
    ObjectivesState,
    RepresentationStatus,
    standing_of,
)
from store.campaigns import CampaignCalendar

CAMPAIGN = CampaignCalendar.load().campaign(2027)
SUBMITTED = datetime(2027, 2, 1, 10, tzinfo=UTC)
MODIFIED = datetime(2027, 2, 20, 10, tzinfo=UTC)
IMPORTED = datetime(2027, 5, 1, tzinfo=UTC)
SIREN = "552100554"


def facts(**values) -> CompanyFacts:
    return CompanyFacts(siren=SIREN, **values)


def here(index, objectives="not_applicable", **values) -> CompanyFacts:
    return facts(
        band=values.pop("band", "50:250"),
        channel="assistant",
        index=index,
        objectives_status=objectives,
        first_submitted_at=SUBMITTED,
        **values,
    )


def elsewhere(index=None, **values) -> CompanyFacts:
    return facts(
        band=values.pop("band", "50:250"),
        channel="official_platform",
        elsewhere_source="telegram",
        index=index,
        objectives_status="not_applicable",
        first_submitted_at=SUBMITTED,
        **values,
    )


# (case, facts, status, index, calculable, measures, objectives, due since, representation,
#  declared_at)
N, T, F = None, True, False
IS, OS, RS = IndexStatus, ObjectivesState, RepresentationStatus
CASES = [
    ("band unknown", facts(), IS.NOT_SUBJECT, N, N, F, OS.NOT_REQUIRED, N, RS.NOT_SUBJECT, N),
    ("band unknown, started", facts(in_progress=T), IS.NOT_SUBJECT, N, N, F, OS.NOT_REQUIRED, N,
     RS.NOT_SUBJECT, N),
    ("band below 50", facts(band="0:49"), IS.NOT_SUBJECT, N, N, F, OS.NOT_REQUIRED, N,
     RS.NOT_SUBJECT, N),
    ("50-250, nothing", facts(band="50:250"), IS.NOT_STARTED, N, N, F, OS.NOT_REQUIRED, N,
     RS.NOT_SUBJECT, N),
    ("251-999, started", facts(band="251:999", in_progress=T), IS.IN_PROGRESS, N, N, F,
     OS.NOT_REQUIRED, N, RS.NOT_SUBJECT, N),
    ("1000+, nothing", facts(band="1000:"), IS.NOT_STARTED, N, N, F, OS.NOT_REQUIRED, N,
     RS.TO_DECLARE, N),
    ("1000+, représentation declared", facts(band="1000:", representation_declared=T),
     IS.NOT_STARTED, N, N, F, OS.NOT_REQUIRED, N, RS.DECLARED, N),
    ("declared here, 90", here(90), IS.DECLARED, 90, T, F, OS.NOT_REQUIRED, N, RS.NOT_SUBJECT,
     SUBMITTED),
    ("declared here, 80, objectives to fill", here(80, "to_fill"), IS.DECLARED, 80, T, F,
     OS.TO_FILL, SUBMITTED, RS.NOT_SUBJECT, SUBMITTED),
    ("declared here, 80, objectives filled", here(80, "filled"), IS.DECLARED, 80, T, F,
     OS.FILLED, N, RS.NOT_SUBJECT, SUBMITTED),
    ("declared here, 60, measures, to fill", here(60, "to_fill"), IS.DECLARED, 60, T, T,
     OS.TO_FILL, SUBMITTED, RS.NOT_SUBJECT, SUBMITTED),
    ("modified: objectives erased, due since the modification",
     here(60, "to_fill", modified_at=MODIFIED), IS.DECLARED, 60, T, T, OS.TO_FILL, MODIFIED,
     RS.NOT_SUBJECT, SUBMITTED),
    ("declared here, 74 is below 75", here(74, "filled"), IS.DECLARED, 74, T, T, OS.FILLED, N,
     RS.NOT_SUBJECT, SUBMITTED),
    ("declared here, 75 is not below 75", here(75, "filled"), IS.DECLARED, 75, T, F, OS.FILLED,
     N, RS.NOT_SUBJECT, SUBMITTED),
    ("declared here, not calculable", here(None), IS.DECLARED, N, F, F, OS.NOT_REQUIRED, N,
     RS.NOT_SUBJECT, SUBMITTED),
    ("declared here, period insufficient", here(None, period_sufficient=F), IS.DECLARED, N, F, F,
     OS.NOT_REQUIRED, N, RS.NOT_SUBJECT, SUBMITTED),
    ("declared here, band unknown still declared", here(88, band=None), IS.DECLARED, 88, T, F,
     OS.NOT_REQUIRED, N, RS.NOT_SUBJECT, SUBMITTED),
    ("declared here, 1000+, représentation due", here(88, band="1000:"), IS.DECLARED, 88, T, F,
     OS.NOT_REQUIRED, N, RS.TO_DECLARE, SUBMITTED),
    ("declared here wins over open data", here(88, open_data_listed=T, open_data_index=70),
     IS.DECLARED, 88, T, F, OS.NOT_REQUIRED, N, RS.NOT_SUBJECT, SUBMITTED),
    ("declared here while started", here(88, in_progress=T), IS.DECLARED, 88, T, F,
     OS.NOT_REQUIRED, N, RS.NOT_SUBJECT, SUBMITTED),
    ("elsewhere, no index", elsewhere(), IS.DECLARED_ELSEWHERE, N, N, F, OS.NOT_REQUIRED, N,
     RS.NOT_SUBJECT, SUBMITTED),
    ("elsewhere, index 70: measures, objectives on the platform", elsewhere(70),
     IS.DECLARED_ELSEWHERE, 70, T, T, OS.NOT_REQUIRED, N, RS.NOT_SUBJECT, SUBMITTED),
    ("elsewhere, band unknown", elsewhere(92, band=None), IS.DECLARED_ELSEWHERE, 92, T, F,
     OS.NOT_REQUIRED, N, RS.NOT_SUBJECT, SUBMITTED),
    ("elsewhere without index, open data gives it",
     elsewhere(open_data_listed=T, open_data_index=81), IS.DECLARED_ELSEWHERE, 81, T, F,
     OS.NOT_REQUIRED, N, RS.NOT_SUBJECT, SUBMITTED),
    ("elsewhere, the company's index over open data",
     elsewhere(83, open_data_listed=T, open_data_index=81), IS.DECLARED_ELSEWHERE, 83, T, F,
     OS.NOT_REQUIRED, N, RS.NOT_SUBJECT, SUBMITTED),
    ("open data with index", facts(band="50:250", open_data_listed=T, open_data_index=95,
     open_data_recorded_at=IMPORTED), IS.DECLARED_ELSEWHERE, 95, T, F, OS.NOT_REQUIRED, N,
     RS.NOT_SUBJECT, IMPORTED),
    ("open data, band unknown, in progress",
     facts(open_data_listed=T, open_data_index=50, open_data_recorded_at=IMPORTED, in_progress=T),
     IS.DECLARED_ELSEWHERE, 50, T, T, OS.NOT_REQUIRED, N, RS.NOT_SUBJECT, IMPORTED),
    ("open data lists it not calculable",
     facts(band="251:999", open_data_listed=T, open_data_recorded_at=IMPORTED),
     IS.DECLARED_ELSEWHERE, N, F, F, OS.NOT_REQUIRED, N, RS.NOT_SUBJECT, IMPORTED),
    ("open data, 1000+, représentation declared",
     facts(band="1000:", open_data_listed=T, open_data_index=90, representation_declared=T,
           open_data_recorded_at=IMPORTED),
     IS.DECLARED_ELSEWHERE, 90, T, F, OS.NOT_REQUIRED, N, RS.DECLARED, IMPORTED),
    ("représentation declared, band unknown", facts(representation_declared=T), IS.NOT_SUBJECT,
     N, N, F, OS.NOT_REQUIRED, N, RS.DECLARED, N),
]  # fmt: skip


@pytest.mark.parametrize(
    ("given", "status", "index", "calculable", "measures", "objectives", "due", "rep", "at"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_standing_of(given, status, index, calculable, measures, objectives, due, rep, at):
    standing = standing_of(given, CAMPAIGN)
    assert (
        standing.status,
        standing.index,
        standing.calculable,
        standing.measures_required,
        standing.objectives,
        standing.objectives_due_since,
        standing.representation,
        standing.declared_at,
    ) == (status, index, calculable, measures, objectives, due, rep, at)
    assert standing.siren == SIREN
    assert standing.campaign_year == 2027


def test_every_combination_of_the_status_facts():
    """Over every combination of the facts that pick the index status, the order holds:
    declared here, then declared elsewhere (said, then open data), then not subject, then
    started, then not started."""
    channels = (None, "assistant", "official_platform")
    bands = (None, "0:49", "50:250", "251:999", "1000:")
    seen = set()
    for channel, listed, band, started in itertools.product(
        channels, (False, True), bands, (False, True)
    ):
        given = facts(channel=channel, open_data_listed=listed, band=band, in_progress=started)
        status = standing_of(given, CAMPAIGN).status
        if channel == "assistant":
            expected = IS.DECLARED
        elif channel or listed:
            expected = IS.DECLARED_ELSEWHERE
        elif band not in ("50:250", "251:999", "1000:"):
            expected = IS.NOT_SUBJECT
        else:
            expected = IS.IN_PROGRESS if started else IS.NOT_STARTED
        assert status == expected, given
        seen.add(status)
    assert seen == set(IndexStatus)
