"""/referent and /pending: a DREETS référent follows their territory in Telegram."""

MESSAGES = {
    "referents.ask_email": {
        "fr": (
            "Réservé aux référents égalité professionnelle des DREETS : envoyez /referent suivi "
            "de votre adresse professionnelle, par exemple /referent prenom.nom@dreets.gouv.fr"
        ),
        "en": (
            "For DREETS pay-equality référents: send /referent followed by your work address, "
            "e.g. /referent first.last@dreets.gouv.fr"
        ),
    },
    "referents.bad_email": {
        "fr": (
            "« {value} » n'est pas une adresse email valide. Exemple : "
            "/referent prenom.nom@dreets.gouv.fr"
        ),
        "en": (
            "“{value}” is not a valid email address. Example: /referent first.last@dreets.gouv.fr"
        ),
    },
    "referents.link_sent": {
        "fr": (
            "📧 Si {email} est l'adresse d'un référent, un lien de confirmation vient de lui être "
            "envoyé (valable {minutes} minutes). Ouvrez-le et confirmez : vous pourrez ensuite "
            "utiliser /pending."
        ),
        "en": (
            "📧 If {email} is a référent's address, a confirmation link has just been sent to it "
            "(valid {minutes} minutes). Open it and confirm: you can then use /pending."
        ),
    },
    "referents.rate_limited": {
        "fr": (
            "Trop de demandes depuis une heure : utilisez le dernier lien reçu ou réessayez "
            "plus tard."
        ),
        "en": "Too many requests in the last hour: use the last link received or try later.",
    },
    "referents.linked": {
        "fr": (
            "✅ Adresse de référent confirmée ({email}). Tapez /pending pour suivre votre "
            "territoire."
        ),
        "en": "✅ Référent address confirmed ({email}). Type /pending to follow your territory.",
    },
    "referents.not_referent": {
        "fr": (
            "/pending est réservé aux référents des DREETS dont l'adresse est confirmée. "
            "Envoyez /referent suivi de votre adresse professionnelle."
        ),
        "en": (
            "/pending is for DREETS référents whose address is confirmed. Send /referent "
            "followed by your work address."
        ),
    },
    "referents.pending.title": {
        "fr": "📋 Campagne {year} – vos départements ({departements})",
        "en": "📋 Campaign {year} – your départements ({departements})",
    },
    "referents.pending.count": {"fr": "• {label} : {count}", "en": "• {label}: {count}"},
    "referents.pending.late": {
        "fr": "⏰ En retard (index non déclaré après le {deadline}) : {count}",
        "en": "⏰ Late (index not declared after {deadline}): {count}",
    },
    "referents.pending.late_line": {
        "fr": "  {siren} {name} ({departement})",
        "en": "  {siren} {name} ({departement})",
    },
    "referents.pending.more": {"fr": "  … et {count} autres", "en": "  … and {count} more"},
    "referents.pending.none_late": {
        "fr": "Aucune entreprise en retard.",
        "en": "No company is late.",
    },
    "referents.pending.dashboard": {
        "fr": "Tableau de bord : {url}",
        "en": "Dashboard: {url}",
    },
    "referents.status.not_subject": {"fr": "Non assujetties", "en": "Not subject"},
    "referents.status.not_started": {"fr": "Non commencées", "en": "Not started"},
    "referents.status.in_progress": {"fr": "En cours", "en": "In progress"},
    "referents.status.declared": {"fr": "Déclarées ici", "en": "Declared here"},
    "referents.status.declared_elsewhere": {
        "fr": "Déclarées sur la plateforme officielle",
        "en": "Declared on the official platform",
    },
}
