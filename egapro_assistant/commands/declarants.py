"""``egapro-assistant declarants``: import ``siren,email`` files; list, add, remove one email."""

import argparse
import asyncio
import sys
from pathlib import Path

NAME = "declarants"
HELP = (
    "Déclarants (courriels autorisés à agir pour un SIREN) : importer un fichier siren,email, "
    "lister, ajouter, retirer."
)
EXIT_UNREADABLE = 2
EXIT_REFUSED = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    imported = actions.add_parser(
        "import", help="importe un fichier CSV ou XLSX de colonnes siren,email ; rejouable"
    )
    imported.add_argument("file", type=Path, metavar="FILE")
    listed = actions.add_parser("list", help="affiche les déclarants d'un SIREN")
    listed.add_argument("siren", metavar="SIREN")
    for action, text in (
        ("add", "ajoute un déclarant à un SIREN"),
        ("remove", "retire un déclarant (jamais le dernier)"),
    ):
        sub = actions.add_parser(action, help=text)
        sub.add_argument("siren", metavar="SIREN")
        sub.add_argument("email", metavar="EMAIL")


async def _import(database, path: Path) -> int:
    from store.imports.declarants import import_declarants
    from store.imports.reading import UnreadableFile
    from store.imports.report import render, render_unreadable

    try:
        report = await import_declarants(database, path)
    except UnreadableFile as error:
        print(render_unreadable(error), file=sys.stderr)
        return EXIT_UNREADABLE
    print(render(report))
    return 0


async def _manage(database, args: argparse.Namespace) -> int:
    from store import declarants
    from store.imports import messages
    from store.siren import InvalidSiren, normalise_siren

    try:
        siren = normalise_siren(args.siren)
    except InvalidSiren as error:
        print(messages.SIREN_REASONS[error.reason].format(value=error.text), file=sys.stderr)
        return EXIT_REFUSED
    async with database.session() as session:
        if args.action == "list":
            emails = await declarants.emails_of(session, siren)
            print("\n".join(emails) if emails else messages.DECLARANT_NONE.format(siren=siren))
            return 0
        try:
            email = declarants.normalise_email(args.email)
        except declarants.InvalidEmail:
            print(messages.BAD_EMAIL.format(value=args.email), file=sys.stderr)
            return EXIT_REFUSED
        if args.action == "add":
            added = await declarants.add(session, siren, email, added_by="cli")
            text = messages.DECLARANT_ADDED if added else messages.DECLARANT_ALREADY
            print(text.format(email=email, siren=siren))
            return 0
        try:
            removed = await declarants.remove(session, siren, email)
        except declarants.LastDeclarantError:
            print(messages.DECLARANT_LAST.format(email=email, siren=siren), file=sys.stderr)
            return EXIT_REFUSED
        if not removed:
            print(messages.DECLARANT_NOT_FOUND.format(email=email, siren=siren), file=sys.stderr)
            return EXIT_REFUSED
        print(messages.DECLARANT_REMOVED.format(email=email, siren=siren))
        return 0


async def _run(database_url: str, args: argparse.Namespace) -> int:
    from store import migrate
    from store.database import Database

    database = Database(database_url)
    try:
        await migrate.upgrade_async(database)
        if args.action == "import":
            return await _import(database, args.file)
        return await _manage(database, args)
    finally:
        await database.dispose()


def run(args: argparse.Namespace) -> int:
    from egapro_assistant.config import Settings

    return asyncio.run(_run(Settings().database_url, args))
