"""/status: where each linked company stands in the campaign, and what to do next."""

MESSAGES = {
    "status.official.told": {
        "fr": (
            "ℹ️ Un autre déclarant a indiqué que l'Index {year} de {company} a été déclaré sur la "
            "plateforme officielle ; les rappels de cette campagne s'arrêtent."
        ),
        "en": (
            "ℹ️ Another declarant said the {year} index of {company} was declared on the "
            "official platform; this campaign's reminders stop."
        ),
    },
    "status.official.told_with": {
        "fr": (
            "ℹ️ Un autre déclarant a indiqué que l'Index {year} de {company} a été déclaré sur la "
            "plateforme officielle ({index}/100) ; les rappels de cette campagne s'arrêtent."
        ),
        "en": (
            "ℹ️ Another declarant said the {year} index of {company} was declared on the "
            "official platform ({index}/100); this campaign's reminders stop."
        ),
    },
    "status.campaign.days_left": {
        "fr": "🗓 Campagne {year} (indicateurs {data_year}) : échéance le {deadline}, "
        "dans {days} jour(s).",
        "en": "🗓 {year} campaign ({data_year} data): due on {deadline}, in {days} day(s).",
    },
    "status.campaign.today": {
        "fr": "🗓 Campagne {year} (indicateurs {data_year}) : échéance aujourd'hui, {deadline}.",
        "en": "🗓 {year} campaign ({data_year} data): due today, {deadline}.",
    },
    "status.campaign.late": {
        "fr": "🗓 Campagne {year} (indicateurs {data_year}) : échéance du {deadline} dépassée de "
        "{days} jour(s).",
        "en": "🗓 {year} campaign ({data_year} data): the {deadline} deadline passed {days} "
        "day(s) ago.",
    },
    "status.campaign.off": {
        "fr": "🗓 Campagne {year} : pas de campagne de l'index classique cette année.",
        "en": "🗓 {year}: no classic index campaign this year.",
    },
    "status.index.in_progress": {
        "fr": "Index {year} : en cours",
        "en": "{year} index: in progress",
    },
    "status.measures_required": {
        "fr": "Mesures de correction requises (index inférieur à 75)",
        "en": "Corrective measures required (index below 75)",
    },
    "status.next": {
        "fr": "👉 À faire : {what}",
        "en": "👉 Next: {what}",
    },
    "status.next.declare": {"fr": "déclarer l'index {year}", "en": "declare the {year} index"},
    "status.next.objectives": {
        "fr": "renseigner les objectifs et mesures {year}",
        "en": "fill in the {year} objectives and measures",
    },
    "status.next.representation": {
        "fr": "déclarer la représentation équilibrée {year}",
        "en": "declare the {year} balanced representation",
    },
}
