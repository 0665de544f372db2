"""``egapro-assistant forget EMAIL``: erase an address wherever it is not needed for a legal
record, and say what was kept and why (``store.forget``)."""

import argparse
import asyncio

NAME = "forget"
HELP = "Effacer une adresse email partout où elle n'est pas nécessaire à un registre légal."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("email", help="l'adresse à effacer")


def run(args: argparse.Namespace) -> int:
    from egapro_assistant.config import Settings
    from store.database import Database
    from store.forget import forget_email, normalise

    async def forget():
        database = Database(Settings().database_url)
        try:
            return await forget_email(database, args.email)
        finally:
            await database.dispose()

    report = asyncio.run(forget())
    address = normalise(args.email)
    if report.removed:
        print(f"{address} : effacé")
        for what, count in report.removed.items():
            print(f"  - {what} : {count}")
    else:
        print(f"{address} : rien à effacer")
    for what, (count, why) in report.kept.items():
        print(f"  conservé – {what} ({count}) : {why}")
    return 0
