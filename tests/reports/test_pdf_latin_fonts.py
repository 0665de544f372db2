"""The Latin subsets of the fonts give the very PDF the full fonts give, or are not used."""

from datetime import UTC, datetime

import pytest

from reports.pdf import render_recap_pdf, render_representation_pdf
from reports.pdf_document import render_latin_first
from tests.reports.reports_helpers import LONG_OBJECTIVE

MOMENT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def latin_first(render) -> tuple[bytes, int]:
    """The PDF made Latin first, and how many times it was drawn."""
    attempts = []

    def counted() -> bytes:
        attempts.append(1)
        return render()

    return render_latin_first(counted), len(attempts)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("fixture", ["result_50_250", "result_over_250", "result_not_calculable"])
def test_a_recap_in_latin_script_is_byte_for_byte_the_same(request, fixture, language):
    result = request.getfixturevalue(fixture)
    company = request.getfixturevalue("company")
    declaration = request.getfixturevalue("declaration")
    objectives = {"texts": {"indicator1": LONG_OBJECTIVE}}

    def render() -> bytes:
        return render_recap_pdf(
            result,
            language=language,
            company=company,
            declaration=declaration,
            objectives=objectives,
            generated_at=MOMENT,
        )

    pdf, drawings = latin_first(render)
    assert drawings == 1
    assert pdf == render()


def test_a_name_in_another_script_is_drawn_with_the_full_fonts(result_50_250):
    company = {"siren": "552100554", "name": "Ωmega Ştiinţă Ελλάς"}

    def render() -> bytes:
        return render_recap_pdf(result_50_250, company=company, generated_at=MOMENT)

    pdf, drawings = latin_first(render)
    assert drawings == 2
    assert pdf == render()


def test_the_representation_recap_too(company):
    representation = {
        "year": 2025,
        "target_pct": 30,
        "executives": {"calculable": True, "women_pct": 28.5, "men_pct": 71.5},
        "governing_bodies": {"calculable": False, "reason": "aucune_instance_dirigeante"},
    }

    def render() -> bytes:
        return render_representation_pdf(representation, company=company, generated_at=MOMENT)

    pdf, drawings = latin_first(render)
    assert drawings == 1
    assert pdf == render()
