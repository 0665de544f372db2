"""``egapro-assistant mail quarantine``: inbound messages put aside, with the reason."""

import argparse
import asyncio

NAME = "mail"
HELP = "Emails reçus : messages mis en quarantaine (mal formés) avec la raison."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("quarantine", help="liste les messages en quarantaine, récents d'abord")


async def _quarantine(database_url: str) -> int:
    from store import inbound, migrate
    from store.database import Database
    from store.tables.inbound import InboundStatus

    database = Database(database_url)
    try:
        await migrate.upgrade_async(database)
        async with database.session() as session:
            rows = await inbound.list_by_status(session, InboundStatus.QUARANTINED)
    finally:
        await database.dispose()
    if not rows:
        print("Aucun message en quarantaine.")
        return 0
    for row in rows:
        when = row.received_at.strftime("%Y-%m-%d %H:%M UTC")
        sender = row.envelope_from or "<>"
        print(f"#{row.id}\t{when}\t{row.size} o\t{sender}\t{row.reason}")
    return 0


def run(args: argparse.Namespace) -> int:
    from egapro_assistant.config import Settings

    return asyncio.run(_quarantine(Settings().database_url))
