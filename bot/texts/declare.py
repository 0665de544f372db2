"""Texts of the declarations: index, objectives and measures, représentation équilibrée, /status."""

_OFFICIAL_FR = (
    "La déclaration légale se fait sur la plateforme officielle Egapro : l'assistant vous "
    "prépare et garde la trace de ce que vous y déclarez."
)
_OFFICIAL_EN = (
    "The legal declaration is made on the official Egapro platform: the assistant prepares it "
    "and keeps track of what you declare there."
)

_DONE_FR = (
    "Ce que l'assistant a fait : il garde cette déclaration (modifiable jusqu'au {until}), a "
    "envoyé l'accusé de réception avec le récapitulatif PDF aux déclarants de l'entreprise "
    "(Accusés de réception envoyés : {count}) et vous rappellera ce qui reste à faire. Ce "
    "n'est pas encore la déclaration légale."
)
_DONE_EN = (
    "What the assistant did: it keeps this declaration (it can be modified until {until}), sent "
    "the receipt with the PDF recap to the company's declarants (Receipts sent: {count}) and "
    "will remind you of what is left. This is not yet the legal declaration."
)

MESSAGES = {
    "menu.declare": {"fr": "📝 Déclarer", "en": "📝 Declare"},
    "declare.not_linked": {
        "fr": (
            "Vous n'êtes pas (ou plus) relié à cette entreprise : vous ne pouvez pas déclarer "
            "pour elle. Reliez-la d'abord depuis « Mes entreprises » (un lien de confirmation "
            "est envoyé à une adresse déclarante)."
        ),
        "en": (
            "You are not (or no longer) linked to this company: you cannot declare for it. "
            "Link it first from “My companies” (a confirmation link is sent to a declarant "
            "address)."
        ),
    },
    "declare.need_result": {
        "fr": (
            "Pour déclarer, calculez d'abord votre index : pas à pas, avec un fichier salariés, "
            "ou en saisissant des résultats déjà calculés. Je proposerai ensuite de déclarer "
            "ce résultat."
        ),
        "en": (
            "To declare, first compute your index: step by step, with an employee file, or by "
            "typing results already computed. I will then offer to declare that result."
        ),
    },
    "declare.no_company": {
        "fr": (
            "Pour déclarer au nom d'une entreprise, reliez-la d'abord : vous indiquez son SIREN "
            "et une adresse email déclarante, je vous envoie un lien de confirmation."
        ),
        "en": (
            "To declare for a company, link it first: you give its SIREN and a declarant "
            "email address, and I send you a confirmation link."
        ),
    },
    "declare.company_chosen": {
        "fr": "Déclaration pour {company}.",
        "en": "Declaration for {company}.",
    },
    "declare.q.company": {
        "fr": "Pour quelle entreprise déclarez-vous ce résultat ?",
        "en": "For which company do you declare this result?",
    },
    "declare.q.year": {
        "fr": (
            "Année des indicateurs (l'année de la période de référence, celle des données) ? "
            "Choisissez-la ou tapez-la ({first} à {last})."
        ),
        "en": (
            "Year of the indicators (the year of the reference period, the data year)? Pick it "
            "or type it ({first} to {last})."
        ),
    },
    "declare.q.name": {
        "fr": "Quelle est la raison sociale de l'entreprise ?",
        "en": "What is the company's registered name?",
    },
    "declare.q.address": {
        "fr": (
            "Adresse de l'entreprise, comme sur le formulaire officiel (numéro et voie, par "
            "exemple : 12 rue de la Paix) ?"
        ),
        "en": (
            "The company's address, as on the official form (number and street, for example: "
            "12 rue de la Paix)?"
        ),
    },
    "declare.q.postal_code": {
        "fr": "Code postal (5 chiffres, par exemple 75002) ?",
        "en": "Postal code (5 digits, for example 75002)?",
    },
    "declare.q.town": {
        "fr": "Commune ? (code postal {postal_code} : département {departement})",
        "en": "Town (commune)? (postal code {postal_code}: département {departement})",
    },
    "declare.q.band": {
        "fr": "Tranche d'effectif de l'entreprise ?{note}",
        "en": "The company's workforce band?{note}",
    },
    "declare.band_fixed": {
        "fr": (
            "\n\nLes indicateurs des entreprises de 50 à 250 salariés ne sont pas ceux des "
            "plus grandes : pour une autre tranche, refaites le calcul."
        ),
        "en": (
            "\n\nCompanies of 50 to 250 employees have other indicators than larger ones: for "
            "another band, compute again."
        ),
    },
    "declare.departement_unknown": {
        "fr": "inconnu (pas de département pour ce code postal)",
        "en": "unknown (no département for this postal code)",
    },
    "declare.summary.address": {"fr": "• Adresse : {address}", "en": "• Address: {address}"},
    "declare.summary.departement": {
        "fr": "• Département : {departement}",
        "en": "• Département: {departement}",
    },
    "declare.summary.band": {
        "fr": "• Tranche d'effectif : {band}",
        "en": "• Workforce band: {band}",
    },
    "declare.button.edit.year": {"fr": "✏️ Année", "en": "✏️ Year"},
    "declare.button.edit.period": {"fr": "✏️ Fin de période", "en": "✏️ Period end"},
    "declare.button.edit.band": {"fr": "✏️ Tranche d'effectif", "en": "✏️ Workforce band"},
    "declare.button.edit.address": {"fr": "✏️ Adresse", "en": "✏️ Address"},
    "declare.error.company_address_missing": {
        "fr": "L'adresse est vide.",
        "en": "The address is empty.",
    },
    "declare.error.company_address_too_long": {
        "fr": "L'adresse fait {length} caractères : {maximum} au plus.",
        "en": "The address has {length} characters: {maximum} at most.",
    },
    "declare.error.company_town_missing": {
        "fr": "La commune est vide.",
        "en": "The town is empty.",
    },
    "declare.error.company_town_too_long": {
        "fr": "La commune fait {length} caractères : {maximum} au plus.",
        "en": "The town has {length} characters: {maximum} at most.",
    },
    "declare.error.postal_code_format": {
        "fr": "« {value} » n'est pas un code postal : il faut 5 chiffres (par exemple 75002).",
        "en": "“{value}” is not a postal code: it takes 5 digits (for example 75002).",
    },
    "declare.error.postal_code_unknown": {
        "fr": "Le code postal {value} n'existe pas en France. Vérifiez-le (par exemple 75002).",
        "en": "The postal code {value} does not exist in France. Check it (for example 75002).",
    },
    "declare.q.period_end": {
        "fr": (
            "Date de fin de la période de référence de 12 mois (elle doit être en {year}) ? "
            "Par exemple 31/12/{year}."
        ),
        "en": (
            "End date of the 12-month reference period (it must be in {year})? For example "
            "31/12/{year}."
        ),
    },
    "declare.q.sufficient": {
        "fr": (
            "L'entreprise a-t-elle au moins 12 mois d'existence sur cette période (période de "
            "référence suffisante) ? Sinon, aucun indicateur ni index n'est déclaré."
        ),
        "en": (
            "Did the company exist for at least 12 months over this period (sufficient "
            "reference period)? If not, no indicator and no index are declared."
        ),
    },
    "declare.q.mode": {
        "fr": (
            "Comment les groupes de l'indicateur 1 (écart de rémunération) ont-ils été constitués ?"
        ),
        "en": "How were the groups of indicator 1 (pay gap) formed?",
    },
    "declare.q.cse_date": {
        "fr": (
            "Une répartition par niveaux ou coefficients demande la consultation préalable du "
            "CSE. À quelle date le CSE a-t-il été consulté ? (par exemple 15/01/2025)"
        ),
        "en": (
            "A breakdown by levels or coefficients requires consulting the works council (CSE) "
            "first. On what date was it consulted? (for example 15/01/2025)"
        ),
    },
    "declare.q.publication_date": {
        "fr": "Date de publication des résultats (par exemple 01/03/2026) ?",
        "en": "Date the results were published (for example 01/03/2026)?",
    },
    "declare.q.url": {
        "fr": (
            "Adresse du site internet où les résultats sont publiés (par exemple "
            "https://www.entreprise.fr/egalite) ? S'il n'y a pas de site, appuyez sur le bouton."
        ),
        "en": (
            "Address of the website where the results are published (for example "
            "https://www.company.com/equality)? If there is no website, press the button."
        ),
    },
    "declare.q.modalities": {
        "fr": (
            "Sans site internet : comment les résultats sont-ils portés à la connaissance des "
            "salariés (affichage, courrier, intranet…) ?"
        ),
        "en": (
            "Without a website: how are the results made known to the employees (notice "
            "board, letter, intranet…)?"
        ),
    },
    "declare.q.measures": {
        "fr": (
            "L'index ({index}/100) est inférieur à 75 : des mesures de correction sont "
            "obligatoires. Où en sont-elles ?"
        ),
        "en": (
            "The index ({index}/100) is below 75: corrective measures are mandatory. Where do "
            "they stand?"
        ),
    },
    "declare.q.declarant": {
        "fr": "Vos prénom et nom, comme déclarant (par exemple : Camille Martin) ?",
        "en": "Your first and last name, as the declarant (for example: Camille Martin)?",
    },
    "declare.q.plan_relance": {
        "fr": (
            "L'entreprise (ou une entreprise de son UES) a-t-elle bénéficié d'une aide au titre "
            "de la mission « Plan de relance » (loi de finances pour 2021) ? La déclaration le "
            "demande à partir des indicateurs 2021."
        ),
        "en": (
            "Did the company (or a company of its UES) receive aid under the “Plan de relance” "
            "(France's 2021 recovery plan)? The declaration asks it from the 2021 indicators on."
        ),
    },
    "declare.q.phone": {
        "fr": (
            "Votre numéro de téléphone, comme déclarant (un numéro français, par exemple "
            "01 23 45 67 89 ou +33 1 23 45 67 89) ?"
        ),
        "en": (
            "Your phone number, as the declarant (a French number, for example 01 23 45 67 89 "
            "or +33 1 23 45 67 89)?"
        ),
    },
    "declare.measures.mmo": {"fr": "Mises en œuvre", "en": "Implemented"},
    "declare.measures.me": {"fr": "Envisagées", "en": "Planned"},
    "declare.measures.mne": {"fr": "Non envisagées", "en": "Not planned"},
    "declare.button.declare_result": {
        "fr": "📝 Déclarer ce résultat",
        "en": "📝 Declare this result",
    },
    "declare.button.yes": {"fr": "Oui", "en": "Yes"},
    "declare.button.no": {"fr": "Non", "en": "No"},
    "declare.button.today": {"fr": "Aujourd'hui", "en": "Today"},
    "declare.button.no_website": {"fr": "Pas de site internet", "en": "No website"},
    "declare.button.confirm": {
        "fr": "✅ Confirmer la déclaration",
        "en": "✅ Confirm the declaration",
    },
    "declare.button.stop": {"fr": "✖️ Abandonner", "en": "✖️ Abandon"},
    "declare.button.objectives": {
        "fr": "🎯 Déclarer les objectifs {year}",
        "en": "🎯 Declare the {year} objectives",
    },
    "declare.stopped": {
        "fr": "C'est abandonné : rien n'a été enregistré. Votre dernier résultat est conservé.",
        "en": "Abandoned: nothing was recorded. Your last result is kept.",
    },
    "declare.modifying": {
        "fr": (
            "Une déclaration {year} existe déjà (faite le {submitted}) : vous allez la modifier. "
            "C'est possible jusqu'au {until}."
        ),
        "en": (
            "A {year} declaration already exists (made on {submitted}): you are going to "
            "modify it. This is possible until {until}."
        ),
    },
    "declare.modifying_erases": {
        "fr": (
            "⚠️ Une déclaration {year} existe déjà (faite le {submitted}) : vous allez la "
            "modifier (possible jusqu'au {until}). Comme sur la plateforme officielle, modifier "
            "la déclaration EFFACE les objectifs et mesures déjà déclarés : il faudra les "
            "déclarer à nouveau."
        ),
        "en": (
            "⚠️ A {year} declaration already exists (made on {submitted}): you are going to "
            "modify it (possible until {until}). As on the official platform, modifying the "
            "declaration ERASES the objectives and measures already declared: they will have "
            "to be declared again."
        ),
    },
    "declare.was_official": {
        "fr": (
            "Vous aviez indiqué avoir déclaré {year} sur la plateforme officielle ; cette "
            "déclaration le remplacera dans l'assistant."
        ),
        "en": (
            "You had said {year} was declared on the official platform; this declaration will "
            "replace that in the assistant."
        ),
    },
    "declare.index_nc": {"fr": "non calculable", "en": "not calculable"},
    "declare.index_value": {"fr": "{index}/100", "en": "{index}/100"},
    "declare.summary.title": {
        "fr": "Récapitulatif de la déclaration :",
        "en": "Summary of the declaration:",
    },
    "declare.summary.company": {"fr": "• Entreprise : {company}", "en": "• Company: {company}"},
    "declare.summary.year": {
        "fr": "• Année des indicateurs : {year}",
        "en": "• Year of the indicators: {year}",
    },
    "declare.summary.period_end": {
        "fr": "• Fin de la période de référence : {date}",
        "en": "• End of the reference period: {date}",
    },
    "declare.summary.insufficient": {
        "fr": "• Période de référence insuffisante : ni indicateur ni index",
        "en": "• Reference period too short: no indicator, no index",
    },
    "declare.summary.index": {"fr": "• Index : {index}", "en": "• Index: {index}"},
    "declare.summary.points": {
        "fr": "• Points : {points} sur {max_points} calculables",
        "en": "• Points: {points} out of {max_points} computable",
    },
    "declare.summary.publication": {
        "fr": "• Publication : le {date}, {where}",
        "en": "• Publication: on {date}, {where}",
    },
    "declare.summary.measures": {
        "fr": "• Mesures de correction : {choice}",
        "en": "• Corrective measures: {choice}",
    },
    "declare.summary.plan_relance": {
        "fr": "• Aide du plan de relance : {answer}",
        "en": "• Recovery plan aid: {answer}",
    },
    "declare.summary.declarant": {"fr": "• Déclarant : {name}", "en": "• Declarant: {name}"},
    "declare.summary.phone": {"fr": "• Téléphone : {phone}", "en": "• Phone: {phone}"},
    "declare.summary.modifying": {
        "fr": "Cette déclaration remplacera celle déjà faite pour cette année.",
        "en": "This declaration will replace the one already made for that year.",
    },
    "declare.summary.recomputed": {
        "fr": (
            "À la confirmation, les notes sont recalculées à partir de vos données et un accusé "
            "de réception (avec le récapitulatif PDF) est envoyé à chaque adresse déclarante de "
            "l'entreprise. " + _OFFICIAL_FR
        ),
        "en": (
            "On confirmation, the scores are computed again from your data and a receipt (with "
            "the PDF recap) is sent to every declarant address of the company. " + _OFFICIAL_EN
        ),
    },
    "declare.saved": {
        "fr": (
            "✅ Déclaration enregistrée dans l'assistant : {company}, Index {year} : {index}.\n\n"
            + _DONE_FR
        ),
        "en": (
            "✅ Declaration recorded in the assistant: {company}, {year} index: {index}.\n\n"
            + _DONE_EN
        ),
    },
    "declare.modified": {
        "fr": (
            "✅ Déclaration modifiée dans l'assistant : {company}, Index {year} : {index}.\n\n"
            + _DONE_FR
        ),
        "en": (
            "✅ Declaration modified in the assistant: {company}, {year} index: {index}.\n\n"
            + _DONE_EN
        ),
    },
    "declare.todo": {
        "fr": (
            "👉 Ce qu'il vous reste à faire : la déclaration légale, sur la plateforme officielle "
            "{url}, au plus tard le {deadline} (date limite de la campagne {campaign}). La fiche "
            "de recopie ci-dessous (PDF et texte) donne chaque valeur à saisir, dans l'ordre du "
            "formulaire officiel."
        ),
        "en": (
            "👉 What you still have to do: the legal declaration, on the official platform "
            "{url}, by {deadline} (deadline of campaign {campaign}). The copy sheet below (PDF "
            "and text) gives every value to type, in the order of the official form."
        ),
    },
    "declare.todo_late": {
        "fr": (
            "⚠️ Ce qu'il vous reste à faire : la déclaration légale, sur la plateforme officielle "
            "{url}. La date limite de la campagne {campaign} ({deadline}) est passée : la "
            "déclaration est en retard, faites-la sans attendre. La fiche de recopie ci-dessous "
            "(PDF et texte) donne chaque valeur à saisir, dans l'ordre du formulaire officiel."
        ),
        "en": (
            "⚠️ What you still have to do: the legal declaration, on the official platform "
            "{url}. The deadline of campaign {campaign} ({deadline}) has passed: the declaration "
            "is late, make it at once. The copy sheet below (PDF and text) gives every value to "
            "type, in the order of the official form."
        ),
    },
    "declare.copy_sheet_caption": {
        "fr": "📋 Fiche de recopie : les valeurs à saisir sur {url}.",
        "en": "📋 Copy sheet: the values to type on {url}.",
    },
    "declare.erased_here": {
        "fr": (
            "⚠️ Cette modification a EFFACÉ les objectifs et mesures {year} déclarés (comme sur "
            "la plateforme officielle). Chaque adresse déclarante en est informée par email. "
            "Déclarez-les à nouveau."
        ),
        "en": (
            "⚠️ This modification ERASED the {year} objectives and measures that were declared "
            "(as on the official platform). Every declarant address is told by email. Declare "
            "them again."
        ),
    },
    "declare.objectives_due": {
        "fr": (
            "L'index est inférieur à 85 : des objectifs de progression (et, sous 75, des "
            "mesures de correction) sont à déclarer."
        ),
        "en": (
            "The index is below 85: progression objectives (and, below 75, corrective "
            "measures) are to be declared."
        ),
    },
    "declare.erased_notice": {
        "fr": (
            "⚠️ {who} a modifié la déclaration de l'Index {year} pour {company}. Comme sur la "
            "plateforme officielle, les objectifs et mesures déclarés ont été effacés : ils "
            "sont à déclarer à nouveau (/status)."
        ),
        "en": (
            "⚠️ {who} modified the {year} index declaration of {company}. As on the official "
            "platform, the objectives and measures that were declared have been erased: they "
            "must be declared again (/status)."
        ),
    },
    "declare.objectives.reason.official_platform": {
        "fr": "l'index a été déclaré sur la plateforme officielle : les objectifs s'y déclarent",
        "en": "the index was declared on the official platform: objectives are declared there",
    },
    "declare.objectives.reason.period_insufficient": {
        "fr": "la période de référence est insuffisante (pas d'index)",
        "en": "the reference period is too short (no index)",
    },
    "declare.objectives.reason.before_2021": {
        "fr": "les objectifs ne sont dus qu'à partir des données 2021",
        "en": "objectives are only due from the 2021 data onwards",
    },
    "declare.objectives.reason.not_calculable": {
        "fr": "l'index n'est pas calculable",
        "en": "the index is not calculable",
    },
    "declare.objectives.reason.index_85": {
        "fr": "l'index est d'au moins 85 : aucun objectif n'est dû",
        "en": "the index is 85 or more: no objective is due",
    },
    # Refusals: the rule, and what was wrong.
    "declare.error.year_range": {
        "fr": "L'année des indicateurs doit être comprise entre {first} et {last}.",
        "en": "The year of the indicators must be between {first} and {last}.",
    },
    "declare.error.representation_year_range": {
        "fr": ("La représentation équilibrée se déclare pour les années {first} à {last}."),
        "en": "Balanced representation is declared for the years {first} to {last}.",
    },
    "declare.error.period_end_missing": {
        "fr": "La date de fin de la période de référence est obligatoire.",
        "en": "The end date of the reference period is required.",
    },
    "declare.error.period_end_not_in_year": {
        "fr": (
            "La fin de la période de référence doit être en {year}, l'année au titre de "
            "laquelle les indicateurs sont calculés."
        ),
        "en": (
            "The end of the reference period must be in {year}, the year the indicators are "
            "computed for."
        ),
    },
    "declare.error.cse_date_missing": {
        "fr": "Avec une répartition par niveaux, la date de consultation du CSE est obligatoire.",
        "en": "With a breakdown by levels, the date the CSE was consulted is required.",
    },
    "declare.error.cse_date_forbidden": {
        "fr": "La date de consultation du CSE ne se déclare pas avec la répartition par CSP.",
        "en": "The CSE consultation date is not declared with the breakdown by CSP.",
    },
    "declare.error.cse_date_too_early": {
        "fr": "La consultation du CSE ne peut pas être antérieure au {earliest}.",
        "en": "The CSE consultation cannot be earlier than {earliest}.",
    },
    "declare.error.date_in_future": {
        "fr": "Cette date est dans le futur.",
        "en": "This date is in the future.",
    },
    "declare.error.url_invalid": {
        "fr": (
            "« {text} » n'est pas une adresse de site internet (exemple : "
            "https://www.entreprise.fr/egalite)."
        ),
        "en": "“{text}” is not a website address (example: https://www.company.com/equality).",
    },
    "declare.error.company_name_missing": {
        "fr": "La raison sociale est vide.",
        "en": "The registered name is empty.",
    },
    "declare.error.company_name_too_long": {
        "fr": "La raison sociale fait {length} caractères : {maximum} au plus.",
        "en": "The registered name has {length} characters: {maximum} at most.",
    },
    "declare.error.publication_modalities_missing": {
        "fr": "Décrivez comment les résultats sont communiqués aux salariés.",
        "en": "Describe how the results are made known to the employees.",
    },
    "declare.error.publication_modalities_too_long": {
        "fr": "Ce texte fait {length} caractères : {maximum} au plus.",
        "en": "This text has {length} characters: {maximum} at most.",
    },
    "declare.error.name_too_long": {
        "fr": "Ce nom est trop long ({maximum} caractères au plus).",
        "en": "This name is too long ({maximum} characters at most).",
    },
    "declare.error.name_incomplete": {
        "fr": "Indiquez le prénom puis le nom, séparés par une espace (exemple : Camille Martin).",
        "en": "Give the first name then the last name, separated by a space (e.g. Camille Martin).",
    },
    "declare.error.declarant_missing": {
        "fr": "Le prénom et le nom du déclarant sont obligatoires.",
        "en": "The declarant's first and last name are required.",
    },
    "declare.error.phone_missing": {
        "fr": "Le numéro de téléphone du déclarant est obligatoire.",
        "en": "The declarant's phone number is required.",
    },
    "declare.error.phone_invalid": {
        "fr": (
            "Ce numéro n'est pas reconnu : tapez un numéro de téléphone français à 10 chiffres, "
            "par exemple 01 23 45 67 89 ou +33 1 23 45 67 89."
        ),
        "en": (
            "This number is not recognised: type a 10-digit French phone number, for example "
            "01 23 45 67 89 or +33 1 23 45 67 89."
        ),
    },
    "declare.error.plan_relance_missing": {
        "fr": (
            "La réponse sur le plan de relance est obligatoire pour les indicateurs 2021 et "
            "suivants."
        ),
        "en": "The recovery plan answer is required for the 2021 indicators and later.",
    },
    "declare.error.publication_date_missing": {
        "fr": "La date de publication des résultats est obligatoire quand l'index est calculable.",
        "en": "The publication date of the results is required when the index is calculable.",
    },
    "declare.error.publication_both": {
        "fr": "Indiquez soit un site internet, soit des modalités de communication, pas les deux.",
        "en": "Give either a website or communication modalities, not both.",
    },
    "declare.error.publication_channel_missing": {
        "fr": (
            "La publication doit indiquer un site internet ou, à défaut, les modalités de "
            "communication aux salariés."
        ),
        "en": (
            "The publication must give a website or, without one, how the results are made "
            "known to the employees."
        ),
    },
    "declare.error.corrective_measures_missing": {
        "fr": (
            "L'index ({index}/100) est inférieur à 75 : il faut indiquer où en sont les "
            "mesures de correction (mises en œuvre, envisagées ou non envisagées)."
        ),
        "en": (
            "The index ({index}/100) is below 75: say where the corrective measures stand "
            "(implemented, planned or not planned)."
        ),
    },
    "declare.error.corrective_measures_forbidden": {
        "fr": (
            "L'index est de {index}/100 : les mesures de correction ne concernent que les index "
            "inférieurs à 75."
        ),
        "en": "The index is {index}/100: corrective measures only concern indexes below 75.",
    },
    "declare.error.corrective_measures_not_calculable": {
        "fr": "L'index n'est pas calculable : aucune mesure de correction ne se déclare.",
        "en": "The index is not calculable: no corrective measure is declared.",
    },
    "declare.error.corrective_measures_unknown": {
        "fr": "« {value} » n'est pas un choix de mesures de correction (mmo, me ou mne).",
        "en": "“{value}” is not a corrective-measures choice (mmo, me or mne).",
    },
    "declare.error.favoured_sex_missing": {
        "fr": (
            "{indicator} : un résultat différent de 0 doit indiquer la population favorisée "
            "(femmes ou hommes). Refaites le calcul en l'indiquant."
        ),
        "en": (
            "{indicator}: a result other than 0 must say which population it favours (women "
            "or men). Compute again giving it."
        ),
    },
    "declare.error.result_decimals": {
        "fr": (
            "{indicator} : le résultat déclaré ({value}) doit avoir une décimale au plus, "
            "comme sur la plateforme officielle. Refaites le calcul avec un résultat arrondi."
        ),
        "en": (
            "{indicator}: the declared result ({value}) must have one decimal at most, as on "
            "the official platform. Compute again with a rounded result."
        ),
    },
    "declare.error.mode_missing": {
        "fr": "Indiquez comment les groupes de l'indicateur 1 ont été constitués.",
        "en": "Say how the groups of indicator 1 were formed.",
    },
    "declare.error.mode_unknown": {
        "fr": "« {value} » n'est pas une modalité de calcul de l'indicateur 1.",
        "en": "“{value}” is not a way to compute indicator 1.",
    },
    "declare.error.not_an_index_document": {
        "fr": "Ce dernier résultat n'est pas un calcul d'index : calculez d'abord votre index.",
        "en": "This last result is not an index computation: compute your index first.",
    },
    "declare.error.engine_refused": {
        "fr": "Le calcul refuse ces données : {message}",
        "en": "The computation refuses these data: {message}",
    },
    "declare.error.modification_closed": {
        "fr": (
            "La déclaration {year} ne peut plus être modifiée : elle a été faite le "
            "{submitted}, et une déclaration n'est modifiable que pendant un an après sa "
            "première transmission (jusqu'au {until}). Pour une correction, contactez le "
            "référent égalité salariale de votre DREETS."
        ),
        "en": (
            "The {year} declaration can no longer be modified: it was made on {submitted}, "
            "and a declaration can only be modified for one year after it was first submitted "
            "(until {until}). For a correction, contact the pay-equality référent of your "
            "DREETS."
        ),
    },
    "declare.error.official_index_range": {
        "fr": "L'index est un nombre entier de 0 à 100.",
        "en": "The index is a whole number from 0 to 100.",
    },
    "declare.error.no_declaration": {
        "fr": "Aucune déclaration d'index {year} n'est enregistrée : déclarez d'abord l'index.",
        "en": "No {year} index declaration is recorded: declare the index first.",
    },
    "declare.error.objectives_not_applicable": {
        "fr": "Pas d'objectifs ni de mesures à déclarer ici : {reason}.",
        "en": "No objectives or measures to declare here: {reason}.",
    },
    "declare.error.declaration_changed": {
        "fr": (
            "La déclaration de l'index a été modifiée entre-temps (ce qui efface les objectifs) "
            ": rouvrez les objectifs depuis /status pour les déclarer sur les nouveaux résultats."
        ),
        "en": (
            "The index declaration was modified meanwhile (which erases the objectives): open "
            "the objectives again from /status to declare them on the new results."
        ),
    },
    "declare.error.objectives_closed": {
        "fr": (
            "Les objectifs ne sont plus modifiables depuis le {until} (un an après la déclaration)."
        ),
        "en": (
            "The objectives can no longer be modified since {until} (one year after the "
            "declaration)."
        ),
    },
    "declare.error.objective_unknown_indicator": {
        "fr": "Cet indicateur ne fait pas partie de la déclaration.",
        "en": "This indicator is not part of the declaration.",
    },
    "declare.error.objective_not_calculable": {
        "fr": (
            "{indicator} n'est pas calculable : aucun objectif de progression ne se fixe pour lui."
        ),
        "en": "{indicator} is not calculable: no progression objective is set for it.",
    },
    "declare.error.objective_at_maximum": {
        "fr": (
            "{indicator} a déjà la note maximale ({note}/{max_note}) : un objectif de "
            "progression ne se fixe que pour un indicateur sous sa note maximale."
        ),
        "en": (
            "{indicator} already has the maximum score ({note}/{max_note}): a progression "
            "objective is only set for an indicator below its maximum."
        ),
    },
    "declare.error.objective_empty": {
        "fr": "L'objectif pour {indicator} est vide.",
        "en": "The objective for {indicator} is empty.",
    },
    "declare.error.objective_too_long": {
        "fr": (
            "L'objectif pour {indicator} fait {length} caractères : {maximum} au plus. "
            "Raccourcissez-le."
        ),
        "en": (
            "The objective for {indicator} has {length} characters: {maximum} at most. Shorten it."
        ),
    },
    "declare.error.objective_missing": {
        "fr": "Il manque l'objectif de progression pour {indicator}.",
        "en": "The progression objective for {indicator} is missing.",
    },
    "declare.error.objectives_date_missing": {
        "fr": "La date de publication des objectifs est obligatoire.",
        "en": "The publication date of the objectives is required.",
    },
    "declare.error.objectives_date_before_period": {
        "fr": (
            "Les objectifs ne peuvent pas être publiés avant la fin de la période de référence "
            "({period_end})."
        ),
        "en": (
            "The objectives cannot be published before the end of the reference period "
            "({period_end})."
        ),
    },
    "declare.error.measures_date_missing": {
        "fr": (
            "L'index ({index}/100) est inférieur à 75 : la date de publication des mesures de "
            "correction est obligatoire."
        ),
        "en": (
            "The index ({index}/100) is below 75: the publication date of the corrective "
            "measures is required."
        ),
    },
    "declare.error.measures_date_forbidden": {
        "fr": (
            "L'index est de {index}/100 : une date de publication des mesures de correction ne "
            "se déclare que pour un index inférieur à 75."
        ),
        "en": (
            "The index is {index}/100: a publication date of corrective measures is only "
            "declared for an index below 75."
        ),
    },
    "declare.error.measures_date_before_period": {
        "fr": (
            "Les mesures ne peuvent pas être publiées avant la fin de la période de référence "
            "({period_end})."
        ),
        "en": (
            "The measures cannot be published before the end of the reference period "
            "({period_end})."
        ),
    },
    "declare.error.modalities_missing": {
        "fr": (
            "L'index ({index}/100) est inférieur à 75 : les modalités de communication des "
            "objectifs et mesures aux salariés sont obligatoires."
        ),
        "en": (
            "The index ({index}/100) is below 75: how the objectives and measures are made "
            "known to the employees is required."
        ),
    },
    "declare.error.modalities_missing_no_site": {
        "fr": (
            "Les résultats ne sont pas publiés sur un site internet : les modalités de "
            "communication des objectifs aux salariés sont obligatoires."
        ),
        "en": (
            "The results are not published on a website: how the objectives are made known "
            "to the employees is required."
        ),
    },
    "declare.error.modalities_forbidden": {
        "fr": (
            "L'index est de {index}/100 et les résultats sont publiés sur un site internet : "
            "les modalités de communication ne se déclarent que sous 75, ou de 75 à 84 sans "
            "site internet."
        ),
        "en": (
            "The index is {index}/100 and the results are published on a website: the "
            "communication modalities are only declared below 75, or from 75 to 84 without a "
            "website."
        ),
    },
    "declare.error.modalities_too_long": {
        "fr": "Ce texte fait {length} caractères : {maximum} au plus.",
        "en": "This text has {length} characters: {maximum} at most.",
    },
    "declare.error.pair_sum": {
        "fr": (
            "{women} % de femmes et {men} % d'hommes ne font pas 100 % : tapez seulement le "
            "pourcentage de femmes, je calcule celui des hommes."
        ),
        "en": (
            "{women}% women and {men}% men do not add up to 100%: type only the share of "
            "women, I compute the share of men."
        ),
    },
    # Objectives and measures
    "objectives.title": {
        "fr": "🎯 Objectifs et mesures – {company} – Index {year} : {index}/100",
        "en": "🎯 Objectives and measures – {company} – {year} index: {index}/100",
    },
    "objectives.intro": {
        "fr": (
            "Un objectif de progression (300 caractères au plus) est à fixer pour chaque "
            "indicateur calculable qui n'a pas la note maximale. Appuyez sur un champ pour le "
            "remplir, puis sur « Enregistrer »."
        ),
        "en": (
            "A progression objective (300 characters at most) is to be set for each computable "
            "indicator below its maximum score. Press a field to fill it, then “Save”."
        ),
    },
    "objectives.intro_existing": {
        "fr": "Voici les objectifs et mesures déjà déclarés ; vous pouvez les modifier.",
        "en": "Here are the objectives and measures already declared; you can change them.",
    },
    "objectives.to_fill": {"fr": "à renseigner", "en": "to fill in"},
    "objectives.line.objective": {
        "fr": "✏️ {name} ({note}/{max_note}) : {value}",
        "en": "✏️ {name} ({note}/{max_note}): {value}",
    },
    "objectives.line.at_maximum": {
        "fr": "✔️ {name} ({note}) : note maximale, pas d'objectif",
        "en": "✔️ {name} ({note}): maximum score, no objective",
    },
    "objectives.line.not_calculable": {
        "fr": "— {name} : non calculable, pas d'objectif",
        "en": "— {name}: not calculable, no objective",
    },
    "objectives.line.objectives_date": {
        "fr": "📅 Publication des objectifs : {value}",
        "en": "📅 Publication of the objectives: {value}",
    },
    "objectives.line.measures_date": {
        "fr": "📅 Publication des mesures de correction : {value}",
        "en": "📅 Publication of the corrective measures: {value}",
    },
    "objectives.line.no_measures": {
        "fr": "Mesures de correction : non concernées (index d'au moins 75)",
        "en": "Corrective measures: not concerned (index of 75 or more)",
    },
    "objectives.line.modalities": {
        "fr": "📝 Modalités de communication aux salariés : {value}",
        "en": "📝 How they are made known to the employees: {value}",
    },
    "objectives.line.no_modalities": {
        "fr": "Modalités de communication : non requises (résultats publiés sur un site internet)",
        "en": "Communication modalities: not required (results published on a website)",
    },
    "objectives.button.objective": {"fr": "✏️ Objectif : {name}", "en": "✏️ Objective: {name}"},
    "objectives.button.none": {
        "fr": "{name} : pas d'objectif",
        "en": "{name}: no objective",
    },
    "objectives.button.objectives_date": {
        "fr": "📅 Date de publication des objectifs",
        "en": "📅 Publication date of the objectives",
    },
    "objectives.button.measures_date": {
        "fr": "📅 Date de publication des mesures",
        "en": "📅 Publication date of the measures",
    },
    "objectives.button.modalities": {
        "fr": "📝 Modalités de communication",
        "en": "📝 Communication modalities",
    },
    "objectives.button.save": {"fr": "✅ Enregistrer", "en": "✅ Save"},
    "objectives.ask.objective": {
        "fr": "Tapez l'objectif de progression pour {name} ({maximum} caractères au plus).",
        "en": "Type the progression objective for {name} ({maximum} characters at most).",
    },
    "objectives.current": {"fr": "Actuellement : « {value} »", "en": "Currently: “{value}”"},
    "objectives.ask.od": {
        "fr": (
            "Date de publication des objectifs (pas avant la fin de la période de référence, "
            "le {period_end}) ?"
        ),
        "en": (
            "Publication date of the objectives (not before the end of the reference period, "
            "{period_end})?"
        ),
    },
    "objectives.ask.md": {
        "fr": (
            "Date de publication des mesures de correction (pas avant la fin de la période de "
            "référence, le {period_end}) ?"
        ),
        "en": (
            "Publication date of the corrective measures (not before the end of the reference "
            "period, {period_end})?"
        ),
    },
    "objectives.ask.mo": {
        "fr": (
            "Comment les objectifs et mesures sont-ils portés à la connaissance des salariés "
            "(affichage, intranet, courrier…) ?"
        ),
        "en": (
            "How are the objectives and measures made known to the employees (notice board, "
            "intranet, letter…)?"
        ),
    },
    "objectives.noted": {"fr": "✅ Noté.", "en": "✅ Noted."},
    "objectives.saved": {
        "fr": (
            "✅ Objectifs et mesures enregistrés : {company}, Index {year}.\n"
            "Accusés de réception envoyés : {count}.\n\n" + _OFFICIAL_FR
        ),
        "en": (
            "✅ Objectives and measures recorded: {company}, {year} index.\n"
            "Receipts sent: {count}.\n\n" + _OFFICIAL_EN
        ),
    },
    # Représentation équilibrée
    "representation.pair.executives": {"fr": "Cadres dirigeants", "en": "Senior executives"},
    "representation.pair.governing": {
        "fr": "Membres des instances dirigeantes",
        "en": "Members of the governing bodies",
    },
    "representation.motive.aucun_cadre_dirigeant": {
        "fr": "Il n'y a aucun cadre dirigeant",
        "en": "There is no senior executive",
    },
    "representation.motive.un_seul_cadre_dirigeant": {
        "fr": "Il y a un seul cadre dirigeant",
        "en": "There is only one senior executive",
    },
    "representation.motive.aucune_instance_dirigeante": {
        "fr": "Il n'y a aucune instance dirigeante",
        "en": "There is no governing body",
    },
    "representation.q.company": {
        "fr": "Pour quelle entreprise déclarez-vous la représentation équilibrée ?",
        "en": "For which company do you declare the balanced representation?",
    },
    "representation.q.year": {
        "fr": (
            "Représentation équilibrée (entreprises d'au moins 1 000 salariés trois exercices "
            "consécutifs). Année des données ?"
        ),
        "en": (
            "Balanced representation (companies with 1,000+ employees three years running). "
            "Year of the data?"
        ),
    },
    "representation.q.period_end": {
        "fr": "Date de fin de la période de référence de 12 mois (en {year}) ?",
        "en": "End date of the 12-month reference period (in {year})?",
    },
    "representation.q.executives": {
        "fr": (
            "Pourcentage de femmes parmi les cadres dirigeants (par exemple 28,5 ; je compte "
            "le reste pour les hommes) ? Ou choisissez un motif."
        ),
        "en": (
            "Share of women among the senior executives (for example 28.5; the rest counts for "
            "men)? Or pick a reason."
        ),
    },
    "representation.q.governing": {
        "fr": (
            "Pourcentage de femmes parmi les membres des instances dirigeantes (par exemple "
            "40) ? Ou choisissez le motif."
        ),
        "en": (
            "Share of women among the members of the governing bodies (for example 40)? Or "
            "pick the reason."
        ),
    },
    "representation.q.publication_date": {
        "fr": "Date de publication de ces écarts (par exemple 01/03/2026) ?",
        "en": "Date these shares were published (for example 01/03/2026)?",
    },
    "representation.q.url": {
        "fr": "Adresse du site internet où ils sont publiés ? Sans site, appuyez sur le bouton.",
        "en": "Address of the website where they are published? Without one, press the button.",
    },
    "representation.q.modalities": {
        "fr": "Sans site internet : comment sont-ils portés à la connaissance des salariés ?",
        "en": "Without a website: how are they made known to the employees?",
    },
    "representation.q.declarant": {
        "fr": "Vos prénom et nom, comme déclarant (par exemple : Camille Martin) ?",
        "en": "Your first and last name, as the declarant (for example: Camille Martin)?",
    },
    "representation.result.title": {
        "fr": "Représentation équilibrée {year} :",
        "en": "Balanced representation {year}:",
    },
    "representation.result.met": {
        "fr": "• {name} : {women} % de femmes, {men} % d'hommes – objectif de {target} % atteint",
        "en": "• {name}: {women}% women, {men}% men – {target}% target met",
    },
    "representation.result.missed": {
        "fr": (
            "• {name} : {women} % de femmes, {men} % d'hommes – objectif de {target} % de "
            "chaque sexe NON atteint"
        ),
        "en": "• {name}: {women}% women, {men}% men – {target}% target for each sex NOT met",
    },
    "representation.result.no_target": {
        "fr": (
            "• {name} : {women} % de femmes, {men} % d'hommes (pas d'objectif légal cette année-là)"
        ),
        "en": "• {name}: {women}% women, {men}% men (no legal target that year)",
    },
    "representation.result.nc": {
        "fr": "• {name} : non calculable ({motive})",
        "en": "• {name}: not calculable ({motive})",
    },
    "representation.summary.title": {
        "fr": "Récapitulatif de la représentation équilibrée :",
        "en": "Summary of the balanced representation:",
    },
    "representation.summary.modifying": {
        "fr": "Cette déclaration remplacera celle déjà faite pour cette année.",
        "en": "This declaration will replace the one already made for that year.",
    },
    "representation.modifying": {
        "fr": (
            "La représentation équilibrée {year} a déjà été déclarée le {submitted} : vous "
            "allez la modifier (possible jusqu'au {until})."
        ),
        "en": (
            "The {year} balanced representation was already declared on {submitted}: you are "
            "going to modify it (possible until {until})."
        ),
    },
    "representation.saved": {
        "fr": (
            "✅ Représentation équilibrée enregistrée : {company}, {year}.\n"
            "Accusés de réception envoyés : {count}.\n\n" + _OFFICIAL_FR
        ),
        "en": (
            "✅ Balanced representation recorded: {company}, {year}.\n"
            "Receipts sent: {count}.\n\n" + _OFFICIAL_EN
        ),
    },
    "representation.modified": {
        "fr": (
            "✅ Représentation équilibrée modifiée : {company}, {year}.\n"
            "Accusés de réception envoyés : {count}.\n\n" + _OFFICIAL_FR
        ),
        "en": (
            "✅ Balanced representation modified: {company}, {year}.\n"
            "Receipts sent: {count}.\n\n" + _OFFICIAL_EN
        ),
    },
    # /status
    "status.title": {
        "fr": "📋 Vos entreprises et leurs déclarations :",
        "en": "📋 Your companies and their declarations:",
    },
    "status.index.none": {
        "fr": "Index {year} : non déclaré",
        "en": "{year} index: not declared",
    },
    "status.index.declared": {
        "fr": "Index {year} : déclaré le {date} – {index}",
        "en": "{year} index: declared on {date} – {index}",
    },
    "status.index.official": {
        "fr": "Index {year} : déclaré sur la plateforme officielle",
        "en": "{year} index: declared on the official platform",
    },
    "status.index.official_with": {
        "fr": "Index {year} : déclaré sur la plateforme officielle – {index}/100",
        "en": "{year} index: declared on the official platform – {index}/100",
    },
    "status.objectives.to_fill": {
        "fr": "Objectifs et mesures : à renseigner",
        "en": "Objectives and measures: to fill in",
    },
    "status.objectives.filled": {
        "fr": "Objectifs et mesures : renseignés",
        "en": "Objectives and measures: filled in",
    },
    "status.objectives.not_applicable": {
        "fr": "Objectifs et mesures : non concernés",
        "en": "Objectives and measures: not applicable",
    },
    "status.representation.none": {
        "fr": "Représentation équilibrée {year} : non déclarée",
        "en": "{year} balanced representation: not declared",
    },
    "status.representation.declared": {
        "fr": "Représentation équilibrée {year} : déclarée le {date}",
        "en": "{year} balanced representation: declared on {date}",
    },
    "status.button.declare": {
        "fr": "📝 Déclarer l'index {year}",
        "en": "📝 Declare the {year} index",
    },
    "status.button.modify": {
        "fr": "✏️ Modifier l'index {year}",
        "en": "✏️ Modify the {year} index",
    },
    "status.button.objectives": {
        "fr": "🎯 Objectifs et mesures {year}",
        "en": "🎯 Objectives and measures {year}",
    },
    "status.button.official": {
        "fr": "🏛 Déclaré sur la plateforme officielle ({year})",
        "en": "🏛 Declared on the official platform ({year})",
    },
    "status.button.representation": {
        "fr": "⚖️ Représentation équilibrée {year}",
        "en": "⚖️ Balanced representation {year}",
    },
    "status.button.skip_index": {"fr": "Ne pas l'indiquer", "en": "Don't give it"},
    "status.official.recorded": {
        "fr": (
            "✅ C'est noté : l'Index {year} pour {company} a été déclaré sur la plateforme "
            "officielle ; les rappels de cette campagne s'arrêtent.\n\n"
            "Si vous le souhaitez, tapez l'index obtenu (un nombre de 0 à 100)."
        ),
        "en": (
            "✅ Noted: the {year} index of {company} was declared on the official platform; "
            "this campaign's reminders stop.\n\n"
            "If you wish, type the index obtained (a number from 0 to 100)."
        ),
    },
    "status.official.ask_index": {
        "fr": "Tapez l'index obtenu (un nombre de 0 à 100), ou appuyez sur « Ne pas l'indiquer ».",
        "en": "Type the index obtained (a number from 0 to 100), or press “Don't give it”.",
    },
    "status.official.index_noted": {
        "fr": "✅ Index {year} noté : {index}/100.",
        "en": "✅ {year} index noted: {index}/100.",
    },
    "status.official.already": {
        "fr": (
            "C'était déjà noté : l'Index {year} pour {company} a été déclaré sur la plateforme "
            "officielle."
        ),
        "en": "Already noted: the {year} index of {company} was declared on the official platform.",
    },
    "status.official.already_here": {
        "fr": "L'Index {year} pour {company} est déjà déclaré dans l'assistant.",
        "en": "The {year} index of {company} is already declared in the assistant.",
    },
}
