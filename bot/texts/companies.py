"""Texts of "Mes entreprises": linking a company by email, and managing its declarant emails."""

_REFERENT_FR = (
    "écrivez au référent égalité salariale de la DREETS de votre région (la liste est sur le "
    "site officiel Egapro)"
)
_REFERENT_EN = (
    "write to the pay-equality référent of your region's DREETS (listed on the official "
    "Egapro site)"
)

MESSAGES = {
    "companies.label": {"fr": "{name} (SIREN {siren})", "en": "{name} (SIREN {siren})"},
    "companies.label_siren_only": {"fr": "SIREN {siren}", "en": "SIREN {siren}"},
    "companies.none": {
        "fr": (
            "Vous n'avez encore relié aucune entreprise.\n\n"
            "Pour agir au nom d'une entreprise, reliez-la : vous indiquez son SIREN et une "
            "adresse email, je vous envoie un lien de confirmation à cette adresse."
        ),
        "en": (
            "You have not linked any company yet.\n\n"
            "To act for a company, link it: you give its SIREN and an email address, and I send "
            "a confirmation link to that address."
        ),
    },
    "companies.list": {
        "fr": "Vos entreprises :\n{items}\n\nChoisissez-en une pour gérer ses déclarants.",
        "en": "Your companies:\n{items}\n\nPick one to manage its declarants.",
    },
    "companies.item": {"fr": "• {company} – via {email}", "en": "• {company} – via {email}"},
    "companies.button.link": {"fr": "➕ Relier une entreprise", "en": "➕ Link a company"},
    "companies.button.declarants": {"fr": "👥 Déclarants", "en": "👥 Declarants"},
    "companies.button.add_declarant": {
        "fr": "➕ Ajouter un déclarant",
        "en": "➕ Add a declarant",
    },
    "companies.button.remove_declarant": {
        "fr": "➖ Retirer un déclarant",
        "en": "➖ Remove a declarant",
    },
    "companies.button.confirm_remove": {"fr": "Oui, retirer", "en": "Yes, remove"},
    "companies.button.back": {"fr": "↩️ Mes entreprises", "en": "↩️ My companies"},
    "companies.ask_siren": {
        "fr": (
            "Quel est le SIREN de l'entreprise ? (9 chiffres ; un SIRET de 14 chiffres convient "
            "aussi, les espaces sont acceptés)\n\n/cancel pour abandonner."
        ),
        "en": (
            "What is the company's SIREN? (9 digits; a 14-digit SIRET works too, spaces are "
            "fine)\n\n/cancel to abandon."
        ),
    },
    "companies.siren.empty": {
        "fr": (
            "Je n'ai pas trouvé de numéro. Tapez le SIREN (9 chiffres) ou le SIRET (14 chiffres)."
        ),
        "en": "I found no number. Type the SIREN (9 digits) or the SIRET (14 digits).",
    },
    "companies.siren.not_digits": {
        "fr": (
            "« {text} » n'est pas un numéro : un SIREN ne contient que des chiffres (9), un "
            "SIRET 14. Tapez-le à nouveau."
        ),
        "en": ("“{text}” is not a number: a SIREN has digits only (9), a SIRET 14. Type it again."),
    },
    "companies.siren.bad_length": {
        "fr": (
            "« {text} » ne fait ni 9 chiffres (SIREN) ni 14 chiffres (SIRET). "
            "Vérifiez le numéro et tapez-le à nouveau."
        ),
        "en": (
            "“{text}” has neither 9 digits (SIREN) nor 14 digits (SIRET). "
            "Check the number and type it again."
        ),
    },
    "companies.siren.bad_checksum": {
        "fr": (
            "« {text} » n'est pas un SIREN valide (la clé de contrôle ne correspond pas) : "
            "un chiffre est probablement erroné ou inversé. Tapez-le à nouveau."
        ),
        "en": (
            "“{text}” is not a valid SIREN (its check digit does not match): a digit is "
            "probably wrong or swapped. Type it again."
        ),
    },
    "companies.siren.bad_siret_checksum": {
        "fr": (
            "« {text} » n'est pas un SIRET valide (la clé de contrôle ne correspond pas) : "
            "un chiffre est probablement erroné ou inversé. Tapez-le à nouveau, ou tapez "
            "seulement le SIREN (les 9 premiers chiffres)."
        ),
        "en": (
            "“{text}” is not a valid SIRET (its check digit does not match): a digit is "
            "probably wrong or swapped. Type it again, or type only the SIREN (the first 9 "
            "digits)."
        ),
    },
    "companies.already_linked": {
        "fr": "Vous êtes déjà relié à {company}.",
        "en": "You are already linked to {company}.",
    },
    "companies.ask_email": {
        "fr": (
            "Entreprise : {company}.\n\n"
            "Quelle adresse email utilisez-vous pour cette entreprise ? J'y enverrai un lien "
            "de confirmation.\n\n/cancel pour abandonner."
        ),
        "en": (
            "Company: {company}.\n\n"
            "Which email address do you use for this company? I will send a confirmation "
            "link to it.\n\n/cancel to abandon."
        ),
    },
    "companies.email.invalid": {
        "fr": (
            "« {text} » n'est pas une adresse email valide (exemple : prenom.nom@entreprise.fr). "
            "Tapez-la à nouveau."
        ),
        "en": (
            "“{text}” is not a valid email address (example: first.last@company.com). "
            "Type it again."
        ),
    },
    "companies.email.expected": {
        "fr": "J'attends une adresse email, tapée en texte (ou /cancel pour abandonner).",
        "en": "I am expecting an email address, typed as text (or /cancel to abandon).",
    },
    "companies.link_sent": {
        "fr": (
            "C'est parti : un lien de confirmation est envoyé à {email}.\n\n"
            "Ouvrez-le dans les {hours} heures et appuyez sur le bouton « Confirmer » de la "
            "page. Je vous préviendrai ici dès que l'entreprise sera reliée.\n\n"
            "Rien reçu ? Vérifiez les courriers indésirables, puis recommencez depuis "
            "« Mes entreprises »."
        ),
        "en": (
            "Done: a confirmation link is on its way to {email}.\n\n"
            "Open it within {hours} hours and press the “Confirm” button on the page. I will "
            "tell you here as soon as the company is linked.\n\n"
            "Nothing arrived? Check your spam folder, then start again from “My companies”."
        ),
    },
    "companies.refused": {
        "fr": (
            "Je ne peux pas relier {company} avec cette adresse : cette entreprise a déjà des "
            "adresses déclarantes et seules celles-ci peuvent la relier.\n\n"
            "Que faire : demandez à un déclarant de l'entreprise de vous ajouter (dans "
            "« Mes entreprises » › « Déclarants »), puis recommencez ; ou " + _REFERENT_FR + ".\n\n"
            "Par confidentialité, je n'indique jamais quelles adresses sont déclarantes. "
            "Vous pouvez taper une autre adresse, ou /cancel."
        ),
        "en": (
            "I cannot link {company} with this address: this company already has declarant "
            "addresses and only those can link it.\n\n"
            "What to do: ask a declarant of the company to add you (in “My companies” › "
            "“Declarants”), then start again; or " + _REFERENT_EN + ".\n\n"
            "For confidentiality, I never tell which addresses are declarants. "
            "You can type another address, or /cancel."
        ),
    },
    "companies.rate_limited.user": {
        "fr": (
            "Vous avez fait beaucoup de demandes de lien en peu de temps ({limit} par heure au "
            "plus). Réessayez dans une heure ; ce que vous avez saisi est conservé."
        ),
        "en": (
            "You asked for many links in a short time ({limit} per hour at most). Try again "
            "in an hour; what you typed is kept."
        ),
    },
    "companies.rate_limited.email": {
        "fr": (
            "Trop de demandes de lien pour cette adresse ({limit} par heure au plus). "
            "Réessayez dans une heure, ou consultez les emails déjà reçus."
        ),
        "en": (
            "Too many link requests for this address ({limit} per hour at most). Try again "
            "in an hour, or look at the emails already received."
        ),
    },
    "companies.rate_limited.siren": {
        "fr": (
            "Trop de demandes de lien pour cette entreprise ({limit} par heure au plus). "
            "Réessayez dans une heure."
        ),
        "en": (
            "Too many link requests for this company ({limit} per hour at most). "
            "Try again in an hour."
        ),
    },
    "companies.detail": {
        "fr": "{company}\nVous êtes relié par l'adresse {email}.",
        "en": "{company}\nYou are linked through {email}.",
    },
    "companies.not_allowed": {
        "fr": (
            "Vous n'êtes pas (ou plus) relié à cette entreprise : je ne peux rien faire pour "
            "elle. Reliez-la depuis « Mes entreprises »."
        ),
        "en": (
            "You are not (or no longer) linked to this company: I cannot do anything for it. "
            "Link it from “My companies”."
        ),
    },
    "companies.declarants": {
        "fr": "Adresses déclarantes de {company} :\n{emails}",
        "en": "Declarant addresses of {company}:\n{emails}",
    },
    "companies.ask_declarant_email": {
        "fr": (
            "Quelle adresse ajouter aux déclarants de {company} ? Elle sera prévenue par "
            "email.\n\n/cancel pour abandonner."
        ),
        "en": (
            "Which address should be added to the declarants of {company}? It will be told "
            "by email.\n\n/cancel to abandon."
        ),
    },
    "companies.declarant_added": {
        "fr": "{email} est maintenant déclarante de {company}. Un email l'en informe.",
        "en": "{email} is now a declarant of {company}. An email tells them.",
    },
    "companies.declarant_already": {
        "fr": "{email} est déjà déclarante de {company}.",
        "en": "{email} is already a declarant of {company}.",
    },
    "companies.add_rate_limited": {
        "fr": (
            "Vous avez ajouté beaucoup d'adresses en peu de temps ({limit} par heure au plus). "
            "Réessayez dans une heure."
        ),
        "en": (
            "You added many addresses in a short time ({limit} per hour at most). Try again "
            "in an hour."
        ),
    },
    "companies.choose_removal": {
        "fr": "Quelle adresse retirer des déclarants de {company} ?",
        "en": "Which address should be removed from the declarants of {company}?",
    },
    "companies.confirm_removal": {
        "fr": (
            "Retirer {email} des déclarants de {company} ?\n\n"
            "Cette adresse ne recevra plus les rappels de l'entreprise, et les comptes reliés "
            "par elle (sur Telegram ou dans le chat en ligne) ne pourront plus agir pour "
            "l'entreprise."
        ),
        "en": (
            "Remove {email} from the declarants of {company}?\n\n"
            "This address will no longer receive the company's reminders, and the accounts "
            "linked through it (on Telegram or in the web chat) will no longer be able to act "
            "for the company."
        ),
    },
    "companies.declarant_removed": {
        "fr": "{email} n'est plus déclarante de {company}.",
        "en": "{email} is no longer a declarant of {company}.",
    },
    "companies.declarant_removed_self": {
        "fr": (
            "{email} n'est plus déclarante de {company}. C'était l'adresse par laquelle vous "
            "étiez relié : vous ne pouvez plus agir pour cette entreprise."
        ),
        "en": (
            "{email} is no longer a declarant of {company}. It was the address you were "
            "linked through: you can no longer act for this company."
        ),
    },
    "companies.declarant_gone": {
        "fr": "Cette adresse n'est déjà plus déclarante de {company}.",
        "en": "This address is already no longer a declarant of {company}.",
    },
    "companies.last_declarant": {
        "fr": (
            "Impossible de retirer {email} : c'est la dernière adresse déclarante de {company}, "
            "et une entreprise doit toujours en avoir une. Ajoutez d'abord une autre adresse, "
            "puis retirez celle-ci."
        ),
        "en": (
            "{email} cannot be removed: it is the last declarant address of {company}, and a "
            "company must always have one. Add another address first, then remove this one."
        ),
    },
    # Sent through the outbox once the email link is confirmed on the web page.
    "companies.linked": {
        "fr": (
            "✅ C'est fait : vous êtes relié à {company} (adresse {email}).\n\n"
            "Vous pouvez maintenant agir pour cette entreprise et gérer ses déclarants depuis "
            "« Mes entreprises »."
        ),
        "en": (
            "✅ Done: you are linked to {company} (address {email}).\n\n"
            "You can now act for this company and manage its declarants from “My companies”."
        ),
    },
}
