"""The Bot API, as Telegram answers it, for the web chat's bot.

The conversation code talks to the web chat exactly as it talks to Telegram: its aiogram ``Bot``
reaches these routes through a ``TelegramAPIServer`` (``/_webchat/bot<token>/<method>`` and
``/_webchat/file/bot<token>/<path>`` of the service's own web app), and every message it sends,
edits or deletes is written to the store, where the page reads it. The token is drawn per
process, so nothing outside the process can call these routes.
"""

import io
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from PIL import Image

from store import webchat
from store.database import Database
from store.tables.webchat import WebChatFile, WebChatMessage

log = logging.getLogger(__name__)

PREFIX = "/_webchat"
BOT_ID = 1
BOT_USER = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "Egapro Assistant",
    "username": "egapro_web_chat",
}
MAX_BOT_UPLOAD_BYTES = 50 * 1024 * 1024  # what Telegram lets a bot send
_JSON_PARAMS = frozenset(
    {"chat_id", "message_id", "reply_markup", "entities", "caption_entities", "show_alert"}
)
_IGNORED = frozenset(
    {
        "setmycommands",
        "deletemycommands",
        "setchatmenubutton",
        "setmydescription",
        "setmyshortdescription",
        "sendchataction",
        "deletewebhook",
        "close",
        "logout",
    }
)


class ApiError(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


class Upload:
    def __init__(self, data: bytes, filename: str | None, content_type: str | None) -> None:
        self.data = data
        self.filename = filename
        self.content_type = content_type


def _coerce(key: str, value: str) -> Any:
    if key in _JSON_PARAMS:
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


async def read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Parameters as aiogram sends them: form fields (JSON-encoded when not strings) and files."""
    params: dict[str, Any] = {k: _coerce(k, v) for k, v in request.query.items()}
    files: dict[str, Upload] = {}
    if not request.body_exists:
        return params, files
    if request.content_type == "application/json":
        params.update(await request.json())
        return params, files
    if request.content_type.startswith("multipart/"):
        # The app's body limit is for people's forms; the bot sends charts and PDFs.
        reader = await request.clone(client_max_size=MAX_BOT_UPLOAD_BYTES).multipart()
        total = 0
        while (part := await reader.next()) is not None:
            data = bytes(await part.read())
            total += len(data)
            if total > MAX_BOT_UPLOAD_BYTES:
                raise ApiError(413, "Request Entity Too Large")
            if part.filename:
                files[part.name] = Upload(data, part.filename, part.headers.get("Content-Type"))
            else:
                params[part.name] = _coerce(part.name, data.decode())
        return params, files
    form = await request.post()
    params.update({k: _coerce(k, str(v)) for k, v in form.items()})
    return params, files


def _chat_json(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "type": "private", "first_name": "Web"}


def file_json(stored: WebChatFile) -> dict[str, Any]:
    return {
        "file_id": f"w{stored.id}",
        "file_unique_id": f"wu{stored.id}",
        "file_size": stored.size,
        **({"file_name": stored.file_name} if stored.file_name else {}),
        **({"mime_type": stored.mime_type} if stored.mime_type else {}),
    }


def message_json(message: WebChatMessage, stored: WebChatFile | None = None) -> dict[str, Any]:
    """A bot's message as the Bot API returns it (and as a callback query carries it)."""
    data: dict[str, Any] = {
        "message_id": message.id,
        "from": BOT_USER,
        "chat": _chat_json(message.chat_id),
        "date": int(message.created_at.timestamp()),
    }
    text_key, entities_key = "text", "entities"
    if message.media == "photo" and stored is not None:
        width, height = _image_size(stored.data)
        data["photo"] = [
            {
                "file_id": f"w{stored.id}",
                "file_unique_id": f"wu{stored.id}",
                "file_size": stored.size,
                "width": width,
                "height": height,
            }
        ]
        text_key, entities_key = "caption", "caption_entities"
    elif message.media == "document" and stored is not None:
        data["document"] = file_json(stored)
        text_key, entities_key = "caption", "caption_entities"
    if message.text:
        data[text_key] = message.text
        if message.entities:
            data[entities_key] = message.entities
    if message.reply_markup and "inline_keyboard" in message.reply_markup:
        data["reply_markup"] = message.reply_markup
    if message.edited_at:
        data["edit_date"] = int(message.edited_at.timestamp())
    return data


def _image_size(data: bytes) -> tuple[int, int]:
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except Exception:
        return (0, 0)


def parse_file_id(file_id: Any) -> int | None:
    if isinstance(file_id, str) and file_id.startswith("w") and file_id[1:].isdigit():
        return int(file_id[1:])
    return None


def _markup(params: dict[str, Any]) -> dict[str, Any] | None:
    markup = params.get("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    return markup


def _chat_id(params: dict[str, Any]) -> int:
    try:
        chat_id = int(params.get("chat_id"))
    except (TypeError, ValueError):
        raise ApiError(400, "Bad Request: chat not found") from None
    if not webchat.is_web_chat(chat_id):
        raise ApiError(400, "Bad Request: chat not found")
    return chat_id


class BotApi:
    """Answers the Bot API methods the conversation code uses; ``on_change(chat_id)`` is told
    after each change is committed, ``on_answer(callback_query_id, text)`` of each callback
    answer."""

    def __init__(
        self,
        database: Database,
        token: str,
        on_change: Callable[[int], None],
        on_answer: Callable[[str, str | None, bool], Awaitable[None]] | None = None,
    ) -> None:
        self.database = database
        self.token = token
        self.on_change = on_change
        self.on_answer = on_answer
        self.calls = 0

    def add_routes(self, app: web.Application) -> None:
        app.router.add_post(PREFIX + "/bot{token}/{method}", self.handle)
        app.router.add_get(PREFIX + "/bot{token}/{method}", self.handle)
        app.router.add_get(PREFIX + "/file/bot{token}/{path:.+}", self.download)

    @property
    def base_path(self) -> str:
        return PREFIX

    async def handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(ApiError(401, "Unauthorized"))
        self.calls += 1
        method = request.match_info["method"].lower()
        try:
            params, files = await read_params(request)
            if method in _IGNORED:
                return web.json_response({"ok": True, "result": True})
            handler = getattr(self, f"api_{method}", None)
            if handler is None:
                raise ApiError(404, "Not Found")
            result, changed = await handler(params, files)
        except ApiError as error:
            return _error(error)
        except ValueError as error:
            return _error(ApiError(400, f"Bad Request: {error}"))
        if changed is not None:
            self.on_change(changed)
        return web.json_response({"ok": True, "result": result})

    async def download(self, request: web.Request) -> web.Response:
        file_id = parse_file_id(request.match_info["path"].rsplit("/", 1)[-1])
        if request.match_info["token"] != self.token or file_id is None:
            return _error(ApiError(404, "Not Found"))
        async with self.database.session() as session:
            stored = await webchat.get_file(session, file_id)
        if stored is None:
            return _error(ApiError(404, "Not Found"))
        return web.Response(body=stored.data, content_type="application/octet-stream")

    # -- methods: each returns (result, chat id whose messages changed or None) -------------

    async def api_getme(self, params, files):
        return BOT_USER, None

    async def api_getupdates(self, params, files):
        # Updates reach the dispatcher straight from the hub; a poller gets none.
        return [], None

    async def api_sendmessage(self, params, files):
        chat_id = _chat_id(params)
        text = params.get("text")
        if not text or not str(text).strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(str(text)) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        async with self.database.session() as session:
            message = await webchat.add_message(
                session,
                chat_id,
                from_bot=True,
                text=str(text),
                parse_mode=params.get("parse_mode"),
                entities=params.get("entities"),
                reply_markup=_markup(params),
            )
        return message_json(message), chat_id

    async def api_sendphoto(self, params, files):
        return await self._send_media("photo", params, files)

    async def api_senddocument(self, params, files):
        return await self._send_media("document", params, files)

    async def _send_media(self, kind: str, params, files):
        chat_id = _chat_id(params)
        caption = params.get("caption")
        if caption is not None and len(str(caption)) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        async with self.database.session() as session:
            stored = await self._media_file(session, chat_id, params.get(kind), files, kind)
            message = await webchat.add_message(
                session,
                chat_id,
                from_bot=True,
                text=str(caption) if caption else None,
                parse_mode=params.get("parse_mode"),
                entities=params.get("caption_entities"),
                reply_markup=_markup(params),
                media=kind,
                file_id=stored.id,
            )
        return message_json(message, stored), chat_id

    async def _media_file(self, session, chat_id: int, value, files, kind: str) -> WebChatFile:
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value.removeprefix("attach://"))
        else:
            upload = files.get(kind)
        if upload is not None:
            mime = upload.content_type
            if kind == "photo" or not mime or mime == "application/octet-stream":
                mime = _guess_mime(upload.filename, kind)
            return await webchat.add_file(session, chat_id, upload.data, upload.filename, mime)
        file_id = parse_file_id(value)
        stored = await webchat.get_file(session, file_id) if file_id else None
        if stored is None:
            raise ApiError(400, f"Bad Request: there is no {kind} in the request")
        return stored

    async def api_editmessagetext(self, params, files):
        chat_id = _chat_id(params)
        text = params.get("text")
        if not text:
            raise ApiError(400, "Bad Request: message text is empty")
        return await self._edit(
            chat_id,
            params,
            text=str(text),
            parse_mode=params.get("parse_mode"),
            entities=params.get("entities"),
            reply_markup=_markup(params),
        )

    async def api_editmessagecaption(self, params, files):
        chat_id = _chat_id(params)
        return await self._edit(
            chat_id,
            params,
            text=params.get("caption"),
            parse_mode=params.get("parse_mode"),
            reply_markup=_markup(params),
        )

    async def api_editmessagereplymarkup(self, params, files):
        chat_id = _chat_id(params)
        return await self._edit(chat_id, params, reply_markup=_markup(params))

    async def _edit(self, chat_id: int, params, **changes):
        async with self.database.session() as session:
            message = await self._bot_message(session, chat_id, params, "edit")
            if all(getattr(message, k) == v for k, v in changes.items()):
                raise ApiError(
                    400,
                    "Bad Request: message is not modified: specified new message content and "
                    "reply markup are exactly the same as a current content and reply markup "
                    "of the message",
                )
            message = await webchat.change_message(session, message, **changes)
            stored = await webchat.get_file(session, message.file_id) if message.file_id else None
        return message_json(message, stored), chat_id

    async def api_deletemessage(self, params, files):
        chat_id = _chat_id(params)
        async with self.database.session() as session:
            message = await self._bot_message(session, chat_id, params, "delete")
            await webchat.change_message(session, message, deleted=True)
        return True, chat_id

    async def _bot_message(self, session, chat_id: int, params, verb: str) -> WebChatMessage:
        try:
            message_id = int(params.get("message_id") or 0)
        except (TypeError, ValueError):
            message_id = 0
        message = await webchat.get_message(session, chat_id, message_id)
        if message is None or message.deleted:
            raise ApiError(400, f"Bad Request: message to {verb} not found")
        if not message.from_bot and verb == "edit":
            raise ApiError(400, "Bad Request: message can't be edited")
        return message

    async def api_answercallbackquery(self, params, files):
        if self.on_answer is not None:
            text = params.get("text")
            await self.on_answer(
                str(params.get("callback_query_id") or ""),
                str(text) if text else None,
                bool(params.get("show_alert")),
            )
        return True, None

    async def api_getfile(self, params, files):
        file_id = parse_file_id(params.get("file_id"))
        async with self.database.session() as session:
            stored = await webchat.get_file(session, file_id) if file_id else None
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if stored.size > 20 * 1024 * 1024:
            raise ApiError(400, "Bad Request: file is too big")
        return {**file_json(stored), "file_path": f"documents/w{stored.id}"}, None


def _error(error: ApiError) -> web.Response:
    body = {"ok": False, "error_code": error.status, "description": error.description}
    return web.json_response(body, status=error.status)


def _guess_mime(filename: str | None, kind: str) -> str:
    name = (filename or "").lower()
    if kind == "photo" or name.endswith(".png"):
        return "image/png" if not name.endswith((".jpg", ".jpeg")) else "image/jpeg"
    if name.endswith(".pdf"):
        return "application/pdf"
    if name.endswith(".csv"):
        return "text/csv"
    return "application/octet-stream"
