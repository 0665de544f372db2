"""``egapro-assistant companies import FILE``: a list of companies or the open-data export."""

import argparse
import asyncio
import sys
from pathlib import Path

NAME = "companies"
HELP = (
    "Entreprises : importer une liste (SIREN, nom, département, région, tranche) ou l'export "
    "open data des index déclarés, en CSV ou XLSX."
)
EXIT_UNREADABLE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    imported = actions.add_parser(
        "import",
        help="importe un fichier CSV (séparateur ; ou ,) ou XLSX ; le réimporter ne change rien",
    )
    imported.add_argument("file", type=Path, metavar="FILE")


async def _import(database_url: str, path: Path) -> int:
    from store import migrate
    from store.database import Database
    from store.imports.companies import import_companies
    from store.imports.reading import UnreadableFile
    from store.imports.report import render, render_unreadable

    database = Database(database_url)
    try:
        await migrate.upgrade_async(database)
        try:
            report = await import_companies(database, path)
        except UnreadableFile as error:
            print(render_unreadable(error), file=sys.stderr)
            return EXIT_UNREADABLE
        print(render(report))
        return 0
    finally:
        await database.dispose()


def run(args: argparse.Namespace) -> int:
    from egapro_assistant.config import Settings

    return asyncio.run(_import(Settings().database_url, args.file))
