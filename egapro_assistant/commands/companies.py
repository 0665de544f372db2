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
    unplaced = actions.add_parser(
        "unplaced",
        help="compte et liste les entreprises sans département connu (aucun référent ne les voit)",
    )
    unplaced.add_argument("--limit", type=int, default=50, help="lignes affichées (défaut 50)")


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


UNPLACED_COUNT = "Entreprises sans département connu (vues d'aucun référent) : {count}"
UNPLACED_LINE = "{siren}\t{name}\t{band}"
UNPLACED_MORE = "… et {more} autres (--limit pour en voir plus)"


async def _unplaced(database_url: str, limit: int) -> int:
    from store import companies, migrate
    from store.database import Database

    database = Database(database_url)
    try:
        await migrate.upgrade_async(database)
        async with database.session() as session:
            total, rows = await companies.unplaced(session, limit=max(limit, 0))
        print(UNPLACED_COUNT.format(count=total))
        for company in rows:
            band = company.workforce_range or "-"
            print(UNPLACED_LINE.format(siren=company.siren, name=company.name or "-", band=band))
        if total > len(rows):
            print(UNPLACED_MORE.format(more=total - len(rows)))
        return 0
    finally:
        await database.dispose()


def run(args: argparse.Namespace) -> int:
    from egapro_assistant.config import Settings

    if args.action == "unplaced":
        return asyncio.run(_unplaced(Settings().database_url, args.limit))
    return asyncio.run(_import(Settings().database_url, args.file))
