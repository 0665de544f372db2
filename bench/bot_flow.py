"""Load test of the real step-by-step computation: N users type the official 50-250 example
through the fake Telegram Bot API (real HTTP), the bot runs on SQLite, and each user gets the
result, the chart and the PDF. The echo bot of bench/bot_load.py runs first as the baseline.

    .venv/bin/python bench/bot_flow.py                      # 200 users, echo baseline first
    .venv/bin/python bench/bot_flow.py --users 50 --no-echo
    .venv/bin/python bench/bot_flow.py --no-render-cache    # every user pays chart + PDF drawing
    .venv/bin/python bench/bot_flow.py --until-summary      # the conversation without the result
    .venv/bin/python bench/bot_flow.py --think 1            # people pause ~1 s before each step
    .venv/bin/python bench/bot_flow.py --database postgresql  # a fresh schema on PostgreSQL
        (EGAPRO_BENCH_POSTGRES_URL, default postgresql+asyncpg://postgres@127.0.0.1:5432/test)

Every user types the same data by default, so the chart and PDF of the result are drawn once
(reports.drawing caches them per result and minute); --no-render-cache measures the cost
of drawing them for every user.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# The bot's drawing process (spawn) imports this module again, as it imports the service's entry
# point: the bot and the harness are imported inside the functions, so it stays as light.
if TYPE_CHECKING:
    from bench.bot_load import LoadReport, Step

EXAMPLE = "official-sim-50-250-00.json"
_DATABASE_DIR = tempfile.mkdtemp(prefix="egapro-bench-")
POSTGRES_URL = os.environ.get(
    "EGAPRO_BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
BACKEND = {"name": "sqlite"}  # set by --database before the load starts
_SCHEMAS: list[str] = []  # PostgreSQL schemas made by this run, dropped at its end


async def flow_dispatcher():
    """The service's dispatcher on a fresh database: a SQLite file (WAL, as in production), or
    a new schema on PostgreSQL."""
    from store.database import Database
    from tests.bot.compute_scripts import dispatcher

    if BACKEND["name"] == "postgresql":
        schema = f"bench_{uuid.uuid4().hex[:12]}"
        admin = Database(POSTGRES_URL)
        async with admin.engine.begin() as connection:
            await connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        await admin.dispose()
        _SCHEMAS.append(schema)
        database = Database(POSTGRES_URL, schema=schema)
    else:
        database = Database(f"sqlite+aiosqlite:///{tempfile.mkdtemp(dir=_DATABASE_DIR)}/bench.db")
    await database.create_all()
    return dispatcher(database)


async def _drop_schemas() -> None:
    from store.database import Database

    admin = Database(POSTGRES_URL)
    async with admin.engine.begin() as connection:
        for schema in _SCHEMAS:
            await connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    await admin.dispose()


def label(callback_data: str, year: int) -> str:
    """The text of the button a person presses for this callback data (French)."""
    from bot.compute.callbacks import BAND_NAMES, MODE_CODES, StepChoice
    from bot.texts import text

    if callback_data.startswith("cn:compute"):
        return text("compute.button.compute")
    choice = StepChoice.unpack(callback_data)
    if choice.q == "period_end":
        return f"31/12/{year}"
    if choice.q == "band":
        return text(f"compute.button.band.{BAND_NAMES[choice.v]}")
    if choice.q == "i1.mode":
        return text(f"compute.button.mode.{MODE_CODES[choice.v]}")
    return text(f"compute.button.none.{choice.q}")


def flow_scenario(until_summary: bool = False) -> list[Step]:
    """/start, the menu's step-by-step button, every answer, then "compute" (3 replies)."""
    from bench.bot_load import command, press, say
    from bot.texts import text
    from tests.bot.compute_scripts import load_example, steps_script

    year = 2024
    steps = [command("/start"), press(text("menu.compute_steps"))]
    for action in steps_script(load_example(EXAMPLE)["input"], year=year):
        if action.kind == "text":
            steps.append(say(action.value))
        else:
            steps.append(press(label(action.value, year), replies=action.replies))
    return steps[:-1] if until_summary else steps


def ratio_line(flow: LoadReport, echo: LoadReport | None) -> str:
    if echo is None or not echo.updates_per_s:
        return ""
    return f"  ratio to echo      {flow.updates_per_s / echo.updates_per_s:.2f} (updates/s)"


def run_flow(
    users: int,
    *,
    database: str = "sqlite",
    until_summary: bool = False,
    step_timeout: float = 60.0,
    inline: bool = False,
    think: float = 0.0,
) -> LoadReport:
    """The step-by-step flow by long polling on a fresh database (dropped at the end on
    PostgreSQL). Call from synchronous code, before any event loop runs in this process."""
    from bench.bot_load import run_load

    BACKEND["name"] = database
    try:
        return run_load(
            flow_dispatcher,
            flow_scenario(until_summary),
            users,
            step_timeout=step_timeout,
            inline=inline,
            think=think,
        )
    finally:
        if _SCHEMAS:
            asyncio.run(_drop_schemas())
            _SCHEMAS.clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--no-echo", action="store_true", help="skip the echo baseline")
    parser.add_argument("--no-render-cache", action="store_true")
    parser.add_argument("--until-summary", action="store_true")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--step-timeout", type=float, default=60.0)
    parser.add_argument("--inline", action="store_true", help="fake and bot in one event loop")
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean pause of each user before each step (s)"
    )
    args = parser.parse_args(argv)
    BACKEND["name"] = args.database
    from bench.bot_load import build_scenario as echo_scenario
    from bench.bot_load import echo_dispatcher, run_load
    from reports import drawing

    echo = None
    if not args.no_echo:
        echo = run_load(
            echo_dispatcher, echo_scenario(), args.users, inline=args.inline, think=args.think
        )
        print(echo.render("echo bot"))
    if args.no_render_cache:
        drawing.RENDERED.size = 0
    scenario = flow_scenario(args.until_summary)
    report = run_flow(
        args.users,
        database=args.database,
        until_summary=args.until_summary,
        step_timeout=args.step_timeout,
        inline=args.inline,
        think=args.think,
    )
    what = "until the summary" if args.until_summary else "to the result"
    cache = ", no render cache" if args.no_render_cache else ""
    title = f"step-by-step flow {what} ({len(scenario)} updates per user{cache}, {args.database})"
    print(report.render(title))
    line = ratio_line(report, echo)
    if line:
        print(line)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
