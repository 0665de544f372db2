"""Output objects (engine-contract §4, §6). ``model_dump(mode="json")`` gives the contract JSON."""

from typing import Any, Literal

from pydantic import BaseModel, Field, model_serializer

Favorable = Literal["women", "men", "equality"]
Sex = Literal["women", "men"]


class IndicatorResult(BaseModel):
    """Indicator 1, 4 or 5 (4 never has a favourable population; 5 is always calculable)."""

    calculable: bool
    reason: str | None = None
    result: int | float | None = None
    favorable_population: Favorable | None = None
    note: int | None = None
    max_note: int
    # Not part of the contract JSON: headcount behind the 40 % rule (indicator 1 from raw data).
    valid_headcount: int | None = Field(default=None, exclude=True)
    total_headcount: int | None = Field(default=None, exclude=True)


class RateIndicatorResult(BaseModel):
    """Indicator 2 or 3."""

    calculable: bool
    reason: str | None = None
    result: int | float | None = None
    favorable_population: Favorable | None = None
    note: int | None = None
    max_note: int
    compensated: bool = False
    valid_headcount: int | None = Field(default=None, exclude=True)
    total_headcount: int | None = Field(default=None, exclude=True)


class RaisesAndPromotionsResult(BaseModel):
    """Indicator 2&3 (50-250): % result and equivalent-employee result, best note kept."""

    calculable: bool
    reason: str | None = None
    result: int | float | None = None
    result_equivalent_employees: int | float | None = None
    favorable_population: Favorable | None = None
    note: int | None = None
    max_note: int
    compensated: bool = False
    # Not part of the contract JSON: the two notes before keeping the best one.
    note_percent: int | None = Field(default=None, exclude=True)
    note_equivalent_employees: int | None = Field(default=None, exclude=True)


class Indicators(BaseModel):
    """Exactly the indicators of the band; the others are left out of the JSON."""

    indicator1: IndicatorResult | None = None
    indicator2: RateIndicatorResult | None = None
    indicator3: RateIndicatorResult | None = None
    indicator2and3: RaisesAndPromotionsResult | None = None
    indicator4: IndicatorResult | None = None
    indicator5: IndicatorResult | None = None

    @model_serializer(mode="wrap")
    def _only_present(self, handler: Any) -> dict[str, Any]:
        return {key: value for key, value in handler(self).items() if value is not None}

    def items(self) -> list[tuple[str, Any]]:
        """(key, result) of the indicators present, in the official order."""
        keys = ("indicator1", "indicator2", "indicator3", "indicator2and3")
        keys += ("indicator4", "indicator5")
        return [(key, getattr(self, key)) for key in keys if getattr(self, key) is not None]


class Obligations(BaseModel):
    corrective_measures_required: bool
    objectives_required: bool
    objectives_for: list[str] = Field(default_factory=list)


class IndexOutput(BaseModel):
    source: str | None = None
    workforce_range: str
    indicators: Indicators
    points: int
    max_points: int
    index: int | None
    obligations: Obligations
    # Not part of the contract JSON: the data year, when the document gave it.
    year: int | None = Field(default=None, exclude=True)


class EmployeeFileOutput(IndexOutput):
    """Scores of an employee-level file, with what was read from it."""

    aggregated_input: dict[str, Any]
    rows: dict[str, Any]


class RepresentationPairResult(BaseModel):
    calculable: Literal[True] = True
    women_pct: float | int
    men_pct: float | int
    under_represented: Sex | None
    meets_target: bool | None


class RepresentationNotCalculable(BaseModel):
    calculable: Literal[False] = False
    reason: str
    meets_target: None = None


class RepresentationOutput(BaseModel):
    source: str | None = None
    year: int | None
    target_pct: int | None
    executives: RepresentationPairResult | RepresentationNotCalculable
    governing_bodies: RepresentationPairResult | RepresentationNotCalculable
