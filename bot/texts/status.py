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
}
