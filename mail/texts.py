"""Every word the service writes by email, French first, then English.

Adding an email kind is one entry in ``EMAILS``: a subject and blocks, each block a paragraph
with ``{param}`` placeholders or an ``Action`` (a button in HTML, ``label : url`` in text). The
required params are the placeholders used. In a rendered paragraph a newline is a line break and
a blank line starts a new paragraph.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Action:
    label: str
    url_param: str  # the param holding the URL


@dataclass(frozen=True)
class EmailText:
    subject: str
    blocks: tuple[str | Action, ...]


LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

# How a company is named in a message; ``company`` is derived from these when a producer passes
# ``siren`` (and optionally ``company_name``) rather than ``company``.
COMPANY_LABEL = {
    "fr": "{company_name} (SIREN {siren})",
    "en": "{company_name} (SIREN {siren})",
}
COMPANY_LABEL_SIREN_ONLY = {
    "fr": "l'entreprise de SIREN {siren}",
    "en": "the company with SIREN {siren}",
}

SIGNATURE = {
    "fr": "L'assistant Egapro",
    "en": "The Egapro assistant",
}

# Added to every email: answers come back to the service through the Reply-To address.
REPLY_HINT = {
    "fr": "Vous pouvez répondre directement à ce message : votre réponse nous parvient.",
    "en": "You can reply to this message directly: your answer reaches us.",
}

# Added to reminders only (RFC 8058 one-click unsubscribe is in the headers as well).
REMINDER_FOOTER = {
    "fr": (
        "Vous recevez ce rappel parce que votre adresse est déclarante de l'entreprise. "
        "Pour ne plus recevoir de rappels, répondez STOP ou suivez ce lien ; les accusés de "
        "réception continueront de vous parvenir.",
        Action("Ne plus recevoir de rappels", "unsubscribe_url"),
    ),
    "en": (
        "You receive this reminder because your address is a declarant of the company. "
        "To stop reminders, reply STOP or follow this link; receipts will still reach you.",
        Action("Stop reminders", "unsubscribe_url"),
    ),
}

EMAILS: dict[str, dict[str, EmailText]] = {
    # params: siren, company_name (optional), link, expiry_hours
    "verification_link": {
        "fr": EmailText(
            subject="Confirmez votre adresse pour {company}",
            blocks=(
                "Bonjour,",
                "Une demande a été faite dans l'assistant Egapro sur Telegram pour agir au nom "
                "de {company} avec cette adresse email.",
                Action("Confirmer mon adresse", "link"),
                "Ce lien est valable {expiry_hours} heures et ne sert qu'une fois. Il ouvre une "
                "page de confirmation : rien n'est fait tant que vous n'avez pas appuyé sur le "
                "bouton de cette page.",
                "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : aucune "
                "adresse n'est liée sans cette confirmation.",
            ),
        ),
        "en": EmailText(
            subject="Confirm your address for {company}",
            blocks=(
                "Hello,",
                "Someone asked in the Egapro assistant on Telegram to act for {company} with "
                "this email address.",
                Action("Confirm my address", "link"),
                "This link is valid for {expiry_hours} hours and works once. It opens a "
                "confirmation page: nothing happens until you press the button on that page.",
                "If you did not ask for this, ignore this message: no address is linked "
                "without this confirmation.",
            ),
        ),
    },
    # params: siren, company_name (optional), added_by
    "declarant_added": {
        "fr": EmailText(
            subject="Vous êtes déclarant de {company}",
            blocks=(
                "Bonjour,",
                "{added_by} a ajouté votre adresse aux déclarants de {company} dans "
                "l'assistant Egapro (Index de l'égalité professionnelle femmes-hommes).",
                "Vous recevrez désormais les accusés de réception et les rappels de "
                "déclaration de cette entreprise.",
                "S'il s'agit d'une erreur, répondez à ce message pour nous le signaler.",
            ),
        ),
        "en": EmailText(
            subject="You are a declarant of {company}",
            blocks=(
                "Hello,",
                "{added_by} added your address to the declarants of {company} in the Egapro "
                "assistant (French gender pay-equality index).",
                "From now on you will receive this company's declaration receipts and reminders.",
                "If this is a mistake, reply to this message to tell us.",
            ),
        ),
    },
    # params: subject, body (blank lines separate paragraphs)
    "notice": {
        "fr": EmailText(subject="{subject}", blocks=("{body}",)),
        "en": EmailText(subject="{subject}", blocks=("{body}",)),
    },
}

# How an ``Action`` reads in the plain-text part.
ACTION_TEXT = {
    "fr": "{label} :\n{url}",
    "en": "{label}:\n{url}",
}
