"""Every number of the scoring rules that a campaign could change, in one place.

Rules of décret n° 2019-15 (Index Egapro) and décret n° 2022-680 (représentation équilibrée),
as implemented by the official platform (index-rules.md). Score tables are indexed by
``ceil(result)`` (index-rules §2).
"""

from typing import Final

BAND_SMALL: Final = "50:250"
BAND_MEDIUM: Final = "251:999"
BAND_LARGE: Final = "1000:"
BANDS: Final = (BAND_SMALL, BAND_MEDIUM, BAND_LARGE)

CSPS: Final = ("ouv", "emp", "tam", "ic")
AGE_BANDS: Final = ("under_30", "30_39", "40_49", "50_plus")
SEXES: Final = ("women", "men")

MODE_CSP: Final = "csp"
MODE_BRANCH_LEVEL: Final = "branch_level"
MODE_OTHER_LEVEL: Final = "other_level"
MODES: Final = (MODE_CSP, MODE_BRANCH_LEVEL, MODE_OTHER_LEVEL)

IND1: Final = "indicator1"
IND2: Final = "indicator2"
IND3: Final = "indicator3"
IND23: Final = "indicator2and3"
IND4: Final = "indicator4"
IND5: Final = "indicator5"

INDICATORS_BY_BAND: Final = {
    BAND_SMALL: (IND1, IND23, IND4, IND5),
    BAND_MEDIUM: (IND1, IND2, IND3, IND4, IND5),
    BAND_LARGE: (IND1, IND2, IND3, IND4, IND5),
}
ALL_INDICATORS: Final = (IND1, IND2, IND3, IND23, IND4, IND5)

NOTE_TABLES: Final = {
    IND1: (40, 39, 38, 37, 36, 35, 34, 33, 31, 29, 27, 25, 23, 21, 19, 17, 14, 11, 8, 5, 2, 0),
    IND2: (20, 20, 20, 10, 10, 10, 5, 5, 5, 5, 5, 0),
    IND3: (15, 15, 15, 10, 10, 10, 5, 5, 5, 5, 5, 0),
    IND23: (35, 35, 35, 25, 25, 25, 15, 15, 15, 15, 15, 0),
    IND4: (0, 15),
    IND5: (0, 0, 5, 5, 10, 10),
}
MAX_NOTES: Final = {
    key: (table[0] if table[0] else table[-1]) for key, table in NOTE_TABLES.items()
}

# Indicator 1: a group counts with at least 3 women and 3 men; pertinence thresholds in %.
IND1_GROUP_MIN_PER_SEX: Final = 3
IND1_PERTINENCE_PCT: Final = {MODE_CSP: 5, MODE_BRANCH_LEVEL: 2, MODE_OTHER_LEVEL: 2}
# Indicators 2 and 3: a CSP counts with at least 10 women and 10 men.
IND23_CSP_MIN_PER_SEX: Final = 10
# Indicators 1, 2, 3: valid groups must hold at least 40 % of the headcount.
VALID_HEADCOUNT_SHARE: Final = 0.4
# Indicator 2&3 (50-250): calculable with at least 5 women and 5 men.
IND2AND3_MIN_PER_SEX: Final = 5
# Below this absolute raw gap, indicators 1, 2, 3 favour nobody.
EQUALITY_DEAD_ZONE: Final = 0.05
TOP_EARNERS: Final = 10

INDEX_MIN_MAX_POINTS: Final = 75
CORRECTIVE_MEASURES_BELOW: Final = 75
OBJECTIVES_BELOW: Final = 85
OBJECTIVES_FROM_YEAR: Final = 2021

REASON_EGVI40PCET: Final = "egvi40pcet"
REASON_ABSAUGI: Final = "absaugi"
REASON_ABSPROM: Final = "absprom"
REASON_ETSNO5F5H: Final = "etsno5f5h"
REASON_ABSRCM: Final = "absrcm"
REASON_ABSAUGPDTCM: Final = "absaugpdtcm"
REASON_AM: Final = "am"  # legacy value of the 2019 import, accepted by the official schema
REASONS: Final = (
    REASON_EGVI40PCET,
    REASON_ABSAUGI,
    REASON_ABSPROM,
    REASON_ETSNO5F5H,
    REASON_ABSRCM,
    REASON_ABSAUGPDTCM,
    REASON_AM,
)
ALLOWED_REASONS: Final = {
    IND1: (REASON_EGVI40PCET, REASON_AM),
    IND2: (REASON_EGVI40PCET, REASON_ABSAUGI, REASON_AM),
    IND3: (REASON_EGVI40PCET, REASON_ABSPROM, REASON_AM),
    IND23: (REASON_ETSNO5F5H, REASON_ABSAUGI, REASON_AM),
    IND4: (REASON_ABSRCM, REASON_ABSAUGPDTCM, REASON_AM),
    IND5: (),
}
# What "declared_calculable": false means in a raw document.
DECLARED_NOT_CALCULABLE_REASON: Final = {
    IND2: REASON_ABSAUGI,
    IND3: REASON_ABSPROM,
    IND23: REASON_ABSAUGI,
    IND4: REASON_ABSRCM,
}

# Représentation équilibrée.
REP_EXECUTIVES: Final = "executives"
REP_GOVERNING_BODIES: Final = "governing_bodies"
REP_MOTIVES: Final = {
    REP_EXECUTIVES: ("aucun_cadre_dirigeant", "un_seul_cadre_dirigeant"),
    REP_GOVERNING_BODIES: ("aucune_instance_dirigeante",),
}
# (first data year, required share of each sex in %), newest first.
REP_TARGETS: Final = ((2028, 40), (2025, 30))


def representation_target(year: int | None) -> int | None:
    """The share of each sex the law requires for data ``year`` (published the next 1 March)."""
    if year is None:
        return None
    for first_year, target in REP_TARGETS:
        if year >= first_year:
            return target
    return None
