"""Texts of the menu and of the commands every user has."""

MESSAGES = {
    "start.in_progress.steps": {
        "fr": (
            "⏸️ Vous avez un calcul pas à pas en cours (étape {step}/{total}) : rien n'est "
            "perdu. Reprenez-le là où vous l'avez laissé, ou recommencez."
        ),
        "en": (
            "⏸️ You have a step-by-step computation in progress (step {step}/{total}): nothing "
            "is lost. Resume it where you left it, or start again."
        ),
    },
    "edit.taken": {
        "fr": "✏️ Correction prise en compte : {question} → {value}",
        "en": "✏️ Correction taken: {question} → {value}",
    },
    "edit.not_taken": {
        "fr": (
            "✏️ Ce message modifié n'a pas été pris en compte : seule la réponse à l'étape en "
            "cours, ou la dernière réponse donnée, peut être corrigée ainsi. Pour changer une "
            "autre étape, utilisez « Modifier une étape » au récapitulatif (ou ◀️ Retour)."
        ),
        "en": (
            "✏️ This edited message was not taken: only the answer to the current step, or the "
            "last answer given, can be corrected this way. To change another step, use “Change "
            "a step” in the summary (or ◀️ Back)."
        ),
    },
    "start.welcome": {
        "fr": (
            "Bonjour {name} ! Je vous accompagne pour l'Index de l'égalité professionnelle "
            "femmes-hommes (Index Egapro) : calcul, déclaration, objectifs et rappels.\n\n"
            "Que souhaitez-vous faire ?"
        ),
        "en": (
            "Hello {name}! I help you with the French gender pay-equality index (Index Egapro): "
            "computation, declaration, objectives and reminders.\n\nWhat would you like to do?"
        ),
    },
    "menu.title": {"fr": "Que souhaitez-vous faire ?", "en": "What would you like to do?"},
    "menu.compute_steps": {"fr": "🧮 Calculer pas à pas", "en": "🧮 Compute step by step"},
    "menu.compute_file": {"fr": "📄 Envoyer un fichier salariés", "en": "📄 Send an employee file"},
    "menu.compute_results": {
        "fr": "✍️ Saisir des résultats déjà calculés",
        "en": "✍️ Type results already computed",
    },
    "menu.companies": {"fr": "🏢 Mes entreprises", "en": "🏢 My companies"},
    "menu.status": {"fr": "📋 Où en suis-je ?", "en": "📋 My status"},
    "help": {
        "fr": (
            "Commandes :\n"
            "/start – menu principal\n"
            "/status – vos entreprises, déclarations et objectifs\n"
            "/cancel – abandonner l'étape en cours\n"
            "/rappels – activer ou désactiver vos rappels\n"
            "/lang – choisir la langue (français / English)\n"
            "/help – cette aide\n\n"
            "Le calcul ne demande aucune vérification. Pour déclarer au nom d'une entreprise, "
            "reliez-la d'abord (menu « Mes entreprises ») : un lien vous sera envoyé par e-mail."
        ),
        "en": (
            "Commands:\n"
            "/start – main menu\n"
            "/status – your companies, declarations and objectives\n"
            "/cancel – abandon the current step\n"
            "/rappels – turn your reminders on or off\n"
            "/lang – choose the language (français / English)\n"
            "/help – this help\n\n"
            "Computing needs no verification. To declare for a company, link it first (menu "
            "“My companies”): a link will be sent to you by email."
        ),
    },
    "cancelled": {
        "fr": "C'est annulé. Rien de ce qui était enregistré n'a été perdu.",
        "en": "Cancelled. Nothing that was saved has been lost.",
    },
    "nothing_to_cancel": {
        "fr": "Il n'y a rien en cours à annuler.",
        "en": "There is nothing in progress to cancel.",
    },
    "lang.choose": {"fr": "Choisissez votre langue :", "en": "Choose your language:"},
    "lang.set": {"fr": "Langue : français.", "en": "Language: English."},
    "unknown_command": {
        "fr": "Je ne connais pas cette commande. Tapez /help pour la liste.",
        "en": "I don't know this command. Type /help for the list.",
    },
    "unknown_command_in_step": {
        "fr": (
            "Je ne connais pas cette commande. Vous êtes toujours à la même étape ; "
            "/cancel pour l'abandonner."
        ),
        "en": ("I don't know this command. You are still at the same step; /cancel to abandon it."),
    },
    "not_understood": {
        "fr": "Je n'ai pas compris. Choisissez dans le menu ou tapez /help.",
        "en": "I didn't understand. Pick from the menu or type /help.",
    },
    "command.start": {"fr": "Menu principal", "en": "Main menu"},
    "command.status": {"fr": "Mes entreprises et déclarations", "en": "My companies and filings"},
    "command.cancel": {"fr": "Abandonner l'étape en cours", "en": "Abandon the current step"},
    "command.lang": {"fr": "Langue / Language", "en": "Language / Langue"},
    "command.help": {"fr": "Aide", "en": "Help"},
}
