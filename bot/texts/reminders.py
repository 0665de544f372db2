"""Reminders in Telegram and /rappels (turn them off and on)."""

MESSAGES = {
    "reminders.title.index": {
        "fr": "⏰ Rappel : Index Egapro {year} de {company}",
        "en": "⏰ Reminder: Index Egapro {year} of {company}",
    },
    "reminders.title.index.late": {
        "fr": "⚠️ En retard : Index Egapro {year} de {company}",
        "en": "⚠️ Late: Index Egapro {year} of {company}",
    },
    "reminders.title.objectives": {
        "fr": "⏰ Rappel : objectifs de progression de l'Index {year} de {company}",
        "en": "⏰ Reminder: improvement objectives of the {year} index of {company}",
    },
    "reminders.title.representation": {
        "fr": "⏰ Rappel : représentation équilibrée {year} de {company}",
        "en": "⏰ Reminder: balanced representation {year} of {company}",
    },
    "reminders.title.representation.late": {
        "fr": "⚠️ En retard : représentation équilibrée {year} de {company}",
        "en": "⚠️ Late: balanced representation {year} of {company}",
    },
    "reminders.missing.index.not_started": {
        "fr": "L'Index de l'égalité professionnelle femmes-hommes de l'année {year} (campagne "
        "{campaign_year}) n'est pas encore déclaré.",
        "en": "The gender pay-equality index for {year} ({campaign_year} campaign) is not "
        "declared yet.",
    },
    "reminders.missing.index.in_progress": {
        "fr": "La déclaration de l'Index {year} (campagne {campaign_year}) est commencée mais pas "
        "terminée.",
        "en": "The declaration of the {year} index ({campaign_year} campaign) was started but "
        "not finished.",
    },
    "reminders.missing.objectives": {
        "fr": "L'Index {year}{index_part} (campagne {campaign_year}) est inférieur à 85 : les "
        "objectifs de progression (et, sous 75, les mesures de correction) sont à renseigner "
        "depuis le {since}.",
        "en": "The {year} index{index_part} ({campaign_year} campaign) is below 85: the "
        "improvement objectives (and, below 75, the corrective measures) are due since {since}.",
    },
    "reminders.missing.representation": {
        "fr": "La représentation équilibrée femmes-hommes {year} (campagne {campaign_year}) "
        "n'est pas encore déclarée.",
        "en": "The balanced representation {year} ({campaign_year} campaign) is not declared yet.",
    },
    "reminders.index_part": {"fr": " ({index}/100)", "en": " ({index}/100)"},
    "reminders.timing.before": {
        "fr": "Échéance : le {deadline}, dans {days} jour(s).",
        "en": "Deadline: {deadline}, in {days} day(s).",
    },
    "reminders.timing.today": {
        "fr": "Échéance : aujourd'hui, {deadline}.",
        "en": "Deadline: today, {deadline}.",
    },
    "reminders.timing.late": {
        "fr": "L'échéance était le {deadline} : {days} jour(s) de retard.",
        "en": "The deadline was {deadline}: {days} day(s) late.",
    },
    "reminders.timing.objectives": {
        "fr": "Renseignez-les dès que possible : ils doivent être publiés.",
        "en": "Fill them in as soon as possible: they must be published.",
    },
    "reminders.stop_hint": {
        "fr": "Pour ne plus recevoir ces rappels ici : /rappels.",
        "en": "To stop these reminders here: /rappels.",
    },
    "reminders.button.declare": {
        "fr": "Calculer / déclarer maintenant",
        "en": "Compute / declare now",
    },
    "reminders.button.declared": {
        "fr": "J'ai déjà déclaré sur la plateforme officielle",
        "en": "I already declared on the official platform",
    },
    "reminders.button.objectives": {
        "fr": "Renseigner les objectifs",
        "en": "Fill in the objectives",
    },
    "reminders.button.representation": {
        "fr": "Déclarer la représentation équilibrée",
        "en": "Declare the balanced representation",
    },
    "reminders.settings.on": {
        "fr": "🔔 Vos rappels sont activés : vous êtes prévenu ici avant chaque échéance des "
        "entreprises que vous suivez, et tant qu'une déclaration manque.",
        "en": "🔔 Your reminders are on: you are told here before each deadline of the "
        "companies you follow, and as long as a declaration is missing.",
    },
    "reminders.settings.off": {
        "fr": "🔕 Vos rappels sont désactivés ici. Les déclarants continuent de les recevoir "
        "par email.",
        "en": "🔕 Your reminders are off here. Declarants still receive them by email.",
    },
    "reminders.button.turn_off": {
        "fr": "🔕 Désactiver mes rappels",
        "en": "🔕 Turn my reminders off",
    },
    "reminders.button.turn_on": {
        "fr": "🔔 Activer mes rappels",
        "en": "🔔 Turn my reminders on",
    },
    "command.rappels": {
        "fr": "Mes rappels (activer / désactiver)",
        "en": "My reminders (on / off)",
    },
}
