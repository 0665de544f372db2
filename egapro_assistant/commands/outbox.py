"""``egapro-assistant outbox``: list the outbox, settle uncertain or failed rows.

An uncertain row is one whose sender stopped between taking it and recording the outcome: it
may have left. Check with the recipient or the relay's logs, then ``resend`` or ``drop`` it.
"""

import argparse
import asyncio
import json
import sys

NAME = "outbox"
HELP = (
    "File d'envoi : lister les messages (incertains, en échec...), en renvoyer un, en "
    "abandonner un."
)
STATUSES = ("uncertain", "failed", "pending", "sending", "sent", "cancelled", "skipped")
EXIT_REFUSED = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    listed = actions.add_parser("list", help="affiche les messages de la file d'envoi")
    listed.add_argument("--status", choices=STATUSES, help="seulement les messages dans cet état")
    listed.add_argument("--siren", metavar="SIREN", help="seulement ceux de cette entreprise")
    listed.add_argument("--json", action="store_true", help="une ligne JSON par message")
    resent = actions.add_parser(
        "resend", help="remet dans la file un message incertain, en échec ou annulé"
    )
    resent.add_argument("id", type=int, metavar="ID")
    dropped = actions.add_parser(
        "drop", help="abandonne un message en attente, incertain ou en échec"
    )
    dropped.add_argument("id", type=int, metavar="ID")


def _as_dict(row) -> dict:
    return {
        "id": row.id,
        "status": row.status,
        "channel": row.channel,
        "recipient": row.recipient,
        "kind": row.kind,
        "siren": row.siren,
        "topic": row.topic,
        "priority": row.priority,
        "attempts": row.attempts,
        "created_at": row.created_at.isoformat(),
        "next_attempt_at": row.next_attempt_at.isoformat(),
        "sent_at": row.sent_at.isoformat() if row.sent_at else None,
        "last_error": row.last_error,
    }


def _line(row) -> str:
    error = (row.last_error or "").replace("\n", " ")
    fields = (
        row.id,
        row.status,
        row.channel,
        row.recipient,
        row.kind,
        row.siren or "-",
        row.attempts,
        row.created_at.strftime("%Y-%m-%d %H:%M"),
        error[:120] or "-",
    )
    return " | ".join(str(field) for field in fields)


async def _list(database, args: argparse.Namespace) -> int:
    from store import outbox
    from store.imports import messages

    async with database.session() as session:
        rows = await outbox.list_rows(session, status=args.status, siren=args.siren)
    if args.json:
        for row in rows:
            print(json.dumps(_as_dict(row), ensure_ascii=False))
        return 0
    if not rows:
        print(messages.OUTBOX_NONE)
        return 0
    print(messages.OUTBOX_HEADER)
    for row in rows:
        print(_line(row))
    return 0


async def _settle(database, args: argparse.Namespace) -> int:
    from store import outbox
    from store.imports import messages

    try:
        async with database.session() as session:
            if args.action == "resend":
                await outbox.resend(session, args.id)
            else:
                await outbox.drop(session, args.id)
    except outbox.OutboxActionError as error:
        if error.status is None:
            text = messages.OUTBOX_UNKNOWN
        elif args.action == "resend":
            text = messages.OUTBOX_CANNOT_RESEND
        else:
            text = messages.OUTBOX_CANNOT_DROP
        print(text.format(id=args.id, status=error.status), file=sys.stderr)
        return EXIT_REFUSED
    done = messages.OUTBOX_RESENT if args.action == "resend" else messages.OUTBOX_DROPPED
    print(done.format(id=args.id))
    return 0


async def _run(database_url: str, args: argparse.Namespace) -> int:
    from store import migrate
    from store.database import Database

    database = Database(database_url)
    try:
        await migrate.upgrade_async(database)
        if args.action == "list":
            return await _list(database, args)
        return await _settle(database, args)
    finally:
        await database.dispose()


def run(args: argparse.Namespace) -> int:
    from egapro_assistant.config import Settings

    return asyncio.run(_run(Settings().database_url, args))
