"""The référents' weekly digest as a scheduler job: Mondays at 08:00 Europe/Paris, write the
week's digests to the outbox (``egapro_assistant.usecases.referent_digest``), then wake the
sender. Started later in the week (the service was down on Monday morning), it runs once at
start: the use case writes each référent's digest once per ISO week, whoever runs it."""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from egapro_assistant.logs import log_context
from egapro_assistant.usecases.referent_digest import queue_weekly_digests
from store.clock import SYSTEM_CLOCK, Clock
from store.database import Database

log = logging.getLogger(__name__)
PARIS = ZoneInfo("Europe/Paris")
JOB_ID = "referent_digest"
WEEKDAY, HOUR = 0, 8  # Monday, 08:00


def due_this_week(now: datetime) -> bool:
    """This week's run time (Monday 08:00, Paris) has passed."""
    local = now.astimezone(PARIS)
    monday = (local - timedelta(days=local.weekday())).replace(
        hour=HOUR, minute=0, second=0, microsecond=0
    )
    return local >= monday


def add_job(
    scheduler: AsyncIOScheduler,
    database: Database,
    settings,
    *,
    clock: Clock = SYSTEM_CLOCK,
    on_written: Callable[[], None] | None = None,
) -> None:
    async def run() -> None:
        with log_context(job=JOB_ID):
            try:
                queued = await queue_weekly_digests(
                    database, settings.calendar, settings.public_base_url, clock=clock
                )
            except Exception:
                log.exception("referent digest: failed; it runs again next Monday or at restart")
                return
            if queued:
                log.info("referent digest: %d digest(s) queued", queued)
                if on_written is not None:
                    on_written()

    scheduler.add_job(
        run,
        CronTrigger(day_of_week="mon", hour=HOUR, minute=0, timezone=PARIS),
        id=JOB_ID,
        name=JOB_ID,
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=3600,
    )
    if due_this_week(clock.now()):
        scheduler.add_job(run, id=f"{JOB_ID}:catch-up", name=f"{JOB_ID}:catch-up")
