"""``egapro-assistant db``: apply the migrations, show the revision, back up a SQLite file."""

import argparse
import asyncio

NAME = "db"
HELP = (
    "Base de données : appliquer les migrations (upgrade), voir la révision (current), "
    "copier une base SQLite en service (backup)."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("upgrade", help="applique les migrations à EGAPRO_DATABASE_URL")
    actions.add_parser("current", help="affiche la révision de la base et la dernière révision")
    backup = actions.add_parser(
        "backup", help="copie cohérente d'une base SQLite, même pendant que le service tourne"
    )
    backup.add_argument("file", help="fichier de destination (remplacé s'il existe)")


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


def backup(database_url: str, target: str) -> int:
    """SQLite's online backup API: a consistent copy while other connections write."""
    import sqlite3
    import sys
    from pathlib import Path

    from sqlalchemy import make_url

    from store.database import async_url

    url = make_url(async_url(database_url))
    if not url.drivername.startswith("sqlite") or url.database in (None, "", ":memory:"):
        print(
            "db backup copies a SQLite file; for PostgreSQL use pg_dump (see the README).",
            file=sys.stderr,
        )
        return 2
    source_path = Path(url.database)
    if not source_path.exists():
        print(f"no database at {source_path}", file=sys.stderr)
        return 2
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=30)
    destination = sqlite3.connect(target)
    try:
        with destination:
            source.backup(destination, pages=1024)
    finally:
        destination.close()
        source.close()
    print(f"backup of {source_path} written to {target}")
    return 0


def run(args: argparse.Namespace) -> int:
    from egapro_assistant.config import Settings

    database_url = Settings().database_url
    if args.action == "backup":
        return backup(database_url, args.file)
    if args.action == "current":
        return _current(database_url)
    return _upgrade(database_url)
