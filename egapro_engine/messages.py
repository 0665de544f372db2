"""Every French text the engine shows: error messages, reason labels, summary wording."""

# Error code -> French message. Codes are stable; messages may use ``{placeholders}``.
ERRORS: dict[str, str] = {
    # Documents and files
    "not_an_object": "Le document doit être un objet JSON ({{ ... }}).",
    "unknown_kind": (
        "Type de document inconnu « {value} » : attendu « raw » (données brutes), "
        "« results » (résultats déjà calculés) ou « representation »."
    ),
    "missing_field": "Champ obligatoire manquant.",
    "unknown_field": "Champ inconnu « {field} ».",
    "invalid_type": "Valeur invalide : {expected} attendu.",
    "invalid_value": "Valeur invalide.",
    "invalid_json": "Le fichier n'est pas un JSON valide : {detail}.",
    "file_not_found": "Fichier introuvable.",
    "unreadable_file": "Impossible de lire le fichier : {detail}.",
    "internal_error": "Erreur interne pendant le calcul : {detail}.",
    # Company and period
    "invalid_workforce_range": (
        "Tranche d'effectif inconnue « {value} » : attendu « 50:250 », « 251:999 » ou « 1000: »."
    ),
    "invalid_year": "Année invalide : une année entre 2018 et 2100 est attendue.",
    "invalid_mode": (
        "Modalité de calcul inconnue « {value} » : attendu « csp », « branch_level » ou "
        "« other_level »."
    ),
    "missing_indicator": "L'indicateur « {indicator} » est obligatoire pour la tranche {band}.",
    "indicator_not_in_band": (
        "L'indicateur « {indicator} » ne concerne pas la tranche {band} : retirez-le."
    ),
    # Headcount and indicator 1
    "unknown_csp": (
        "Catégorie socio-professionnelle inconnue « {value} » : attendu ouv, emp, tam ou ic."
    ),
    "unknown_age_band": (
        "Tranche d'âge inconnue « {value} » : attendu under_30, 30_39, 40_49 ou 50_plus."
    ),
    "invalid_headcount": "Effectif invalide : un nombre entier positif ou nul est attendu.",
    "invalid_salary": (
        "Rémunération moyenne invalide : un montant annuel brut strictement positif est attendu."
    ),
    "incomplete_salaries": (
        "Les rémunérations moyennes des femmes et des hommes de ce groupe doivent être données "
        "ensemble."
    ),
    "field_not_for_mode": "Ce champ ne s'utilise pas avec la modalité « {mode} ».",
    "duplicate_level_name": (
        "Le niveau « {name} » apparaît deux fois : chaque niveau a un nom unique."
    ),
    "level_headcount_mismatch": (
        "Les effectifs par niveau ({level_women} femmes, {level_men} hommes) doivent être égaux "
        "aux effectifs déclarés ({women} femmes, {men} hommes)."
    ),
    # Indicators 2, 3, 2&3
    "invalid_rate": "Taux invalide : un pourcentage entre 0 et 100 est attendu.",
    "all_rates_zero": (
        "Tous les taux ne peuvent pas être à 0 s'il y a eu des {what} : déclarez plutôt "
        "l'absence de {what} pendant la période de référence."
    ),
    "invalid_count": "Nombre invalide : un nombre entier positif ou nul est attendu.",
    "raised_counts_zero": (
        "Les nombres de femmes et d'hommes augmentés ne peuvent pas être tous deux à 0 : "
        "déclarez plutôt l'absence d'augmentation individuelle."
    ),
    "raised_above_headcount": (
        "{raised} {sex} augmenté(e)s, plus que l'effectif de {headcount} {sex}."
    ),
    # Indicators 4 and 5
    "raised_above_returned": (
        "{raised} salariées augmentées à leur retour, plus que les {returned} retours de congé "
        "maternité ou d'adoption."
    ),
    "top_ten_out_of_range": (
        "Les 10 plus hautes rémunérations : nombres de femmes et d'hommes entiers entre 0 et 10, "
        "dont la somme ne dépasse pas 10."
    ),
    # Declared results
    "missing_result": "Résultat manquant pour un indicateur calculable.",
    "invalid_result": "Résultat invalide : {expected}.",
    "result_when_not_calculable": (
        "Un indicateur non calculable ne porte que son motif de non-calculabilité, pas de résultat."
    ),
    "reason_when_calculable": "Un motif de non-calculabilité n'accompagne pas un résultat.",
    "unknown_reason": "Motif de non-calculabilité inconnu « {value} ».",
    "reason_not_allowed": (
        "Le motif « {value} » ne s'applique pas à cet indicateur (motifs possibles : {allowed})."
    ),
    "indicator5_always_calculable": "L'indicateur 5 est toujours calculable.",
    "invalid_favorable_population": (
        "Population favorable inconnue « {value} » : attendu « women », « men », « equality » ou "
        "null."
    ),
    "favorable_population_without_gap": (
        "Aucune population ne peut être favorisée quand le résultat est {result} : indiquez "
        "null ou « equality »."
    ),
    # Représentation équilibrée
    "invalid_percentage": "Pourcentage invalide : un nombre entre 0 et 100 est attendu.",
    "too_many_decimals": "Pourcentage avec plus d'une décimale : arrondissez au dixième.",
    "pair_sum_not_100": (
        "Le pourcentage de femmes et celui d'hommes doivent faire exactement 100 (ici {total})."
    ),
    "incomplete_pair": (
        "Donnez soit les deux pourcentages (femmes et hommes), soit un motif de non-calculabilité."
    ),
    "motive_with_percentages": (
        "Un motif de non-calculabilité ne s'accompagne pas de pourcentages."
    ),
    "unknown_motive": "Motif inconnu « {value} » : motifs possibles : {allowed}.",
}

# What a value must be, for ``invalid_type`` / ``invalid_result``.
EXPECTED = {
    "object": "un objet JSON",
    "list": "une liste",
    "text": "un texte",
    "boolean": "true ou false",
    "number": "un nombre",
    "non_negative": "un nombre positif ou nul est attendu",
    "maternity": "un pourcentage entre 0 et 100 est attendu",
    "top_ten": "un nombre entier entre 0 et 5 est attendu",
}

RAISES_WHAT = {"indicator2": "augmentations", "indicator3": "promotions"}
SEX_PLURAL = {"women": "femmes", "men": "hommes"}

REASON_LABELS = {
    "egvi40pcet": (
        "l'effectif des groupes retenus représente moins de 40 % de l'effectif pris en compte"
    ),
    "absaugi": "absence d'augmentation individuelle pendant la période de référence",
    "absprom": "absence de promotion pendant la période de référence",
    "etsno5f5h": "l'effectif compte moins de 5 femmes ou moins de 5 hommes",
    "absrcm": "absence de retour de congé maternité (ou d'adoption) pendant la période",
    "absaugpdtcm": "absence d'augmentation pendant le(s) congé(s) maternité (ou d'adoption)",
    "am": "autre motif",
    "aucun_cadre_dirigeant": "il n'y a aucun cadre dirigeant",
    "un_seul_cadre_dirigeant": "il y a un seul cadre dirigeant",
    "aucune_instance_dirigeante": "il n'y a aucune instance dirigeante",
}

INDICATOR_LABELS = {
    "indicator1": "Indicateur 1 – écart de rémunération",
    "indicator2": "Indicateur 2 – écart de taux d'augmentations individuelles",
    "indicator3": "Indicateur 3 – écart de taux de promotions",
    "indicator2and3": "Indicateur 2 et 3 – écart de taux d'augmentations individuelles",
    "indicator4": "Indicateur 4 – augmentations au retour de congé maternité",
    "indicator5": "Indicateur 5 – hautes rémunérations",
}

INDICATOR_NUMBERS = {
    "indicator1": "indicateur 1",
    "indicator2": "indicateur 2",
    "indicator3": "indicateur 3",
    "indicator2and3": "indicateur 2 et 3",
    "indicator4": "indicateur 4",
    "indicator5": "indicateur 5",
}

BAND_LABELS = {
    "50:250": "de 50 à 250 salariés",
    "251:999": "de 251 à 999 salariés",
    "1000:": "1000 salariés et plus",
}

FAVOURED = {
    "women": "en faveur des femmes",
    "men": "en faveur des hommes",
    "equality": "égalité",
}
MAJORITY = {"women": "majorité de femmes", "men": "majorité d'hommes", "equality": "parité"}
UNDER_REPRESENTED = {"women": "femmes sous-représentées", "men": "hommes sous-représentés"}

TEXT = {
    "title": "Index de l'égalité professionnelle femmes-hommes",
    "source": "Source : {source}",
    "band": "Tranche d'effectif : {band}",
    "not_calculable": "non calculable ({reason})",
    "not_calculable_plain": "non calculable",
    "note": "{note} / {max_note} points",
    "max_only": "(maximum {max_note} points, non compté)",
    "result_pct": "{value} %",
    "result_points": "{value} points de pourcentage",
    "result_equivalent": "{value} salarié(s) équivalent(s)",
    "result_maternity": "{value} % des salariées augmentées au retour",
    "result_top_ten": "{value} salarié(e)s du sexe sous-représenté ({majority})",
    "compensated": "note maximale : mesures de rattrapage (écart en faveur du sexe moins payé)",
    "total": "Total : {points} points sur {max_points} points calculables",
    "index": "Index : {index} / 100",
    "index_not_calculable": (
        "Index : non calculable (moins de 75 points calculables : {max_points})"
    ),
    "obligations": "Obligations :",
    "corrective_measures": (
        "- index inférieur à 75 : mesures de correction obligatoires (atteindre 75 en 3 ans)"
    ),
    "objectives": "- index inférieur à 85 : objectifs de progression à publier pour : {which}",
    "objectives_none": "- index inférieur à 85 : objectifs de progression à publier",
    "no_obligation": "- aucune mesure ni objectif supplémentaire",
    "no_obligation_nc": (
        "- index non calculable : ni mesures de correction ni objectifs ; publier les résultats "
        "des indicateurs calculables"
    ),
    "rows": "Lignes lues : {read}, utilisées : {used}, exclues : {excluded}",
    "rep_title": "Représentation équilibrée femmes-hommes (année {year})",
    "rep_title_no_year": "Représentation équilibrée femmes-hommes",
    "rep_target": "Objectif légal : au moins {target} % de chaque sexe",
    "rep_no_target": "Pas d'objectif chiffré pour cette année",
    "rep_executives": "Cadres dirigeants",
    "rep_governing_bodies": "Membres des instances dirigeantes",
    "rep_pair": "{label} : {women} % de femmes, {men} % d'hommes{under}{target}",
    "rep_meets": " — objectif atteint",
    "rep_misses": " — objectif non atteint",
    "rep_not_calculable": "{label} : non calculable ({reason})",
    "error": "{source} : erreur {code} — {message}{where}",
    "error_where": " (à : {where})",
}


def error_message(code: str, **values: object) -> str:
    """The French message of ``code``, with its placeholders filled."""
    template = ERRORS.get(code, ERRORS["invalid_value"])
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template
