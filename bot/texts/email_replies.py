"""What the bot says about email replies: a question asked by email, an address that fails."""

MESSAGES = {
    "email_replies.question": {
        "fr": (
            "✉️ {email} a posé une question par email pour {company} :\n\n{question}\n\n"
            "Elle a été transmise au référent égalité professionnelle."
        ),
        "en": (
            "✉️ {email} asked a question by email for {company}:\n\n{question}\n\n"
            "It was passed on to the pay-equality référent."
        ),
    },
    "email_replies.bounce": {
        "fr": (
            "⚠️ Les emails envoyés à {email} pour {company} ne sont pas distribués "
            "(adresse en échec). Les rappels ne lui sont plus envoyés : vérifiez l'adresse "
            "ou ajoutez-en une autre dans « Mes entreprises »."
        ),
        "en": (
            "⚠️ Emails sent to {email} for {company} are not delivered (failing address). "
            "Reminders no longer go to it: check the address or add another one in "
            "“My companies”."
        ),
    },
}
