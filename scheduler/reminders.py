"""The reminder tick as a scheduler job: every ``EGAPRO_REMINDER_TICK_SECONDS``, write to the
outbox what became due (``egapro_assistant.usecases.reminders.tick``), then wake the sender."""

import logging
from collections.abc import Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from egapro_assistant.send_window import SendWindow
from egapro_assistant.usecases import reminders
from egapro_assistant.usecases.reminder_rules import ReminderPolicy
from scheduler.app import Heartbeat, add_periodic
from store.clock import SYSTEM_CLOCK, Clock
from store.database import Database

log = logging.getLogger(__name__)
JOB_ID = "reminders"


def add_job(
    scheduler: AsyncIOScheduler,
    database: Database,
    settings,
    *,
    clock: Clock = SYSTEM_CLOCK,
    on_written: Callable[[], None] | None = None,
) -> Heartbeat:
    policy = ReminderPolicy.from_settings(settings)
    window = SendWindow.from_settings(settings)

    async def run() -> None:
        result = await reminders.tick(database, policy=policy, window=window, clock=clock)
        if result.queued or result.skipped:
            log.info(
                "reminders: %d message(s) queued, %d skipped, for %d compan(ies)",
                result.queued,
                result.skipped,
                result.companies,
            )
            if on_written is not None:
                on_written()

    return add_periodic(
        scheduler, JOB_ID, run, seconds=settings.reminder_tick_seconds, now=clock.now
    )
