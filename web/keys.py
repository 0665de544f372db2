"""What the web app keeps on its ``Application``."""

from collections.abc import Callable

from aiohttp import web

from egapro_assistant.config import Settings
from egapro_assistant.health import HealthRegistry
from store.clock import Clock
from store.database import Database

DATABASE = web.AppKey("database", Database)
SETTINGS = web.AppKey("settings", Settings)
FORM_SECRET = web.AppKey("form_secret", bytes)
ON_OUTBOX = web.AppKey("on_outbox", Callable[[], None] | None)
HEALTH = web.AppKey("health", HealthRegistry)
CLOCK = web.AppKey("clock", Clock)


def wake_outbox(request: web.Request) -> None:
    """Tell the sender rows were queued (it would otherwise find them at its next poll)."""
    on_outbox = request.app[ON_OUTBOX]
    if on_outbox is not None:
        on_outbox()
