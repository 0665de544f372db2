"""Every user-facing string of the reports (chart and PDF), French first, then English.

Look strings up with :func:`text`; reason codes with :func:`reason_label` / :func:`reason_short`.
Placeholders use ``str.format`` names.
"""

from __future__ import annotations

DEFAULT_LANGUAGE = "fr"

# Reason codes of index-rules §10 (index indicators) and §12 (représentation équilibrée).
INDEX_REASON_CODES = (
    "egvi40pcet",
    "absaugi",
    "absprom",
    "etsno5f5h",
    "absrcm",
    "absaugpdtcm",
    "am",
)
REPRESENTATION_REASON_CODES = (
    "aucun_cadre_dirigeant",
    "un_seul_cadre_dirigeant",
    "aucune_instance_dirigeante",
)

_FR: dict[str, str] = {
    # Indicators: number, full name (PDF), short name (chart)
    "indicator.indicator1.number": "Indicateur 1",
    "indicator.indicator2.number": "Indicateur 2",
    "indicator.indicator3.number": "Indicateur 3",
    "indicator.indicator2and3.number": "Indicateur 2 et 3",
    "indicator.indicator4.number": "Indicateur 4",
    "indicator.indicator5.number": "Indicateur 5",
    "indicator.indicator1.name": "Écart de rémunération",
    "indicator.indicator2.name": "Écart de taux d'augmentations individuelles",
    "indicator.indicator3.name": "Écart de taux de promotions",
    "indicator.indicator2and3.name": "Écart de taux d'augmentations individuelles "
    "(promotions incluses)",
    "indicator.indicator4.name": "Salariées augmentées au retour d'un congé maternité",
    "indicator.indicator5.name": "Sexe sous-représenté parmi les 10 plus hautes rémunérations",
    "indicator.indicator1.short": "1 · Écart de rémunération",
    "indicator.indicator2.short": "2 · Augmentations individuelles",
    "indicator.indicator3.short": "3 · Promotions",
    "indicator.indicator2and3.short": "2 et 3 · Augmentations et promotions",
    "indicator.indicator4.short": "4 · Retour de congé maternité",
    "indicator.indicator5.short": "5 · 10 plus hautes rémunérations",
    # Indicator 1 modes (engine names and the official declaration names)
    "mode.csp": "par catégorie socio-professionnelle (CSP)",
    "mode.branch_level": "par niveau ou coefficient de la classification de branche",
    "mode.other_level": "par niveau selon une autre méthode de cotation des postes",
    "indicator.mode": "Modalité : {mode}",
    # Results
    "result.percent": "{value}\u00a0%",
    "result.equivalent_employees": "{value} en nombre de salariés",
    "result.top_ten": "{value} sur 10",
    "result.compensated": "Note maximale : mesures de rattrapage",
    "result.not_calculable": "Non calculable",
    "result.note": "{note}\u00a0/\u00a0{max_note}",
    # Favourable population
    "population.women": "Femmes",
    "population.men": "Hommes",
    "population.equality": "Égalité",
    "population.none": "—",
    # Workforce bands
    "band.50:250": "50 à 250 salariés",
    "band.251:999": "251 à 999 salariés",
    "band.1000:": "1 000 salariés et plus",
    # Non-calculability reasons, full labels (PDF)
    "reason.egvi40pcet": "Les groupes valides représentent moins de 40\u00a0% de l'effectif pris "
    "en compte",
    "reason.absaugi": "Absence d'augmentations individuelles pendant la période de référence",
    "reason.absprom": "Absence de promotions pendant la période de référence",
    "reason.etsno5f5h": "L'effectif compte moins de 5 femmes ou moins de 5 hommes",
    "reason.absrcm": "Absence de retours de congé maternité (ou d'adoption) pendant la période "
    "de référence",
    "reason.absaugpdtcm": "Absence d'augmentations salariales pendant la durée du ou des congés "
    "maternité (ou d'adoption)",
    "reason.am": "Autre motif",
    "reason.aucun_cadre_dirigeant": "Il n'y a aucun cadre dirigeant",
    "reason.un_seul_cadre_dirigeant": "Il y a un seul cadre dirigeant",
    "reason.aucune_instance_dirigeante": "Il n'y a aucune instance dirigeante",
    "reason.unknown": "Motif « {code} »",
    # Non-calculability reasons, short labels (chart)
    "reason_short.egvi40pcet": "Groupes valides < 40\u00a0% de l'effectif",
    "reason_short.absaugi": "Aucune augmentation individuelle",
    "reason_short.absprom": "Aucune promotion",
    "reason_short.etsno5f5h": "Moins de 5 femmes ou de 5 hommes",
    "reason_short.absrcm": "Aucun retour de congé maternité",
    "reason_short.absaugpdtcm": "Aucune augmentation pendant le congé",
    "reason_short.am": "Autre motif",
    "reason_short.aucun_cadre_dirigeant": "Aucun cadre dirigeant",
    "reason_short.un_seul_cadre_dirigeant": "Un seul cadre dirigeant",
    "reason_short.aucune_instance_dirigeante": "Aucune instance dirigeante",
    # Corrective measures (declaration `mesures_correctives`)
    "corrective.mmo": "Mesures de correction mises en œuvre",
    "corrective.me": "Mesures de correction envisagées",
    "corrective.mne": "Mesures de correction non envisagées",
    # Index recap: headings and fields
    "recap.title": "Index de l'égalité professionnelle femmes-hommes",
    "recap.subtitle.results": "Récapitulatif des résultats",
    "recap.subtitle.declaration": "Récapitulatif de la déclaration",
    "section.company": "Entreprise",
    "section.period": "Période de référence et effectifs",
    "section.period_only": "Période de référence",
    "section.indicators": "Résultats des indicateurs",
    "section.total": "Index",
    "section.obligations": "Ce que l'index implique",
    "section.declaration": "Déclaration",
    "section.objectives": "Objectifs de progression et mesures de correction",
    "field.siren": "SIREN",
    "field.company_name": "Raison sociale",
    "field.naf_code": "Code NAF",
    "field.address": "Adresse",
    "field.ues_name": "UES",
    "field.ues_companies": "Entreprises de l'UES",
    "field.year": "Année des indicateurs",
    "field.period": "Période de référence",
    "field.period_value": "du {start} au {end}",
    "field.band": "Tranche d'effectifs",
    "field.workforce_total": "Effectif pris en compte",
    "field.workforce_total_value": "{value} salariés",
    "field.deadline": "Date limite de déclaration",
    "field.declarant": "Déclarant",
    "field.declared_at": "Déclaration enregistrée le",
    "field.modified_at": "Dernière modification le",
    "field.publication_date": "Date de publication des résultats",
    "field.publication_url": "Site internet de publication",
    "field.publication_modalities": "Modalités de publication",
    "field.corrective_measures": "Mesures de correction",
    "field.cse_consultation_date": "Consultation du CSE le",
    "field.objectives_publication_date": "Publication des objectifs le",
    "field.measures_publication_date": "Publication des mesures de correction le",
    "field.objectives_modalities": "Modalités de communication aux salariés",
    "value.not_provided": "Non renseigné",
    "col.indicator": "Indicateur",
    "col.result": "Résultat",
    "col.population": "Population favorable",
    "col.note": "Note",
    "total.points": "Points obtenus",
    "total.max_points": "Points maximum des indicateurs calculables",
    "total.index": "Index : {index}\u00a0/\u00a0100",
    "total.index_value": "{index}\u00a0/\u00a0100",
    "total.points_line": "{points} points sur {max_points} possibles",
    "field.index": "Index",
    "total.index_not_calculable": "Index non calculable",
    "total.not_calculable_why": "Les indicateurs calculables totalisent {max_points} points "
    "maximum, moins que les 75 points requis : l'index ne peut pas être calculé.",
    "obligation.corrective": "Index inférieur à 75 points : des mesures de correction sont "
    "obligatoires. Elles doivent permettre d'atteindre au moins 75 points dans un délai de "
    "trois ans.",
    "obligation.objectives": "Index inférieur à 85 points : des objectifs de progression sont à "
    "fixer et à publier pour chacun de ces indicateurs :",
    "obligation.objectives_before_2021": "Index inférieur à 85 points : pas d'objectifs de "
    "progression à publier pour des données antérieures à 2021.",
    "obligation.none": "Index d'au moins 85 points : ni mesures de correction ni objectifs de "
    "progression ne sont requis.",
    "obligation.not_calculable": "Index non calculable : ni mesures de correction ni objectifs de "
    "progression ; les résultats des indicateurs calculables restent à déclarer et à publier.",
    "objectives.indicator_heading": "{number} — {name} (note {note}\u00a0/\u00a0{max_note})",
    "objectives.text_missing": "Objectif non renseigné",
    "objectives.to_fill": "Les objectifs de progression{and_measures} ne sont pas encore déclarés.",
    "objectives.and_measures": " et les mesures de correction",
    "objectives.none": "Aucun objectif de progression requis.",
    # Représentation équilibrée
    "rep.title": "Représentation équilibrée femmes-hommes",
    "rep.subtitle": "Cadres dirigeants et membres des instances dirigeantes",
    "rep.section.results": "Répartition femmes-hommes",
    "rep.section.target": "Objectif légal",
    "rep.executives": "Cadres dirigeants",
    "rep.governing_bodies": "Membres des instances dirigeantes",
    "rep.col.group": "Population",
    "rep.col.women": "Femmes",
    "rep.col.men": "Hommes",
    "rep.col.under_represented": "Sexe sous-représenté",
    "rep.col.target": "Objectif ({target}\u00a0%)",
    "rep.col.target_none": "Objectif",
    "rep.meets": "Atteint",
    "rep.not_meets": "Non atteint",
    "rep.no_target_value": "—",
    "rep.target_line": "Au moins {target}\u00a0% de chaque sexe parmi les cadres dirigeants et "
    "parmi les membres des instances dirigeantes.",
    "rep.no_target_line": "Pas d'objectif chiffré pour les données de cette année (30\u00a0% à "
    "compter des données 2025, publiées à partir du 1er mars 2026).",
    "rep.below_target": "Objectif non atteint : des mesures de correction sont à définir par "
    "accord collectif ou, à défaut, par décision de l'employeur après consultation du CSE.",
    "rep.target_met": "L'objectif est atteint pour chaque population calculable.",
    "rep.nothing_calculable": "Aucune population calculable : pas de comparaison avec l'objectif.",
    # Chart
    "chart.title": "Index égalité femmes-hommes",
    "chart.subtitle": "{band} · {points}\u00a0/\u00a0{max_points} points",
    "chart.subtitle_no_band": "{points}\u00a0/\u00a0{max_points} points",
    "chart.index_label": "Index",
    "chart.index_value": "{index}/100",
    "chart.not_calculable": "Non calculable",
    "chart.not_calculable_footer": "Index non calculable : les indicateurs calculables "
    "totalisent {max_points} points maximum (75 requis).",
    # Footer, dates
    "footer.generated": "Document généré le {when} (heure de Paris)",
    "footer.page": "Page {page}/{pages}",
    "date.day_first": "1er",
    "date.date": "{day} {month} {year}",
    "date.datetime": "{date} à {time}",
}

_EN: dict[str, str] = {
    "indicator.indicator1.number": "Indicator 1",
    "indicator.indicator2.number": "Indicator 2",
    "indicator.indicator3.number": "Indicator 3",
    "indicator.indicator2and3.number": "Indicator 2 and 3",
    "indicator.indicator4.number": "Indicator 4",
    "indicator.indicator5.number": "Indicator 5",
    "indicator.indicator1.name": "Pay gap",
    "indicator.indicator2.name": "Individual raise rate gap",
    "indicator.indicator3.name": "Promotion rate gap",
    "indicator.indicator2and3.name": "Individual raise rate gap (promotions included)",
    "indicator.indicator4.name": "Women raised on return from maternity leave",
    "indicator.indicator5.name": "Under-represented sex among the 10 highest salaries",
    "indicator.indicator1.short": "1 · Pay gap",
    "indicator.indicator2.short": "2 · Individual raises",
    "indicator.indicator3.short": "3 · Promotions",
    "indicator.indicator2and3.short": "2 and 3 · Raises and promotions",
    "indicator.indicator4.short": "4 · Return from maternity leave",
    "indicator.indicator5.short": "5 · 10 highest salaries",
    "mode.csp": "by socio-professional category (CSP)",
    "mode.branch_level": "by level or coefficient of the branch classification",
    "mode.other_level": "by level from another job evaluation method",
    "indicator.mode": "Method: {mode}",
    "result.percent": "{value}%",
    "result.equivalent_employees": "{value} in number of employees",
    "result.top_ten": "{value} of 10",
    "result.compensated": "Maximum score: catch-up measures",
    "result.not_calculable": "Not calculable",
    "result.note": "{note}\u00a0/\u00a0{max_note}",
    "population.women": "Women",
    "population.men": "Men",
    "population.equality": "Equality",
    "population.none": "—",
    "band.50:250": "50 to 250 employees",
    "band.251:999": "251 to 999 employees",
    "band.1000:": "1,000 employees or more",
    "reason.egvi40pcet": "The valid groups account for less than 40% of the workforce taken "
    "into account",
    "reason.absaugi": "No individual raise during the reference period",
    "reason.absprom": "No promotion during the reference period",
    "reason.etsno5f5h": "The workforce has fewer than 5 women or fewer than 5 men",
    "reason.absrcm": "No return from maternity (or adoption) leave during the reference period",
    "reason.absaugpdtcm": "No pay raise during the maternity (or adoption) leave(s)",
    "reason.am": "Other reason",
    "reason.aucun_cadre_dirigeant": "There is no senior executive",
    "reason.un_seul_cadre_dirigeant": "There is only one senior executive",
    "reason.aucune_instance_dirigeante": "There is no governing body",
    "reason.unknown": "Reason “{code}”",
    "reason_short.egvi40pcet": "Valid groups < 40% of the workforce",
    "reason_short.absaugi": "No individual raise",
    "reason_short.absprom": "No promotion",
    "reason_short.etsno5f5h": "Fewer than 5 women or 5 men",
    "reason_short.absrcm": "No return from maternity leave",
    "reason_short.absaugpdtcm": "No raise during the leave",
    "reason_short.am": "Other reason",
    "reason_short.aucun_cadre_dirigeant": "No senior executive",
    "reason_short.un_seul_cadre_dirigeant": "Only one senior executive",
    "reason_short.aucune_instance_dirigeante": "No governing body",
    "corrective.mmo": "Corrective measures implemented",
    "corrective.me": "Corrective measures planned",
    "corrective.mne": "No corrective measures planned",
    "recap.title": "Gender Equality Index (Index Egapro)",
    "recap.subtitle.results": "Results summary",
    "recap.subtitle.declaration": "Declaration summary",
    "section.company": "Company",
    "section.period": "Reference period and workforce",
    "section.period_only": "Reference period",
    "section.indicators": "Indicator results",
    "section.total": "Index",
    "section.obligations": "What the index requires",
    "section.declaration": "Declaration",
    "section.objectives": "Progression objectives and corrective measures",
    "field.siren": "SIREN",
    "field.company_name": "Company name",
    "field.naf_code": "NAF code",
    "field.address": "Address",
    "field.ues_name": "UES",
    "field.ues_companies": "UES member companies",
    "field.year": "Data year",
    "field.period": "Reference period",
    "field.period_value": "{start} to {end}",
    "field.band": "Workforce band",
    "field.workforce_total": "Headcount taken into account",
    "field.workforce_total_value": "{value} employees",
    "field.deadline": "Declaration deadline",
    "field.declarant": "Declarant",
    "field.declared_at": "Declaration recorded on",
    "field.modified_at": "Last modified on",
    "field.publication_date": "Results publication date",
    "field.publication_url": "Publication website",
    "field.publication_modalities": "Publication arrangements",
    "field.corrective_measures": "Corrective measures",
    "field.cse_consultation_date": "Works council (CSE) consulted on",
    "field.objectives_publication_date": "Objectives published on",
    "field.measures_publication_date": "Corrective measures published on",
    "field.objectives_modalities": "How employees are informed",
    "value.not_provided": "Not provided",
    "col.indicator": "Indicator",
    "col.result": "Result",
    "col.population": "Favoured population",
    "col.note": "Score",
    "total.points": "Points obtained",
    "total.max_points": "Maximum points of the calculable indicators",
    "total.index": "Index: {index}\u00a0/\u00a0100",
    "total.index_value": "{index}\u00a0/\u00a0100",
    "total.points_line": "{points} points out of {max_points} possible",
    "field.index": "Index",
    "total.index_not_calculable": "Index not calculable",
    "total.not_calculable_why": "The calculable indicators are worth {max_points} points at "
    "most, fewer than the 75 required: the index cannot be computed.",
    "obligation.corrective": "Index below 75 points: corrective measures are mandatory. They must "
    "bring the index to at least 75 points within three years.",
    "obligation.objectives": "Index below 85 points: progression objectives must be set and "
    "published for each of these indicators:",
    "obligation.objectives_before_2021": "Index below 85 points: no progression objectives to "
    "publish for data before 2021.",
    "obligation.none": "Index of 85 points or more: neither corrective measures nor progression "
    "objectives are required.",
    "obligation.not_calculable": "Index not calculable: no corrective measures and no progression "
    "objectives; the results of the calculable indicators must still be declared and published.",
    "objectives.indicator_heading": "{number} — {name} (score {note}\u00a0/\u00a0{max_note})",
    "objectives.text_missing": "No objective provided",
    "objectives.to_fill": "The progression objectives{and_measures} have not been declared yet.",
    "objectives.and_measures": " and corrective measures",
    "objectives.none": "No progression objective required.",
    "rep.title": "Balanced gender representation",
    "rep.subtitle": "Senior executives and members of governing bodies",
    "rep.section.results": "Share of women and men",
    "rep.section.target": "Legal target",
    "rep.executives": "Senior executives",
    "rep.governing_bodies": "Members of governing bodies",
    "rep.col.group": "Population",
    "rep.col.women": "Women",
    "rep.col.men": "Men",
    "rep.col.under_represented": "Under-represented sex",
    "rep.col.target": "Target ({target}%)",
    "rep.col.target_none": "Target",
    "rep.meets": "Met",
    "rep.not_meets": "Not met",
    "rep.no_target_value": "—",
    "rep.target_line": "At least {target}% of each sex among senior executives and among "
    "members of governing bodies.",
    "rep.no_target_line": "No numeric target for this data year (30% from data year 2025, "
    "published from 1 March 2026).",
    "rep.below_target": "Target not met: corrective measures must be set by collective agreement "
    "or, failing that, by an employer decision after consulting the works council (CSE).",
    "rep.target_met": "The target is met for every calculable population.",
    "rep.nothing_calculable": "No calculable population: no comparison with the target.",
    "chart.title": "Gender equality index",
    "chart.subtitle": "{band} · {points}\u00a0/\u00a0{max_points} points",
    "chart.subtitle_no_band": "{points}\u00a0/\u00a0{max_points} points",
    "chart.index_label": "Index",
    "chart.index_value": "{index}/100",
    "chart.not_calculable": "Not calculable",
    "chart.not_calculable_footer": "Index not calculable: the calculable indicators are worth "
    "{max_points} points at most (75 required).",
    "footer.generated": "Generated on {when} (Paris time)",
    "footer.page": "Page {page}/{pages}",
    "date.day_first": "1",
    "date.date": "{day} {month} {year}",
    "date.datetime": "{date} at {time}",
}

CATALOGUE: dict[str, dict[str, str]] = {"fr": _FR, "en": _EN}

MONTHS: dict[str, tuple[str, ...]] = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def normalize_language(language: str | None) -> str:
    """``"en"``, ``"en-GB"`` → ``"en"``; anything unknown → French."""
    code = (language or DEFAULT_LANGUAGE).split("-")[0].split("_")[0].lower()
    return code if code in CATALOGUE else DEFAULT_LANGUAGE


def text(language: str | None, key: str, **values: object) -> str:
    """The string ``key`` in ``language``, formatted with ``values``."""
    template = CATALOGUE[normalize_language(language)][key]
    return template.format(**values) if values else template


def reason_label(language: str | None, code: str) -> str:
    """Full label of a non-calculability reason code (the code itself when unknown)."""
    catalogue = CATALOGUE[normalize_language(language)]
    return catalogue.get(f"reason.{code}") or text(language, "reason.unknown", code=code)


def reason_short(language: str | None, code: str) -> str:
    """Short label of a reason code, for the chart."""
    catalogue = CATALOGUE[normalize_language(language)]
    return catalogue.get(f"reason_short.{code}") or reason_label(language, code)


# The copy sheet: the official form's labels (in French on the platform, so in both languages),
# its sections in the form's order, and the words around them.
_COPY_SHEET_LABELS: dict[str, str] = {
    "section.declarant": "Informations déclarant",
    "section.company": "Informations entreprise",
    "section.period": "Informations calcul et période de référence",
    "section.indicators": "Indicateurs",
    "section.index": "Niveau de résultat et mesures de correction",
    "section.publication": "Publication des résultats",
    "année_indicateurs": "Année au titre de laquelle les indicateurs sont calculés",
    "prénom": "Prénom du déclarant",
    "nom": "Nom du déclarant",
    "téléphone": "Téléphone",
    "email": "Adresse email",
    "siren": "Numéro SIREN",
    "raison_sociale": "Raison sociale",
    "adresse": "Adresse",
    "code_postal": "Code postal",
    "commune": "Commune",
    "département": "Département",
    "région": "Région",
    "code_naf": "Code NAF",
    "tranche": "Tranche d'effectifs assujettie",
    "total": "Effectif total retenu pour le calcul",
    "plan_relance": "Avez-vous bénéficié en 2021 et/ou 2022 d'une aide du plan de relance ?",
    "période_suffisante": "Période de référence de 12 mois consécutifs",
    "fin_période_référence": "Date de fin de la période de référence",
    "rémunérations": "Indicateur écart de rémunération",
    "augmentations": "Indicateur écart de taux d'augmentations individuelles",
    "promotions": "Indicateur écart de taux de promotions",
    "augmentations_et_promotions": "Indicateur écart de taux d'augmentations individuelles",
    "congés_maternité": "Indicateur retour de congé maternité",
    "hautes_rémunérations": "Indicateur hautes rémunérations",
    "mode": "Modalité de calcul",
    "date_consultation_cse": "Date de consultation du CSE",
    "résultat": "Résultat final obtenu (%)",
    "résultat_nombre_salariés": "Résultat final en nombre équivalent de salariés",
    "population_favorable": "Population envers laquelle l'écart est favorable",
    "non_calculable": "Motif de non-calculabilité",
    "note": "Nombre de points obtenus",
    "index": "Index",
    "points": "Total des points obtenus",
    "points_calculables": "Nombre de points maximum pouvant être obtenus",
    "mesures_correctives": "Mesures de correction prévues",
    "date": "Date de publication des résultats",
    "url": "Adresse du site internet de publication",
    "modalités": "Modalités de communication auprès des salariés",
    "yes": "Oui",
    "no": "Non",
}
COPY_SHEET: dict[str, dict[str, str]] = {
    "fr": {
        **_COPY_SHEET_LABELS,
        "title": "Fiche de recopie – Index Egapro {year}",
        "subtitle": "À saisir sur {url}, dans l'ordre du formulaire officiel",
    },
    "en": {
        **_COPY_SHEET_LABELS,
        "title": "Copy sheet – Index Egapro {year}",
        "subtitle": "To type on {url}, in the order of the official form (labels as shown there)",
    },
}
