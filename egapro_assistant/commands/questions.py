"""``egapro-assistant questions list [--open]``: questions asked by replying to an email."""

import argparse
import asyncio

NAME = "questions"
HELP = "Questions reçues par email (réponses aux messages de l'assistant)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    listed = actions.add_parser("list", help="liste les questions, les plus anciennes d'abord")
    listed.add_argument("--open", action="store_true", help="seulement celles sans réponse")


async def _list(database_url: str, open_only: bool) -> int:
    from store import migrate, questions
    from store.database import Database

    database = Database(database_url)
    try:
        await migrate.upgrade_async(database)
        async with database.session() as session:
            rows = await questions.list_questions(session, open_only=open_only)
    finally:
        await database.dispose()
    if not rows:
        print("Aucune question.")
        return 0
    for row in rows:
        when = row.created_at.strftime("%Y-%m-%d %H:%M UTC")
        text = " ".join(row.text.split())
        print(f"#{row.id}\t{when}\t{row.status}\t{row.siren or '-'}\t{row.email}\t{text[:200]}")
    return 0


def run(args: argparse.Namespace) -> int:
    from egapro_assistant.config import Settings

    return asyncio.run(_list(Settings().database_url, args.open))
