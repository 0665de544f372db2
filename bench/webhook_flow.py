"""Load test of webhook mode: two real ``egapro-assistant run`` processes on one fresh
PostgreSQL database, N users typing the official 50-250 example step by step (the flow of
bench/bot_flow.py) through the fake Telegram Bot API, each user's updates posted to the two
instances in turn (as a round-robin front proxy would) with the secret header. The same flow by
long polling on PostgreSQL (bench/bot_flow.py, one process) runs first as the baseline.

    .venv/bin/python bench/webhook_flow.py                 # 200 users, long-polling figure first
    .venv/bin/python bench/webhook_flow.py --users 50 --no-polling
        (EGAPRO_BENCH_POSTGRES_URL, default postgresql+asyncpg://postgres@127.0.0.1:5432/test;
         the run creates its own database next to it and drops it at the end)

Latency: from the update handed to the proxy to the bot's first answer seen at the fake Bot
API. Service CPU: user + system time of both processes and their children (/proc) during the
load; PostgreSQL CPU: the server's processes on this machine (with whatever else uses it at
the time); bench side: the fake Bot API and the users (and, in webhook mode, the proxy).

After the measured pass, N other users go through the same flow typing each run of answers at
once (not measured): their answers are right only when each chat's updates are taken in order.
The run fails (exit 1) when an update is lost, processed twice or out of order in its chat,
when a user's answers differ from the others', or when a service logged an error; pool
timeouts in the services' logs are counted apart ("no pool starvation under 200 chats").
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# As in bench/bot_flow.py, the long-polling bot's drawing process (spawn) imports this module
# again: what the load needs is imported inside the functions.
if TYPE_CHECKING:
    from bench.bot_load import LoadReport, Step
    from tests.e2e.process import ServiceProcess
    from tests.fakes import FakeTelegramServer, SimulatedUser

SECRET = "bench_webhook_secret"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Not on the loopback: the fake Bot API leaves the posting to this script's front proxy.
WEBHOOK_URL = "https://bot.example.test/telegram/webhook"
POOL_TIMEOUT = re.compile(r"QueuePool limit|pool.*timed out|TimeoutError", re.IGNORECASE)
PROBLEM = re.compile(r"\b(ERROR|CRITICAL)\b|Traceback")


# -- the front proxy ---------------------------------------------------------------------------


class RoundRobinProxy:
    """What Telegram would post, posted to the instances: each chat's updates to one instance
    then the other, one at a time per chat, up to ``connections`` posts at once (Telegram's
    default ``max_connections`` is 40). An instance that does not answer 200 gets the update's
    next try moved to the other one."""

    def __init__(
        self, telegram: FakeTelegramServer, urls: list[str], connections: int = 40
    ) -> None:
        self.telegram = telegram
        self.urls = urls
        self.posted: list[tuple[int, int, int]] = []  # (update id, chat id, instance index)
        self.refused: list[str] = []  # non-200 answers and connection errors
        self._turns: Counter[int] = Counter()
        self._chats: dict[int, asyncio.Lock] = {}
        self._slots = asyncio.Semaphore(connections)
        self._posts: set[asyncio.Task] = set()
        self._task: asyncio.Task | None = None

    async def __aenter__(self) -> RoundRobinProxy:
        import aiohttp

        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._task.cancel()
        for post in self._posts:
            post.cancel()
        await asyncio.gather(self._task, *self._posts, return_exceptions=True)
        await self._http.close()

    async def _run(self) -> None:
        from store.telegram_updates import chat_of

        queue = self.telegram._updates
        while True:
            await self.telegram.updates_changed.wait_until(lambda: bool(queue), 3600)
            taken = list(queue)
            queue.clear()
            self.telegram.updates_changed.fire()
            for update in taken:
                chat = chat_of(update)
                lock = self._chats.setdefault(chat, asyncio.Lock())
                post = asyncio.create_task(self._deliver(update, chat, lock))
                self._posts.add(post)
                post.add_done_callback(self._posts.discard)

    async def _deliver(self, update: dict[str, Any], chat: int, lock: asyncio.Lock) -> None:
        async with lock, self._slots:  # the lock first: a chat's posts stay in order
            index = (chat + self._turns[chat]) % len(self.urls)
            self._turns[chat] += 1
            while not await self._post(update, index):
                index = (index + 1) % len(self.urls)
                await asyncio.sleep(0.05)
            self.posted.append((update["update_id"], chat, index))

    async def _post(self, update: dict[str, Any], index: int) -> bool:
        import aiohttp

        try:
            async with self._http.post(
                self.urls[index], json=update, headers={SECRET_HEADER: SECRET}
            ) as response:
                if response.status == 200:
                    return True
                self.refused.append(f"instance {index}: {response.status} {await response.text()}")
        except (aiohttp.ClientError, TimeoutError) as error:
            self.refused.append(f"instance {index}: {type(error).__name__}: {error}")
        return False


# -- CPU and memory of a process and its children, from /proc ---------------------------------

_TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # the fields after "pid (comm)"


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))):
            tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def tree_cpu_s(pid: int) -> float:
    """User + system CPU of ``pid`` and every live descendant, plus the children it reaped."""
    tree = _children()
    total, waiting = 0.0, [pid]
    while waiting:
        current = waiting.pop()
        fields = _stat(current)
        if fields is None:
            continue
        # utime stime cutime cstime: fields 14-17 of stat, 12-15 after "pid (comm)".
        total += sum(int(value) for value in fields[11:15]) / _TICKS
        waiting.extend(tree.get(current, []))
    return total


def postgres_pid() -> int | None:
    """The PostgreSQL server on this machine (its backends are its children), if any."""
    names = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                names[int(entry.name)] = Path(entry, "comm").read_text().strip()
    for pid, name in names.items():
        fields = _stat(pid)
        if name == "postgres" and fields and names.get(int(fields[1])) != "postgres":
            return pid
    return None


def busy_cores() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values) - idle) / _TICKS, sum(values) / _TICKS


def peak_rss_mb(pid: int) -> float:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


# -- the run -----------------------------------------------------------------------------------


@dataclass
class WebhookRun:
    load: dict[str, Any]
    service_cpu_s: float
    postgres_cpu_s: float | None
    machine_busy: float  # share of the machine's CPU time used during the load
    peak_rss_mb: list[float]
    posts_by_instance: list[int]
    problems: list[str] = field(default_factory=list)  # correctness: fail the run
    pool_timeouts: list[str] = field(default_factory=list)
    log_errors: list[str] = field(default_factory=list)
    claimed_by: dict[str, int] = field(default_factory=dict)
    exit_codes: list[int | None] = field(default_factory=list)
    refused_posts: list[str] = field(default_factory=list)
    logs: Path | None = None  # the services' logs (first.log, second.log)


def _progress(message: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def environment(database_url: str, telegram: FakeTelegramServer, worker: str) -> dict[str, str]:
    from tests.fakes import DEFAULT_TOKEN

    return {
        "EGAPRO_DATABASE_URL": database_url,
        "EGAPRO_TELEGRAM_TOKEN": DEFAULT_TOKEN,
        "EGAPRO_TELEGRAM_API_BASE": telegram.url,
        "EGAPRO_TELEGRAM_WEBHOOK_URL": WEBHOOK_URL,
        "EGAPRO_TELEGRAM_WEBHOOK_SECRET": SECRET,
        "EGAPRO_WORKER_ID": worker,
        "EGAPRO_WEB_HOST": "127.0.0.1",
        "EGAPRO_WEB_PORT": "0",
        "EGAPRO_INBOUND_SMTP_HOST": "127.0.0.1",
        "EGAPRO_INBOUND_SMTP_PORT": "0",
    }


async def _registered(instance: ServiceProcess, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while "webhook registered" not in instance.log:
        if time.monotonic() > deadline:
            raise AssertionError("the webhook was not registered:\n" + instance.log[-3000:])
        await asyncio.sleep(0.05)


def _signature(user: SimulatedUser) -> tuple[str, ...]:
    """What a user read, in order, with their own name taken out."""
    texts = [m.text or "" for m in user.messages] + ["edit: " + (e.text or "") for e in user.edits]
    return tuple(text.replace(user.first_name, "<name>") for text in texts)


def check_answers(people: list[SimulatedUser], expected_answers: int) -> list[str]:
    """Every user read the same answers in the same order, as many as the script waits for
    (one more is an update handled twice; a different order, updates taken out of order)."""
    signatures = Counter(_signature(user) for user in people)
    usual, _ = signatures.most_common(1)[0]
    problems = []
    if len(usual) != expected_answers:
        problems.append(f"users read {len(usual)} messages and edits, {expected_answers} expected")
    for user in people:
        own = _signature(user)
        if own != usual:
            first = next(
                (n for n, (a, b) in enumerate(zip(own, usual, strict=False)) if a != b),
                min(len(own), len(usual)),
            )
            theirs, ours = (
                texts[first][:70] if first < len(texts) else "-" for texts in (own, usual)
            )
            problems.append(
                f"user {user.id}: {len(own)} messages and edits, differs from the others at "
                f"#{first}: {theirs!r} instead of {ours!r}"
            )
    return problems


def typed_ahead(steps: list[Step]) -> list[list[Step]]:
    """The steps with each run of typed answers grouped: sent at once, without waiting for the
    bot (right only when the bot takes them in order)."""
    groups: list[list[Step]] = []
    for step in steps:
        if step.action == "text" and groups and groups[-1][-1].action == "text":
            groups[-1].append(step)
        else:
            groups.append([step])
    return groups


async def type_ahead(user: SimulatedUser, groups: list[list[Step]], timeout: float) -> str | None:
    """Run the grouped steps; the failure, or None."""
    from bench.bot_load import _run_step

    for number, group in enumerate(groups, 1):
        try:
            if len(group) == 1:
                await _run_step(user, group[0], timeout)
                continue
            seen = len(user.messages) + len(user.edits)
            for step in group:
                await user.send_text(step.value)
            expected = seen + sum(step.replies for step in group)
            await user.wait_for(
                lambda expected=expected: len(user.messages) + len(user.edits) >= expected,
                timeout,
                "the answers",
            )
        except AssertionError as error:
            return f"user {user.id} group {number}: {error}"[:200]
    return None


async def check_store(
    database_url: str, posted: list[tuple[int, int, int]]
) -> tuple[list[str], dict[str, int]]:
    """Each posted update stored once, processed once (one claim) and in its chat's order."""
    from sqlmodel import select

    from store.database import Database
    from store.tables.telegram import TelegramUpdate, UpdateStatus

    database = Database(database_url)
    try:
        async with database.session() as session:
            rows = (await session.exec(select(TelegramUpdate))).all()
    finally:
        await database.dispose()
    problems = []
    posted_ids = {update_id for update_id, _, _ in posted}
    stored_ids = {row.update_id for row in rows}
    if missing := posted_ids - stored_ids:
        problems.append(
            f"{len(missing)} updates answered 200 and not stored: {sorted(missing)[:5]}"
        )
    not_done = [(r.update_id, r.status, r.error) for r in rows if r.status != UpdateStatus.DONE]
    if not_done:
        problems.append(f"{len(not_done)} updates not done: {not_done[:5]}")
    again = [(r.update_id, r.attempts) for r in rows if r.attempts != 1]
    if again:
        problems.append(f"{len(again)} updates claimed more than once: {again[:5]}")
    by_chat: dict[int, list[TelegramUpdate]] = {}
    for row in sorted(rows, key=lambda r: r.update_id):
        by_chat.setdefault(row.chat_id, []).append(row)
    for chat, updates in by_chat.items():
        done = [row.processed_at for row in updates]
        if None not in done and done != sorted(done):
            problems.append(f"chat {chat}: updates finished out of order")
    return problems, dict(Counter(row.claimed_by for row in rows))


async def run_webhook(
    users: int, step_timeout: float, connections: int, think: float = 0.0
) -> WebhookRun:
    from bench.bot_flow import POSTGRES_URL, flow_scenario
    from bench.bot_load import drive_people
    from tests.e2e.process import ServiceProcess, fresh_database
    from tests.fakes import FakeTelegramServer

    scenario = flow_scenario()
    workdir = Path(tempfile.mkdtemp(prefix="egapro-bench-webhook-"))
    _progress("creating the database, starting the instances")
    async with (
        fresh_database(POSTGRES_URL, prefix="bench") as url,
        FakeTelegramServer() as telegram,
    ):
        instances = [
            ServiceProcess(environment(url, telegram, name), workdir)
            for name in ("bench-first", "bench-second")
        ]
        try:
            for instance in instances:  # one after the other: the first runs the migrations
                await instance.start()
            for instance in instances:
                await _registered(instance)
            _progress("two instances started, webhook registered; load starts")
            urls = [f"{instance.url}/telegram/webhook" for instance in instances]
            people = [telegram.user(10_000 + n, f"User{n}") for n in range(users)]
            async with RoundRobinProxy(telegram, urls, connections) as proxy:
                pids = [instance.process.pid for instance in instances]
                postgres = postgres_pid()
                cpu_before = sum(tree_cpu_s(pid) for pid in pids)
                postgres_before = tree_cpu_s(postgres) if postgres else 0.0
                machine_before = busy_cores()
                load = await drive_people(people, scenario, step_timeout, think)
                service_cpu = sum(tree_cpu_s(pid) for pid in pids) - cpu_before
                postgres_cpu = tree_cpu_s(postgres) - postgres_before if postgres else None
                machine = [b - a for a, b in zip(machine_before, busy_cores(), strict=True)]
                # Not measured: the same flow again with each run of answers typed at once.
                _progress("load done; the flow again, answers typed ahead")
                ahead = [telegram.user(20_000 + n, f"Ahead{n}") for n in range(users)]
                groups = typed_ahead(scenario)
                stuck = await asyncio.gather(
                    *(type_ahead(user, groups, step_timeout) for user in ahead)
                )
            run = WebhookRun(
                load=load,
                service_cpu_s=service_cpu,
                postgres_cpu_s=postgres_cpu,
                machine_busy=machine[0] / machine[1] if machine[1] else float("nan"),
                peak_rss_mb=[peak_rss_mb(pid) for pid in pids],
                posts_by_instance=[
                    sum(1 for *_, index in proxy.posted if index == n) for n in range(2)
                ],
                refused_posts=proxy.refused,
                logs=workdir,
            )
            stuck = [*load["failures"], *(failure for failure in stuck if failure)]
            if stuck:
                run.problems.append(f"{len(stuck)} users stuck: {stuck[:2]}")
            expected = sum(step.replies for step in scenario)
            run.problems += check_answers(people + ahead, expected)
            refused = [call.describe() for call in telegram.calls if not call.ok]
            if refused:
                run.problems.append(f"{len(refused)} Bot API calls refused: {refused[:3]}")
            if telegram.unanswered_callbacks:
                run.problems.append(f"unanswered buttons: {telegram.unanswered_callbacks[:5]}")
            _progress("checking the store")
            store_problems, run.claimed_by = await check_store(url, proxy.posted)
            run.problems += store_problems
            for instance in instances:
                run.exit_codes.append(await instance.stop())
            _progress("instances stopped")
        finally:
            for instance in instances:
                await instance.kill()
        for name, instance in zip(("first", "second"), instances, strict=True):
            (workdir / f"{name}.log").write_text(instance.log)
            for line in instance.lines:
                if POOL_TIMEOUT.search(line):
                    run.pool_timeouts.append(f"{name}: {line.rstrip()}")
                elif PROBLEM.search(line):
                    run.log_errors.append(f"{name}: {line.rstrip()}")
    return run


# -- the table -------------------------------------------------------------------------------


def _percentile(values: list[float], fraction: float) -> float:
    from bench.bot_load import _percentile

    return _percentile(values, fraction)


def _per_update(cpu_s: float | None, updates: int) -> str:
    return "-" if cpu_s is None else f"{1000 * cpu_s / max(updates, 1):.2f}"


def table(
    users: int,
    per_user: int,
    polling: LoadReport | None,
    webhook: WebhookRun,
    polling_postgres_cpu_s: float | None = None,
) -> str:
    load = webhook.load
    updates_per_s = load["updates"] / load["seconds"] if load["seconds"] else 0.0
    rows = [
        ("updates", lambda p: f"{p.updates}", f"{load['updates']}"),
        ("seconds", lambda p: f"{p.seconds:.2f}", f"{load['seconds']:.2f}"),
        ("updates/s", lambda p: f"{p.updates_per_s:,.0f}", f"{updates_per_s:,.0f}"),
        (
            "latency p50 (ms)",
            lambda p: f"{p.percentile(0.5):.1f}",
            f"{_percentile(load['latencies_ms'], 0.5):.1f}",
        ),
        (
            "latency p99 (ms)",
            lambda p: f"{p.percentile(0.99):.1f}",
            f"{_percentile(load['latencies_ms'], 0.99):.1f}",
        ),
        (
            "service CPU/update (ms)",
            lambda p: f"{1000 * p.bot_cpu_s / max(p.updates, 1):.2f}",
            f"{1000 * webhook.service_cpu_s / max(load['updates'], 1):.2f}",
        ),
        (
            "PostgreSQL CPU/update (ms)",
            lambda p: _per_update(polling_postgres_cpu_s, p.updates),
            _per_update(webhook.postgres_cpu_s, load["updates"]),
        ),
        (
            "bench side CPU (s)",
            lambda p: f"{p.fake_cpu_s:.2f}" if p.fake_cpu_s is not None else "-",
            f"{load['cpu_s']:.2f}",
        ),
        (
            "peak RSS (MB)",
            lambda p: f"{p.bot_maxrss_mb:.0f}",
            " + ".join(f"{rss:.0f}" for rss in webhook.peak_rss_mb),
        ),
    ]
    head = f"step-by-step flow to the result, {users} users x {per_user} updates, PostgreSQL"
    lines = [
        head,
        f"  {'':24}{'long polling, 1 bot':>22}{'webhook, 2 instances':>24}",
    ]
    for name, from_polling, from_webhook in rows:
        shown = from_polling(polling) if polling else "-"
        lines.append(f"  {name:24}{shown:>22}{from_webhook:>24}")
    if polling and polling.updates_per_s:
        lines.append(
            f"  webhook / long polling  {updates_per_s / polling.updates_per_s:.2f} (updates/s)"
        )
    return "\n".join(lines)


def details(webhook: WebhookRun) -> str:
    posts = " / ".join(str(n) for n in webhook.posts_by_instance)
    claimed = ", ".join(f"{k} {v}" for k, v in sorted(webhook.claimed_by.items()))
    lines = [
        f"  machine CPU busy        {100 * webhook.machine_busy:.0f}% of {os.cpu_count()} cores "
        "during the webhook load",
        f"  posts per instance      {posts}, processed {claimed} (both passes)",
        f"  posts refused           {len(webhook.refused_posts)}"
        + (f": {webhook.refused_posts[:3]}" if webhook.refused_posts else ""),
        f"  pool timeouts in logs   {len(webhook.pool_timeouts)}"
        + ("" if not webhook.pool_timeouts else f": {webhook.pool_timeouts[:3]}"),
        f"  errors in logs          {len(webhook.log_errors)}"
        + ("" if not webhook.log_errors else f": {webhook.log_errors[:3]}"),
        f"  exit codes on SIGTERM   {webhook.exit_codes}",
        f"  services' logs          {webhook.logs}/first.log, second.log",
    ]
    if webhook.problems:
        lines.append(f"  FAILURES                {len(webhook.problems)}:")
        lines.extend(f"    {problem}" for problem in webhook.problems[:10])
    else:
        lines.append(
            "  correctness             every update stored and processed once, each chat in "
            "order; every user read the same answers, waiting or typing ahead"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--no-polling", action="store_true", help="skip the long-polling figure")
    parser.add_argument("--step-timeout", type=float, default=60.0)
    parser.add_argument("--connections", type=int, default=40, help="posts at once (proxy)")
    parser.add_argument("--think", type=float, default=0.0)
    args = parser.parse_args(argv)
    from bench.bot_flow import flow_scenario, run_flow

    polling = polling_postgres_cpu_s = None
    if not args.no_polling:  # first: it forks before any event loop runs here
        postgres = postgres_pid()
        postgres_before = tree_cpu_s(postgres) if postgres else 0.0
        polling = run_flow(
            args.users, database="postgresql", step_timeout=args.step_timeout, think=args.think
        )
        # The whole run (the bot's start and its schema's creation too: a little more).
        if postgres:
            polling_postgres_cpu_s = tree_cpu_s(postgres) - postgres_before
        print(polling.render("long polling (bench/bot_flow.py, PostgreSQL)"))
    webhook = asyncio.run(run_webhook(args.users, args.step_timeout, args.connections, args.think))
    per_user = len(flow_scenario())
    print(table(args.users, per_user, polling, webhook, polling_postgres_cpu_s))
    print(details(webhook))
    failed = (
        webhook.problems
        or webhook.pool_timeouts
        or webhook.log_errors
        or any(code != 0 for code in webhook.exit_codes)
        or (polling is not None and polling.failures)
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
