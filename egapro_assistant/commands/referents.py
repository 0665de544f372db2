"""``egapro-assistant referents import FILE`` / ``referents list``: the DREETS référents."""

import argparse
import asyncio
import sys
from pathlib import Path

NAME = "referents"
HELP = (
    "Référents DREETS : importer un fichier (région, département, nom, email) en CSV ou XLSX, "
    "lister les référents et leurs départements."
)
EXIT_UNREADABLE = 2
LIST_LINE = "{email}\t{name}\t{regions}\t{departements}{telegram}"
LIST_NONE = "Aucun référent. Importez-les : egapro-assistant referents import FICHIER"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    imported = actions.add_parser(
        "import",
        help=(
            "importe un fichier CSV ou XLSX de colonnes région, département, nom, email "
            "(une région sans département couvre toute la région) ; rejouable"
        ),
    )
    imported.add_argument("file", type=Path, metavar="FILE")
    actions.add_parser("list", help="affiche les référents, leurs régions et départements")


async def _run(database_url: str, args: argparse.Namespace) -> int:
    from store import migrate, referents
    from store.database import Database
    from store.imports.reading import UnreadableFile
    from store.imports.referents import import_referents
    from store.imports.report import render, render_unreadable

    database = Database(database_url)
    try:
        await migrate.upgrade_async(database)
        if args.action == "import":
            try:
                report = await import_referents(database, args.file)
            except UnreadableFile as error:
                print(render_unreadable(error), file=sys.stderr)
                return EXIT_UNREADABLE
            print(render(report))
            return 0
        async with database.session() as session:
            found = await referents.list_all(session)
        if not found:
            print(LIST_NONE)
        for referent in found:
            print(
                LIST_LINE.format(
                    email=referent.email,
                    name=referent.name or "-",
                    regions=", ".join(referent.regions) or "-",
                    departements=" ".join(referent.departements) or "-",
                    telegram="\tTelegram" if referent.telegram_user_id else "",
                )
            )
        return 0
    finally:
        await database.dispose()


def run(args: argparse.Namespace) -> int:
    from egapro_assistant.config import Settings

    return asyncio.run(_run(Settings().database_url, args))
