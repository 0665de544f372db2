"""GET /healthz (and its alias /health): every registered part of the service answers.

``200`` with a JSON body naming each part and its details; ``503`` with ``down`` naming the parts
that are not. A web app built without a registry (tests, tools) checks the database only.
"""

from aiohttp import web
from sqlalchemy import text

from egapro_assistant.health import Check, HealthRegistry
from store.database import Database
from web.keys import HEALTH


def database_probe(database: Database):
    async def probe() -> Check:
        async with database.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return Check.up()

    return probe


def default_registry(database: Database) -> HealthRegistry:
    registry = HealthRegistry()
    registry.register("database", database_probe(database))
    return registry


async def health(request: web.Request) -> web.Response:
    registry = request.app[HEALTH]
    ok, report = await registry.run()
    return web.json_response(report, status=200 if ok else 503)
