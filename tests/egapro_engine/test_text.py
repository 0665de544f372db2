"""``render_text``: the readable French summary."""

from egapro_engine import compute_document, render_text

from .builders import changed, large_results, small_raw, small_results


def test_calculable_index_summary():
    text = render_text(compute_document(small_raw(), source="societe.json"))
    assert text.splitlines() == [
        "Index de l'égalité professionnelle femmes-hommes",
        "Source : societe.json",
        "Tranche d'effectif : de 50 à 250 salariés",
        "Indicateur 1 – écart de rémunération : 4,1 % en faveur des hommes — 35 / 40 points",
        "Indicateur 2 et 3 – écart de taux d'augmentations individuelles : 4,5 % ; "
        "2,0 salarié(s) équivalent(s) en faveur des hommes — 35 / 35 points",
        "Indicateur 4 – augmentations au retour de congé maternité : 100 % des salariées "
        "augmentées au retour — 15 / 15 points",
        "Indicateur 5 – hautes rémunérations : 4 salarié(e)s du sexe sous-représenté "
        "(majorité d'hommes) — 10 / 10 points",
        "Total : 95 points sur 100 points calculables",
        "Index : 95 / 100",
        "Obligations :",
        "- aucune mesure ni objectif supplémentaire",
    ]


def test_not_calculable_index_says_why():
    document = large_results(
        indicator2={"calculable": False, "reason": "absaugi"},
        indicator3={"calculable": False, "reason": "absprom"},
    )
    text = render_text(compute_document(document))
    assert "Index : non calculable (moins de 75 points calculables : 65)" in text
    assert (
        "Indicateur 3 – écart de taux de promotions : non calculable (absence de promotion "
        "pendant la période de référence) (maximum 15 points, non compté)"
    ) in text


def test_low_index_lists_measures_and_objectives():
    document = small_results(
        indicator1={"result": 9, "favorable_population": "men"}, indicator4={"result": 50}
    )
    text = render_text(compute_document(document))
    assert "Index : 74 / 100" in text
    assert "mesures de correction obligatoires" in text
    assert "objectifs de progression à publier pour : indicateur 1, indicateur 4" in text


def test_compensation_is_explained():
    document = large_results(
        indicator1={"result": 3, "favorable_population": "men"},
        indicator2={"result": 12, "favorable_population": "women"},
    )
    text = render_text(compute_document(document))
    assert "12 points de pourcentage en faveur des femmes — 20 / 20 points" in text
    assert "mesures de rattrapage" in text


def test_representation_summary():
    document = {
        "kind": "representation",
        "year": 2025,
        "executives": {"women_pct": 28.5, "men_pct": 71.5},
        "governing_bodies": {"not_calculable": "aucune_instance_dirigeante"},
    }
    text = render_text(compute_document(document))
    assert text.splitlines()[1:] == [
        "Objectif légal : au moins 30 % de chaque sexe",
        "Cadres dirigeants : 28,5 % de femmes, 71,5 % d'hommes (femmes sous-représentées) "
        "— objectif non atteint",
        "Membres des instances dirigeantes : non calculable (il n'y a aucune instance dirigeante)",
    ]


def test_equal_top_ten_reads_parity():
    text = render_text(compute_document(changed(small_raw(), "indicator5", {"women": 5, "men": 5})))
    assert "5 salarié(e)s du sexe sous-représenté (parité) — 10 / 10 points" in text
