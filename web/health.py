"""GET /health: the service answers and its database answers a real query."""

import logging

from aiohttp import web
from sqlalchemy import text

from store.database import Database
from web.keys import DATABASE

log = logging.getLogger(__name__)


async def health(request: web.Request) -> web.Response:
    database: Database = request.app[DATABASE]
    try:
        async with database.session() as session:
            await session.exec(text("SELECT 1"))
    except Exception:
        log.exception("health: the database did not answer")
        return web.json_response({"status": "error", "database": "error"}, status=503)
    return web.json_response({"status": "ok", "database": "ok"})
