"""The web app served on 127.0.0.1 (port 0) over real HTTP, with a client session."""

import aiohttp
import pytest
from aiohttp import web

from egapro_assistant.config import Settings
from web.app import build_web_app


class Served:
    def __init__(self, app: web.Application, runner: web.AppRunner, port: int) -> None:
        self.app = app
        self.runner = runner
        self.base_url = f"http://127.0.0.1:{port}"
        self.outbox_wakes = 0

    def wake(self) -> None:
        self.outbox_wakes += 1


async def serve(database, settings: Settings | None = None) -> Served:
    settings = settings or Settings(_env_file=None, public_base_url="http://127.0.0.1:9")
    served = Served(None, None, 0)
    app = build_web_app(database, settings, on_outbox=served.wake)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    served.app, served.runner = app, runner
    served.base_url = f"http://127.0.0.1:{port}"
    return served


@pytest.fixture
async def web_app(sqlite_db):
    served = await serve(sqlite_db)
    yield served
    await served.runner.cleanup()


@pytest.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session
