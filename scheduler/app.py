"""The service's periodic jobs: one APScheduler 3 ``AsyncIOScheduler`` (in-memory job store) in
the service's own event loop.

``build_scheduler()`` makes it; each job module adds its jobs (``scheduler.reminders.add_job``)
and the service starts it. What a job must not lose lives in the database, never in the job
store: a restart simply starts ticking again.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from egapro_assistant.logs import log_context

log = logging.getLogger(__name__)
PARIS = ZoneInfo("Europe/Paris")


@dataclass
class Heartbeat:
    """When a job last ran to the end (for health checks), and its last failure."""

    last_tick: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    ticks: int = 0
    running: set[asyncio.Task] = field(default_factory=set, repr=False)

    async def wait_idle(self, timeout: float = 10.0) -> None:
        """Let a run in progress finish (the service stops only after it)."""
        if self.running:
            await asyncio.wait(set(self.running), timeout=timeout)


def build_scheduler(loop: asyncio.AbstractEventLoop | None = None) -> AsyncIOScheduler:
    """A scheduler for the running loop: jobs never overlap themselves, a late run is done once
    (coalesced) rather than several times. Times of cron-like jobs read Europe/Paris."""
    return AsyncIOScheduler(
        event_loop=loop or asyncio.get_running_loop(),
        timezone=PARIS,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )


def add_periodic(
    scheduler: AsyncIOScheduler,
    job_id: str,
    run: Callable[[], Awaitable[object]],
    *,
    seconds: float,
    heartbeat: Heartbeat | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    first_run: datetime | None = None,
) -> Heartbeat:
    """Run ``run`` every ``seconds`` (first at once, or at ``first_run``); a failure is logged
    and recorded on the heartbeat, and the next run comes as usual."""
    heartbeat = heartbeat or Heartbeat()

    async def job() -> None:
        with log_context(job=job_id):
            await run_and_beat()

    async def run_and_beat() -> None:
        task = asyncio.current_task()
        heartbeat.running.add(task)
        try:
            await run()
        except Exception as error:
            heartbeat.last_error = f"{type(error).__name__}: {error}"
            heartbeat.last_error_at = now()
            log.exception("scheduler: job %s failed; it runs again at its next time", job_id)
            return
        finally:
            heartbeat.running.discard(task)
        heartbeat.last_tick = now()
        heartbeat.ticks += 1

    scheduler.add_job(
        job,
        IntervalTrigger(seconds=seconds, timezone=PARIS),
        id=job_id,
        name=job_id,
        replace_existing=True,
        next_run_time=first_run or datetime.now(PARIS),
    )
    return heartbeat
