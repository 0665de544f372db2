import io
import json
import re
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from reports.pdf import render_recap_pdf, render_representation_pdf
from tests.reports.reports_helpers import LONG_OBJECTIVE, pdf_pages, pdf_text
from tests.spec_examples import EXAMPLES_DIR

WHEN = datetime(2026, 2, 10, 13, 5, tzinfo=UTC)
EXAMPLE = EXAMPLES_DIR / "official-sim-251-999-00.json"


def test_recap_50_250_shows_scores_index_and_reason(result_50_250, company):
    data = render_recap_pdf(result_50_250, company=company, generated_at=WHEN)
    assert data.startswith(b"%PDF-")
    shown = pdf_text(data)
    for expected in (
        "Index de l'égalité professionnelle femmes-hommes",
        "Récapitulatif des résultats",
        "Société Générale des Œuvres Économiques",
        "552 100 554",
        "50 à 250 salariés",
        "412 salariés",
        "Écart de rémunération",
        "6,1 %",
        "33 / 40",
        "Indicateur 2 et 3",
        "4,6 %",
        "1,7 en nombre de salariés",
        "35 / 35",
        "Non calculable",
        "Absence de retours de congé maternité (ou d'adoption) pendant la période de référence",
        "2 sur 10",
        "5 / 10",
        "Femmes",
        "Hommes",
        "Index : 86 / 100",
        "73 points sur 85 possibles",
        "Index d'au moins 85 points : ni mesures de correction ni objectifs de progression",
        "Document généré le 10 février 2026 à 14:05 (heure de Paris)",
    ):
        assert expected in shown, expected
    assert "15 / 15" not in shown  # a non-calculable indicator gets no note
    assert "Déclaration" not in shown


def test_recap_over_250_with_declaration_and_objectives(
    result_over_250, company, declaration, objectives
):
    data = render_recap_pdf(
        result_over_250,
        company=company,
        declaration=declaration,
        objectives=objectives,
        generated_at=WHEN,
    )
    shown = pdf_text(data)
    for expected in (
        "Récapitulatif de la déclaration",
        "251 à 999 salariés",
        "Année des indicateurs 2025",
        "du 1er janvier 2025 au 31 décembre 2025",
        "Date limite de déclaration 1er mars 2026",
        "Modalité : par niveau ou coefficient de la classification de branche",
        "12,4 %",
        "21 / 40",
        "Note maximale : mesures de rattrapage",
        "20 / 20",
        "5 / 15",
        "66 %",
        "0 / 15",
        "1 sur 10",
        "0 / 10",
        "Index : 46 / 100",
        "Index inférieur à 75 points : des mesures de correction sont obligatoires",
        "Index inférieur à 85 points : des objectifs de progression",
        "Indicateur 3 — Écart de taux de promotions (5 / 15)",
        "Hélène Lefèvre",
        "helene.lefevre@example.fr",
        "Déclaration enregistrée le 10 février 2026 à 10:30",
        "Date de publication des résultats 12 février 2026",
        "https://www.example.fr/egalite-professionnelle",
        "Mesures de correction envisagées",
        "Indicateur 1 — Écart de rémunération (note 21 / 40)",
        LONG_OBJECTIVE[:300],
        "Atteindre un écart de taux de promotions inférieur à 2 points.",
        "Publication des objectifs le 2 mars 2026",
        "Publication des mesures de correction le 5 mars 2026",
        "Affichage dans les locaux et note d'information remise à chaque salarié.",
    ):
        assert expected in shown, expected
    assert "X" * 300 in re.sub(r"\s", "", shown)
    assert all(character in shown for character in "€≥œŒÉéèàù")
    assert "Indicateur 2 — Écart de taux d'augmentations individuelles (note" not in shown


def test_long_objective_texts_wrap_inside_the_page(result_over_250, declaration, objectives):
    assert len(LONG_OBJECTIVE) >= 300
    data = render_recap_pdf(
        result_over_250, declaration=declaration, objectives=objectives, generated_at=WHEN
    )
    reader = PdfReader(io.BytesIO(data))
    raw = "\n".join(page.extract_text() for page in reader.pages)
    objective_lines = [line for line in raw.splitlines() if line and line in LONG_OBJECTIVE]
    assert len(objective_lines) >= 3  # 300 characters over several lines
    x_lines = [line for line in raw.splitlines() if re.fullmatch(r"X+", line.strip())]
    assert len(x_lines) >= 3  # an unbreakable word is cut, not left to overflow
    widths = {len(line.strip()) for line in x_lines[:-1]}
    assert max(widths) < 100


def test_recap_in_english(result_over_250, company, declaration, objectives):
    shown = pdf_text(
        render_recap_pdf(
            result_over_250,
            language="en",
            company=company,
            declaration=declaration,
            objectives=objectives,
            generated_at=WHEN,
        )
    )
    for expected in (
        "Gender Equality Index",
        "Company name",
        "Pay gap",
        "12.4%",
        "Method: by level or coefficient of the branch classification",
        "Index: 46 / 100",
        "Corrective measures planned",
        "Declaration recorded on 10 February 2026 at 10:30",
        "Generated on 10 February 2026 at 14:05 (Paris time)",
    ):
        assert expected in shown, expected
    assert "Écart de rémunération" not in shown


def test_recap_not_calculable_says_why(result_not_calculable):
    shown = pdf_text(render_recap_pdf(result_not_calculable, generated_at=WHEN))
    for expected in (
        "Index non calculable",
        "Les indicateurs calculables totalisent 10 points maximum, moins que les 75 points requis",
        "Les groupes valides représentent moins de 40 % de l'effectif pris en compte",
        "Absence d'augmentations individuelles pendant la période de référence",
        "Absence de promotions pendant la période de référence",
        "Absence d'augmentations salariales pendant la durée du ou des congés maternité",
        "Égalité",
        "10 / 10",
        "1 000 salariés et plus",
        "Index non calculable : ni mesures de correction ni objectifs de progression",
    ):
        assert expected in shown, expected
    assert "Index :" not in shown


def test_declaration_without_objectives_says_they_are_due(result_over_250, declaration):
    declaration.pop("publication_url")
    declaration["publication_modalities"] = "Affichage au siège social, près de l'œuvre d'art."
    declaration["corrective_measures"] = "mmo"
    shown = pdf_text(render_recap_pdf(result_over_250, declaration=declaration, generated_at=WHEN))
    assert "Modalités de publication Affichage au siège social, près de l'œuvre d'art." in shown
    assert "Mesures de correction mises en œuvre" in shown
    assert "Les objectifs de progression et les mesures de correction ne sont pas encore" in shown


def test_stale_corrective_measures_are_not_shown_at_or_above_75(result_50_250, declaration):
    shown = pdf_text(render_recap_pdf(result_50_250, declaration=declaration, generated_at=WHEN))
    assert "Mesures de correction envisagées" not in shown
    assert "Objectifs de progression et mesures de correction" not in shown


def test_ind1_mode_from_declaration_and_company_ues(result_50_250, company, declaration):
    declaration["indicator1_mode"] = "niveau_autre"
    declaration["cse_consultation_date"] = "2025-11-03"
    company["ues"] = {
        "name": "UES Groupe Ça",
        "companies": [{"siren": "732829320", "name": "Filiale Où"}],
    }
    shown = pdf_text(
        render_recap_pdf(result_50_250, company=company, declaration=declaration, generated_at=WHEN)
    )
    assert "Modalité : par niveau selon une autre méthode de cotation des postes" in shown
    assert "Consultation du CSE le 3 novembre 2025" in shown
    assert "UES Groupe Ça" in shown
    assert "Filiale Où (732 829 320)" in shown


def test_same_inputs_same_bytes_and_dates_in_paris(result_over_250, company, declaration):
    first = render_recap_pdf(
        result_over_250, company=company, declaration=declaration, generated_at=WHEN
    )
    again = render_recap_pdf(
        result_over_250, company=company, declaration=declaration, generated_at=WHEN
    )
    assert first == again
    summer = datetime(2026, 7, 1, 22, 30, tzinfo=UTC)
    later = render_recap_pdf(result_over_250, generated_at=summer)
    assert later != render_recap_pdf(result_over_250, generated_at=WHEN)
    assert "Document généré le 2 juillet 2026 à 00:30 (heure de Paris)" in pdf_text(later)
    assert PdfReader(io.BytesIO(later)).metadata.creation_date.astimezone(UTC) == summer


def test_error_line_is_refused():
    with pytest.raises(ValueError):
        render_recap_pdf({"source": "a.json", "error": {"code": "invalid_json"}})
    with pytest.raises(ValueError):
        render_representation_pdf({"source": "a.json", "error": {"code": "invalid_json"}})


REPRESENTATION = {
    "source": "rep.json",
    "year": 2025,
    "target_pct": 30,
    "executives": {
        "calculable": True,
        "women_pct": 28.5,
        "men_pct": 71.5,
        "under_represented": "women",
        "meets_target": False,
    },
    "governing_bodies": {
        "calculable": False,
        "reason": "aucune_instance_dirigeante",
        "meets_target": None,
    },
}


def test_representation_recap(company):
    declaration = {
        "period_end": date(2025, 12, 31),
        "publication_date": date(2026, 2, 20),
        "publication_url": "https://www.example.fr/representation",
        "declarant": {"first_name": "Zoé", "last_name": "Bœuf", "email": "zoe@example.fr"},
        "declared_at": WHEN,
    }
    data = render_representation_pdf(
        REPRESENTATION, company=company, declaration=declaration, generated_at=WHEN
    )
    assert pdf_pages(data) == 1
    shown = pdf_text(data)
    for expected in (
        "Représentation équilibrée femmes-hommes",
        "552 100 554",
        "Année des indicateurs 2025",
        "Date limite de déclaration 1er mars 2026",
        "Cadres dirigeants",
        "28,5 %",
        "71,5 %",
        "Objectif (30 %)",
        "Non atteint",
        "Il n'y a aucune instance dirigeante",
        "Au moins 30 % de chaque sexe",
        "Objectif non atteint : des mesures de correction",
        "Zoé Bœuf",
        "https://www.example.fr/representation",
    ):
        assert expected in shown, expected
    assert "412 salariés" not in shown  # the index headcount means nothing here


def test_representation_recap_english_and_without_target():
    older = {
        **REPRESENTATION,
        "year": 2023,
        "target_pct": None,
        "executives": {**REPRESENTATION["executives"], "meets_target": None},
    }
    shown = pdf_text(render_representation_pdf(older, language="en", generated_at=WHEN))
    assert "Balanced gender representation" in shown
    assert "28.5%" in shown
    assert "There is no governing body" in shown
    assert "No numeric target for this data year" in shown
    assert "Target not met" not in shown


def test_recap_of_a_real_engine_output():
    engine = pytest.importorskip("egapro_engine")
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    output = engine.compute_document(document["input"], source=EXAMPLE.name)
    result = output.model_dump(mode="json")
    expected = document["expected"]
    shown = pdf_text(render_recap_pdf(result, generated_at=WHEN))
    assert f"Index : {expected['index']} / 100" in shown
    assert f"{expected['points']} points sur {expected['max_points']} possibles" in shown
    for key, indicator in expected["indicators"].items():
        max_note = result["indicators"][key]["max_note"]
        assert f"{indicator['note']} / {max_note}" in shown, key
    assert pdf_text(render_recap_pdf(output, generated_at=WHEN)) == shown
