"""French texts of the import commands (reports, refusal reasons, unreadable files)."""

from store.siren import SirenReason

REPORT_TITLE = {
    "companies": "Import des entreprises depuis {path} ({layout})",
    "declarants": "Import des déclarants depuis {path}",
    "referents": "Import des référents depuis {path}",
}
LAYOUT = {
    "simple": "liste d'entreprises",
    "open_data": "export open data des index",
    "declarants": "SIREN et courriels",
    "referents": "référents",
}
REPORT_COUNTS = (
    "Lignes lues : {total}\n"
    "  ajoutées : {added}\n"
    "  mises à jour : {updated}\n"
    "  inchangées : {unchanged}\n"
    "  refusées : {refused}"
)
REFUSED_HEADER = "Lignes refusées :"
REFUSED_LINE = "  ligne {row} : {reason}"
NOTHING_REFUSED = "Aucune ligne refusée."

SIREN_REASONS = {
    SirenReason.EMPTY: "SIREN manquant",
    SirenReason.NOT_DIGITS: "SIREN « {value} » : seuls des chiffres sont attendus",
    SirenReason.BAD_LENGTH: "SIREN « {value} » : 9 chiffres attendus (ou un SIRET de 14 chiffres)",
    SirenReason.BAD_CHECKSUM: "SIREN « {value} » : clé de contrôle invalide",
    SirenReason.BAD_SIRET_CHECKSUM: "SIRET « {value} » : clé de contrôle invalide",
}

REASONS = {
    "bad_email": "courriel « {value} » invalide",
    "missing_email": "courriel manquant",
    "unknown_band": (
        "tranche d'effectifs « {value} » inconnue (attendu : 50 à 250, 251 à 999 ou 1000 et plus)"
    ),
    "unknown_departement": "département « {value} » inconnu",
    "unknown_region": "région « {value} » inconnue",
    "bad_year": "année « {value} » invalide",
    "bad_note": "note « {value} » invalide dans la colonne « {column} » (nombre de 0 à 100 ou NC)",
    "departement_outside_region": "département « {value} » hors de la région {region}",
    "missing_place": "ni département ni région",
    "duplicate_siren": "SIREN {value} déjà présent ligne {first_row}",
    "duplicate_year": "SIREN {value} déjà présent pour cette année ligne {first_row}",
}

UNREADABLE = {
    "not_found": "Fichier introuvable : {path}",
    "not_a_file": "{path} n'est pas un fichier",
    "empty": "Le fichier {path} est vide",
    "encoding": "Le fichier {path} n'est ni en UTF-8 ni en Windows-1252",
    "binary": "Le fichier {path} n'est pas un fichier CSV ni un classeur (XLSX, XLS, ODS)",
    "spreadsheet": "Le classeur {path} ne peut pas être lu : {detail}",
    "csv": "Le fichier CSV {path} ne peut pas être lu : {detail}",
    "missing_columns": ("Colonnes manquantes dans {path} : {detail}. Colonnes trouvées : {found}"),
}
UNREADABLE_EXIT_HINT = "Aucune ligne importée."

COLUMN_NAMES = {
    "siren": "SIREN",
    "email": "email (ou courriel)",
    "place": "département (ou région)",
}
UNNAMED_COLUMN = "(sans nom)"

# Declarant management from the command line
DECLARANT_ADDED = "{email} ajouté aux déclarants du SIREN {siren}."
DECLARANT_ALREADY = "{email} est déjà déclarant du SIREN {siren}."
DECLARANT_REMOVED = "{email} retiré des déclarants du SIREN {siren}."
DECLARANT_NOT_FOUND = "{email} n'est pas déclarant du SIREN {siren}."
DECLARANT_LAST = (
    "{email} est le dernier déclarant du SIREN {siren} : ajoutez d'abord un autre déclarant."
)
DECLARANT_NONE = "Aucun déclarant pour le SIREN {siren}."
BAD_EMAIL = "Courriel « {value} » invalide."

# Database command
DB_UPGRADED = "Base de données à jour (révision {revision})."
DB_CURRENT = "Révision de la base : {current} ; dernière révision : {head}."
OUTBOX_NONE = "Aucun message dans la file d'envoi pour ces critères."
OUTBOX_HEADER = (
    "id | état | canal | destinataire | type | SIREN | essais | créé le | dernière erreur"
)
OUTBOX_UNKNOWN = "Aucun message n° {id} dans la file d'envoi."
OUTBOX_CANNOT_RESEND = (
    "Le message n° {id} est « {status} » : seuls les messages incertains, en échec ou annulés "
    "peuvent être renvoyés."
)
OUTBOX_CANNOT_DROP = (
    "Le message n° {id} est « {status} » : seuls les messages en attente, incertains ou en échec "
    "peuvent être abandonnés."
)
OUTBOX_RESENT = "Message n° {id} remis dans la file : il partira au prochain passage de l'envoi."
OUTBOX_DROPPED = "Message n° {id} abandonné : il ne sera pas envoyé."
