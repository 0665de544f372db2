"""The Bot API methods the fake server answers, as a mixin of FakeTelegramServer."""

from __future__ import annotations

import asyncio
import io
import ipaddress
import json
import re
import time
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlsplit

from .telegram_markup import (
    MAX_CALLBACK_ANSWER_LENGTH,
    check_reply_markup,
    checked_text,
)
from .telegram_records import BotMessage, CallbackAnswer, Signal, StoredFile
from .telegram_users import SimulatedUser
from .telegram_wire import ApiError, Upload, bad_request

MAX_DOWNLOAD_SIZE = 20 * 1024 * 1024
"""getFile refuses bigger files, as the public Bot API does."""
MAX_UPLOAD_SIZE = 50 * 1024 * 1024
MAX_UPDATES_PER_CALL = 100
DEFAULT_ALLOWED_UPDATES = frozenset(
    {"message", "edited_message", "callback_query", "my_chat_member", "inline_query"}
)
"""Types created when allowed_updates was never set (Telegram also leaves out chat_member...)."""

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)

_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class BotApiMethods:
    """Each api_<name> method answers the Bot API method <name> (case-insensitive)."""

    # State owned by FakeTelegramServer.
    users: dict[int, SimulatedUser]
    webhook: dict[str, Any] | None
    webhook_errors: list[str]
    commands: dict[tuple[str, str], list[dict[str, str]]]
    menu_buttons: dict[int | None, dict[str, Any]]
    descriptions: dict[str, str]
    poll_count: int
    updates_changed: Signal
    _updates: list[dict[str, Any]]
    _files: dict[str, StoredFile]
    _paths: dict[str, StoredFile]
    _callbacks: dict[str, tuple[SimulatedUser, str, bool]]
    _allowed_updates: frozenset[str]
    _rate_limits: dict[int | None, list[int]]
    _poll_generation: int
    _waiting_polls: int
    _closing: bool
    _webhook_task: asyncio.Task[None] | None
    bot_user: Callable[[], dict[str, Any]]
    bot_message_json: Callable[[BotMessage], dict[str, Any]]
    store_file: Callable[[bytes, str | None, str | None], StoredFile]
    _deliver_webhook: Callable[[], Coroutine[Any, Any, None]]

    # -- helpers for methods ----------------------------------------------------------------

    def _chat(self, params: dict[str, Any]) -> SimulatedUser:
        chat_id = params.get("chat_id")
        if chat_id in (None, ""):
            raise bad_request("Bad Request: chat_id is empty")
        try:
            user = self.users.get(int(chat_id))
        except (TypeError, ValueError):
            user = None
        if user is None:
            raise bad_request("Bad Request: chat not found")
        if user.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return user

    def _chat_for_send(self, params: dict[str, Any]) -> SimulatedUser:
        user = self._chat(params)
        for key in (user.id, None):
            pending = self._rate_limits.get(key)
            if pending:
                retry_after = pending.pop(0)
                raise ApiError(
                    429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after
                )
        return user

    def _find_message(self, user: SimulatedUser, params: dict[str, Any], verb: str) -> BotMessage:
        if params.get("inline_message_id"):
            raise bad_request("Bad Request: MESSAGE_ID_INVALID")
        try:
            message_id = int(params.get("message_id") or 0)
        except (TypeError, ValueError):
            message_id = 0
        for message in user.messages:
            if message.message_id == message_id and not message.deleted:
                return message
        if any(sent["message_id"] == message_id for sent in user.sent):
            raise bad_request(f"Bad Request: message can't be {verb}ed")
        raise bad_request(f"Bad Request: message to {verb} not found")

    def _new_bot_message(self, user: SimulatedUser, params: dict[str, Any]) -> BotMessage:
        reply_to = params.get("reply_to_message_id")
        reply_parameters = params.get("reply_parameters")
        if isinstance(reply_parameters, dict):
            reply_to = reply_parameters.get("message_id")
        return BotMessage(
            message_id=user.next_message_id(),
            chat_id=user.id,
            date=int(time.time()),
            reply_to_message_id=int(reply_to) if reply_to else None,
        )

    def _upload(self, params: dict[str, Any], files: dict[str, Upload], field: str) -> StoredFile:
        value = params.get(field)
        upload: Upload | None = files.get(field)
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value[len("attach://") :])
        elif isinstance(value, str) and value in self._files:
            return self._files[value]
        elif isinstance(value, str) and value:
            raise bad_request("Bad Request: wrong file identifier/HTTP URL specified")
        if upload is None:
            raise bad_request(f"Bad Request: there is no {field} in the request")
        if not upload.data:
            raise bad_request("Bad Request: file must be non-empty")
        if len(upload.data) > MAX_UPLOAD_SIZE:
            raise ApiError(413, "Request Entity Too Large")
        return self.store_file(upload.data, upload.filename, upload.content_type)

    # -- Bot API methods (api_<name>) -------------------------------------------------------

    async def api_getMe(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        return {
            **self.bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def api_logOut(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        return True

    async def api_close(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        return True

    async def api_getUpdates(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        if self.webhook:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        self.poll_count += 1
        self._acknowledge(int(params.get("offset") or 0))
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) if allowed else DEFAULT_ALLOWED_UPDATES
        limit = max(1, min(int(params.get("limit") or MAX_UPDATES_PER_CALL), MAX_UPDATES_PER_CALL))
        timeout = max(0.0, float(params.get("timeout") or 0))
        self._poll_generation += 1
        generation = self._poll_generation
        self.updates_changed.fire()
        if not self._updates and timeout:
            self._waiting_polls += 1
            self.updates_changed.fire()
            try:
                await self.updates_changed.wait_until(
                    lambda: (
                        bool(self._updates) or self._closing or self._poll_generation != generation
                    ),
                    timeout,
                )
            finally:
                self._waiting_polls -= 1
        if self._poll_generation != generation:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        return self._updates[:limit]

    def _acknowledge(self, offset: int) -> None:
        if offset > 0:
            kept = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            kept = self._updates[offset:]
        else:
            return
        if len(kept) != len(self._updates):
            self._updates = kept
            self.updates_changed.fire()

    async def api_setWebhook(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        url = str(params.get("url") or "")
        if not url:
            return await self.api_deleteWebhook(params, files)
        if urlsplit(url).scheme not in {"http", "https"}:
            raise bad_request(
                "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
            )
        secret = params.get("secret_token")
        if secret is not None and not _SECRET_TOKEN.match(str(secret)):
            raise bad_request("Bad Request: secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self._updates.clear()
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) if allowed else DEFAULT_ALLOWED_UPDATES
        self.webhook = {
            "url": url,
            "secret_token": secret,
            "max_connections": int(params.get("max_connections") or 40),
            "allowed_updates": allowed,
            "ip_address": params.get("ip_address"),
        }
        self._poll_generation += 1
        self.updates_changed.fire()
        if _is_loopback(url) and (self._webhook_task is None or self._webhook_task.done()):
            self._webhook_task = asyncio.create_task(self._deliver_webhook())
        return True

    async def api_deleteWebhook(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self.webhook = None
        self.updates_changed.fire()
        return True

    async def api_getWebhookInfo(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        info: dict[str, Any] = {
            "url": self.webhook["url"] if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook:
            info["max_connections"] = self.webhook["max_connections"]
            if self.webhook["allowed_updates"] is not None:
                info["allowed_updates"] = self.webhook["allowed_updates"]
        if self.webhook_errors:
            info["last_error_date"] = int(time.time())
            info["last_error_message"] = self.webhook_errors[-1]
        return info

    async def api_setMyCommands(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("Bad Request: can't parse commands JSON object")
        for command in commands:
            name = str(command.get("command", "")) if isinstance(command, dict) else ""
            if not _COMMAND_NAME.match(name):
                raise bad_request("Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise bad_request("Bad Request: command description is empty or too long")
        self.commands[self._commands_key(params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    async def api_getMyCommands(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        return self.commands.get(self._commands_key(params), [])

    async def api_deleteMyCommands(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        self.commands.pop(self._commands_key(params), None)
        return True

    @staticmethod
    def _commands_key(params: dict[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    async def api_setChatMenuButton(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        chat_id = params.get("chat_id")
        self.menu_buttons[int(chat_id) if chat_id else None] = params.get("menu_button") or {
            "type": "default"
        }
        return True

    async def api_getChatMenuButton(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        chat_id = params.get("chat_id")
        key = int(chat_id) if chat_id else None
        return self.menu_buttons.get(key) or self.menu_buttons.get(None) or {"type": "default"}

    async def api_setMyDescription(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        self.descriptions["description"] = str(params.get("description") or "")
        return True

    async def api_setMyShortDescription(
        self, params: dict[str, Any], files: dict[str, Upload]
    ) -> Any:
        self.descriptions["short_description"] = str(params.get("short_description") or "")
        return True

    async def api_sendMessage(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        user = self._chat(params)
        formatted = checked_text(
            params.get("text"), params.get("parse_mode"), params.get("entities")
        )
        markup = check_reply_markup(params.get("reply_markup"))
        user = self._chat_for_send(params)
        message = self._new_bot_message(user, params)
        message.text, message.raw_text = formatted.text, str(params["text"])
        message.parse_mode, message.entities = params.get("parse_mode"), formatted.entities
        message.reply_markup = markup
        user.record_message(message)
        return self.bot_message_json(message)

    async def api_sendDocument(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        return await self._send_media(params, files, "document")

    async def api_sendPhoto(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        return await self._send_media(params, files, "photo")

    async def _send_media(self, params: dict[str, Any], files: dict[str, Upload], kind: str) -> Any:
        user = self._chat(params)
        caption = checked_text(
            params.get("caption"),
            params.get("parse_mode"),
            params.get("caption_entities"),
            caption=True,
        )
        markup = check_reply_markup(params.get("reply_markup"))
        stored = self._upload(params, files, kind)
        size = _image_size(stored.data) if kind == "photo" else None
        user = self._chat_for_send(params)
        message = self._new_bot_message(user, params)
        message.text = caption.text or None
        message.raw_text = params.get("caption")
        message.parse_mode, message.entities = params.get("parse_mode"), caption.entities
        message.reply_markup = markup
        if kind == "photo":
            message.photo, message.photo_size = stored, size
        else:
            message.document = stored
        user.record_message(message)
        return self.bot_message_json(message)

    async def api_editMessageText(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        user = self._chat(params)
        message = self._find_message(user, params, "edit")
        if message.document or message.photo:
            raise bad_request("Bad Request: there is no text in the message to edit")
        formatted = checked_text(
            params.get("text"), params.get("parse_mode"), params.get("entities")
        )
        markup = _inline_markup(params.get("reply_markup"))
        if (formatted.text, formatted.entities, markup) == (
            message.text,
            message.entities,
            _inline_markup(message.reply_markup),
        ):
            raise _not_modified()
        message.previous_texts.append(message.text)
        message.text, message.raw_text = formatted.text, str(params["text"])
        message.parse_mode, message.entities = params.get("parse_mode"), formatted.entities
        message.reply_markup = markup
        return self._edited(user, message)

    async def api_editMessageCaption(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        user = self._chat(params)
        message = self._find_message(user, params, "edit")
        if not (message.document or message.photo):
            raise bad_request("Bad Request: there is no caption in the message to edit")
        caption = checked_text(
            params.get("caption"),
            params.get("parse_mode"),
            params.get("caption_entities"),
            caption=True,
        )
        markup = _inline_markup(params.get("reply_markup"))
        if (caption.text or None, markup) == (message.text, _inline_markup(message.reply_markup)):
            raise _not_modified()
        message.previous_texts.append(message.text)
        message.text, message.entities = caption.text or None, caption.entities
        message.reply_markup = markup
        return self._edited(user, message)

    async def api_editMessageReplyMarkup(
        self, params: dict[str, Any], files: dict[str, Upload]
    ) -> Any:
        user = self._chat(params)
        message = self._find_message(user, params, "edit")
        markup = _inline_markup(params.get("reply_markup"))
        if markup == _inline_markup(message.reply_markup):
            raise _not_modified()
        message.reply_markup = markup
        return self._edited(user, message)

    def _edited(self, user: SimulatedUser, message: BotMessage) -> dict[str, Any]:
        message.edit_count += 1
        message.edit_date = int(time.time())
        user.record_edit(message)
        return self.bot_message_json(message)

    async def api_deleteMessage(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        user = self._chat(params)
        message_id = int(params.get("message_id") or 0)
        for message in user.messages:
            if message.message_id == message_id and not message.deleted:
                message.deleted = True
                user.changed.fire()
                return True
        if message_id not in user.deleted_ids and any(
            sent["message_id"] == message_id for sent in user.sent
        ):
            user.deleted_ids.add(message_id)
            return True
        raise bad_request("Bad Request: message to delete not found")

    async def api_answerCallbackQuery(
        self, params: dict[str, Any], files: dict[str, Upload]
    ) -> Any:
        query_id = str(params.get("callback_query_id") or "")
        known = self._callbacks.get(query_id)
        if known is None or known[2]:
            raise bad_request(
                "Bad Request: query is too old and response timeout expired or query ID is invalid"
            )
        text = params.get("text")
        if text is not None and len(str(text)) > MAX_CALLBACK_ANSWER_LENGTH:
            raise bad_request("Bad Request: MESSAGE_TOO_LONG")
        user, data, _ = known
        self._callbacks[query_id] = (user, data, True)
        user.record_callback_answer(
            CallbackAnswer(
                callback_query_id=query_id,
                callback_data=data,
                text=str(text) if text else None,
                show_alert=bool(params.get("show_alert")),
                url=params.get("url"),
            )
        )
        return True

    async def api_sendChatAction(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        user = self._chat(params)
        action = str(params.get("action") or "")
        if action not in CHAT_ACTIONS:
            raise bad_request("Bad Request: wrong parameter action in request")
        user.chat_actions.append(action)
        user.changed.fire()
        return True

    async def api_getFile(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise bad_request("Bad Request: invalid file_id")
        if stored.size > MAX_DOWNLOAD_SIZE:
            raise bad_request("Bad Request: file is too big")
        if stored.file_path is None:
            suffix = ""
            if stored.file_name and "." in stored.file_name:
                suffix = "." + stored.file_name.rsplit(".", 1)[1].lower()
            folder = "photos" if (stored.mime_type or "").startswith("image/") else "documents"
            stored.file_path = f"{folder}/file_{len(self._paths)}{suffix}"
            self._paths[stored.file_path] = stored
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
            "file_path": stored.file_path,
        }


def _not_modified() -> ApiError:
    return bad_request(
        "Bad Request: message is not modified: specified new message content and reply markup "
        "are exactly the same as a current content and reply markup of the message"
    )


def _inline_markup(markup: Any) -> dict[str, Any] | None:
    checked = check_reply_markup(markup)
    if checked is None:
        return None
    if "inline_keyboard" not in checked:
        raise bad_request("Bad Request: inline keyboard expected")
    return checked if checked["inline_keyboard"] else None


def _image_size(data: bytes) -> tuple[int, int]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError):
        raise bad_request("Bad Request: IMAGE_PROCESS_FAILED") from None
    if width + height > 10_000 or max(width, height) > 20 * min(width, height):
        raise bad_request("Bad Request: PHOTO_INVALID_DIMENSIONS")
    return width, height


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
