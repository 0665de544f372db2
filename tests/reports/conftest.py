"""Engine output objects (engine-contract §4) written by hand, and declaration inputs."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.reports.reports_helpers import LONG_OBJECTIVE


@pytest.fixture
def result_50_250() -> dict:
    return {
        "source": "small.json",
        "workforce_range": "50:250",
        "indicators": {
            "indicator1": {
                "calculable": True,
                "reason": None,
                "result": 6.1,
                "favorable_population": "women",
                "note": 33,
                "max_note": 40,
            },
            "indicator2and3": {
                "calculable": True,
                "reason": None,
                "result": 4.6,
                "result_equivalent_employees": 1.7,
                "favorable_population": "women",
                "note": 35,
                "max_note": 35,
                "compensated": False,
            },
            "indicator4": {
                "calculable": False,
                "reason": "absrcm",
                "result": None,
                "favorable_population": None,
                "note": None,
                "max_note": 15,
            },
            "indicator5": {
                "calculable": True,
                "reason": None,
                "result": 2,
                "favorable_population": "men",
                "note": 5,
                "max_note": 10,
            },
        },
        "points": 73,
        "max_points": 85,
        "index": 86,
        "obligations": {
            "corrective_measures_required": False,
            "objectives_required": False,
            "objectives_for": [],
        },
    }


@pytest.fixture
def result_over_250() -> dict:
    return {
        "source": "large.json",
        "workforce_range": "251:999",
        "indicators": {
            "indicator1": {
                "calculable": True,
                "reason": None,
                "result": 12.4,
                "favorable_population": "men",
                "note": 21,
                "max_note": 40,
                "mode": "branch_level",
            },
            "indicator2": {
                "calculable": True,
                "reason": None,
                "result": 3.2,
                "favorable_population": "women",
                "note": 20,
                "max_note": 20,
                "compensated": True,
            },
            "indicator3": {
                "calculable": True,
                "reason": None,
                "result": 7.5,
                "favorable_population": "men",
                "note": 5,
                "max_note": 15,
                "compensated": False,
            },
            "indicator4": {
                "calculable": True,
                "reason": None,
                "result": 66,
                "favorable_population": None,
                "note": 0,
                "max_note": 15,
            },
            "indicator5": {
                "calculable": True,
                "reason": None,
                "result": 1,
                "favorable_population": "men",
                "note": 0,
                "max_note": 10,
            },
        },
        "points": 46,
        "max_points": 100,
        "index": 46,
        "obligations": {
            "corrective_measures_required": True,
            "objectives_required": True,
            "objectives_for": ["indicator1", "indicator3", "indicator4", "indicator5"],
        },
    }


@pytest.fixture
def result_not_calculable() -> dict:
    return {
        "source": "nc.json",
        "workforce_range": "1000:",
        "indicators": {
            "indicator1": {
                "calculable": False,
                "reason": "egvi40pcet",
                "result": None,
                "favorable_population": None,
                "note": None,
                "max_note": 40,
            },
            "indicator2": {
                "calculable": False,
                "reason": "absaugi",
                "result": None,
                "favorable_population": None,
                "note": None,
                "max_note": 20,
            },
            "indicator3": {
                "calculable": False,
                "reason": "absprom",
                "result": None,
                "favorable_population": None,
                "note": None,
                "max_note": 15,
            },
            "indicator4": {
                "calculable": False,
                "reason": "absaugpdtcm",
                "result": None,
                "favorable_population": None,
                "note": None,
                "max_note": 15,
            },
            "indicator5": {
                "calculable": True,
                "reason": None,
                "result": 5,
                "favorable_population": "equality",
                "note": 10,
                "max_note": 10,
            },
        },
        "points": 10,
        "max_points": 10,
        "index": None,
        "obligations": {
            "corrective_measures_required": False,
            "objectives_required": False,
            "objectives_for": [],
        },
    }


@pytest.fixture
def company() -> dict:
    return {
        "siren": "552100554",
        "name": "Société Générale des Œuvres Économiques",
        "naf_code": "70.10Z",
        "address": "12 rue de l'Église",
        "postal_code": "75004",
        "city": "Paris",
        "workforce_total": 412,
    }


@pytest.fixture
def declaration() -> dict:
    return {
        "year": 2025,
        "period_end": date(2025, 12, 31),
        "declarant": {
            "first_name": "Hélène",
            "last_name": "Lefèvre",
            "email": "helene.lefevre@example.fr",
            "phone": "01 23 45 67 89",
        },
        "declared_at": datetime(2026, 2, 10, 9, 30, tzinfo=UTC),
        "publication_date": date(2026, 2, 12),
        "publication_url": "https://www.example.fr/egalite-professionnelle",
        "corrective_measures": "me",
    }


@pytest.fixture
def objectives() -> dict:
    return {
        "texts": {
            "indicator1": LONG_OBJECTIVE[:300],
            "indicator3": "Atteindre un écart de taux de promotions inférieur à 2 points.",
            "indicator4": "Augmenter toutes les salariées à leur retour de congé maternité.",
            "indicator5": "X" * 300,
        },
        "objectives_publication_date": date(2026, 3, 2),
        "measures_publication_date": "2026-03-05",
        "modalities": "Affichage dans les locaux et note d'information remise à chaque salarié.",
    }
