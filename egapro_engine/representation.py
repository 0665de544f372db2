"""Représentation équilibrée (loi Rixain): shares of each sex against the legal target."""

from . import rules_2019 as rules
from .inputs import RepresentationDocument, RepresentationPair
from .outputs import RepresentationNotCalculable, RepresentationOutput, RepresentationPairResult


def pair_result(
    pair: RepresentationPair, target: int | None
) -> RepresentationPairResult | RepresentationNotCalculable:
    if pair.not_calculable is not None:
        return RepresentationNotCalculable(reason=pair.not_calculable)
    women, men = pair.women_pct, pair.men_pct
    under = "women" if women < men else "men" if men < women else None
    meets = None if target is None else (women >= target and men >= target)
    return RepresentationPairResult(
        women_pct=women, men_pct=men, under_represented=under, meets_target=meets
    )


def representation(document: RepresentationDocument, source: str | None) -> RepresentationOutput:
    target = rules.representation_target(document.year)
    return RepresentationOutput(
        source=source,
        year=document.year,
        target_pct=target,
        executives=pair_result(document.executives, target),
        governing_bodies=pair_result(document.governing_bodies, target),
    )
