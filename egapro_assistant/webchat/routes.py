"""The web chat's HTTP side: the page, its script, and the JSON endpoints it calls.

GET  /chat                      the page (a new chat when the cookie is missing or forged)
GET  /chat/api/messages         messages changed since ``since`` (long poll up to ``wait`` s)
POST /chat/api/send             {"text": ...}
POST /chat/api/press            {"message_id": ..., "data": ...}
POST /chat/api/upload           multipart ``file`` (size checked before reading)
GET  /chat/files/{id}           a file of this chat (images inline, others as downloads)

What a chat posts (messages, presses, files) is counted in the store's rate limits
(``store.rate_limits``, so the limits hold across instances): over ``EGAPRO_WEB_CHAT_BURST``
within 10 s or ``EGAPRO_WEB_CHAT_PER_MINUTE`` within a minute, the answer is 429 with the words
to show, and nothing reaches the conversation.
"""

import html
import json
import math
import re
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from aiohttp import web

from egapro_assistant.config import WEB_CHAT_BURST_SECONDS, Settings
from egapro_assistant.webchat import identity
from egapro_assistant.webchat.hub import Hub
from store import rate_limits, webchat
from store.database import Database
from store.tables.webchat import WebChat, WebChatMessage
from web import chat_page, pages
from web.client_address import client_address
from web.security import same_origin
from web.texts import size_label, text

MAX_WAIT_SECONDS = 25.0
MAX_TEXT = 4096
_TAG = re.compile(r"<[^>]+>")
Refusal = web.Response | None  # a post's 429, or None when it is within the limits


class ChatRoutes:
    def __init__(self, database: Database, settings: Settings, hub: Hub) -> None:
        self.database = database
        self.settings = settings
        self.hub = hub
        self.key: bytes | None = None
        self.max_upload = settings.web_chat_max_upload_bytes

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get("/chat", self.page, name="chat")
        app.router.add_get(chat_page.SCRIPT_PATH, _script)
        app.router.add_get(chat_page.STYLE_PATH, _stylesheet)
        app.router.add_get("/chat/api/messages", self.messages)
        app.router.add_post("/chat/api/send", self.send)
        app.router.add_post("/chat/api/press", self.press)
        app.router.add_post("/chat/api/upload", self.upload)
        app.router.add_get("/chat/files/{file_id:\\d+}", self.file)
        app.router.add_get("/favicon.ico", _no_icon)

    # -- identity ----------------------------------------------------------------------------

    async def _chat(self, request: web.Request) -> WebChat | None:
        number = identity.verified_chat_number(self.key, request.cookies.get(identity.COOKIE))
        if number is None:
            return None
        async with self.database.session() as session:
            return await session.get(WebChat, number)

    def _limits(self, chat: WebChat) -> list[rate_limits.Limit]:
        key = str(chat.id)
        burst = timedelta(seconds=WEB_CHAT_BURST_SECONDS)
        return [
            rate_limits.Limit("web_chat_burst", key, self.settings.web_chat_burst, burst),
            rate_limits.Limit(
                "web_chat_minute", key, self.settings.web_chat_per_minute, timedelta(minutes=1)
            ),
        ]

    async def _posting_chat(self, request: web.Request) -> tuple[WebChat | None, Refusal]:
        """The chat of a post, read and counted under its limits in one transaction; with the
        429 to answer when this post is one too many (else None)."""
        number = identity.verified_chat_number(self.key, request.cookies.get(identity.COOKIE))
        if number is None:
            return None, None
        async with self.database.session() as session:
            chat = await session.get(WebChat, number)
            if chat is None:
                return None, None
            exhausted = await rate_limits.try_acquire(session, self._limits(chat))
        if exhausted is None:
            return chat, None
        seconds = int(exhausted.window.total_seconds())
        response = _json_error(text("chat.rate_limited", chat.language, seconds=seconds), 429)
        response.headers["Retry-After"] = str(seconds)
        return chat, response

    def _secure(self, request: web.Request) -> bool:
        return request.secure or self.settings.public_base_url.startswith("https://")

    # -- the page ----------------------------------------------------------------------------

    async def page(self, request: web.Request) -> web.Response:
        language = pages.language_of(request)
        chat = await self._chat(request)
        new = chat is None
        if new:
            address = client_address(request, self.settings.trusted_proxies)
            limit = rate_limits.Limit(
                "web_chat_new", address, self.settings.web_chat_new_per_hour, timedelta(hours=1)
            )
            async with self.database.session() as session:
                if await rate_limits.try_acquire(session, [limit]) is not None:
                    return pages.message_page(language, "chat_new_limited", status=429)
                chat = await webchat.create_chat(session, language)
        response = chat_page.chat_page(chat.language, self.max_upload)
        identity.set_cookie(response, self.key, chat.id, self._secure(request))
        if new:  # the first thing a person does in Telegram: "Start"
            await self.hub.say(chat, "/start")
        return response

    # -- JSON endpoints ----------------------------------------------------------------------

    async def messages(self, request: web.Request) -> web.Response:
        # The signed cookie is proof enough that the chat exists: no read of it per poll.
        number = identity.verified_chat_number(self.key, request.cookies.get(identity.COOKIE))
        if number is None:
            return _json_error("forbidden", 403)
        since = _int(request.query.get("since"), 0)
        wait = min(max(_float(request.query.get("wait")), 0.0), MAX_WAIT_SECONDS)
        chat_id = -number
        changed = self.hub.watch(chat_id)
        found, names = await self._since(chat_id, since)
        if not found and wait:
            await self.hub.wait(changed, wait)
            found, names = await self._since(chat_id, since)
        revision = max([since, *(m.revision for m in found)])
        return web.json_response(
            {"revision": revision, "messages": [self._message(m, names) for m in found]}
        )

    async def _since(self, chat_id: int, since: int):
        async with self.database.session() as session:
            found = await webchat.messages_since(session, chat_id, since)
            files = [m.file_id for m in found if m.file_id]
            names = await webchat.file_names(session, files) if files else {}
        return found, names

    def _message(self, message: WebChatMessage, names: dict[int, str | None]) -> dict[str, Any]:
        kind = message.media or "text"
        shown = message.text
        if shown and (message.parse_mode or "").upper() == "HTML":
            shown = html.unescape(_TAG.sub("", shown))
        data: dict[str, Any] = {
            "id": message.id,
            "from_bot": message.from_bot,
            "kind": kind,
            "text": shown,
            "deleted": message.deleted,
            "buttons": [
                [
                    {"text": b.get("text", ""), "url": b["url"]}
                    if b.get("url")
                    else {"text": b.get("text", ""), "data": b.get("callback_data")}
                    for b in row
                ]
                for row in (message.reply_markup or {}).get("inline_keyboard") or []
            ],
        }
        if message.file_id:
            data["file"] = {
                "url": f"/chat/files/{message.file_id}",
                "name": names.get(message.file_id),
            }
        return data

    async def _posted_json(self, request: web.Request) -> dict[str, Any] | web.Response:
        if not same_origin(request, self.settings.public_base_url):
            return _json_error("forbidden", 403)
        try:
            body = await request.json()
        except ValueError:
            return _json_error("bad request", 400)
        return body if isinstance(body, dict) else _json_error("bad request", 400)

    async def send(self, request: web.Request) -> web.Response:
        chat, refused = await self._posting_chat(request)
        if chat is None:
            return _json_error("forbidden", 403)
        body = await self._posted_json(request)
        if isinstance(body, web.Response):
            return body
        said = body.get("text")
        if not isinstance(said, str) or not said.strip():
            return _json_error(text("chat.empty", chat.language), 400)
        if len(said) > MAX_TEXT:
            return _json_error(text("chat.too_long", chat.language), 400)
        if refused is not None:
            return refused
        message_id = await self.hub.say(chat, said)
        return web.json_response({"ok": True, "message_id": message_id})

    async def press(self, request: web.Request) -> web.Response:
        chat, refused = await self._posting_chat(request)
        if chat is None:
            return _json_error("forbidden", 403)
        body = await self._posted_json(request)
        if isinstance(body, web.Response):
            return body
        message_id, data = body.get("message_id"), body.get("data")
        if not isinstance(message_id, int) or not isinstance(data, str):
            return _json_error("bad request", 400)
        if refused is not None:
            return refused
        if not await self.hub.press(chat, message_id, data):
            return _json_error(text("chat.no_button", chat.language), 400)
        return web.json_response({"ok": True})

    async def upload(self, request: web.Request) -> web.Response:
        chat, refused = await self._posting_chat(request)
        if chat is None:
            return _json_error("forbidden", 403)
        if not same_origin(request, self.settings.public_base_url):
            return _json_error("forbidden", 403)
        if refused is not None:
            return refused
        too_big = text(
            "chat.too_big", chat.language, size=size_label(self.max_upload, chat.language)
        )
        # Refused before reading a byte of the body when the announced size is too big.
        margin = 16 * 1024  # multipart headers around the file
        if request.content_length is None or request.content_length > self.max_upload + margin:
            return _json_error(too_big, 413)
        if not request.content_type.startswith("multipart/"):
            return _json_error("bad request", 400)
        reader = await request.clone(client_max_size=self.max_upload + margin).multipart()
        part = await reader.next()
        while part is not None and (part.name != "file" or not part.filename):
            await part.release()
            part = await reader.next()
        if part is None:
            return _json_error(text("chat.no_file", chat.language), 400)
        chunks, size = [], 0
        while chunk := await part.read_chunk(64 * 1024):
            size += len(chunk)
            if size > self.max_upload:
                return _json_error(too_big, 413)
            chunks.append(chunk)
        file_name = part.filename[-200:]
        mime = part.headers.get("Content-Type")
        message_id = await self.hub.send_file(chat, b"".join(chunks), file_name, mime)
        return web.json_response({"ok": True, "message_id": message_id})

    async def file(self, request: web.Request) -> web.StreamResponse:
        chat = await self._chat(request)
        if chat is None:
            raise web.HTTPNotFound()
        async with self.database.session() as session:
            stored = await webchat.get_file(session, int(request.match_info["file_id"]))
        if stored is None or stored.chat_id != webchat.chat_id_of(chat):
            raise web.HTTPNotFound()
        mime = stored.mime_type or "application/octet-stream"
        image = mime in ("image/png", "image/jpeg")
        name = stored.file_name or f"file-{stored.id}"
        disposition = "inline" if image else "attachment"
        headers = {
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(name)}",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        }
        return web.Response(
            body=stored.data,
            content_type=mime if image or mime == "application/pdf" else "application/octet-stream",
            headers=headers,
        )


async def _no_icon(_request: web.Request) -> web.Response:
    return web.Response(status=204)


async def _script(_request: web.Request) -> web.Response:
    return chat_page.script()


async def _stylesheet(_request: web.Request) -> web.Response:
    return chat_page.stylesheet()


def _json_error(message: str, status: int) -> web.Response:
    return web.json_response(
        {"ok": False, "error": message}, status=status, dumps=lambda v: json.dumps(v)
    )


def _float(value: str | None) -> float:
    try:
        number = float(value) if value is not None else 0.0
    except ValueError:
        return 0.0
    return number if math.isfinite(number) else 0.0


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
