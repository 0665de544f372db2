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
    "chat.rate_limited": {
        "fr": (
            "Trop de messages en peu de temps : celui-ci n'a pas été envoyé. Attendez "
            "{seconds} secondes, puis envoyez-le à nouveau."
        ),
        "en": (
            "Too many messages in a short time: this one was not sent. Wait {seconds} "
            "seconds, then send it again."
        ),
    },
    "chat_new_limited.title": {"fr": "Trop de conversations", "en": "Too many conversations"},
    "chat_new_limited.body": {
        "fr": (
            "Trop de nouvelles conversations ont été ouvertes depuis votre adresse cette heure-ci. "
            "Réessayez dans une heure, ou reprenez depuis le navigateur où vous aviez commencé."
        ),
        "en": (
            "Too many new conversations were opened from your address this hour. Try again in "
            "an hour, or go on in the browser where you started."
        ),
    },
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
    # The verification path names the channel the person who asked uses: ``.telegram`` or
    # ``.web_chat`` (then a link back to the chat page), see web/verify.py.
    "verify.intro.telegram": {
        "fr": (
            "Une demande a été faite dans l'assistant Egapro sur Telegram pour agir au nom de "
            "cette entreprise avec votre adresse email."
        ),
        "en": (
            "Someone asked in the Egapro assistant on Telegram to act for this company with "
            "your email address."
        ),
    },
    "verify.intro.web_chat": {
        "fr": (
            "Une demande a été faite dans le chat en ligne de l'assistant Egapro pour agir au "
            "nom de cette entreprise avec votre adresse email."
        ),
        "en": (
            "Someone asked in the Egapro assistant's web chat to act for this company with "
            "your email address."
        ),
    },
    "verify.company": {"fr": "Entreprise", "en": "Company"},
    "verify.email": {"fr": "Adresse email", "en": "Email address"},
    "verify.asker": {"fr": "Compte Telegram", "en": "Telegram account"},
    "verify.question.telegram": {
        "fr": (
            "Si c'est bien vous, confirmez : ce compte Telegram pourra agir pour l'entreprise"
            "{first_declarant}."
        ),
        "en": (
            "If this is you, confirm: that Telegram account will be able to act for the "
            "company{first_declarant}."
        ),
    },
    "verify.question.web_chat": {
        "fr": (
            "Si c'est bien vous, confirmez : la conversation du chat en ligne qui a fait la "
            "demande pourra agir pour l'entreprise{first_declarant}."
        ),
        "en": (
            "If this is you, confirm: the web chat conversation that asked will be able to "
            "act for the company{first_declarant}."
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
    "verify.back_to_chat": {"fr": "Revenir au chat", "en": "Back to the chat"},
    "done.title": {"fr": "C'est confirmé", "en": "Confirmed"},
    "done.body.telegram": {
        "fr": (
            "Le compte Telegram qui a fait la demande est maintenant relié à {company}. Vous "
            "pouvez fermer cette page et revenir dans Telegram."
        ),
        "en": (
            "The Telegram account that asked is now linked to {company}. You can close this "
            "page and go back to Telegram."
        ),
    },
    "done.body.web_chat": {
        "fr": (
            "La conversation du chat en ligne qui a fait la demande est maintenant reliée à "
            "{company}. Revenez au chat pour continuer."
        ),
        "en": (
            "The web chat conversation that asked is now linked to {company}. Go back to the "
            "chat to carry on."
        ),
    },
    "unknown.title": {"fr": "Lien inconnu", "en": "Unknown link"},
    "unknown.body": {
        "fr": (
            "Ce lien de confirmation n'existe pas : il a peut-être été mal copié (il doit être "
            "recopié en entier). Demandez un nouveau lien dans l'assistant Egapro (sur "
            "Telegram ou dans le chat en ligne), menu « Mes entreprises »."
        ),
        "en": (
            "This confirmation link does not exist: it may have been copied incompletely. Ask "
            "for a new link in the Egapro assistant (on Telegram or in the web chat), menu "
            "“My companies”."
        ),
    },
    "expired.title": {"fr": "Lien expiré", "en": "Link expired"},
    "expired.body.telegram": {
        "fr": (
            "Ce lien de confirmation a expiré (il est valable {hours} heures). Demandez-en un "
            "nouveau dans Telegram, menu « Mes entreprises »."
        ),
        "en": (
            "This confirmation link has expired (it is valid for {hours} hours). Ask for a new "
            "one in Telegram, menu “My companies”."
        ),
    },
    "expired.body.web_chat": {
        "fr": (
            "Ce lien de confirmation a expiré (il est valable {hours} heures). Demandez-en un "
            "nouveau dans le chat en ligne, menu « Mes entreprises »."
        ),
        "en": (
            "This confirmation link has expired (it is valid for {hours} hours). Ask for a new "
            "one in the web chat, menu “My companies”."
        ),
    },
    "used.title": {"fr": "Lien déjà utilisé", "en": "Link already used"},
    "used.body.telegram": {
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
    "used.body.web_chat": {
        "fr": (
            "Ce lien de confirmation a déjà servi : chaque lien ne fonctionne qu'une fois. Si "
            "l'entreprise n'apparaît pas dans le chat en ligne (menu « Mes entreprises »), "
            "demandez-y un nouveau lien."
        ),
        "en": (
            "This confirmation link has already been used: each link works once. If the "
            "company does not show in the web chat (menu “My companies”), ask there for a new "
            "link."
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
        "utilisez /status dans l'assistant Egapro (sur Telegram ou dans le chat en ligne).",
        "en": "This link matches no reminder. Reply DONE to the message you received, or use "
        "/status in the Egapro assistant (on Telegram or in the web chat).",
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
    # -- home and the référents' dashboard ------------------------------------------------
    "home.title": {"fr": "Accueil", "en": "Home"},
    "home.body": {
        "fr": (
            "L'assistant Egapro aide les entreprises à calculer et déclarer leur Index de "
            "l'égalité professionnelle, dans Telegram et par email."
        ),
        "en": (
            "The Egapro assistant helps companies compute and declare their gender pay-equality "
            "index, in Telegram and by email."
        ),
    },
    "home.referents": {
        "fr": "Référents DREETS : tableau de bord de votre territoire",
        "en": "DREETS référents: your territory's dashboard",
    },
    "referents.site": {"fr": "Assistant Egapro – référents", "en": "Egapro assistant – référents"},
    "sign_in.title": {"fr": "Connexion des référents", "en": "Référents' sign-in"},
    "sign_in.intro": {
        "fr": (
            "Ce tableau de bord est réservé aux référents égalité professionnelle des DREETS. "
            "Indiquez votre adresse : si elle est celle d'un référent, vous recevrez un lien de "
            "connexion valable {minutes} minutes."
        ),
        "en": (
            "This dashboard is for the DREETS pay-equality référents. Give your address: if it "
            "is a référent's, you will receive a sign-in link valid for {minutes} minutes."
        ),
    },
    "sign_in.email": {"fr": "Adresse email professionnelle", "en": "Work email address"},
    "sign_in.button": {"fr": "Recevoir un lien de connexion", "en": "Send me a sign-in link"},
    "sign_in.bad_email": {
        "fr": "« {value} » n'est pas une adresse email valide : vérifiez-la et recommencez.",
        "en": "“{value}” is not a valid email address: check it and try again.",
    },
    "sign_in_sent.title": {"fr": "Vérifiez votre messagerie", "en": "Check your mailbox"},
    "sign_in_sent.body": {
        "fr": (
            "Si {email} est l'adresse d'un référent, un lien de connexion vient de lui être "
            "envoyé. Il est valable {minutes} minutes et ne sert qu'une fois."
        ),
        "en": (
            "If {email} is a référent's address, a sign-in link has just been sent to it. It "
            "is valid for {minutes} minutes and works once."
        ),
    },
    "sign_in_limited.title": {"fr": "Trop de demandes", "en": "Too many requests"},
    "sign_in_limited.body": {
        "fr": (
            "Trop de liens de connexion ont été demandés depuis une heure. Utilisez le dernier "
            "lien reçu, ou réessayez plus tard."
        ),
        "en": (
            "Too many sign-in links were asked for in the last hour. Use the last link you "
            "received, or try again later."
        ),
    },
    "sign_in_link.title": {"fr": "Se connecter", "en": "Sign in"},
    "sign_in_link.intro": {
        "fr": "Connexion au tableau de bord des référents avec l'adresse {email}.",
        "en": "Sign in to the référents' dashboard with the address {email}.",
    },
    "sign_in_link.button": {"fr": "Se connecter", "en": "Sign in"},
    "sign_in_link.invalid.title": {"fr": "Lien inutilisable", "en": "Link cannot be used"},
    "sign_in_link.invalid.body": {
        "fr": (
            "Ce lien de connexion est inconnu, a expiré ou a déjà servi (chaque lien ne sert "
            "qu'une fois, pendant {minutes} minutes). Demandez-en un nouveau."
        ),
        "en": (
            "This sign-in link is unknown, expired or already used (each link works once, "
            "for {minutes} minutes). Ask for a new one."
        ),
    },
    "sign_in_link.again": {"fr": "Demander un nouveau lien", "en": "Ask for a new link"},
    "signed_in_as": {"fr": "Connecté : {name}", "en": "Signed in: {name}"},
    "sign_out.button": {"fr": "Se déconnecter", "en": "Sign out"},
    "signed_out.title": {"fr": "Vous êtes déconnecté", "en": "You are signed out"},
    "signed_out.body": {
        "fr": "Votre session est fermée.",
        "en": "Your session is closed.",
    },
    "dashboard.title": {
        "fr": "Votre territoire – campagne {year}",
        "en": "Your territory – campaign {year}",
    },
    "dashboard.scope": {
        "fr": "Départements suivis : {departements}",
        "en": "Départements followed: {departements}",
    },
    "dashboard.no_scope": {
        "fr": "Aucun département ne vous est attribué : écrivez à l'opérateur de l'assistant.",
        "en": "No département is assigned to you: write to the assistant's operator.",
    },
    "dashboard.deadline": {
        "fr": "Date limite de déclaration de l'index : {deadline}.",
        "en": "Index declaration deadline: {deadline}.",
    },
    "dashboard.counts": {"fr": "Où en sont les entreprises", "en": "Where companies stand"},
    "dashboard.late": {
        "fr": "{count} entreprise(s) en retard (index non déclaré après la date limite).",
        "en": "{count} company(ies) late (index not declared after the deadline).",
    },
    "dashboard.all": {"fr": "Toutes", "en": "All"},
    "dashboard.filters": {"fr": "Filtrer la liste", "en": "Filter the list"},
    "dashboard.search": {"fr": "SIREN ou nom", "en": "SIREN or name"},
    "dashboard.sort": {"fr": "Trier par", "en": "Sort by"},
    "dashboard.order": {"fr": "Ordre", "en": "Order"},
    "dashboard.asc": {"fr": "croissant", "en": "ascending"},
    "dashboard.desc": {"fr": "décroissant", "en": "descending"},
    "dashboard.apply": {"fr": "Afficher", "en": "Show"},
    "dashboard.reset": {"fr": "Effacer les filtres", "en": "Clear filters"},
    "dashboard.found": {
        "fr": "{total} entreprise(s) – page {page} sur {pages}",
        "en": "{total} company(ies) – page {page} of {pages}",
    },
    "dashboard.export": {"fr": "Exporter cette liste :", "en": "Export this list:"},
    "dashboard.export_csv": {"fr": "CSV (Excel)", "en": "CSV (Excel)"},
    "dashboard.export_xlsx": {"fr": "XLSX", "en": "XLSX"},
    "dashboard.caption": {
        "fr": "Entreprises de votre territoire",
        "en": "Your territory's companies",
    },
    "dashboard.empty": {
        "fr": "Aucune entreprise ne correspond à ces critères.",
        "en": "No company matches these criteria.",
    },
    "dashboard.previous": {"fr": "Page précédente", "en": "Previous page"},
    "dashboard.next": {"fr": "Page suivante", "en": "Next page"},
    "dashboard.pagination": {"fr": "Pagination", "en": "Pagination"},
    "column.siren": {"fr": "SIREN", "en": "SIREN"},
    "column.name": {"fr": "Raison sociale", "en": "Company name"},
    "column.departement": {"fr": "Département", "en": "Département"},
    "column.band": {"fr": "Tranche", "en": "Band"},
    "column.status": {"fr": "Statut", "en": "Status"},
    "column.index": {"fr": "Index", "en": "Index"},
    "column.objectives": {"fr": "Objectifs", "en": "Objectives"},
    "column.late": {"fr": "En retard", "en": "Late"},
    "column.measures": {"fr": "Mesures requises", "en": "Measures required"},
    "column.last_reminder": {"fr": "Dernier rappel", "en": "Last reminder"},
    "column.open_questions": {"fr": "Questions ouvertes", "en": "Open questions"},
    "yes": {"fr": "oui", "en": "yes"},
    "no": {"fr": "non", "en": "no"},
    "none": {"fr": "–", "en": "–"},
    "band.50:250": {"fr": "50 à 250", "en": "50 to 250"},
    "band.251:999": {"fr": "251 à 999", "en": "251 to 999"},
    "band.1000:": {"fr": "1000 et plus", "en": "1000 and more"},
    "status.not_subject": {"fr": "Non assujettie", "en": "Not subject"},
    "status.not_started": {"fr": "Non commencée", "en": "Not started"},
    "status.in_progress": {"fr": "En cours", "en": "In progress"},
    "status.declared": {"fr": "Déclarée ici", "en": "Declared here"},
    "status.declared_elsewhere": {
        "fr": "Déclarée sur la plateforme officielle",
        "en": "Declared on the official platform",
    },
    "objectives.not_required": {"fr": "Non requis", "en": "Not required"},
    "objectives.to_fill": {"fr": "À renseigner", "en": "To fill"},
    "objectives.filled": {"fr": "Renseignés", "en": "Filled"},
    "representation.not_subject": {"fr": "Non concernée", "en": "Not concerned"},
    "representation.to_declare": {"fr": "À déclarer", "en": "To declare"},
    "representation.declared": {"fr": "Déclarée", "en": "Declared"},
    "not_calculable": {"fr": "non calculable", "en": "not calculable"},
    "back": {"fr": "Retour à la liste", "en": "Back to the list"},
    "company.standing": {"fr": "Campagne {year}", "en": "Campaign {year}"},
    "company.representation": {
        "fr": "Représentation équilibrée",
        "en": "Balanced representation",
    },
    "company.declarations": {"fr": "Déclarations", "en": "Declarations"},
    "company.no_declaration": {
        "fr": "Aucune déclaration enregistrée dans l'assistant.",
        "en": "No declaration recorded in the assistant.",
    },
    "company.year": {"fr": "Année des données", "en": "Data year"},
    "company.channel": {"fr": "Où", "en": "Where"},
    "channel.assistant": {"fr": "Ici", "en": "Here"},
    "channel.official_platform": {"fr": "Plateforme officielle", "en": "Official platform"},
    "company.indicators": {"fr": "Indicateurs (note / maximum)", "en": "Indicators (score / max)"},
    "company.objectives_text": {"fr": "Objectifs de progression", "en": "Progress objectives"},
    "company.reminders": {"fr": "Rappels et messages envoyés", "en": "Reminders and messages sent"},
    "company.no_reminder": {"fr": "Aucun rappel envoyé.", "en": "No reminder sent."},
    "company.date": {"fr": "Date", "en": "Date"},
    "company.kind": {"fr": "Message", "en": "Message"},
    "company.channel_sent": {"fr": "Canal", "en": "Channel"},
    "company.recipient": {"fr": "Destinataire", "en": "Recipient"},
    "company.state": {"fr": "État", "en": "State"},
    "company.questions": {"fr": "Questions reçues par email", "en": "Questions received by email"},
    "company.no_question": {"fr": "Aucune question.", "en": "No question."},
    "company.question_from": {
        "fr": "Le {date}, {email} a écrit :",
        "en": "On {date}, {email} wrote:",
    },
    "company.answered": {
        "fr": "Répondu le {date} par {who} :",
        "en": "Answered on {date} by {who}:",
    },
    "company.answer_label": {"fr": "Votre réponse à {email}", "en": "Your answer to {email}"},
    "company.answer_button": {"fr": "Envoyer la réponse par email", "en": "Send the answer"},
    "company.answer_sent": {
        "fr": "Votre réponse a été envoyée par email. Si le déclarant répond, sa réponse vous "
        "sera transmise.",
        "en": "Your answer was sent by email. If the declarant replies, the reply will be "
        "forwarded to you.",
    },
    "company.answer_empty": {
        "fr": "La réponse est vide : écrivez votre réponse puis envoyez-la.",
        "en": "The answer is empty: write it, then send it.",
    },
    "company.answer_already": {
        "fr": "Cette question a déjà reçu une réponse.",
        "en": "This question has already been answered.",
    },
    "company.replies": {"fr": "Réponses reçues par email", "en": "Replies received by email"},
    "company.no_reply": {"fr": "Aucune réponse reçue.", "en": "No reply received."},
    "company.outcome": {"fr": "Suite donnée", "en": "Outcome"},
    "company.sender": {"fr": "De", "en": "From"},
    # A référent's address confirmed for the account that asked (``.telegram`` or ``.web_chat``).
    "telegram_link.title.telegram": {
        "fr": "Confirmer pour Telegram",
        "en": "Confirm for Telegram",
    },
    "telegram_link.title.web_chat": {
        "fr": "Confirmer pour le chat en ligne",
        "en": "Confirm for the web chat",
    },
    "telegram_link.intro.telegram": {
        "fr": (
            "Le compte Telegram qui a fait la demande recevra le suivi de votre territoire "
            "(/pending) pour l'adresse {email}."
        ),
        "en": (
            "The Telegram account that asked will receive your territory's follow-up "
            "(/pending) for the address {email}."
        ),
    },
    "telegram_link.intro.web_chat": {
        "fr": (
            "La conversation du chat en ligne qui a fait la demande recevra le suivi de votre "
            "territoire (/pending) pour l'adresse {email}."
        ),
        "en": (
            "The web chat conversation that asked will receive your territory's follow-up "
            "(/pending) for the address {email}."
        ),
    },
    "telegram_link.button": {"fr": "Confirmer", "en": "Confirm"},
    "telegram_link.done.title": {"fr": "C'est confirmé", "en": "Confirmed"},
    "telegram_link.done.body.telegram": {
        "fr": "Vous pouvez revenir dans Telegram et taper /pending.",
        "en": "You can go back to Telegram and type /pending.",
    },
    "telegram_link.done.body.web_chat": {
        "fr": "Vous pouvez revenir au chat en ligne et taper /pending.",
        "en": "You can go back to the web chat and type /pending.",
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
