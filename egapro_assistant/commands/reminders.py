"""``egapro-assistant reminders preview [--at MOMENT] [--json]``: what a reminder tick at that
moment would write (company, campaign, step, channel, recipient), writing nothing.

``egapro-assistant reminders history --siren S [--json]``: a company's reminders, with what became
of each: queued, sent, skipped (a later step went instead), cancelled (declared meanwhile),
uncertain (the sender stopped while sending it), failed.

``--json`` prints one JSON object per line.
"""

import argparse
import asyncio
import json
import sys
from datetime import UTC, datetime

NAME = "reminders"
HELP = (
    "Rappels : ce qu'un passage écrirait maintenant (ou à une date), l'historique d'une entreprise."
)
PARIS = "Europe/Paris"

MESSAGES = {
    "bad_moment": "--at {value!r} : date et heure attendues, par exemple 2027-02-14T10:00 "
    "(heure de Paris si aucun fuseau n'est donné)",
    "preview_title": "Passage du {at} (heure de Paris), depuis le précédent du {since} : "
    "{count} message(s), dont {skipped} ignoré(s)",
    "never": "jamais",
    "preview_header": "SIREN      CAMP. SUJET           ÉTAPE     CANAL     ENVOI              "
    "DESTINATAIRE",
    "history_title": "Rappels de l'entreprise {siren} : {count}",
    "history_header": "ID      ÉTAT        CAMP. SUJET           ÉTAPE     CANAL     CRÉÉ LE"
    "            ENVOYÉ LE          DESTINATAIRE",
    "nothing": "Aucun rappel.",
}
STATUS_LABELS = {
    "pending": "en attente",
    "sending": "en cours",
    "sent": "envoyé",
    "skipped": "ignoré",
    "cancelled": "annulé",
    "uncertain": "incertain",
    "failed": "en échec",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    preview = actions.add_parser("preview", help="ce qu'un passage écrirait, sans rien écrire")
    preview.add_argument(
        "--at", metavar="MOMENT", help="date et heure (défaut : maintenant), ex. 2027-02-14T10:00"
    )
    preview.add_argument("--json", action="store_true", help="une ligne JSON par message")
    history = actions.add_parser("history", help="les rappels d'une entreprise")
    history.add_argument("--siren", required=True, metavar="SIREN")
    history.add_argument("--json", action="store_true", help="une ligne JSON par message")


def parse_moment(value: str | None) -> datetime:
    from zoneinfo import ZoneInfo

    if not value:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(MESSAGES["bad_moment"].format(value=value)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(PARIS))
    return moment.astimezone(UTC)


def _local(moment: datetime | None) -> str:
    from zoneinfo import ZoneInfo

    if moment is None:
        return ""
    return moment.astimezone(ZoneInfo(PARIS)).strftime("%Y-%m-%d %H:%M")


def _planned_dict(message) -> dict:
    return {
        "siren": message.siren,
        "company_name": message.company_name,
        "campaign": message.campaign_year,
        "subject": message.subject,
        "step": message.step,
        "channel": message.channel,
        "recipient": message.recipient,
        "status": message.status,
        "not_before": message.not_before.isoformat(),
    }


def _row_dict(row) -> dict:
    params = (row.payload or {}).get("params") or {}
    return {
        "id": row.id,
        "siren": row.siren,
        "campaign": params.get("campaign_year"),
        "subject": params.get("about"),
        "step": params.get("step"),
        "channel": row.channel,
        "recipient": row.recipient,
        "status": row.status,
        "created_at": row.created_at.isoformat(),
        "sent_at": row.sent_at.isoformat() if row.sent_at else None,
        "last_error": row.last_error,
    }


async def _preview(database, settings, at: datetime) -> tuple[list, datetime | None]:
    from egapro_assistant.send_window import SendWindow
    from egapro_assistant.usecases import reminders
    from egapro_assistant.usecases.reminder_rules import ReminderPolicy
    from store import reminders as reminder_store

    async with database.session() as session:
        since = await reminder_store.last_run(session, reminders.JOB)
    planned = await reminders.preview(
        database,
        at=at,
        policy=ReminderPolicy.from_settings(settings),
        window=SendWindow.from_settings(settings),
    )
    return planned, since if since is not None and since < at else None


async def _history(database, siren: str) -> list:
    from store import reminders as reminder_store

    async with database.session() as session:
        return await reminder_store.history(session, siren)


async def _run(settings, args: argparse.Namespace) -> int:
    from store import migrate
    from store.database import Database

    try:
        at = parse_moment(getattr(args, "at", None))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    database = Database(settings.database_url)
    try:
        await migrate.upgrade_async(database)
        if args.action == "preview":
            planned, since = await _preview(database, settings, at)
        else:
            rows = await _history(database, args.siren.strip())
    finally:
        await database.dispose()
    out = sys.stdout
    if args.action == "preview":
        if args.json:
            for message in planned:
                print(json.dumps(_planned_dict(message), ensure_ascii=False), file=out)
            return 0
        skipped = sum(message.status == "skipped" for message in planned)
        print(
            MESSAGES["preview_title"].format(
                at=_local(at),
                since=_local(since) or MESSAGES["never"],
                count=len(planned),
                skipped=skipped,
            ),
            file=out,
        )
        if planned:
            print(MESSAGES["preview_header"], file=out)
        for m in planned:
            when = STATUS_LABELS["skipped"] if m.status == "skipped" else _local(m.not_before)
            print(
                f"{m.siren:<10} {m.campaign_year:<5} {m.subject:<15} {m.step.split(':')[-1]:<9} "
                f"{m.channel:<9} {when:<18} {m.recipient}",
                file=out,
            )
        return 0
    if args.json:
        for row in rows:
            print(json.dumps(_row_dict(row), ensure_ascii=False), file=out)
        return 0
    print(MESSAGES["history_title"].format(siren=args.siren, count=len(rows)), file=out)
    if not rows:
        print(MESSAGES["nothing"], file=out)
        return 0
    print(MESSAGES["history_header"], file=out)
    for row in rows:
        item = _row_dict(row)
        print(
            f"{row.id:<7} {STATUS_LABELS.get(row.status, row.status):<11} "
            f"{item['campaign'] or '':<5} {item['subject'] or '':<15} "
            f"{(item['step'] or '').split(':')[-1]:<9} {row.channel:<9} "
            f"{_local(row.created_at):<18} {_local(row.sent_at):<18} {row.recipient}",
            file=out,
        )
    return 0


def run(args: argparse.Namespace) -> int:
    from egapro_assistant.config import Settings

    return asyncio.run(_run(Settings(), args))
