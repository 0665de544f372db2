"""Every word of the web pages, French first, then English; plain text (pages escape it)."""

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

TEXTS: dict[str, dict[str, str]] = {
    "chat.title": {"fr": "Assistant Egapro", "en": "Egapro assistant"},
    "chat.placeholder": {"fr": "Votre message…", "en": "Your message…"},
    "chat.send": {"fr": "Envoyer", "en": "Send"},
    "chat.attach": {"fr": "Joindre un fichier", "en": "Attach a file"},
    "chat.file": {"fr": "fichier", "en": "file"},
    "chat.failed": {
        "fr": "Le message n'a pas pu être envoyé. Réessayez.",
        "en": "The message could not be sent. Try again.",
    },
    "chat.offline": {
        "fr": "Connexion perdue, nouvelle tentative…",
        "en": "Connection lost, trying again…",
    },
    "chat.too_big": {
        "fr": "Fichier trop volumineux : {size} au plus.",
        "en": "File too large: {size} at most.",
    },
    "chat.empty": {"fr": "Message vide.", "en": "Empty message."},
    "chat.too_long": {
        "fr": "Message trop long : 4096 caractères au plus.",
        "en": "Message too long: 4096 characters at most.",
    },
    "chat.no_button": {
        "fr": "Ce bouton n'est plus disponible.",
        "en": "This button is no longer available.",
    },
    "chat.no_file": {"fr": "Aucun fichier reçu.", "en": "No file received."},
    "mailbox.title": {"fr": "Boîte aux lettres locale", "en": "Local mailbox"},
    "mailbox.intro": {
        "fr": (
            "Aucun relais SMTP n'est configuré (EGAPRO_SMTP_HOST) : les emails de l'assistant "
            "arrivent ici, tels que leurs destinataires les verraient."
        ),
        "en": (
            "No SMTP relay is configured (EGAPRO_SMTP_HOST): the assistant's emails arrive "
            "here, as their recipients would see them."
        ),
    },
    "mailbox.empty": {"fr": "Aucun email pour l'instant.", "en": "No email yet."},
    "mailbox.to": {"fr": "À", "en": "To"},
    "mailbox.from": {"fr": "De", "en": "From"},
    "mailbox.subject": {"fr": "Objet", "en": "Subject"},
    "mailbox.date": {"fr": "Date", "en": "Date"},
    "mailbox.attachments": {"fr": "Pièces jointes", "en": "Attachments"},
    "mailbox.back": {"fr": "Tous les emails", "en": "All emails"},
    "mailbox.no_subject": {"fr": "(sans objet)", "en": "(no subject)"},
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


def size_label(size: int, language: str) -> str:
    """``20971520`` -> ``20 Mo`` (``20 MB``); under a megabyte, in kilobytes."""
    megabyte, kilobyte = 1024 * 1024, 1024
    if size >= megabyte:
        return f"{size // megabyte} {'Mo' if language == 'fr' else 'MB'}"
    return f"{max(size // kilobyte, 1)} {'Ko' if language == 'fr' else 'KB'}"


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
