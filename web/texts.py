"""Every word of the web pages, French first, then English; plain text (pages escape it)."""

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

TEXTS: dict[str, dict[str, str]] = {
    "site": {"fr": "Assistant Egapro", "en": "Egapro assistant"},
    "company_label": {"fr": "{name} (SIREN {siren})", "en": "{name} (SIREN {siren})"},
    "company_label_siren_only": {
        "fr": "Entreprise de SIREN {siren}",
        "en": "Company with SIREN {siren}",
    },
    "verify.title": {"fr": "Confirmer votre adresse", "en": "Confirm your address"},
    "verify.intro": {
        "fr": (
            "Une demande a été faite dans l'assistant Egapro sur Telegram pour agir au nom de "
            "cette entreprise avec votre adresse email."
        ),
        "en": (
            "Someone asked in the Egapro assistant on Telegram to act for this company with "
            "your email address."
        ),
    },
    "verify.company": {"fr": "Entreprise", "en": "Company"},
    "verify.email": {"fr": "Adresse email", "en": "Email address"},
    "verify.asker": {"fr": "Compte Telegram", "en": "Telegram account"},
    "verify.question": {
        "fr": (
            "Si c'est bien vous, confirmez : ce compte Telegram pourra agir pour l'entreprise"
            "{first_declarant}."
        ),
        "en": (
            "If this is you, confirm: that Telegram account will be able to act for the "
            "company{first_declarant}."
        ),
    },
    "verify.first_declarant": {
        "fr": ", et votre adresse deviendra sa première adresse déclarante",
        "en": ", and your address will become its first declarant address",
    },
    "verify.button": {"fr": "Confirmer", "en": "Confirm"},
    "verify.ignore": {
        "fr": (
            "Si vous n'êtes pas à l'origine de cette demande, fermez cette page : rien ne sera "
            "fait sans votre confirmation."
        ),
        "en": (
            "If you did not ask for this, close this page: nothing will happen without your "
            "confirmation."
        ),
    },
    "done.title": {"fr": "C'est confirmé", "en": "Confirmed"},
    "done.body": {
        "fr": (
            "Le compte Telegram qui a fait la demande est maintenant relié à {company}. Vous "
            "pouvez fermer cette page et revenir dans Telegram."
        ),
        "en": (
            "The Telegram account that asked is now linked to {company}. You can close this "
            "page and go back to Telegram."
        ),
    },
    "unknown.title": {"fr": "Lien inconnu", "en": "Unknown link"},
    "unknown.body": {
        "fr": (
            "Ce lien de confirmation n'existe pas : il a peut-être été mal copié (il doit être "
            "recopié en entier). Demandez un nouveau lien dans Telegram, menu « Mes "
            "entreprises »."
        ),
        "en": (
            "This confirmation link does not exist: it may have been copied incompletely. Ask "
            "for a new link in Telegram, menu “My companies”."
        ),
    },
    "expired.title": {"fr": "Lien expiré", "en": "Link expired"},
    "expired.body": {
        "fr": (
            "Ce lien de confirmation a expiré (il est valable {hours} heures). Demandez-en un "
            "nouveau dans Telegram, menu « Mes entreprises »."
        ),
        "en": (
            "This confirmation link has expired (it is valid for {hours} hours). Ask for a new "
            "one in Telegram, menu “My companies”."
        ),
    },
    "used.title": {"fr": "Lien déjà utilisé", "en": "Link already used"},
    "used.body": {
        "fr": (
            "Ce lien de confirmation a déjà servi : chaque lien ne fonctionne qu'une fois. Si "
            "l'entreprise n'apparaît pas dans Telegram (menu « Mes entreprises »), demandez un "
            "nouveau lien."
        ),
        "en": (
            "This confirmation link has already been used: each link works once. If the "
            "company does not show in Telegram (menu “My companies”), ask for a new link."
        ),
    },
    "refused.title": {"fr": "Adresse non autorisée", "en": "Address not allowed"},
    "refused.body": {
        "fr": (
            "Cette adresse n'est pas (ou plus) déclarante de {company} : elle ne peut pas "
            "relier l'entreprise. Demandez à un déclarant de l'entreprise de vous ajouter, ou "
            "écrivez au référent égalité salariale de la DREETS de votre région."
        ),
        "en": (
            "This address is not (or no longer) a declarant of {company}: it cannot link the "
            "company. Ask a declarant of the company to add you, or write to the pay-equality "
            "référent of your region's DREETS."
        ),
    },
    "forbidden.title": {"fr": "Formulaire refusé", "en": "Form refused"},
    "forbidden.body": {
        "fr": (
            "Ce formulaire n'a pas été envoyé depuis la page de confirmation. Rouvrez le lien "
            "reçu par email et appuyez sur « Confirmer »."
        ),
        "en": (
            "This form was not sent from the confirmation page. Open the link you received by "
            "email again and press “Confirm”."
        ),
    },
    "unsubscribe.title": {"fr": "Rappels par email", "en": "Email reminders"},
    "unsubscribe.question": {
        "fr": "Ne plus envoyer de rappels ni de récapitulatifs à {email} ?",
        "en": "Stop sending reminders and digests to {email}?",
    },
    "unsubscribe.button": {"fr": "Ne plus recevoir de rappels", "en": "Stop reminders"},
    "unsubscribe.receipts": {
        "fr": "Les accusés de réception de vos déclarations continueront de vous parvenir.",
        "en": "Receipts of your declarations will still reach you.",
    },
    "unsubscribe.already": {
        "fr": "{email} ne reçoit plus de rappels. Vous pouvez les recevoir à nouveau.",
        "en": "{email} no longer receives reminders. You can receive them again.",
    },
    "unsubscribe.resubscribe": {
        "fr": "Recevoir à nouveau les rappels",
        "en": "Receive reminders again",
    },
    "unsubscribe_done.title": {"fr": "Désinscription faite", "en": "Unsubscribed"},
    "unsubscribe_done.body": {
        "fr": (
            "{email} ne recevra plus de rappels. Pour les recevoir à nouveau, rouvrez le lien "
            "de désinscription."
        ),
        "en": "{email} will no longer receive reminders. To get them again, reopen the link.",
    },
    "resubscribe_done.title": {"fr": "Rappels rétablis", "en": "Reminders back on"},
    "resubscribe_done.body": {
        "fr": "{email} recevra à nouveau les rappels.",
        "en": "{email} will receive reminders again.",
    },
    "declared.title": {
        "fr": "Déjà déclaré sur la plateforme officielle ?",
        "en": "Already declared on the official platform?",
    },
    "declared.question": {
        "fr": "Confirmez que l'Index Egapro {year} de {company} (campagne {campaign_year}) a été "
        "déclaré sur la plateforme officielle : les rappels de cette campagne s'arrêtent.",
        "en": "Confirm that the {year} Index Egapro of {company} ({campaign_year} campaign) was "
        "declared on the official platform: this campaign's reminders stop.",
    },
    "declared.index": {
        "fr": "Index obtenu (facultatif, de 0 à 100)",
        "en": "Index obtained (optional, 0 to 100)",
    },
    "declared.button": {"fr": "Oui, c'est déclaré", "en": "Yes, it is declared"},
    "declared.bad_index": {
        "fr": "L'index est un nombre entier de 0 à 100 (ou rien) : « {value} » ne convient pas. "
        "Rien n'a été enregistré.",
        "en": "The index is a whole number from 0 to 100 (or nothing): “{value}” does not fit. "
        "Nothing was recorded.",
    },
    "declared_done.title": {"fr": "C'est noté", "en": "Noted"},
    "declared_done.body": {
        "fr": "L'Index {year} de {company} est noté comme déclaré sur la plateforme officielle : "
        "les rappels de cette campagne s'arrêtent. Merci !",
        "en": "The {year} index of {company} is recorded as declared on the official platform: "
        "this campaign's reminders stop. Thank you!",
    },
    "declared_here.title": {"fr": "Déjà déclaré ici", "en": "Already declared here"},
    "declared_here.body": {
        "fr": "L'Index {year} de {company} a été déclaré dans l'assistant : rien à changer.",
        "en": "The {year} index of {company} was declared in the assistant: nothing to change.",
    },
    "declared_unknown.title": {"fr": "Lien inconnu", "en": "Unknown link"},
    "declared_unknown.body": {
        "fr": "Ce lien ne correspond à aucun rappel. Répondez FAIT au message reçu, ou "
        "utilisez /status dans Telegram.",
        "en": "This link matches no reminder. Reply DONE to the message you received, or use "
        "/status in Telegram.",
    },
    "unsubscribe_unknown.title": {"fr": "Lien inconnu", "en": "Unknown link"},
    "unsubscribe_unknown.body": {
        "fr": "Ce lien de désinscription n'existe pas : il a peut-être été mal copié.",
        "en": "This unsubscribe link does not exist: it may have been copied incompletely.",
    },
    "not_found.title": {"fr": "Page introuvable", "en": "Page not found"},
    "not_found.body": {
        "fr": "Cette page n'existe pas.",
        "en": "This page does not exist.",
    },
}


def text(key: str, language: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    translations = TEXTS[key]
    template = translations.get(language) or translations[DEFAULT_LANGUAGE]
    return template.format(**params) if params else template


def company_label(siren: str, name: str | None, language: str) -> str:
    if name:
        return text("company_label", language, name=name, siren=siren)
    return text("company_label_siren_only", language, siren=siren)


def preferred_language(accept_language: str | None) -> str:
    """French unless the ``Accept-Language`` header prefers English (by q-value, then order)."""
    best: tuple[float, int, str] | None = None
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGUAGES:
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        candidate = (-quality, position, primary)
        if best is None or candidate < best:
            best = candidate
    return best[2] if best else DEFAULT_LANGUAGE
