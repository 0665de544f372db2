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

# Where a request was made, from a producer's ``channel`` param (``telegram``, the default, or
# ``web_chat`` with ``chat_url``): the ``where`` of a message.
CHANNEL_WHERE = {
    "fr": {
        "telegram": "dans l'assistant Egapro sur Telegram",
        "web_chat": "dans le chat en ligne de l'assistant Egapro ({chat_url})",
    },
    "en": {
        "telegram": "in the Egapro assistant on Telegram",
        "web_chat": "in the Egapro assistant's web chat ({chat_url})",
    },
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

# Added to digests (instead of the reminders' footer): the same one-click unsubscribe.
DIGEST_FOOTER = {
    "fr": (
        "Vous recevez ce récapitulatif parce que votre adresse est celle d'un référent. Pour ne "
        "plus le recevoir, répondez STOP ou suivez ce lien.",
        Action("Ne plus recevoir ce récapitulatif", "unsubscribe_url"),
    ),
    "en": (
        "You receive this digest because your address is a référent's. To stop it, reply STOP "
        "or follow this link.",
        Action("Stop this digest", "unsubscribe_url"),
    ),
}

# The lines of a référent's digest (built from its structured params).
DIGEST_STATUS = {
    "fr": {
        "not_subject": "Non assujetties",
        "not_started": "Non commencées",
        "in_progress": "En cours",
        "declared": "Déclarées ici",
        "declared_elsewhere": "Déclarées sur la plateforme officielle",
    },
    "en": {
        "not_subject": "Not subject",
        "not_started": "Not started",
        "in_progress": "In progress",
        "declared": "Declared here",
        "declared_elsewhere": "Declared on the official platform",
    },
}
DIGEST_LINE = {"fr": "{label} : {count}{change}", "en": "{label}: {count}{change}"}
DIGEST_LATE = {
    "fr": "En retard (index non déclaré après la date limite) : {count}",
    "en": "Late (index not declared after the deadline): {count}",
}
DIGEST_OVERDUE = {
    "fr": "Nouvellement en retard cette semaine : {count}",
    "en": "Newly overdue this week: {count}",
}
DIGEST_OVERDUE_NONE = {
    "fr": "Aucune entreprise nouvellement en retard cette semaine.",
    "en": "No company newly overdue this week.",
}
DIGEST_OVERDUE_MORE = {"fr": "… et {count} autres", "en": "… and {count} more"}
DIGEST_QUESTIONS = {
    "fr": "Questions reçues par email en attente de réponse : {count}",
    "en": "Questions received by email awaiting an answer: {count}",
}

EMAILS: dict[str, dict[str, EmailText]] = {
    # params: siren, company_name (optional), link, expiry_hours, channel (optional), chat_url
    "verification_link": {
        "fr": EmailText(
            subject="Confirmez votre adresse pour {company}",
            blocks=(
                "Bonjour,",
                "Une demande a été faite {where} pour agir au nom de {company} avec cette "
                "adresse email.",
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
                "Someone asked {where} to act for {company} with this email address.",
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
    # Declaration receipts (PDF recap attached). Common params: siren, company_name (optional),
    # year (data year), campaign_year, recorded_on, declarant (who declared).
    # index_receipt also: index, points, max_points, modifiable_until.
    "index_receipt": {
        "fr": EmailText(
            subject="Accusé de réception : Index Egapro {year} – {company} ({index}/100)",
            blocks=(
                "Bonjour,",
                "{declarant} a déclaré dans l'assistant Egapro, le {recorded_on}, l'Index de "
                "l'égalité professionnelle femmes-hommes de l'année {year} (campagne "
                "{campaign_year}) pour {company}.",
                "Index : {index}/100 ({points} points sur {max_points} calculables). Le détail "
                "des indicateurs et de la déclaration est dans le récapitulatif PDF joint.",
                "Cette déclaration peut être modifiée jusqu'au {modifiable_until}. Attention : "
                "modifier la déclaration de l'index efface les objectifs de progression et les "
                "mesures de correction déjà déclarés, qu'il faut alors déclarer à nouveau.",
                "Important : cet email atteste l'enregistrement dans l'assistant ; ce n'est pas "
                "la déclaration légale. Elle se fait sur la plateforme officielle Egapro, "
                "{official_platform_url}, au plus tard le {index_deadline} (date limite de la "
                "campagne {campaign_year}) ; passée cette date, la déclaration est en retard et "
                "doit être faite sans attendre.",
                "Fiche de recopie (aussi en PDF joint) : les valeurs à saisir sur le formulaire "
                "officiel, dans son ordre.\n\n{copy_sheet}",
            ),
        ),
        "en": EmailText(
            subject="Receipt: Index Egapro {year} – {company} ({index}/100)",
            blocks=(
                "Hello,",
                "{declarant} declared in the Egapro assistant, on {recorded_on}, the gender "
                "pay-equality index of {company} for {year} (campaign {campaign_year}).",
                "Index: {index}/100 ({points} points out of {max_points} computable). The "
                "indicators and the declaration are detailed in the attached PDF recap.",
                "This declaration can be modified until {modifiable_until}. Beware: modifying "
                "the index declaration erases the progression objectives and corrective "
                "measures already declared, which must then be declared again.",
                "Important: this email confirms the record kept by the assistant; it is not the "
                "legal declaration. That is made on the official Egapro platform, "
                "{official_platform_url}, by {index_deadline} (deadline of campaign "
                "{campaign_year}); after that date the declaration is late and must be made "
                "at once.",
                "Copy sheet (also attached as a PDF): the values to type on the official form, "
                "in its order.\n\n{copy_sheet}",
            ),
        ),
    },
    # Same params as index_receipt, without index, points, max_points.
    "index_receipt_nc": {
        "fr": EmailText(
            subject="Accusé de réception : Index Egapro {year} – {company} (non calculable)",
            blocks=(
                "Bonjour,",
                "{declarant} a déclaré dans l'assistant Egapro, le {recorded_on}, l'Index de "
                "l'égalité professionnelle femmes-hommes de l'année {year} (campagne "
                "{campaign_year}) pour {company}.",
                "L'index n'est pas calculable : les résultats des indicateurs calculables "
                "restent à publier. Le détail est dans le récapitulatif PDF joint.",
                "Cette déclaration peut être modifiée jusqu'au {modifiable_until}.",
                "Important : cet email atteste l'enregistrement dans l'assistant ; ce n'est pas "
                "la déclaration légale. Elle se fait sur la plateforme officielle Egapro, "
                "{official_platform_url}, au plus tard le {index_deadline} (date limite de la "
                "campagne {campaign_year}) ; passée cette date, la déclaration est en retard et "
                "doit être faite sans attendre.",
                "Fiche de recopie (aussi en PDF joint) : les valeurs à saisir sur le formulaire "
                "officiel, dans son ordre.\n\n{copy_sheet}",
            ),
        ),
        "en": EmailText(
            subject="Receipt: Index Egapro {year} – {company} (not calculable)",
            blocks=(
                "Hello,",
                "{declarant} declared in the Egapro assistant, on {recorded_on}, the gender "
                "pay-equality index of {company} for {year} (campaign {campaign_year}).",
                "The index cannot be calculated: the results of the computable indicators "
                "still have to be published. The details are in the attached PDF recap.",
                "This declaration can be modified until {modifiable_until}.",
                "Important: this email confirms the record kept by the assistant; it is not the "
                "legal declaration. That is made on the official Egapro platform, "
                "{official_platform_url}, by {index_deadline} (deadline of campaign "
                "{campaign_year}); after that date the declaration is late and must be made "
                "at once.",
                "Copy sheet (also attached as a PDF): the values to type on the official form, "
                "in its order.\n\n{copy_sheet}",
            ),
        ),
    },
    # params: siren, company_name (optional), year, recorded_on, declarant
    "objectives_erased": {
        "fr": EmailText(
            subject="Objectifs et mesures effacés : Index Egapro {year} – {company}",
            blocks=(
                "Bonjour,",
                "{declarant} a modifié le {recorded_on} la déclaration de l'Index Egapro {year} "
                "pour {company}. Comme sur la plateforme officielle, cette modification efface "
                "les objectifs de progression et les mesures de correction déclarés pour cette "
                "année.",
                "Ils doivent être déclarés à nouveau : dans l'assistant Egapro, sur Telegram "
                "ou dans le chat en ligne (« Où en suis-je ? » puis « Objectifs »), et sur la "
                "plateforme officielle, {official_platform_url}.",
            ),
        ),
        "en": EmailText(
            subject="Objectives and measures erased: Index Egapro {year} – {company}",
            blocks=(
                "Hello,",
                "{declarant} modified on {recorded_on} the Index Egapro {year} declaration of "
                "{company}. As on the official platform, this modification erases the "
                "progression objectives and corrective measures declared for that year.",
                "They must be declared again: in the Egapro assistant, on Telegram or in the "
                "web chat (“My status” then “Objectives”), and on the official platform, "
                "{official_platform_url}.",
            ),
        ),
    },
    # params: siren, company_name (optional), year, index, recorded_on, declarant
    "objectives_receipt": {
        "fr": EmailText(
            subject="Accusé de réception : objectifs et mesures {year} – {company}",
            blocks=(
                "Bonjour,",
                "{declarant} a déclaré dans l'assistant Egapro, le {recorded_on}, les objectifs "
                "de progression (et, sous 75, les mesures de correction) de l'Index {year} "
                "({index}/100) pour {company}.",
                "Ils figurent dans le récapitulatif PDF joint.",
                "Important : la déclaration légale se fait sur la plateforme officielle Egapro, "
                "{official_platform_url}. Cet accusé de réception ne la remplace pas.",
            ),
        ),
        "en": EmailText(
            subject="Receipt: objectives and measures {year} – {company}",
            blocks=(
                "Hello,",
                "{declarant} declared in the Egapro assistant, on {recorded_on}, the "
                "progression objectives (and, below 75, the corrective measures) of {company} "
                "for the {year} index ({index}/100).",
                "They are in the attached PDF recap.",
                "Important: the legal declaration is made on the official Egapro platform, "
                "{official_platform_url}. This receipt does not replace it.",
            ),
        ),
    },
    # params: siren, company_name (optional), year, campaign_year, recorded_on, declarant
    "representation_receipt": {
        "fr": EmailText(
            subject="Accusé de réception : représentation équilibrée {year} – {company}",
            blocks=(
                "Bonjour,",
                "{declarant} a déclaré dans l'assistant Egapro, le {recorded_on}, les écarts de "
                "représentation femmes-hommes parmi les cadres dirigeants et les membres des "
                "instances dirigeantes de l'année {year} (campagne {campaign_year}) pour "
                "{company}.",
                "Les pourcentages et leur comparaison avec l'objectif légal sont dans le "
                "récapitulatif PDF joint.",
                "Important : la déclaration légale se fait sur la plateforme officielle Egapro, "
                "{official_platform_url}. Cet accusé de réception ne la remplace pas.",
            ),
        ),
        "en": EmailText(
            subject="Receipt: balanced representation {year} – {company}",
            blocks=(
                "Hello,",
                "{declarant} declared in the Egapro assistant, on {recorded_on}, the shares of "
                "women and men among the senior executives and the members of the governing "
                "bodies of {company} for {year} (campaign {campaign_year}).",
                "The percentages and how they compare with the legal target are in the "
                "attached PDF recap.",
                "Important: the legal declaration is made on the official Egapro platform, "
                "{official_platform_url}. This receipt does not replace it.",
            ),
        ),
    },
    # Answers to replies. params: siren (optional), company_name (optional)
    "reply_unsubscribed": {
        "fr": EmailText(
            subject="Vous ne recevrez plus de rappels",
            blocks=(
                "Bonjour,",
                "C'est noté : cette adresse ne recevra plus les rappels ni les récapitulatifs "
                "de l'assistant Egapro. Les accusés de réception de vos déclarations "
                "continueront de vous parvenir.",
                "Pour recevoir à nouveau les rappels, suivez ce lien :",
                Action("Recevoir à nouveau les rappels", "unsubscribe_url"),
            ),
        ),
        "en": EmailText(
            subject="You will no longer receive reminders",
            blocks=(
                "Hello,",
                "Noted: this address will no longer receive the Egapro assistant's reminders "
                "and digests. Receipts of your declarations will still reach you.",
                "To receive reminders again, follow this link:",
                Action("Receive reminders again", "unsubscribe_url"),
            ),
        ),
    },
    # params: siren, company_name (optional), campaign_year, index_text
    "reply_declared": {
        "fr": EmailText(
            subject="Déclaration enregistrée : campagne {campaign_year} – {company}",
            blocks=(
                "Bonjour,",
                "C'est noté : l'Index Egapro de la campagne {campaign_year} de {company} a été "
                "déclaré sur la plateforme officielle{index_text}. Les rappels de cette "
                "campagne sont arrêtés.",
                "Si ce n'est pas le cas, répondez à ce message pour nous le signaler.",
            ),
        ),
        "en": EmailText(
            subject="Declaration recorded: campaign {campaign_year} – {company}",
            blocks=(
                "Hello,",
                "Noted: the Index Egapro of {company} for the {campaign_year} campaign was "
                "declared on the official platform{index_text}. This campaign's reminders are "
                "stopped.",
                "If this is not the case, reply to this message to tell us.",
            ),
        ),
    },
    # params: question (the text received)
    "question_received": {
        "fr": EmailText(
            subject="Nous avons bien reçu votre message",
            blocks=(
                "Bonjour,",
                "Votre message a bien été reçu et transmis au référent égalité professionnelle "
                "qui suit votre entreprise. Il vous répondra directement.",
                "Votre message :\n{question}",
            ),
        ),
        "en": EmailText(
            subject="We received your message",
            blocks=(
                "Hello,",
                "Your message was received and passed on to the pay-equality référent who "
                "follows your company. They will answer you directly.",
                "Your message:\n{question}",
            ),
        ),
    },
    # params: company, asker, subject, question, answered_kind, dashboard_url
    "question_forwarded": {
        "fr": EmailText(
            subject="Question de {company} : {subject}",
            blocks=(
                "Bonjour,",
                "{asker} ({company}) a répondu à un message de l'assistant Egapro "
                "({answered_kind}) :",
                "{question}",
                "Répondez-lui depuis le tableau de bord des référents (votre réponse part par "
                "email et ses réponses vous reviennent) :",
                Action("Ouvrir la fiche de l'entreprise", "dashboard_url"),
                "Ou écrivez-lui directement à l'adresse {asker}.",
            ),
        ),
        "en": EmailText(
            subject="Question from {company}: {subject}",
            blocks=(
                "Hello,",
                "{asker} ({company}) replied to a message of the Egapro assistant "
                "({answered_kind}):",
                "{question}",
                "Answer from the référents' dashboard (your answer goes by email and their "
                "replies come back to you):",
                Action("Open the company's page", "dashboard_url"),
                "Or write to them directly at {asker}.",
            ),
        ),
    },
    # params: filename, summary (several lines)
    "file_scored": {
        "fr": EmailText(
            subject="Résultats de votre fichier {filename}",
            blocks=(
                "Bonjour,",
                "Voici les résultats calculés à partir de votre fichier {filename} :",
                "{summary}",
                "Le graphique et le récapitulatif PDF sont joints. Ces résultats ne sont pas "
                "une déclaration : la déclaration légale se fait sur la plateforme officielle, "
                "{official_platform_url}.",
            ),
        ),
        "en": EmailText(
            subject="Results of your file {filename}",
            blocks=(
                "Hello,",
                "Here are the results computed from your file {filename}:",
                "{summary}",
                "The chart and the PDF recap are attached. These results are not a "
                "declaration: the legal declaration is made on the official platform, "
                "{official_platform_url}.",
            ),
        ),
    },
    # params: filename, errors (one per line, with row and column)
    "file_refused": {
        "fr": EmailText(
            subject="Votre fichier {filename} n'a pas pu être lu",
            blocks=(
                "Bonjour,",
                "Votre fichier {filename} n'a pas pu être utilisé :",
                "{errors}",
                "Corrigez-le et renvoyez-le en réponse à ce message. Le format attendu : une "
                "ligne par salarié, colonnes sexe, csp, age, remuneration_etp... (CSV ou XLSX).",
            ),
        ),
        "en": EmailText(
            subject="Your file {filename} could not be read",
            blocks=(
                "Hello,",
                "Your file {filename} could not be used:",
                "{errors}",
                "Fix it and send it again in reply to this message. The expected format: one "
                "row per employee, columns sexe, csp, age, remuneration_etp... (CSV or XLSX).",
            ),
        ),
    },
    # A reminder (``reminder`` rows of the scheduler). Params: siren, company_name (optional),
    # campaign_year, year (data year), about (index | objectives | representation), state
    # (index: not_started | in_progress), deadline (ISO) and days (to the deadline, negative when
    # late), since (objectives: ISO date they became due), index (objectives). The lines below
    # ({reminder_...}) are made from REMINDER_LINES by ``mail.templates``.
    "reminder": {
        "fr": EmailText(
            subject="{reminder_subject}",
            blocks=(
                "Bonjour,",
                "{reminder_missing}",
                "{reminder_timing}",
                Action("Calculer / déclarer maintenant", "declare_url"),
                "{reminder_done}",
                Action("J'ai déjà déclaré sur la plateforme officielle", "declared_url"),
            ),
        ),
        "en": EmailText(
            subject="{reminder_subject}",
            blocks=(
                "Hello,",
                "{reminder_missing}",
                "{reminder_timing}",
                Action("Compute / declare now", "declare_url"),
                "{reminder_done}",
                Action("I already declared on the official platform", "declared_url"),
            ),
        ),
    },
    # Reminders about objectives and about the représentation équilibrée: the params of
    # "reminder"; a FAIT reply answers the index only, so it is not offered here.
    "reminder_objectives": {
        "fr": EmailText(
            subject="{reminder_subject}",
            blocks=(
                "Bonjour,",
                "{reminder_missing}",
                "{reminder_timing}",
                Action("Calculer / déclarer maintenant", "declare_url"),
            ),
        ),
        "en": EmailText(
            subject="{reminder_subject}",
            blocks=(
                "Hello,",
                "{reminder_missing}",
                "{reminder_timing}",
                Action("Compute / declare now", "declare_url"),
            ),
        ),
    },
    # params: link, minutes
    "referent_sign_in": {
        "fr": EmailText(
            subject="Votre lien de connexion au tableau de bord des référents",
            blocks=(
                "Bonjour,",
                "Voici votre lien pour ouvrir le tableau de bord des référents égalité "
                "professionnelle de l'assistant Egapro :",
                Action("Ouvrir le tableau de bord", "link"),
                "Ce lien est valable {minutes} minutes et ne sert qu'une fois. Si vous n'avez "
                "rien demandé, ignorez ce message : personne ne peut se connecter sans lui.",
            ),
        ),
        "en": EmailText(
            subject="Your sign-in link to the référents' dashboard",
            blocks=(
                "Hello,",
                "Here is your link to open the Egapro assistant's dashboard for pay-equality "
                "référents:",
                Action("Open the dashboard", "link"),
                "This link is valid for {minutes} minutes and works once. If you did not ask "
                "for it, ignore this message: nobody can sign in without it.",
            ),
        ),
    },
    # params: link, minutes, channel (optional), chat_url
    "referent_telegram_link": {
        "fr": EmailText(
            subject="Confirmez votre adresse de référent dans l'assistant Egapro",
            blocks=(
                "Bonjour,",
                "Une demande a été faite {where} pour recevoir, avec cette adresse de "
                "référent, le suivi de votre territoire (/pending).",
                Action("Confirmer", "link"),
                "Ce lien est valable {minutes} minutes et ne sert qu'une fois. Si vous n'êtes "
                "pas à l'origine de cette demande, ignorez ce message.",
            ),
        ),
        "en": EmailText(
            subject="Confirm your référent address in the Egapro assistant",
            blocks=(
                "Hello,",
                "Someone asked {where} to follow your territory (/pending) with this référent "
                "address.",
                Action("Confirm", "link"),
                "This link is valid for {minutes} minutes and works once. If you did not ask "
                "for it, ignore this message.",
            ),
        ),
    },
    # params: siren, company_name (optional), referent, answer, question
    "referent_answer": {
        "fr": EmailText(
            subject="Réponse à votre question – {company}",
            blocks=(
                "Bonjour,",
                "{referent}, référent égalité professionnelle de la DREETS, vous répond :",
                "{answer}",
                "Votre question :\n{question}",
            ),
        ),
        "en": EmailText(
            subject="Answer to your question – {company}",
            blocks=(
                "Hello,",
                "{referent}, pay-equality référent of the DREETS, answers you:",
                "{answer}",
                "Your question:\n{question}",
            ),
        ),
    },
    # params: week, campaign_year, counts, overdue, questions, link (the dashboard)
    "referent_digest": {
        "fr": EmailText(
            subject="Votre territoire cette semaine ({week}) – campagne {campaign_year}",
            blocks=(
                "Bonjour,",
                "Où en sont les entreprises de vos départements dans la campagne "
                "{campaign_year} (entre parenthèses, l'évolution depuis la semaine dernière) :",
                "{counts}",
                "{overdue}",
                "{questions}",
                Action("Ouvrir le tableau de bord", "link"),
            ),
        ),
        "en": EmailText(
            subject="Your territory this week ({week}) – campaign {campaign_year}",
            blocks=(
                "Hello,",
                "Where the companies of your départements stand in the {campaign_year} "
                "campaign (in brackets, the change since last week):",
                "{counts}",
                "{overdue}",
                "{questions}",
                Action("Open the dashboard", "link"),
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

# The lines of a reminder, chosen by its subject, state and timing (see "reminder" above).
REMINDER_LINES = {
    "fr": {
        "subject.index": "Rappel : Index Egapro {year} de {company} à déclarer avant le {deadline}",
        "subject.index.late": "En retard : Index Egapro {year} de {company} non déclaré",
        "subject.objectives": "Rappel : objectifs de progression de l'Index {year} de {company}",
        "subject.representation": "Rappel : représentation équilibrée {year} de {company}",
        "subject.representation.late": "En retard : représentation équilibrée {year} de {company}",
        "missing.index.not_started": "L'Index de l'égalité professionnelle femmes-hommes de "
        "{company} pour l'année {year} (campagne {campaign_year}) n'est pas encore déclaré.",
        "missing.index.in_progress": "La déclaration de l'Index de l'égalité professionnelle "
        "femmes-hommes de {company} pour l'année {year} (campagne {campaign_year}) est "
        "commencée mais pas terminée.",
        "missing.objectives": "L'Index {year} de {company}{index_part} (campagne "
        "{campaign_year}) est inférieur à 85 : les objectifs de progression (et, sous 75, les "
        "mesures de correction) sont à renseigner depuis le {since}, et ne le sont pas encore.",
        "missing.representation": "La représentation équilibrée femmes-hommes parmi les "
        "cadres dirigeants et les instances dirigeantes de {company} pour l'année {year} "
        "(campagne {campaign_year}) n'est pas encore déclarée.",
        "index_part": " ({index}/100)",
        "timing.before": "Échéance : le {deadline}, dans {days} jour(s).",
        "timing.today": "Échéance : aujourd'hui, {deadline}.",
        "timing.late": "L'échéance était le {deadline} : {days} jour(s) de retard.",
        "timing.objectives": "Renseignez-les dès que possible : ils doivent être publiés.",
        "done": "Déjà fait sur la plateforme officielle ({official_platform_url}) ? Répondez "
        "FAIT à ce message (ou FAIT suivi de l'index, par exemple FAIT 87) ou suivez le lien "
        "ci-dessous : les rappels s'arrêtent.",
    },
    "en": {
        "subject.index": "Reminder: Index Egapro {year} of {company} due by {deadline}",
        "subject.index.late": "Late: Index Egapro {year} of {company} not declared",
        "subject.objectives": "Reminder: improvement objectives of the {year} index of {company}",
        "subject.representation": "Reminder: balanced representation {year} of {company}",
        "subject.representation.late": "Late: balanced representation {year} of {company}",
        "missing.index.not_started": "The gender pay-equality index of {company} for {year} "
        "({campaign_year} campaign) is not declared yet.",
        "missing.index.in_progress": "The declaration of the gender pay-equality index of "
        "{company} for {year} ({campaign_year} campaign) was started but not finished.",
        "missing.objectives": "The {year} index of {company}{index_part} ({campaign_year} "
        "campaign) is below 85: the improvement objectives (and, below 75, the corrective "
        "measures) are due since {since} and not filled yet.",
        "missing.representation": "The balanced representation of women and men among senior "
        "executives and governing bodies of {company} for {year} ({campaign_year} campaign) "
        "is not declared yet.",
        "index_part": " ({index}/100)",
        "timing.before": "Deadline: {deadline}, in {days} day(s).",
        "timing.today": "Deadline: today, {deadline}.",
        "timing.late": "The deadline was {deadline}: {days} day(s) late.",
        "timing.objectives": "Fill them in as soon as possible: they must be published.",
        "done": "Already done on the official platform ({official_platform_url})? Reply DONE "
        "(or FAIT) to this message, optionally followed by the index (FAIT 87), or follow the "
        "link below: the reminders stop.",
    },
}

EMAILS["reminder_representation"] = EMAILS["reminder_objectives"]
