"""Start-up and idle memory of the real ``egapro-assistant run``: time from the process start to
a healthy ``/healthz``, and its resident memory once idle, with the bot on (the fake Bot API,
long polling) and with the bot off (and the web chat off: nothing of the conversation code).

    .venv/bin/python bench/service_start.py            # every part on
    .venv/bin/python bench/service_start.py off        # bot off, web chat on
    .venv/bin/python bench/service_start.py off-nochat # bot off, web chat off
"""

import asyncio
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.process import ServiceProcess
from tests.fakes import DEFAULT_TOKEN, FakeTelegramServer
from tests.mail.smtp_server import free_port


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def measure(label: str, env: dict[str, str]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="egapro-start-"))
    port = free_port()
    env = {
        "EGAPRO_DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'a.db'}",
        "EGAPRO_WEB_PORT": str(port),
        "EGAPRO_INBOUND_SMTP_PORT": "0",
        "EGAPRO_SMTP_HOST": "127.0.0.1",
        **env,
    }
    service = ServiceProcess(env, folder)
    started = time.monotonic()
    await service.start(timeout=120)  # returns at the "service started" line
    healthy = None
    async with aiohttp.ClientSession() as http:
        while healthy is None:
            async with http.get(f"http://127.0.0.1:{service.web_port}/healthz") as response:
                if response.status == 200:
                    healthy = time.monotonic() - started
                else:
                    await asyncio.sleep(0.02)
    await asyncio.sleep(5)  # idle
    memory = rss_mb(service.process.pid)
    code = await service.stop()
    print(f"{label:<40} healthy after {healthy:5.2f} s   idle RSS {memory:6.1f} MB   exit {code}")


async def main(which: str) -> None:
    if which == "off":
        await measure("bot off, web chat on", {})
    elif which == "off-nochat":
        await measure("bot off, web chat off", {"EGAPRO_WEB_CHAT": "false"})
    else:
        async with FakeTelegramServer() as telegram:
            bot = {"EGAPRO_TELEGRAM_TOKEN": DEFAULT_TOKEN, "EGAPRO_TELEGRAM_API_BASE": telegram.url}
            await measure("every part on (bot polling, web chat)", bot)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "all"))
