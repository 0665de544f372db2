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
    "start.in_progress.results": {
        "fr": (
            "⏸️ Vous avez une saisie de résultats en cours (étape {step}/{total}) : rien n'est "
            "perdu. Reprenez-la là où vous l'avez laissée, ou recommencez."
        ),
        "en": (
            "⏸️ You have results being typed in (step {step}/{total}): nothing is lost. Resume "
            "where you left off, or start again."
        ),
    },
    "start.in_progress.file": {
        "fr": (
            "⏸️ J'attends toujours votre fichier salariés (vos options sont gardées). "
            "Reprenez pour l'envoyer, ou recommencez."
        ),
        "en": (
            "⏸️ I am still waiting for your employee file (your options are kept). Resume to "
            "send it, or start again."
        ),
    },
    "start.in_progress.declare": {
        "fr": (
            "⏸️ Vous avez une déclaration en cours : rien n'est perdu. Reprenez-la à la "
            "question où vous l'avez laissée, ou recommencez."
        ),
        "en": (
            "⏸️ You have a declaration in progress: nothing is lost. Resume it at the question "
            "where you left it, or start again."
        ),
    },
    "start.in_progress.objectives": {
        "fr": (
            "⏸️ Vous remplissiez les objectifs et mesures (index {year}) : rien n'est perdu. "
            "Reprenez, ou recommencez."
        ),
        "en": (
            "⏸️ You were filling in the objectives and measures (index {year}): nothing is "
            "lost. Resume, or start again."
        ),
    },
    "start.in_progress.representation": {
        "fr": (
            "⏸️ Vous avez une déclaration de représentation équilibrée en cours : rien n'est "
            "perdu. Reprenez-la, ou recommencez."
        ),
        "en": (
            "⏸️ You have a balanced representation declaration in progress: nothing is lost. "
            "Resume it, or start again."
        ),
    },
    "pending.button.resume": {"fr": "▶️ Reprendre", "en": "▶️ Resume"},
    "pending.button.restart": {"fr": "🔄 Recommencer", "en": "🔄 Start again"},
    "pending.button.drop": {
        "fr": "🗑 Abandonner et ouvrir « {entry} »",
        "en": "🗑 Abandon it and open “{entry}”",
    },
    "pending.button.continue": {"fr": "▶️ Continuer : {what}", "en": "▶️ Continue: {what}"},
    "pending.button.declare_result": {
        "fr": "▶️ Continuer : déclarer le dernier résultat",
        "en": "▶️ Continue: declare the last result",
    },
    "pending.kind.steps": {"fr": "calcul pas à pas", "en": "step-by-step computation"},
    "pending.kind.results": {"fr": "saisie des résultats", "en": "typing the results"},
    "pending.kind.file": {"fr": "envoi du fichier salariés", "en": "sending the employee file"},
    "pending.kind.declare": {"fr": "déclaration", "en": "declaration"},
    "pending.kind.objectives": {"fr": "objectifs et mesures", "en": "objectives and measures"},
    "pending.kind.representation": {
        "fr": "représentation équilibrée",
        "en": "balanced representation",
    },
    "pending.gone": {
        "fr": "Il n'y a plus rien à reprendre ici : choisissez dans le menu.",
        "en": "There is nothing left to resume here: pick from the menu.",
    },
    "help.in_step": {
        "fr": (
            "ℹ️ Vous êtes à cette étape : répondez par un message ou avec les boutons, comme "
            "indiqué ci-dessous. Une réponse refusée est expliquée et rien de ce qui est déjà "
            "saisi n'est perdu. /cancel pour abandonner l'étape, /start pour le menu."
        ),
        "en": (
            "ℹ️ You are at this step: answer with a message or with the buttons, as shown "
            "below. A refused answer is explained and nothing already entered is lost. /cancel "
            "to abandon the step, /start for the menu."
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
            "Bonjour{name} ! Je vous accompagne pour l'Index de l'égalité professionnelle "
            "femmes-hommes (Index Egapro) : calcul, déclaration, objectifs et rappels.\n\n"
            "Que souhaitez-vous faire ?"
        ),
        "en": (
            "Hello{name}! I help you with the French gender pay-equality index (Index Egapro): "
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
            "Le menu :\n"
            "🧮 Calculer pas à pas – les effectifs et les données de chaque indicateur, question "
            "par question, comme le simulateur officiel\n"
            "📄 Envoyer un fichier salariés – un CSV ou XLSX avec une ligne par salarié : "
            "je calcule tout\n"
            "✍️ Saisir des résultats déjà calculés – les résultats de chaque indicateur : je "
            "calcule les notes et l'index\n"
            "📝 Déclarer – déclarer le dernier résultat pour une entreprise reliée\n"
            "🏢 Mes entreprises – relier une entreprise (SIREN et adresse email déclarante), "
            "gérer ses déclarants\n"
            "📋 Où en suis-je ? – échéance de la campagne, vos déclarations et ce qui reste "
            "à faire\n\n"
            "À préparer avant de commencer :\n"
            "• Toutes tranches : l'année des données et la fin de la période de référence "
            "(12 mois), l'effectif par catégorie socio-professionnelle (ouvriers, employés, "
            "techniciens et agents de maîtrise, ingénieurs et cadres) et tranche d'âge, par "
            "sexe ; la rémunération moyenne de chaque groupe ; les retours de congé maternité "
            "et les augmentées parmi elles ; les 10 plus hautes rémunérations par sexe ; "
            "l'adresse de l'entreprise, la date et le lieu de publication.\n"
            "• 50 à 250 salariés : le nombre de femmes et d'hommes augmentés (augmentations "
            "et promotions ensemble).\n"
            "• 251 salariés et plus : les taux d'augmentations individuelles et de promotions "
            "par catégorie et par sexe.\n"
            "• 1000 salariés et plus : aussi la part de femmes et d'hommes parmi les cadres "
            "dirigeants et les instances dirigeantes (représentation équilibrée).\n\n"
            "Commandes : /start menu, /status où en suis-je, /cancel abandonner l'étape, "
            "/rappels activer ou désactiver vos rappels, /lang langue, /help aide (pendant une "
            "étape : la question et comment y répondre).\n"
            "Le calcul ne demande aucune vérification ; pour déclarer, reliez d'abord "
            "l'entreprise : un lien vous sera envoyé par e-mail."
        ),
        "en": (
            "The menu:\n"
            "🧮 Compute step by step – headcounts and each indicator's data, one question at a "
            "time, like the official simulator\n"
            "📄 Send an employee file – a CSV or XLSX with one row per employee: I compute "
            "everything\n"
            "✍️ Type results already computed – each indicator's result: I compute the scores "
            "and the index\n"
            "📝 Declare – declare the last result for a linked company\n"
            "🏢 My companies – link a company (SIREN and declarant email), manage its "
            "declarants\n"
            "📋 My status – the campaign's deadline, your declarations and what is left\n\n"
            "To gather before you start:\n"
            "• Every band: the data year and the end of the 12-month reference period, the "
            "headcount by category (workers, employees, technicians and supervisors, engineers "
            "and managers) and age band, by sex; each group's mean pay; returns from maternity "
            "leave and how many were raised; the 10 highest pays by sex; the company's "
            "address, the publication date and place.\n"
            "• 50 to 250 employees: the number of women and men raised (raises and "
            "promotions together).\n"
            "• 251 employees or more: individual raise and promotion rates by category and "
            "sex.\n"
            "• 1000 employees or more: also the share of women and men among senior "
            "executives and governing bodies (balanced representation).\n\n"
            "Commands: /start menu, /status my status, /cancel abandon the step, /rappels "
            "turn your reminders on or off, /lang language, /help help (during a step: the "
            "question and how to answer it).\n"
            "Computing needs no verification; to declare, link the company first: a link will "
            "be sent to you by email."
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
