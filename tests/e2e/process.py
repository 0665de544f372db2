"""``egapro-assistant run`` as a real subprocess: started, read, stopped with a signal."""

import asyncio
import contextlib
import os
import re
import signal
import subprocess
import sys
import uuid
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


@contextlib.asynccontextmanager
async def fresh_database(server_url: str, prefix: str = "t"):
    """A new database on the PostgreSQL server of ``server_url``, dropped at the end: the
    processes connect with a plain URL, as in production (no schema)."""
    import asyncpg

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    dsn = server_url.replace("postgresql+asyncpg://", "postgresql://")
    admin = await asyncpg.connect(dsn)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server_url.rsplit("/", 1)[0] + "/" + name
    finally:
        await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        await admin.close()


class ServiceProcess:
    def __init__(self, env: dict[str, str], cwd: Path, *args: str) -> None:
        self.env = env
        self.cwd = cwd
        self.args = args
        self.process: asyncio.subprocess.Process | None = None
        self.lines: list[str] = []
        self.web_port: int | None = None
        self.inbound_port: int | None = None
        self._reader: asyncio.Task | None = None
        self._started = asyncio.Event()

    @property
    def log(self) -> str:
        return "".join(self.lines)

    async def start(self, timeout: float = 60) -> "ServiceProcess":
        environment = {**os.environ, "PYTHONPATH": str(PROJECT), **self.env}
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            "from egapro_assistant.cli import main; main()",
            "run",
            *self.args,
            cwd=self.cwd,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: kill() takes its children too
        )
        self._reader = asyncio.create_task(self._read())
        waiter = asyncio.create_task(self._started.wait())
        # The first of: the "service started" line, or the process gone (its output ended).
        done, _ = await asyncio.wait(
            {waiter, self._reader}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if waiter not in done:
            waiter.cancel()
            await self.kill()
            raise AssertionError("the service did not start:\n" + self.log)
        return self

    async def _read(self) -> None:
        while line := await self.process.stderr.readline():
            decoded = line.decode(errors="replace")
            self.lines.append(decoded)
            if found := re.search(r"inbound SMTP on [\d.]+:(\d+)", decoded):
                self.inbound_port = int(found.group(1))
            if found := re.search(r"service started: web on http://[\d.]+:(\d+)", decoded):
                self.web_port = int(found.group(1))
                self._started.set()

    async def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
        """Send ``sig`` and wait for the exit; returns the exit code."""
        self.process.send_signal(sig)
        await asyncio.wait_for(self.process.wait(), timeout)
        await self._finish_reading()
        return self.process.returncode

    async def kill(self) -> None:
        """SIGKILL the service and whatever it started (its drawing process)."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        await self.process.wait()
        await self._finish_reading()

    async def _finish_reading(self) -> None:
        # A child left behind holds the pipe open: stop reading after a moment.
        if self._reader is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._reader), 5)
            self._reader.cancel()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"
