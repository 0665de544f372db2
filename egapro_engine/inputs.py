"""The three JSON input documents (engine-contract §2, §3, §6) as pydantic models.

The models check the shape and each value; rules that tie several fields together (band,
totals, favourable population against the result...) are checked by ``checks``.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from .fields import (
    AgeKey,
    Band,
    Count,
    CspKey,
    FavorablePopulation,
    Headcount,
    MaternityResult,
    Mode,
    NonNegativeResult,
    Percentage,
    Rate,
    Reason,
    Salary,
    TopTenCount,
    TopTenResult,
    Year,
)


class InputModel(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class SexCounts(InputModel):
    women: Headcount = 0
    men: Headcount = 0


Headcounts = dict[CspKey, dict[AgeKey, SexCounts]]


class SalaryPair(InputModel):
    """Mean annual full-time-equivalent gross pay of the group's women and men."""

    women: Salary = None
    men: Salary = None


class LevelGroup(InputModel):
    women_count: Headcount = 0
    men_count: Headcount = 0
    women_mean_salary: Salary = None
    men_mean_salary: Salary = None


class Level(InputModel):
    name: StrictStr
    groups: dict[AgeKey, LevelGroup] = Field(default_factory=dict)


class RawIndicator1(InputModel):
    mode: Mode
    csp_mean_salaries: dict[CspKey, dict[AgeKey, SalaryPair]] | None = None
    levels: list[Level] | None = None


class RatePair(InputModel):
    women: Rate = 0.0
    men: Rate = 0.0


class RawRateIndicator(InputModel):
    """Indicator 2 (raises) or 3 (promotions): % of each CSP's women and men concerned."""

    declared_calculable: StrictBool
    rate_pct: dict[CspKey, RatePair] | None = None


class RawRaisesAndPromotions(InputModel):
    declared_calculable: StrictBool
    raised_women: Count | None = None
    raised_men: Count | None = None


class RawMaternity(InputModel):
    declared_calculable: StrictBool
    returned_count: Count | None = None
    raised_count: Count | None = None


class TopTen(InputModel):
    women: TopTenCount
    men: TopTenCount


class RawDocument(InputModel):
    kind: Literal["raw"] = "raw"
    workforce_range: Band
    year: Year | None = None
    headcount: Headcounts
    indicator1: RawIndicator1 | None = None
    indicator2: RawRateIndicator | None = None
    indicator3: RawRateIndicator | None = None
    indicator2and3: RawRaisesAndPromotions | None = None
    indicator4: RawMaternity | None = None
    indicator5: TopTen | None = None


class DeclaredIndicator(InputModel):
    """A declared result of indicator 1, 2 or 3."""

    calculable: StrictBool | None = None
    result: NonNegativeResult | None = None
    favorable_population: FavorablePopulation = None
    reason: Reason = None


class DeclaredRaisesAndPromotions(DeclaredIndicator):
    result_equivalent_employees: NonNegativeResult | None = None


class DeclaredMaternity(InputModel):
    calculable: StrictBool | None = None
    result: MaternityResult | None = None
    reason: Reason = None
    # Meaningless for indicator 4; accepted so that a generic export can be read back.
    favorable_population: FavorablePopulation = None


class DeclaredTopTen(InputModel):
    calculable: StrictBool | None = None
    result: TopTenResult
    favorable_population: FavorablePopulation = None


class ResultsDocument(InputModel):
    kind: Literal["results"] = "results"
    workforce_range: Band
    year: Year | None = None
    indicator1: DeclaredIndicator | None = None
    indicator2: DeclaredIndicator | None = None
    indicator3: DeclaredIndicator | None = None
    indicator2and3: DeclaredRaisesAndPromotions | None = None
    indicator4: DeclaredMaternity | None = None
    indicator5: DeclaredTopTen | None = None


class RepresentationPair(InputModel):
    women_pct: Percentage | None = None
    men_pct: Percentage | None = None
    not_calculable: StrictStr | None = None


class RepresentationDocument(InputModel):
    kind: Literal["representation"] = "representation"
    year: Year | None = None
    executives: RepresentationPair
    governing_bodies: RepresentationPair
