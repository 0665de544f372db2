"""Texts of the three ways to compute the index: step by step, from a file, from results."""

_AGES_FR = "moins de 30 ans, 30 à 39 ans, 40 à 49 ans, 50 ans et plus"
_AGES_EN = "under 30, 30 to 39, 40 to 49, 50 and over"

STEPS = {
    "compute.progress": {
        "fr": "Étape {step}/{total} – {title}",
        "en": "Step {step}/{total} – {title}",
    },
    "compute.step.year": {"fr": "Année des données", "en": "Data year"},
    "compute.step.period_end": {"fr": "Période de référence", "en": "Reference period"},
    "compute.step.band": {"fr": "Tranche d'effectif", "en": "Workforce band"},
    "compute.step.hc.ouv": {"fr": "Effectifs des ouvriers", "en": "Headcount: workers"},
    "compute.step.hc.emp": {"fr": "Effectifs des employés", "en": "Headcount: employees"},
    "compute.step.hc.tam": {
        "fr": "Effectifs des techniciens et agents de maîtrise",
        "en": "Headcount: technicians and supervisors",
    },
    "compute.step.hc.ic": {
        "fr": "Effectifs des ingénieurs et cadres",
        "en": "Headcount: engineers and managers",
    },
    "compute.step.i1": {
        "fr": "Indicateur 1 – écart de rémunération",
        "en": "Indicator 1 – pay gap",
    },
    "compute.step.i2": {
        "fr": "Indicateur 2 – augmentations individuelles",
        "en": "Indicator 2 – individual raises",
    },
    "compute.step.i3": {"fr": "Indicateur 3 – promotions", "en": "Indicator 3 – promotions"},
    "compute.step.i23": {
        "fr": "Indicateur 2 et 3 – augmentations",
        "en": "Indicator 2&3 – raises",
    },
    "compute.step.i4": {
        "fr": "Indicateur 4 – retour de congé maternité",
        "en": "Indicator 4 – return from maternity leave",
    },
    "compute.step.i5": {
        "fr": "Indicateur 5 – hautes rémunérations",
        "en": "Indicator 5 – highest pay",
    },
    "compute.step.summary": {"fr": "Récapitulatif", "en": "Summary"},
}

NAMES = {
    "compute.csp.ouv": {"fr": "Ouvriers", "en": "Workers"},
    "compute.csp.emp": {"fr": "Employés", "en": "Employees"},
    "compute.csp.tam": {
        "fr": "Techniciens et agents de maîtrise",
        "en": "Technicians and supervisors",
    },
    "compute.csp.ic": {"fr": "Ingénieurs et cadres", "en": "Engineers and managers"},
    "compute.age.under_30": {"fr": "moins de 30 ans", "en": "under 30"},
    "compute.age.30_39": {"fr": "30 à 39 ans", "en": "30 to 39"},
    "compute.age.40_49": {"fr": "40 à 49 ans", "en": "40 to 49"},
    "compute.age.50_plus": {"fr": "50 ans et plus", "en": "50 and over"},
    "compute.band.small": {"fr": "50 à 250 salariés", "en": "50 to 250 employees"},
    "compute.band.medium": {"fr": "251 à 999 salariés", "en": "251 to 999 employees"},
    "compute.band.large": {"fr": "1000 salariés et plus", "en": "1000 employees or more"},
    "compute.mode.csp": {
        "fr": "par catégorie socio-professionnelle",
        "en": "by socio-professional category",
    },
    "compute.mode.branch_level": {
        "fr": "par niveau ou coefficient de la branche",
        "en": "by level or coefficient of the branch classification",
    },
    "compute.mode.other_level": {
        "fr": "par niveau d'une autre méthode de cotation des postes",
        "en": "by level of another job-evaluation method",
    },
    "compute.indicator.indicator1": {
        "fr": "Indicateur 1 – écart de rémunération",
        "en": "Indicator 1 – pay gap",
    },
    "compute.indicator.indicator2": {
        "fr": "Indicateur 2 – écart de taux d'augmentations individuelles",
        "en": "Indicator 2 – individual raise rate gap",
    },
    "compute.indicator.indicator3": {
        "fr": "Indicateur 3 – écart de taux de promotions",
        "en": "Indicator 3 – promotion rate gap",
    },
    "compute.indicator.indicator2and3": {
        "fr": "Indicateur 2 et 3 – écart de taux d'augmentations",
        "en": "Indicator 2&3 – raise rate gap",
    },
    "compute.indicator.indicator4": {
        "fr": "Indicateur 4 – augmentations au retour de congé maternité",
        "en": "Indicator 4 – raises on return from maternity leave",
    },
    "compute.indicator.indicator5": {
        "fr": "Indicateur 5 – 10 plus hautes rémunérations",
        "en": "Indicator 5 – 10 highest pay",
    },
    "compute.indicator_short.indicator1": {"fr": "indicateur 1", "en": "indicator 1"},
    "compute.indicator_short.indicator2": {"fr": "indicateur 2", "en": "indicator 2"},
    "compute.indicator_short.indicator3": {"fr": "indicateur 3", "en": "indicator 3"},
    "compute.indicator_short.indicator2and3": {"fr": "indicateur 2 et 3", "en": "indicator 2&3"},
    "compute.indicator_short.indicator4": {"fr": "indicateur 4", "en": "indicator 4"},
    "compute.indicator_short.indicator5": {"fr": "indicateur 5", "en": "indicator 5"},
    "compute.reason.egvi40pcet": {
        "fr": "les groupes retenus comptent moins de 40 % de l'effectif",
        "en": "the groups that count hold less than 40 % of the workforce",
    },
    "compute.reason.absaugi": {
        "fr": "aucune augmentation individuelle pendant la période",
        "en": "no individual raise during the period",
    },
    "compute.reason.absprom": {
        "fr": "aucune promotion pendant la période",
        "en": "no promotion during the period",
    },
    "compute.reason.etsno5f5h": {
        "fr": "l'effectif compte moins de 5 femmes ou moins de 5 hommes",
        "en": "the workforce has fewer than 5 women or fewer than 5 men",
    },
    "compute.reason.absrcm": {
        "fr": "aucun retour de congé maternité ou d'adoption pendant la période",
        "en": "no return from maternity or adoption leave during the period",
    },
    "compute.reason.absaugpdtcm": {
        "fr": "aucune augmentation pendant les congés maternité ou d'adoption",
        "en": "no raise during the maternity or adoption leaves",
    },
    "compute.reason.am": {"fr": "autre motif", "en": "other reason"},
}

QUESTIONS = {
    "compute.q.year": {
        "fr": (
            "De quelle année sont les données (année des indicateurs) ? Tapez l'année, par "
            "exemple {example}, ou choisissez :"
        ),
        "en": (
            "Which year is the data from (the indicators' year)? Type the year, e.g. {example}, "
            "or choose:"
        ),
    },
    "compute.q.period_end": {
        "fr": (
            "Date de fin de la période de référence de 12 mois ? Elle tombe en {year} : tapez-la "
            "(par exemple 31/12/{year}) ou choisissez :"
        ),
        "en": (
            "Last day of the 12-month reference period? It falls in {year}: type it "
            "(e.g. 31/12/{year}) or choose:"
        ),
    },
    "compute.q.band": {
        "fr": "Tranche d'effectif assujetti de l'entreprise (ou de l'UES) :",
        "en": "Workforce band of the company (or UES):",
    },
    "compute.q.headcount": {
        "fr": (
            "{category} pris en compte sur la période : nombre de femmes puis d'hommes par "
            "tranche d'âge (" + _AGES_FR + "). Une ligne par sexe, par exemple :\n"
            "Femmes : 0 1 2 9\nHommes : 0 5 3 4"
        ),
        "en": (
            "{category} counted over the period: number of women then of men by age band ("
            + _AGES_EN
            + "). One line per sex, for example:\nWomen: 0 1 2 9\nMen: 0 5 3 4"
        ),
    },
    "compute.q.headcount_tip": {
        "fr": (
            "Astuce : vous pouvez envoyer les 8 lignes d'un coup, chacune précédée de sa "
            "catégorie (« Employés, femmes : 2 6 2 8 »)."
        ),
        "en": (
            "Tip: you can send all 8 lines at once, each starting with its category "
            "(“Employees, women: 2 6 2 8”)."
        ),
    },
    "compute.q.mode": {
        "fr": (
            "Comment les rémunérations sont-elles comparées ? Par catégorie "
            "socio-professionnelle (le plus courant), ou par niveau ou coefficient hiérarchique "
            "(de la branche, ou d'une autre méthode de cotation des postes), après consultation "
            "du CSE :"
        ),
        "en": (
            "How is pay compared? By socio-professional category (most common), or by "
            "hierarchical level or coefficient (of the branch, or of another job-evaluation "
            "method), after consulting the works council (CSE):"
        ),
    },
    "compute.q.pay": {
        "fr": (
            "{group} : rémunération annuelle brute moyenne, reconstituée en équivalent temps "
            "plein, des femmes puis des hommes ; une ligne par groupe, dans cet ordre :\n"
            "{groups}\nPar exemple : « 32 500 ; 34 000 ». Seuls les groupes d'au moins 3 femmes "
            "et 3 hommes sont demandés."
        ),
        "en": (
            "{group}: mean annual gross pay, in full-time equivalent, of women then of men; one "
            "line per group, in this order:\n{groups}\nFor example: “32 500; 34 000”. Only "
            "groups of at least 3 women and 3 men are asked."
        ),
    },
    "compute.q.pay_group": {
        "fr": "• {age} ({women} femmes, {men} hommes)",
        "en": "• {age} ({women} women, {men} men)",
    },
    "compute.q.level_title": {"fr": "Niveau « {name} »", "en": "Level “{name}”"},
    "compute.q.levels": {
        "fr": (
            "Niveau n° {number} : sur la première ligne son nom, puis ses effectifs de femmes et "
            "d'hommes par tranche d'âge (" + _AGES_FR + "), par exemple :\n"
            "Niveau A\nFemmes : 0 30 0 0\nHommes : 0 30 0 0\n\n"
            "Déjà répartis : {level_women} femmes sur {women}, {level_men} hommes sur {men}. "
            "Un niveau par message, jusqu'à ce que tout l'effectif soit réparti."
        ),
        "en": (
            "Level no. {number}: its name on the first line, then its headcount of women and "
            "of men by age band (" + _AGES_EN + "), for example:\n"
            "Level A\nWomen: 0 30 0 0\nMen: 0 30 0 0\n\n"
            "Already placed: {level_women} women of {women}, {level_men} men of {men}. One level "
            "per message, until the whole workforce is placed."
        ),
    },
    "compute.q.rates": {
        "fr": (
            "Pourcentage de femmes et d'hommes ayant eu {what} pendant la période, dans chaque "
            "catégorie d'au moins 10 femmes et 10 hommes ; une ligne par catégorie, femmes puis "
            "hommes :\n{groups}\nPar exemple : « 12,5 ; 10 ». S'il n'y en a eu aucune, touchez "
            "le bouton."
        ),
        "en": (
            "Percentage of women and of men who got {what} during the period, in each category "
            "of at least 10 women and 10 men; one line per category, women then men:\n"
            "{groups}\nFor example: “12.5; 10”. If there was none, press the button."
        ),
    },
    "compute.q.rates.i2": {
        "fr": "une augmentation individuelle (hors promotion)",
        "en": "an individual raise (promotions excluded)",
    },
    "compute.q.rates.i3": {"fr": "une promotion", "en": "a promotion"},
    "compute.q.rate_group": {
        "fr": "• {category} ({women} femmes, {men} hommes)",
        "en": "• {category} ({women} women, {men} men)",
    },
    "compute.q.i23": {
        "fr": (
            "Nombre de femmes puis nombre d'hommes ayant eu une augmentation individuelle "
            "(promotions comprises) pendant la période, sur {women} femmes et {men} hommes. "
            "Par exemple : « 12 17 ». S'il n'y en a eu aucune, touchez le bouton."
        ),
        "en": (
            "Number of women then of men who got an individual raise (promotions included) "
            "during the period, out of {women} women and {men} men. For example: “12 17”. If "
            "there was none, press the button."
        ),
    },
    "compute.q.i4": {
        "fr": (
            "Salariées revenues de congé maternité ou d'adoption pendant la période, parmi "
            "celles dont le congé a vu des augmentations dans l'entreprise : combien sont "
            "revenues, puis combien ont été augmentées à leur retour ? Par exemple : « 3 3 ». "
            "Aucun retour : touchez le bouton."
        ),
        "en": (
            "Employees back from maternity or adoption leave during the period, among those "
            "whose leave saw raises in the company: how many came back, then how many of them "
            "got the raise on their return? For example: “3 3”. No return: press the button."
        ),
    },
    "compute.q.i5": {
        "fr": (
            "Parmi les 10 salariés les mieux rémunérés : nombre de femmes puis nombre d'hommes. "
            "Par exemple : « 4 6 »."
        ),
        "en": (
            "Among the 10 best-paid employees: number of women then of men. For example: “4 6”."
        ),
    },
    "compute.current": {"fr": "Réponse actuelle : {value}", "en": "Current answer: {value}"},
    "compute.previous_problem": {
        "fr": "⚠️ Votre réponse précédente ne convient plus : {reason}",
        "en": "⚠️ Your previous answer no longer fits: {reason}",
    },
    "compute.levels_restarted": {
        "fr": "Les niveaux sont effacés : saisissez-les de nouveau.",
        "en": "The levels are cleared: enter them again.",
    },
}

SUMMARY = {
    "compute.summary.intro": {
        "fr": "Vérifiez vos données, puis calculez. Pour corriger, « Modifier une étape ».",
        "en": "Check your data, then compute. To correct it, “Modify a step”.",
    },
    "compute.summary.year": {
        "fr": "Année des données : {year} ; période de référence du {start} au {end}",
        "en": "Data year: {year}; reference period from {start} to {end}",
    },
    "compute.summary.band": {"fr": "Tranche : {band}", "en": "Band: {band}"},
    "compute.summary.headcount": {
        "fr": "Effectifs : {women} femmes, {men} hommes",
        "en": "Headcount: {women} women, {men} men",
    },
    "compute.summary.counts": {
        "fr": "{name} – femmes : {women} ; hommes : {men}",
        "en": "{name} – women: {women}; men: {men}",
    },
    "compute.summary.i1": {"fr": "Indicateur 1 ({mode}) :", "en": "Indicator 1 ({mode}):"},
    "compute.summary.pay": {
        "fr": "{group} : femmes {women} € ; hommes {men} €",
        "en": "{group}: women €{women}; men €{men}",
    },
    "compute.summary.no_valid_group": {
        "fr": "aucun groupe d'au moins 3 femmes et 3 hommes : indicateur non calculable",
        "en": "no group of at least 3 women and 3 men: indicator not calculable",
    },
    "compute.summary.rates": {
        "fr": "{category} : femmes {women} % ; hommes {men} %",
        "en": "{category}: women {women} %; men {men} %",
    },
    "compute.summary.no_valid_csp": {
        "fr": "aucune catégorie d'au moins 10 femmes et 10 hommes : non calculable",
        "en": "no category of at least 10 women and 10 men: not calculable",
    },
    "compute.summary.none.i2": {
        "fr": "aucune augmentation individuelle",
        "en": "no individual raise",
    },
    "compute.summary.none.i3": {"fr": "aucune promotion", "en": "no promotion"},
    "compute.summary.none.i23": {"fr": "aucune augmentation", "en": "no raise"},
    "compute.summary.none.i4": {"fr": "aucun retour de congé", "en": "no return from leave"},
    "compute.summary.i23": {
        "fr": "{women} femmes et {men} hommes augmentés",
        "en": "{women} women and {men} men raised",
    },
    "compute.summary.i4": {
        "fr": "{returned} retour(s), dont {raised} augmentée(s)",
        "en": "{returned} return(s), {raised} of them raised",
    },
    "compute.summary.i5": {"fr": "{women} femmes, {men} hommes", "en": "{women} women, {men} men"},
    "compute.summary.item": {"fr": "{title} : {value}", "en": "{title}: {value}"},
    "compute.edit.choose": {
        "fr": "Quelle étape voulez-vous modifier ? Vos autres réponses sont conservées.",
        "en": "Which step do you want to modify? Your other answers are kept.",
    },
    "compute.edit.step": {"fr": "{number}. {title}", "en": "{number}. {title}"},
    "compute.resume": {
        "fr": (
            "Vous avez un calcul pas à pas en cours (étape {step}/{total}). Le reprendre là où "
            "vous l'avez laissé, ou recommencer ?"
        ),
        "en": (
            "You have a step-by-step computation in progress (step {step}/{total}). Resume "
            "where you left it, or start over?"
        ),
    },
    "compute.steps.intro": {
        "fr": (
            "Calcul pas à pas, comme le simulateur officiel. Vous pouvez revenir en arrière à "
            "tout moment (◀️) et tout vérifier avant le calcul ; /cancel pour abandonner."
        ),
        "en": (
            "Step-by-step computation, like the official simulator. You can go back at any time "
            "(◀️) and check everything before computing; /cancel to abandon."
        ),
    },
}

BUTTONS = {
    "compute.button.back": {"fr": "◀️ Retour", "en": "◀️ Back"},
    "compute.button.keep": {
        "fr": "✅ Garder la réponse actuelle",
        "en": "✅ Keep the current answer",
    },
    "compute.button.band.small": {"fr": "50 à 250", "en": "50 to 250"},
    "compute.button.band.medium": {"fr": "251 à 999", "en": "251 to 999"},
    "compute.button.band.large": {"fr": "1000 et plus", "en": "1000 or more"},
    "compute.button.mode.csp": {
        "fr": "Par catégorie socio-professionnelle",
        "en": "By socio-professional category",
    },
    "compute.button.mode.branch_level": {
        "fr": "Par niveau ou coefficient de branche",
        "en": "By branch level or coefficient",
    },
    "compute.button.mode.other_level": {
        "fr": "Par une autre méthode de cotation",
        "en": "By another job-evaluation method",
    },
    "compute.button.none.i2": {
        "fr": "Aucune augmentation individuelle",
        "en": "No individual raise",
    },
    "compute.button.none.i3": {"fr": "Aucune promotion", "en": "No promotion"},
    "compute.button.none.i23": {"fr": "Aucune augmentation", "en": "No raise"},
    "compute.button.none.i4": {"fr": "Aucun retour de congé", "en": "No return from leave"},
    "compute.button.restart_levels": {
        "fr": "🔄 Recommencer les niveaux",
        "en": "🔄 Start the levels again",
    },
    "compute.button.compute": {"fr": "🧮 Calculer l'index", "en": "🧮 Compute the index"},
    "compute.button.edit": {"fr": "✏️ Modifier une étape", "en": "✏️ Modify a step"},
    "compute.button.summary": {"fr": "📋 Récapitulatif", "en": "📋 Summary"},
    "compute.button.resume": {"fr": "▶️ Reprendre", "en": "▶️ Resume"},
    "compute.button.restart": {"fr": "🔄 Recommencer", "en": "🔄 Start over"},
    "compute.button.menu": {"fr": "🏠 Menu", "en": "🏠 Menu"},
    "compute.button.reason": {"fr": "Non calculable : {reason}", "en": "Not calculable: {reason}"},
    "compute.button.selected": {"fr": "✅ {label}", "en": "✅ {label}"},
    "compute.button.band_auto": {"fr": "Tranche selon le fichier", "en": "Band from the file"},
}

RESULT = {
    "compute.result.title": {"fr": "📊 Résultat de l'Index Egapro", "en": "📊 Index Egapro result"},
    "compute.result.band": {"fr": "Tranche : {band}", "en": "Band: {band}"},
    "compute.result.year": {"fr": "Année des données : {year}", "en": "Data year: {year}"},
    "compute.result.line": {
        "fr": "• {name} : {result} → {note}/{max_note}",
        "en": "• {name}: {result} → {note}/{max_note}",
    },
    "compute.result.line_nc": {
        "fr": "• {name} : non calculable ({reason}) ; ses {max_note} points ne sont pas comptés",
        "en": "• {name}: not calculable ({reason}); its {max_note} points are not counted",
    },
    "compute.result.compensated": {
        "fr": (
            "  note maximale : l'écart favorise le sexe le moins bien rémunéré (mesure de "
            "rattrapage)"
        ),
        "en": "  maximum note: the gap favours the less well-paid sex (catch-up policy)",
    },
    "compute.result.total": {
        "fr": "Total : {points} points sur {max_points} points calculables",
        "en": "Total: {points} points out of {max_points} calculable points",
    },
    "compute.result.index": {"fr": "🏁 Index : {index}/100", "en": "🏁 Index: {index}/100"},
    "compute.result.index_nc": {
        "fr": (
            "🏁 Index non calculable : les indicateurs calculables totalisent moins de 75 points "
            "({max_points})."
        ),
        "en": (
            "🏁 Index not calculable: the calculable indicators total fewer than 75 points "
            "({max_points})."
        ),
    },
    "compute.result.measures": {
        "fr": (
            "⚠️ Index inférieur à 75 : mesures de correction obligatoires, pour atteindre 75 "
            "points dans un délai de 3 ans."
        ),
        "en": (
            "⚠️ Index below 75: corrective measures are mandatory, to reach 75 points within "
            "3 years."
        ),
    },
    "compute.result.objectives": {
        "fr": (
            "📌 Index inférieur à 85 : objectifs de progression à fixer et publier pour : "
            "{indicators}."
        ),
        "en": "📌 Index below 85: progress objectives to set and publish for: {indicators}.",
    },
    "compute.result.no_obligation": {
        "fr": "✅ Index d'au moins 85 : ni mesures de correction ni objectifs de progression.",
        "en": "✅ Index of 85 or more: neither corrective measures nor progress objectives.",
    },
    "compute.result.no_obligation_nc": {
        "fr": (
            "Index non calculable : ni mesures de correction ni objectifs ; publiez les "
            "résultats des indicateurs calculables."
        ),
        "en": (
            "Index not calculable: neither corrective measures nor objectives; publish the "
            "results of the calculable indicators."
        ),
    },
    "compute.result.no_objectives_before_2021": {
        "fr": "Données antérieures à 2021 : pas d'objectifs de progression à publier.",
        "en": "Data before 2021: no progress objectives to publish.",
    },
    "compute.result.next": {
        "fr": "Le graphique et le récapitulatif PDF suivent.",
        "en": "The chart and the PDF summary follow.",
    },
    "compute.result.chart_caption": {
        "fr": "Index Egapro : {index}",
        "en": "Index Egapro: {index}",
    },
    "compute.result.not_calculable_short": {"fr": "non calculable", "en": "not calculable"},
    "compute.value.pct": {"fr": "{value} %", "en": "{value} %"},
    "compute.value.pp": {"fr": "{value} points de %", "en": "{value} percentage points"},
    "compute.value.equivalent": {
        "fr": " ({value} salarié(s) équivalent(s))",
        "en": " ({value} equivalent employee(s))",
    },
    "compute.value.top_ten": {
        "fr": "{value} du sexe sous-représenté ({majority})",
        "en": "{value} of the under-represented sex ({majority})",
    },
    "compute.population.women": {"fr": "en faveur des femmes", "en": "in favour of women"},
    "compute.population.men": {"fr": "en faveur des hommes", "en": "in favour of men"},
    "compute.population.equality": {"fr": "(égalité)", "en": "(equality)"},
    "compute.majority.women": {"fr": "majorité de femmes", "en": "mostly women"},
    "compute.majority.men": {"fr": "majorité d'hommes", "en": "mostly men"},
    "compute.majority.equality": {"fr": "parité", "en": "parity"},
    "compute.engine_refused": {
        "fr": "Le calcul a refusé ces données : {message}",
        "en": "The computation refused this data: {message}",
    },
    "compute.done": {
        "fr": "Pour corriger une donnée, « Modifier une étape » ; sinon, retour au menu.",
        "en": "To correct some data, “Modify a step”; otherwise, back to the menu.",
    },
}

ERRORS = {
    "compute.error.line": {"fr": "Ligne « {line} » : {message}", "en": "Line “{line}”: {message}"},
    "compute.error.not_a_number": {
        "fr": "« {value} » n'est pas un nombre.",
        "en": "“{value}” is not a number.",
    },
    "compute.error.wrong_count": {
        "fr": "J'attendais {count} nombre(s), j'en lis {got}.",
        "en": "I expected {count} number(s) and read {got}.",
    },
    "compute.error.ambiguous_numbers": {
        "fr": (
            "Je ne sais pas où s'arrêtent les nombres (l'espace sert aussi à séparer les "
            "milliers) : séparez les {count} nombres par « ; »."
        ),
        "en": (
            "I can't tell where the numbers end (a space also separates thousands): separate "
            "the {count} numbers with “;”."
        ),
    },
    "compute.error.not_whole": {
        "fr": "Un nombre entier est attendu.",
        "en": "A whole number is expected.",
    },
    "compute.error.below_minimum": {
        "fr": "{value} est trop petit : au moins {minimum} est attendu.",
        "en": "{value} is too small: at least {minimum} is expected.",
    },
    "compute.error.above_maximum": {
        "fr": "{value} est trop grand : au plus {maximum} est attendu.",
        "en": "{value} is too large: at most {maximum} is expected.",
    },
    "compute.error.not_a_date": {
        "fr": "« {value} » n'est pas une date : par exemple 31/12/2025.",
        "en": "“{value}” is not a date: for example 31/12/2025.",
    },
    "compute.error.year_range": {
        "fr": "Une année entre {first} et {last} est attendue.",
        "en": "A year between {first} and {last} is expected.",
    },
    "compute.error.period_not_in_year": {
        "fr": "La période de référence doit se terminer en {year}, l'année des données.",
        "en": "The reference period must end in {year}, the data year.",
    },
    "compute.error.empty": {"fr": "Votre message est vide.", "en": "Your message is empty."},
    "compute.error.use_buttons": {
        "fr": "Choisissez avec les boutons ci-dessous.",
        "en": "Choose with the buttons below.",
    },
    "compute.error.not_text": {
        "fr": (
            "J'attends une réponse tapée au clavier, pas un fichier ni une image. Pour calculer "
            "à partir d'un fichier de salariés, passez par le menu (/start)."
        ),
        "en": (
            "I expect a typed answer, not a file or a picture. To compute from an employee "
            "file, go through the menu (/start)."
        ),
    },
    "compute.error.stale_button": {
        "fr": "Ce bouton ne correspond plus à la question en cours.",
        "en": "This button no longer matches the current question.",
    },
    "compute.error.headcount_other_sex": {
        "fr": (
            "Une seule ligne ne suffit que si elle porte les 8 nombres : les 4 des femmes puis "
            "les 4 des hommes."
        ),
        "en": "A single line must hold all 8 numbers: the women's 4 then the men's 4.",
    },
    "compute.error.headcount_lines": {
        "fr": (
            "J'attends deux lignes de 4 nombres (femmes, puis hommes), ou une ligne de 8 nombres."
        ),
        "en": "I expect two lines of 4 numbers (women, then men), or one line of 8 numbers.",
    },
    "compute.error.pay_lines": {
        "fr": "J'attends {count} ligne(s) de deux rémunérations (femmes, hommes), une par groupe.",
        "en": "I expect {count} line(s) of two pay figures (women, men), one per group.",
    },
    "compute.error.pay_range": {
        "fr": (
            "{value} n'est pas une rémunération annuelle brute plausible : un montant entre "
            "{minimum} et {maximum} € est attendu (par exemple 32 500)."
        ),
        "en": (
            "{value} is not a plausible annual gross pay: an amount between €{minimum} and "
            "€{maximum} is expected (e.g. 32 500)."
        ),
    },
    "compute.error.rate_range": {
        "fr": "{value} n'est pas un pourcentage : un nombre entre 0 et 100 est attendu.",
        "en": "{value} is not a percentage: a number between 0 and 100 is expected.",
    },
    "compute.error.level_format": {
        "fr": (
            "J'attends le nom du niveau sur la première ligne, puis ses effectifs (femmes, puis "
            "hommes)."
        ),
        "en": "I expect the level's name on the first line, then its headcount (women, then men).",
    },
    "compute.error.level_name": {
        "fr": (
            "Le nom du niveau doit contenir des lettres ou des chiffres et tenir en {maximum} "
            "caractères."
        ),
        "en": "The level's name must hold letters or digits and fit in {maximum} characters.",
    },
    "compute.error.level_duplicate": {
        "fr": "Le niveau « {name} » est déjà saisi : chaque niveau a un nom différent.",
        "en": "Level “{name}” is already entered: each level has its own name.",
    },
    "compute.error.level_empty": {
        "fr": "Ce niveau ne compte personne.",
        "en": "This level has nobody.",
    },
    "compute.error.levels_exceed": {
        "fr": (
            "Avec ce niveau, les niveaux compteraient {level_women} femmes et {level_men} "
            "hommes, plus que l'effectif ({women} femmes, {men} hommes)."
        ),
        "en": (
            "With this level, the levels would hold {level_women} women and {level_men} men, "
            "more than the headcount ({women} women, {men} men)."
        ),
    },
    "compute.error.levels_total": {
        "fr": (
            "les niveaux comptent {level_women} femmes et {level_men} hommes, plus que "
            "l'effectif ({women} femmes, {men} hommes) : recommencez les niveaux."
        ),
        "en": (
            "the levels hold {level_women} women and {level_men} men, more than the headcount "
            "({women} women, {men} men): start the levels again."
        ),
    },
    "compute.error.rate_lines": {
        "fr": (
            "J'attends {count} ligne(s) de deux pourcentages (femmes, hommes), une par catégorie."
        ),
        "en": "I expect {count} line(s) of two percentages (women, men), one per category.",
    },
    "compute.error.all_rates_zero": {
        "fr": (
            "Tous les taux ne peuvent pas être à 0 : s'il n'y en a eu aucune, touchez le bouton "
            "prévu."
        ),
        "en": "The rates cannot all be 0: if there was none, press the button for it.",
    },
    "compute.error.rates_missing": {
        "fr": "une catégorie compte désormais au moins 10 femmes et 10 hommes.",
        "en": "a category now has at least 10 women and 10 men.",
    },
    "compute.error.raised_above_headcount": {
        "fr": (
            "il ne peut pas y avoir plus de salariés augmentés que l'effectif ({women} femmes, "
            "{men} hommes)."
        ),
        "en": "there cannot be more people raised than the headcount ({women} women, {men} men).",
    },
    "compute.error.raised_zero": {
        "fr": (
            "Les deux nombres ne peuvent pas être à 0 : s'il n'y a eu aucune augmentation, "
            "touchez le bouton « Aucune augmentation »."
        ),
        "en": "Both numbers cannot be 0: if there was no raise, press “No raise”.",
    },
    "compute.error.raised_above_returned": {
        "fr": "{raised} salariées augmentées, c'est plus que les {returned} retours de congé.",
        "en": "{raised} employees raised is more than the {returned} returns from leave.",
    },
    "compute.error.top_ten_sum": {
        "fr": (
            "Cela fait {total} personnes : les 10 plus hautes rémunérations en comptent au plus 10."
        ),
        "en": "That makes {total} people: the 10 highest pay count at most 10.",
    },
    "compute.error.population_needed": {
        "fr": (
            "Indiquez aussi en faveur de qui est l'écart : « femmes » ou « hommes » (par "
            "exemple « 6,1 femmes »)."
        ),
        "en": "Also say whom the gap favours: “women” or “men” (e.g. “6.1 women”).",
    },
    "compute.error.population_with_zero": {
        "fr": "Un écart de 0 ne favorise personne : tapez simplement 0.",
        "en": "A gap of 0 favours nobody: just type 0.",
    },
    "compute.error.majority_needed": {
        "fr": (
            "Indiquez aussi le sexe majoritaire, par exemple « 2 hommes » (2 femmes parmi les "
            "10, donc 8 hommes)."
        ),
        "en": "Also give the majority sex, e.g. “2 men” (2 women among the 10, so 8 men).",
    },
}

RESULTS_FLOW = {
    "compute.results.intro": {
        "fr": (
            "Vous avez déjà les résultats de vos indicateurs : tapez-les, je calcule les notes "
            "et l'index. /cancel pour abandonner."
        ),
        "en": (
            "You already have your indicators' results: type them and I compute the notes and "
            "the index. /cancel to abandon."
        ),
    },
    "compute.results.progress": {
        "fr": "Résultats – étape {step}/{total}",
        "en": "Results – step {step}/{total}",
    },
    "compute.results.q.r1": {
        "fr": (
            "Indicateur 1 – écart de rémunération : le résultat en % (une décimale) et en faveur "
            "de qui, par exemple « 6,1 femmes », ou « 0 » ; sinon le motif de non-calculabilité :"
        ),
        "en": (
            "Indicator 1 – pay gap: the result in % (one decimal) and whom it favours, e.g. "
            "“6.1 women”, or “0”; otherwise the reason it is not calculable:"
        ),
    },
    "compute.results.q.r2": {
        "fr": (
            "Indicateur 2 – écart de taux d'augmentations individuelles, en points de %, et en "
            "faveur de qui : par exemple « 1,4 hommes », ou « 0 » ; sinon le motif :"
        ),
        "en": (
            "Indicator 2 – individual raise rate gap, in percentage points, and whom it "
            "favours: e.g. “1.4 men”, or “0”; otherwise the reason:"
        ),
    },
    "compute.results.q.r3": {
        "fr": (
            "Indicateur 3 – écart de taux de promotions, en points de %, et en faveur de qui : "
            "par exemple « 0,8 hommes », ou « 0 » ; sinon le motif :"
        ),
        "en": (
            "Indicator 3 – promotion rate gap, in percentage points, and whom it favours: e.g. "
            "“0.8 men”, or “0”; otherwise the reason:"
        ),
    },
    "compute.results.q.r23": {
        "fr": (
            "Indicateur 2 et 3 – l'écart en %, puis l'écart en nombre de salariés équivalents, "
            "et en faveur de qui : par exemple « 4,6 1,7 femmes » ; sinon le motif :"
        ),
        "en": (
            "Indicator 2&3 – the gap in %, then the gap in equivalent employees, and whom it "
            "favours: e.g. “4.6 1.7 women”; otherwise the reason:"
        ),
    },
    "compute.results.q.r4": {
        "fr": (
            "Indicateur 4 – pourcentage de salariées augmentées à leur retour de congé "
            "maternité ou d'adoption (nombre entier), par exemple « 100 » ; sinon le motif :"
        ),
        "en": (
            "Indicator 4 – percentage of employees raised on return from maternity or adoption "
            "leave (whole number), e.g. “100”; otherwise the reason:"
        ),
    },
    "compute.results.q.r5": {
        "fr": (
            "Indicateur 5 – nombre de salariés du sexe sous-représenté parmi les 10 plus hautes "
            "rémunérations (0 à 5), puis le sexe majoritaire : par exemple « 2 hommes » (2 "
            "femmes et 8 hommes), ou « 5 » pour la parité."
        ),
        "en": (
            "Indicator 5 – number of the under-represented sex among the 10 highest pay (0 to "
            "5), then the majority sex: e.g. “2 men” (2 women and 8 men), or “5” for parity."
        ),
    },
}

FILE = {
    "compute.file.ask": {
        "fr": (
            "Envoyez votre fichier de salariés en pièce jointe : CSV ou XLSX, une ligne par "
            "salarié. Colonnes : sexe, catégorie (ouv, emp, tam, ic), âge ou date de naissance, "
            "rémunération annuelle brute en équivalent temps plein ; facultatives : "
            "rémunération réelle, augmenté, promu, retour de congé maternité, augmentée au "
            "retour, niveau, exclu.\n\n"
            "Tranche : {band}\nIndicateur 1 : {mode}\nFin de période : {period_end}\n\n"
            "Changez-les avec les boutons ; si le fichier donne des dates de naissance, tapez la "
            "date de fin de période (par exemple 31/12/2025). Limite : {limit} Mo."
        ),
        "en": (
            "Send your employee file as an attachment: CSV or XLSX, one row per employee. "
            "Columns: sex, category (ouv, emp, tam, ic), age or birth date, annual gross pay in "
            "full-time equivalent; optional: actual pay, raised, promoted, maternity return, "
            "raised on return, level, excluded.\n\n"
            "Band: {band}\nIndicator 1: {mode}\nPeriod end: {period_end}\n\n"
            "Change them with the buttons; if the file gives birth dates, type the period's "
            "last day (e.g. 31/12/2025). Limit: {limit} MB."
        ),
    },
    "compute.file.band_auto": {
        "fr": "selon l'effectif du fichier",
        "en": "from the file's headcount",
    },
    "compute.file.period_none": {"fr": "non précisée", "en": "not given"},
    "compute.file.period_set": {
        "fr": "Fin de période : {date}. J'attends maintenant le fichier.",
        "en": "Period end: {date}. Now send the file.",
    },
    "compute.file.option_set": {"fr": "C'est noté.", "en": "Noted."},
    "compute.file.expected_document": {
        "fr": (
            "J'attends un fichier CSV ou XLSX en pièce jointe (ou une date de fin de période, "
            "par exemple 31/12/2025)."
        ),
        "en": (
            "I expect a CSV or XLSX file as an attachment (or a period end date, e.g. 31/12/2025)."
        ),
    },
    "compute.file.too_big": {
        "fr": (
            "Ce fichier fait {size} Mo : la limite est de {limit} Mo. Enregistrez-le en CSV ou "
            "retirez les colonnes inutiles, puis renvoyez-le."
        ),
        "en": (
            "This file is {size} MB: the limit is {limit} MB. Save it as CSV or remove unused "
            "columns, then send it again."
        ),
    },
    "compute.file.wrong_type": {
        "fr": "« {name} » n'est pas un fichier CSV ou XLSX.",
        "en": "“{name}” is not a CSV or XLSX file.",
    },
    "compute.file.download_failed": {
        "fr": "Je n'ai pas pu récupérer ce fichier. Renvoyez-le.",
        "en": "I could not fetch this file. Send it again.",
    },
    "compute.file.error": {
        "fr": (
            "❌ Le fichier « {name} » n'a pas pu être calculé :\n{message}{where}\n\n"
            "Corrigez-le et renvoyez-le."
        ),
        "en": (
            "❌ The file “{name}” could not be computed:\n{message}{where}\n\n"
            "Fix it and send it again."
        ),
    },
    "compute.file.where": {"fr": "\n📍 {where}", "en": "\n📍 {where}"},
    "compute.file.read": {
        "fr": "Fichier « {name} » : {read} lignes lues, {used} utilisées, {excluded} exclues.",
        "en": "File “{name}”: {read} rows read, {used} used, {excluded} excluded.",
    },
    "compute.file.groups": {
        "fr": (
            "Indicateur 1 : {valid} groupe(s) valide(s) sur {groups} (au moins 3 femmes et "
            "3 hommes), soit {valid_headcount} salariés sur {total_headcount}."
        ),
        "en": (
            "Indicator 1: {valid} valid group(s) of {groups} (at least 3 women and 3 men), "
            "that is {valid_headcount} employees of {total_headcount}."
        ),
    },
    "compute.file.again": {
        "fr": "Vous pouvez envoyer un autre fichier, ou revenir au menu.",
        "en": "You can send another file, or go back to the menu.",
    },
}

MESSAGES = {**STEPS, **NAMES, **QUESTIONS, **SUMMARY, **BUTTONS, **RESULT, **ERRORS}
MESSAGES.update(RESULTS_FLOW)
MESSAGES.update(FILE)
