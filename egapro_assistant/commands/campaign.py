"""``egapro-assistant campaign status [--year N] [--departement D] [--siren S] [--json]``:
where every known company stands in a campaign (the status function at work), with the count
per status and the list.

``--year`` is the campaign year (data year N−1; default: the current campaign). ``--departement``
may be repeated; ``?`` stands for companies whose département is unknown.
"""

import argparse
import asyncio
import json
import sys
from collections import Counter

NAME = "campaign"
HELP = "Campagnes : où en est chaque entreprise (statut, index, objectifs, représentation)."
UNKNOWN_DEPARTEMENT = "?"

STATUS_LABELS = {
    "not_subject": "non assujettie (tranche inconnue ou < 50)",
    "not_started": "non commencée",
    "in_progress": "en cours",
    "declared": "déclarée ici",
    "declared_elsewhere": "déclarée sur la plateforme officielle",
}
MESSAGES = {
    "title": "Campagne {year} (indicateurs {data_year}) – échéance de l'index : {deadline}{off}",
    "off": " (campagne de l'index classique désactivée)",
    "count": "  {label:<40} {count:>8}",
    "total": "  {label:<40} {count:>8}",
    "total_label": "total",
    "objectives": "  objectifs à renseigner : {to_fill}, mesures de correction requises : "
    "{measures}, représentation équilibrée à déclarer : {representation}",
    "header": "SIREN      DÉP. TRANCHE  STATUT               INDEX  OBJECTIFS     REPRÉS.      NOM",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    status = actions.add_parser("status", help="statut de chaque entreprise dans une campagne")
    status.add_argument("--year", type=int, metavar="N", help="année de campagne (N = données N−1)")
    status.add_argument(
        "--departement",
        action="append",
        metavar="D",
        help=f"département (répétable ; « {UNKNOWN_DEPARTEMENT} » : département inconnu)",
    )
    status.add_argument("--siren", action="append", metavar="S", help="SIREN (répétable)")
    status.add_argument("--json", action="store_true", help="sortie JSON")


def _departements(values: list[str] | None) -> list[str | None] | None:
    if not values:
        return None
    return [None if value == UNKNOWN_DEPARTEMENT else value.strip().upper() for value in values]


async def collect(database, campaign, *, sirens=None, departements=None):
    from store.campaign_status import standings

    async with database.session() as session:
        return await standings(session, campaign, sirens=sirens, departements=departements)


def as_json(campaign, found) -> dict:
    counts = Counter(standing.status.value for standing in found)
    return {
        "campaign": {
            "year": campaign.year,
            "data_year": campaign.data_year,
            "opens_on": campaign.opens_on.isoformat(),
            "index_deadline": campaign.index_deadline.isoformat(),
            "representation_deadline": campaign.representation_deadline.isoformat(),
            "index_campaign": campaign.index_campaign,
        },
        "counts": {status: counts.get(status, 0) for status in STATUS_LABELS},
        "companies": [
            {
                "siren": s.siren,
                "name": s.name,
                "departement": s.departement,
                "band": s.band,
                "status": s.status.value,
                "index": s.index,
                "calculable": s.calculable,
                "measures_required": s.measures_required,
                "objectives": s.objectives.value,
                "objectives_due_since": s.objectives_due_since.isoformat()
                if s.objectives_due_since
                else None,
                "representation": s.representation.value,
                "declared_at": s.declared_at.isoformat() if s.declared_at else None,
            }
            for s in found
        ],
    }


def _line(s) -> str:
    index = "" if s.index is None else str(s.index)
    if s.calculable is False:
        index = "nc"
    return (
        f"{s.siren:<10} {s.departement or '?':<4} {s.band or '?':<8} {s.status.value:<20} "
        f"{index:>5}  {s.objectives.value:<13} {s.representation.value:<12} {s.name or ''}"
    )


def write_text(campaign, found, output) -> None:
    from reports.formatting import format_date

    print(
        MESSAGES["title"].format(
            year=campaign.year,
            data_year=campaign.data_year,
            deadline=format_date(campaign.index_deadline, "fr"),
            off="" if campaign.index_campaign else MESSAGES["off"],
        ),
        file=output,
    )
    counts = Counter(standing.status.value for standing in found)
    for status, label in STATUS_LABELS.items():
        print(MESSAGES["count"].format(label=label, count=counts.get(status, 0)), file=output)
    print(MESSAGES["total"].format(label=MESSAGES["total_label"], count=len(found)), file=output)
    print(
        MESSAGES["objectives"].format(
            to_fill=sum(s.objectives.value == "to_fill" for s in found),
            measures=sum(s.measures_required for s in found),
            representation=sum(s.representation.value == "to_declare" for s in found),
        ),
        file=output,
    )
    print("", file=output)
    print(MESSAGES["header"], file=output)
    for standing in found:
        print(_line(standing), file=output)


async def _run(settings, args: argparse.Namespace) -> int:
    from egapro_assistant.usecases.campaigns import current_campaign
    from store import migrate
    from store.database import Database

    calendar = settings.calendar
    campaign = calendar.campaign(args.year) if args.year else current_campaign(calendar_=calendar)
    database = Database(settings.database_url)
    try:
        await migrate.upgrade_async(database)
        found = await collect(
            database,
            campaign,
            sirens=args.siren,
            departements=_departements(args.departement),
        )
    finally:
        await database.dispose()
    if args.json:
        json.dump(as_json(campaign, found), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        write_text(campaign, found, sys.stdout)
    return 0


def run(args: argparse.Namespace) -> int:
    from egapro_assistant.config import Settings

    return asyncio.run(_run(Settings(), args))
