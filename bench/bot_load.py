"""Load test of an aiogram bot against the fake Telegram Bot API server.

N simulated users run a scripted conversation at the same time; each step waits for the bot's
answer. Reports updates/s, latency from a user's update to the bot's first answer (p50/p99) and
peak memory (ru_maxrss) of the bot process.

    .venv/bin/python bench/bot_load.py --echo                 # bare aiogram echo bot baseline
    .venv/bin/python bench/bot_load.py --echo --users 500
    .venv/bin/python bench/bot_load.py --factory pkg.mod:make_dispatcher \
        --scenario pkg.mod:build_scenario                      # the real conversation

By default the fake server and the users run in a child process and the bot in this one, so the
fake does not take CPU from the bot; --inline runs everything in one event loop.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import inspect
import multiprocessing
import random
import resource
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiogram import Bot, Dispatcher, F, Router
from aiogram.types import Message

from tests.fakes import FakeTelegramServer, SimulatedUser

DispatcherFactory = Callable[[], Dispatcher | Awaitable[Dispatcher]]


@dataclass(frozen=True)
class Step:
    """One user action; the user then waits for `replies` bot events (messages or edits)."""

    action: str  # "text" | "command" | "press" | "document"
    value: str
    data: bytes = b""
    replies: int = 1


def say(text: str, replies: int = 1) -> Step:
    return Step("text", text, replies=replies)


def command(name: str, replies: int = 1) -> Step:
    return Step("command", name, replies=replies)


def press(button_text: str, replies: int = 1) -> Step:
    """Press the inline button with this label on the latest message showing it."""
    return Step("press", button_text, replies=replies)


def upload(data: bytes, filename: str, replies: int = 1) -> Step:
    return Step("document", filename, data=data, replies=replies)


Scenario = Sequence[Step] | Callable[[int], Sequence[Step]]
"""The same steps for every user, or a function of the user's index."""


def build_scenario() -> list[Step]:
    """The echo baseline conversation: a command then nine texts, one answer each."""
    return [command("/start")] + [say(f"message {n} : 32 500,50 €") for n in range(1, 10)]


def echo_dispatcher() -> Dispatcher:
    router = Router()

    @router.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(message.text)

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    return dispatcher


@dataclass
class LoadReport:
    users: int
    updates: int
    seconds: float
    latencies_ms: list[float]
    failures: list[str]
    bot_maxrss_mb: float
    fake_maxrss_mb: float | None
    bot_cpu_s: float
    fake_cpu_s: float | None
    baseline_maxrss_mb: float
    step_latencies_ms: dict[int, list[float]] = field(default_factory=dict)
    think_s: float = 0.0

    @property
    def updates_per_s(self) -> float:
        return self.updates / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        return _percentile(self.latencies_ms, fraction)

    def render(self, label: str) -> str:
        fake = f", fake server + users {self.fake_maxrss_mb:.0f} MB" if self.fake_maxrss_mb else ""
        fake_cpu = f", fake server + users {self.fake_cpu_s:.2f} s" if self.fake_cpu_s else ""
        lines = [
            f"{label}: {self.users} users, {self.updates} updates in {self.seconds:.2f} s",
            f"  updates/s          {self.updates_per_s:,.0f}",
            f"  latency p50        {self.percentile(0.50):.1f} ms",
            f"  latency p99        {self.percentile(0.99):.1f} ms",
            f"  latency max        {max(self.latencies_ms, default=float('nan')):.1f} ms",
            f"  peak RSS           bot process {self.bot_maxrss_mb:.0f} MB{fake}",
            f"  RSS before load    {self.baseline_maxrss_mb:.0f} MB (Python + aiogram imports)",
            f"  CPU during load    bot process {self.bot_cpu_s:.2f} s{fake_cpu}",
            f"  bot CPU per update {1000 * self.bot_cpu_s / max(self.updates, 1):.2f} ms",
        ]
        slowest = sorted(
            ((_percentile(values, 0.99), step) for step, values in self.step_latencies_ms.items()),
            reverse=True,
        )[:3]
        if slowest:
            shown = ", ".join(f"#{step} {p99:.0f} ms" for p99, step in slowest)
            lines.append(f"  slowest steps p99  {shown}")
        if self.think_s:
            lines.insert(1, f"  think time         {self.think_s:g} s on average before each step")
        if self.failures:
            lines.append(f"  FAILURES           {len(self.failures)}: {self.failures[:3]}")
        return "\n".join(lines)


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


# -- the simulated users -----------------------------------------------------------------------


async def _run_step(user: SimulatedUser, step: Step, timeout: float) -> float:
    """Perform one step; return the latency (ms) to the bot's first answer."""
    seen = len(user.messages) + len(user.edits)

    def answered(count: int) -> Callable[[], bool]:
        return lambda: len(user.messages) + len(user.edits) >= seen + count

    started = time.perf_counter()
    if step.action == "text":
        await user.send_text(step.value)
    elif step.action == "command":
        await user.send_command(step.value)
    elif step.action == "press":
        await user.press_button(step.value)
    elif step.action == "document":
        await user.send_document(step.data, step.value)
    else:
        raise ValueError(f"unknown step action {step.action!r}")
    await user.wait_for(answered(1), timeout, "an answer")
    latency = (time.perf_counter() - started) * 1000
    if step.replies > 1:
        await user.wait_for(answered(step.replies), timeout, f"{step.replies} answers")
    return latency


async def _run_user(
    user: SimulatedUser,
    steps: Sequence[Step],
    timeout: float,
    by_step: dict[int, list[float]],
    think: float,
) -> str | None:
    pauses = random.Random(user.id)  # the same pauses from run to run
    for number, step in enumerate(steps, 1):
        if think:
            await asyncio.sleep(pauses.expovariate(1 / think))
        try:
            by_step.setdefault(number, []).append(await _run_step(user, step, timeout))
        except AssertionError as error:
            return f"user {user.id} step {number} ({step.action} {step.value!r}): {error}"[:400]
    return None


async def _drive_users(
    server: FakeTelegramServer, scenario: Scenario, users: int, timeout: float, think: float = 0.0
) -> dict[str, Any]:
    await server.wait_for_poll(timeout=60)
    people = [server.user(10_000 + n, f"User{n}") for n in range(users)]
    return await drive_people(people, scenario, timeout, think)


async def drive_people(
    people: Sequence[SimulatedUser], scenario: Scenario, timeout: float, think: float = 0.0
) -> dict[str, Any]:
    """Run every person's script at once (the bot must be ready); figures of the load."""
    scripts = [
        list(scenario(n)) if callable(scenario) else list(scenario) for n in range(len(people))
    ]
    by_step: dict[int, list[float]] = {}
    cpu_before = _cpu_s()
    started = time.perf_counter()
    outcomes = await asyncio.gather(
        *(_run_user(p, s, timeout, by_step, think) for p, s in zip(people, scripts, strict=True))
    )
    seconds = time.perf_counter() - started
    latencies = [latency for values in by_step.values() for latency in values]
    return {
        "cpu_s": _cpu_s() - cpu_before,
        "updates": len(latencies),
        "seconds": seconds,
        "latencies_ms": latencies,
        "step_latencies_ms": by_step,
        "failures": [o for o in outcomes if o],
    }


# -- the bot ------------------------------------------------------------------------------------


async def _make_dispatcher(factory: DispatcherFactory) -> Dispatcher:
    dispatcher = factory()
    if inspect.isawaitable(dispatcher):
        dispatcher = await dispatcher
    return dispatcher


def _make_bot(url: str, token: str) -> Bot:
    from bot.app import build_bot  # the service's own Bot, pointed at the fake server

    return build_bot(token, api_base=url)


async def _start_polling(dispatcher: Dispatcher, bot: Bot) -> asyncio.Task[None]:
    return asyncio.create_task(
        dispatcher.start_polling(bot, handle_signals=False, close_bot_session=True)
    )


async def _stop_polling(dispatcher: Dispatcher, polling: asyncio.Task[None]) -> None:
    if not polling.done():
        await dispatcher.stop_polling()
    await polling


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


# -- two processes: fake server + users in a child, bot here ----------------------------------


def _fake_side(conn: Any, scenario: Scenario, users: int, timeout: float, think: float) -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        async with FakeTelegramServer() as server:
            conn.send((server.url, server.token))
            conn.send(await _drive_users(server, scenario, users, timeout, think))
            await loop.run_in_executor(None, conn.recv)  # the bot stopped polling

    asyncio.run(main())
    conn.close()


async def _bot_side(conn: Any, factory: DispatcherFactory) -> dict[str, Any]:
    loop = asyncio.get_running_loop()
    url, token = await loop.run_in_executor(None, conn.recv)
    dispatcher = await _make_dispatcher(factory)
    cpu_before = _cpu_s()
    polling = await _start_polling(dispatcher, _make_bot(url, token))
    result_wait = loop.run_in_executor(None, conn.recv)
    done, _ = await asyncio.wait({polling, result_wait}, return_when=asyncio.FIRST_COMPLETED)
    if polling in done:
        polling.result()
        raise RuntimeError("polling stopped before the users finished")
    result = await result_wait
    result["bot_cpu_s"] = _cpu_s() - cpu_before
    await _stop_polling(dispatcher, polling)
    conn.send("stopped")
    return result


def _run_two_processes(
    factory: DispatcherFactory, scenario: Scenario, users: int, timeout: float, think: float
) -> tuple[dict[str, Any], float]:
    context = multiprocessing.get_context("fork")  # before any event loop exists here
    bot_conn, fake_conn = context.Pipe()
    arguments = (fake_conn, scenario, users, timeout, think)
    child = context.Process(target=_fake_side, args=arguments)
    child.start()
    try:
        result = asyncio.run(_bot_side(bot_conn, factory))
    finally:
        child.join(timeout=30)
        if child.is_alive():
            child.terminate()
    return result, _maxrss_mb(resource.RUSAGE_CHILDREN)


async def _run_inline(
    factory: DispatcherFactory, scenario: Scenario, users: int, timeout: float, think: float
) -> dict[str, Any]:
    async with FakeTelegramServer() as server:
        dispatcher = await _make_dispatcher(factory)
        polling = await _start_polling(dispatcher, _make_bot(server.url, server.token))
        try:
            return await _drive_users(server, scenario, users, timeout, think)
        finally:
            await _stop_polling(dispatcher, polling)


def run_load(
    dispatcher_factory: DispatcherFactory,
    scenario: Scenario,
    users: int = 200,
    *,
    step_timeout: float = 30.0,
    inline: bool = False,
    think: float = 0.0,
) -> LoadReport:
    """Run `users` concurrent conversations against the bot built by dispatcher_factory.

    Each user sends its next step as soon as the previous one is answered, or, with ``think``,
    after a random pause (exponential, ``think`` seconds on average), as people read and type.
    Call from synchronous code (it runs its own event loop and, unless inline, a child process).
    """
    fake_rss: float | None = None
    baseline_rss = _maxrss_mb(resource.RUSAGE_SELF)
    arguments = (dispatcher_factory, scenario, users, step_timeout, think)
    if inline:
        result = asyncio.run(_run_inline(*arguments))
    else:
        result, fake_rss = _run_two_processes(*arguments)
    return LoadReport(
        users=users,
        updates=result["updates"],
        seconds=result["seconds"],
        latencies_ms=result["latencies_ms"],
        failures=result["failures"],
        bot_maxrss_mb=_maxrss_mb(resource.RUSAGE_SELF),
        fake_maxrss_mb=fake_rss,
        bot_cpu_s=result.get("bot_cpu_s", result["cpu_s"]),
        fake_cpu_s=None if inline else result["cpu_s"],
        baseline_maxrss_mb=baseline_rss,
        step_latencies_ms=result["step_latencies_ms"],
        think_s=think,
    )


def _load_object(path: str) -> Any:
    module_name, _, attribute = path.partition(":")
    if not attribute:
        raise SystemExit(f"expected module:function, got {path!r}")
    return getattr(importlib.import_module(module_name), attribute)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--echo", action="store_true", help="bare aiogram echo bot baseline")
    parser.add_argument("--factory", help="module:function returning the Dispatcher to load")
    parser.add_argument("--scenario", help="module:function returning the list of steps")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--step-timeout", type=float, default=30.0)
    parser.add_argument("--inline", action="store_true", help="fake and bot in one event loop")
    parser.add_argument("--think", type=float, default=0.0, help="mean pause before each step (s)")
    args = parser.parse_args(argv)
    if args.echo == bool(args.factory):
        parser.error("give either --echo or --factory")
    factory = echo_dispatcher if args.echo else _load_object(args.factory)
    scenario = _load_object(args.scenario)() if args.scenario else build_scenario()
    report = run_load(
        factory,
        scenario,
        args.users,
        step_timeout=args.step_timeout,
        inline=args.inline,
        think=args.think,
    )
    label = "echo bot" if args.echo else args.factory
    print(report.render(label + (" (inline)" if args.inline else "")))
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
