"""Load test of the web chat: N people type the official 50-250 example step by step in the
web chat at once (the page's JSON endpoints over real HTTP, long polling), against the same
conversation run through the fake Telegram Bot API in the same run (bench/bot_flow.py).

    .venv/bin/python bench/web_chat_flow.py                 # 200 chats, Telegram figure first
    .venv/bin/python bench/web_chat_flow.py --users 50 --no-telegram

The people run in a child process and the service side (web app, Bot API emulation,
dispatcher, SQLite) in this one, as in bench/bot_load.py.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bot_flow import flow_dispatcher, flow_scenario
from bench.bot_load import LoadReport, _cpu_s, _maxrss_mb, drive_people, run_load


def _people_side(conn: Any, users: int, timeout: float, think: float) -> None:
    from tests.fakes.web_chat import WebChatUser

    async def main() -> None:
        url = conn.recv()
        server = SimpleNamespace(url=url)
        people = [WebChatUser(server, f"User{n}", "fr") for n in range(users)]
        for person in people:  # opening the page: not measured (the welcome is read there)
            await person.open()
        numbered = [_Numbered(p, n) for n, p in enumerate(people)]
        result = await drive_people(numbered, flow_scenario(), timeout, think)
        for person in people:
            await person.close()
        conn.send(result)

    asyncio.run(main())
    conn.close()


class _Numbered:
    """A web chat person with the numeric ``id`` the load harness seeds its pauses with."""

    def __init__(self, person, number: int) -> None:
        self._person = person
        self.id = 10_000 + number

    def __getattr__(self, name: str):
        return getattr(self._person, name)


async def _service_side(conn: Any) -> dict[str, Any]:
    from tests.fakes.web_chat import WebChatServer

    loop = asyncio.get_running_loop()
    dispatcher = await flow_dispatcher()
    server = WebChatServer()
    async with server.running(dispatcher):
        conn.send(server.url)
        cpu_before = _cpu_s()
        result = await loop.run_in_executor(None, conn.recv)
        result["service_cpu_s"] = _cpu_s() - cpu_before
    return result


def run_web_chat(users: int, timeout: float, think: float) -> LoadReport:
    baseline_rss = _maxrss_mb(resource.RUSAGE_SELF)
    context = multiprocessing.get_context("fork")
    here, there = context.Pipe()
    child = context.Process(target=_people_side, args=(there, users, timeout, think))
    child.start()
    try:
        result = asyncio.run(_service_side(here))
    finally:
        child.join(timeout=30)
        if child.is_alive():
            child.terminate()
    return LoadReport(
        users=users,
        updates=result["updates"],
        seconds=result["seconds"],
        latencies_ms=result["latencies_ms"],
        failures=result["failures"],
        bot_maxrss_mb=_maxrss_mb(resource.RUSAGE_SELF),
        fake_maxrss_mb=_maxrss_mb(resource.RUSAGE_CHILDREN),
        bot_cpu_s=result["service_cpu_s"],
        fake_cpu_s=result["cpu_s"],
        baseline_maxrss_mb=baseline_rss,
        step_latencies_ms=result["step_latencies_ms"],
        think_s=think,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--no-telegram", action="store_true", help="skip the Telegram figure")
    parser.add_argument("--step-timeout", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=0.0)
    args = parser.parse_args(argv)
    scenario = flow_scenario()
    label = f"step-by-step flow to the result ({len(scenario)} updates per user)"
    telegram = None
    if not args.no_telegram:
        telegram = run_load(
            flow_dispatcher, scenario, args.users, step_timeout=args.step_timeout, think=args.think
        )
        print(telegram.render(f"Telegram (fake Bot API): {label}"))
    web = run_web_chat(args.users, args.step_timeout, args.think)
    print(web.render(f"web chat: {label}").replace("fake server + users", "people"))
    if telegram is not None and telegram.updates_per_s:
        print(
            f"  web chat / Telegram  {web.updates_per_s / telegram.updates_per_s:.2f} (updates/s), "
            f"p99 {web.percentile(0.99):.0f} ms vs {telegram.percentile(0.99):.0f} ms"
        )
    return 1 if web.failures or (telegram and telegram.failures) else 0


if __name__ == "__main__":
    sys.exit(main())
