"""POST <webhook path>: Telegram's updates, stored before ``200`` is answered.

The request must carry the secret given to ``setWebhook`` in ``X-Telegram-Bot-Api-Secret-Token``
(``401`` otherwise, and nothing is stored). The update is written to the store
(``store.telegram_updates``) and processed from there by the bot's worker, so an instance that
dies after answering loses nothing, and an update delivered twice is stored once. While the
service stops, or when the store cannot be reached, the answer is ``503``: Telegram retries.
"""

import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from store import telegram_updates
from web.keys import DATABASE

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 64 * 1024


@dataclass
class WebhookEndpoint:
    secret: str
    on_stored: Callable[[], None] | None = None
    accepting: bool = True


WEBHOOK = web.AppKey("telegram_webhook", WebhookEndpoint)


def add_route(app: web.Application, path: str, endpoint: WebhookEndpoint) -> None:
    app[WEBHOOK] = endpoint
    app.router.add_post(path, receive, name="telegram_webhook")


async def receive(request: web.Request) -> web.Response:
    endpoint = request.app[WEBHOOK]
    given = request.headers.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode(), endpoint.secret.encode()):
        log.warning("webhook: request refused, wrong or missing secret token")
        return web.json_response({"ok": False, "error": "unauthorized"}, status=401)
    if not endpoint.accepting:
        return web.json_response({"ok": False, "error": "stopping"}, status=503)
    if request.content_length is not None and request.content_length > MAX_UPDATE_BYTES:
        return web.json_response({"ok": False, "error": "too large"}, status=413)
    try:
        payload = await request.json()
    except ValueError:
        return web.json_response({"ok": False, "error": "not JSON"}, status=400)
    update_id = payload.get("update_id") if isinstance(payload, dict) else None
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        return web.json_response({"ok": False, "error": "no update_id"}, status=400)
    try:
        stored = await telegram_updates.store_received(request.app[DATABASE], payload)
    except Exception:
        log.exception("webhook: update %s could not be stored", update_id)
        return web.json_response({"ok": False, "error": "store unavailable"}, status=503)
    if stored:
        log.debug("webhook: update %s stored", update_id)
        if endpoint.on_stored is not None:
            endpoint.on_stored()
    else:
        log.info("webhook: update %s received again, already stored", update_id)
    return web.json_response({"ok": True})
