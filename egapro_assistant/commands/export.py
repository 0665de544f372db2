"""``egapro-assistant export declarations --year N [--output FILE]``: the declarations of data
year N as JSON Lines in the official declaration record shape (index-rules §13 and §12).

One line per declaration made in the assistant::

    {"type": "index" | "representation", "siren": "…", "year": N,
     "declared_at": "…", "modified_at": "…" | null, "data": {official record}}

Index declarations come first (by SIREN), then représentation équilibrée ones. Each line is
checked against the official field rules; a line that breaks one is still written, the problem
is printed on standard error and the exit status is 1. Declarations the companies said they made
on the official platform are not exported (the platform has them).
"""

import argparse
import asyncio
import json
import sys
from pathlib import Path

NAME = "export"
HELP = (
    "Exporte les déclarations d'une année de données au format des enregistrements officiels "
    "(JSON Lines)."
)
EXIT_INVALID = 1

MESSAGES = {
    "written": "{index} déclaration(s) d'index et {representation} de représentation équilibrée "
    "pour l'année {year} écrites dans {target}.",
    "problem": "{kind} {siren} {year} : {problem}",
    "invalid": "{count} enregistrement(s) ne respectent pas les règles officielles "
    "(voir ci-dessus).",
    "stdout": "la sortie standard",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    what = parser.add_subparsers(dest="what", required=True)
    declarations = what.add_parser(
        "declarations",
        help="déclarations d'index (avec objectifs et mesures) et de représentation équilibrée",
    )
    declarations.add_argument(
        "--year", type=int, required=True, metavar="N", help="année des indicateurs (données)"
    )
    declarations.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="fichier JSON Lines à écrire (par défaut : la sortie standard)",
    )


async def collect(database, year: int) -> list[dict]:
    """Every record of data year ``year``: index declarations, then représentation."""
    from store import companies, declarations
    from store.official_record import index_record, representation_record

    async with database.session() as session:
        indexes = [
            row
            for row in await declarations.index_declarations_for_year(session, year)
            if row.channel == declarations.ASSISTANT
        ]
        representations = [
            row
            for row in await declarations.representations_for_year(session, year)
            if row.channel == declarations.ASSISTANT
        ]
        sirens = [row.siren for row in (*indexes, *representations)]
        known = await companies.get_many(session, sirens)
        objectives = await declarations.objectives_of_many(session, [row.id for row in indexes])
    return [
        *(index_record(row, known.get(row.siren), objectives.get(row.id)) for row in indexes),
        *(representation_record(row, known.get(row.siren)) for row in representations),
    ]


def write(records: list[dict], output) -> None:
    for record in records:
        output.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")


def report_problems(records: list[dict]) -> int:
    from store.official_record_check import problems

    invalid = 0
    for record in records:
        found = problems(record)
        invalid += bool(found)
        for problem in found:
            print(
                MESSAGES["problem"].format(
                    kind=record.get("type"),
                    siren=record.get("siren"),
                    year=record.get("year"),
                    problem=problem,
                ),
                file=sys.stderr,
            )
    if invalid:
        print(MESSAGES["invalid"].format(count=invalid), file=sys.stderr)
    return invalid


async def _run(database_url: str, args: argparse.Namespace) -> int:
    from store import migrate
    from store.database import Database

    database = Database(database_url)
    try:
        await migrate.upgrade_async(database)
        records = await collect(database, args.year)
    finally:
        await database.dispose()
    if args.output is None:
        write(records, sys.stdout)
        target = MESSAGES["stdout"]
    else:
        with args.output.open("w", encoding="utf-8") as output:
            write(records, output)
        target = str(args.output)
    invalid = report_problems(records)
    counts = {"index": 0, "representation": 0}
    for record in records:
        counts[record["type"]] += 1
    print(MESSAGES["written"].format(year=args.year, target=target, **counts), file=sys.stderr)
    return EXIT_INVALID if invalid else 0


def run(args: argparse.Namespace) -> int:
    from egapro_assistant.config import Settings

    return asyncio.run(_run(Settings().database_url, args))
