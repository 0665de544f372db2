"""A periodic job of the real APScheduler: its log lines name it, a failure is recorded on its
heartbeat and the next run comes as usual."""

import asyncio
import logging

from egapro_assistant.logs import ContextFilter
from scheduler.app import add_periodic, build_scheduler

log = logging.getLogger("tests.scheduler")


async def test_a_job_names_itself_in_its_logs_and_runs_again_after_a_failure(caplog):
    caplog.set_level(logging.INFO)
    caplog.handler.addFilter(ContextFilter())  # as the service's log handler does
    runs = []
    second_run = asyncio.Event()

    async def run() -> None:
        runs.append(len(runs))
        log.info("run %d", len(runs))
        if len(runs) == 1:
            raise RuntimeError("boom")
        second_run.set()

    scheduler = build_scheduler()
    heartbeat = add_periodic(scheduler, "demo-job", run, seconds=0.05)
    scheduler.start()
    try:
        await asyncio.wait_for(second_run.wait(), 10)
    finally:
        scheduler.shutdown(wait=False)
    lines = [r for r in caplog.records if r.name in ("tests.scheduler", "scheduler.app")]
    assert {record.job for record in lines} == {"demo-job"}
    assert any("job demo-job failed" in record.getMessage() for record in lines)
    assert heartbeat.last_error == "RuntimeError: boom"
    assert heartbeat.ticks >= 1 and heartbeat.last_tick is not None
