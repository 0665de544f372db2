"""``egapro-assistant db``: apply the migrations, show the revision."""

import argparse
import asyncio

NAME = "db"
HELP = "Base de données : appliquer les migrations (upgrade), voir la révision (current)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("upgrade", help="applique les migrations à EGAPRO_DATABASE_URL")
    actions.add_parser("current", help="affiche la révision de la base et la dernière révision")


def _upgrade(database_url: str) -> int:
    from store import migrate
    from store.imports import messages

    migrate.upgrade(database_url)
    print(messages.DB_UPGRADED.format(revision=migrate.head_revision()))
    return 0


def _current(database_url: str) -> int:
    from store import migrate
    from store.database import Database
    from store.imports import messages

    async def current() -> str | None:
        database = Database(database_url)
        try:
            return await migrate.current_revision(database)
        finally:
            await database.dispose()

    print(messages.DB_CURRENT.format(current=asyncio.run(current()), head=migrate.head_revision()))
    return 0


def run(args: argparse.Namespace) -> int:
    from egapro_assistant.config import Settings

    database_url = Settings().database_url
    if args.action == "current":
        return _current(database_url)
    return _upgrade(database_url)
