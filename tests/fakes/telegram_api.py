"""A fake Telegram Bot API server on 127.0.0.1, spoken to over real HTTP by aiogram.

async with FakeTelegramServer() as server:
    anne = server.user(1001, first_name="Anne", language_code="fr")
    async with running_bot(dispatcher, server) as bot:
        await anne.send_command("/start")
        reply = await anne.next_message()
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.client.telegram import TelegramAPIServer
from aiohttp import ClientError, ClientSession, ClientTimeout, web
from aiohttp.web_exceptions import HTTPRequestEntityTooLarge

from .telegram_markup import MarkupError
from .telegram_methods import DEFAULT_ALLOWED_UPDATES, MAX_UPLOAD_SIZE, BotApiMethods
from .telegram_records import ApiCall, BotMessage, Signal, StoredFile
from .telegram_runner import LocalAiohttpSession
from .telegram_users import DEFAULT_TIMEOUT, SimulatedUser
from .telegram_wire import ApiError, Upload, bad_request, read_params, webhook_reply

DEFAULT_TOKEN = "123456789:AAFakeTokenForTheEgaproAssistantTests"

MethodHandler = Callable[[dict[str, Any], dict[str, "Upload"]], Awaitable[Any]]


class FakeTelegramServer(BotApiMethods):
    """Bot API emulation for one bot token; use as an async context manager."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        username: str = "egapro_test_bot",
        first_name: str = "Egapro Assistant",
        host: str = "127.0.0.1",
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = username
        self.bot_first_name = first_name
        self.host = host
        self.port: int | None = None
        self.users: dict[int, SimulatedUser] = {}
        self.calls: list[ApiCall] = []
        """Every API request received, with the status answered."""
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        """setMyCommands storage keyed by (scope JSON, language_code)."""
        self.webhook: dict[str, Any] | None = None
        self.webhook_errors: list[str] = []
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.descriptions: dict[str, str] = {}
        self.downloads: list[str] = []
        """file_id of every file the bot downloaded from /file/bot<token>/<path>."""
        self.handler_errors: list[str] = []
        """Exceptions raised by bot handlers, filled by running_bot()."""
        self.settle_hooks: list[Callable[[], Awaitable[None]]] = []
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(700_000_001)
        self._file_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._files: dict[str, StoredFile] = {}
        self._paths: dict[str, StoredFile] = {}
        self._callbacks: dict[str, tuple[SimulatedUser, str, bool]] = {}
        self._allowed_updates: frozenset[str] = DEFAULT_ALLOWED_UPDATES
        self._rate_limits: dict[int | None, list[int]] = {}
        self.poll_count = 0
        """Number of getUpdates calls received."""
        self._poll_generation = 0
        self._waiting_polls = 0
        self._closing = False
        self.updates_changed = Signal()
        self._runner: web.AppRunner | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self._client: ClientSession | None = None
        self._methods: dict[str, MethodHandler] = {
            name[len("api_") :].lower(): getattr(self, name)
            for name in dir(self)
            if name.startswith("api_")
        }

    # -- lifecycle ------------------------------------------------------------------------

    async def __aenter__(self) -> FakeTelegramServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def start(self) -> None:
        app = web.Application(client_max_size=MAX_UPLOAD_SIZE + 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_download)
        self._runner = web.AppRunner(
            app, handler_cancellation=True, shutdown_timeout=1.0, access_log=None
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        self._closing = True
        self.updates_changed.fire()
        if self._webhook_task:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._webhook_task
        if self._client:
            await self._client.close()
        if self._runner:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        """Base URL for TelegramAPIServer.from_base()."""
        return f"http://{self.host}:{self.port}"

    def telegram_api(self) -> TelegramAPIServer:
        return TelegramAPIServer.from_base(self.url)

    def make_bot(self, token: str | None = None, **bot_kwargs: Any) -> Bot:
        """An aiogram Bot talking to this server (its session closes without the SSL delay)."""
        session = LocalAiohttpSession(api=self.telegram_api())
        return Bot(token or self.token, session=session, **bot_kwargs)

    # -- simulated users and fault injection -------------------------------------------------

    def user(
        self,
        user_id: int,
        first_name: str = "Camille",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "fr",
    ) -> SimulatedUser:
        """The simulated user with this id (created on first call; chat id == user id)."""
        if user_id not in self.users:
            self.users[user_id] = SimulatedUser(
                self,
                user_id,
                first_name=first_name,
                last_name=last_name,
                username=username,
                language_code=language_code,
            )
        return self.users[user_id]

    def block(self, user_id: int) -> None:
        """The user blocks the bot: sends answer 403 and a my_chat_member update is emitted."""
        self._set_blocked(user_id, True)

    def unblock(self, user_id: int) -> None:
        self._set_blocked(user_id, False)

    def _set_blocked(self, user_id: int, blocked: bool) -> None:
        user = self.user(user_id)
        if user.blocked == blocked:
            return
        user.blocked = blocked
        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        bot = self.bot_user()
        self.push_update(
            "my_chat_member",
            {
                "chat": user.as_chat(),
                "from": user.as_user(),
                "date": int(time.time()),
                "old_chat_member": {"status": old, "user": bot},
                "new_chat_member": {"status": new, "user": bot, "until_date": 0}
                if blocked
                else {"status": new, "user": bot},
            },
        )

    def rate_limit(self, chat_id: int | None = None, retry_after: int = 1, times: int = 1) -> None:
        """The next `times` sends to chat_id (any chat when None) answer 429 retry_after."""
        self._rate_limits.setdefault(chat_id, []).extend([retry_after] * times)

    # -- updates ----------------------------------------------------------------------------

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet acknowledged by the bot (getUpdates offset) or webhook."""
        return list(self._updates)

    @property
    def polling(self) -> bool:
        """True while a getUpdates long poll is waiting on the server."""
        return self._waiting_polls > 0

    def push_update(self, kind: str, payload: dict[str, Any]) -> int | None:
        """Queue an update; types not in allowed_updates are dropped, as Telegram does."""
        if kind not in self._allowed_updates:
            return None
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, kind: payload})
        self.updates_changed.fire()
        return update_id

    def push_callback_query(self, user: SimulatedUser, message: BotMessage, data: str) -> str:
        query_id = f"{self.bot_id}{next(self._callback_ids):08d}"
        self._callbacks[query_id] = (user, data, False)
        self.push_update(
            "callback_query",
            {
                "id": query_id,
                "from": user.as_user(),
                "chat_instance": f"-{user.id}{self.bot_id}",
                "message": self.bot_message_json(message),
                "data": data,
            },
        )
        return query_id

    @property
    def unanswered_callbacks(self) -> list[tuple[int, str]]:
        """(user id, callback data) of button presses the bot never answered."""
        return [
            (user.id, data) for user, data, answered in self._callbacks.values() if not answered
        ]

    async def wait_for_poll(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait until the bot has a getUpdates long poll waiting on the server."""
        if not await self.updates_changed.wait_until(lambda: self.polling, timeout):
            raise AssertionError(
                f"No getUpdates long poll within {timeout:g} s.\n{self.diagnostics()}"
            )

    async def settled(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait until the bot acknowledged every update and its handlers finished."""
        if not await self.updates_changed.wait_until(lambda: not self._updates, timeout):
            raise AssertionError(
                f"The bot did not take its {len(self._updates)} pending update(s) within "
                f"{timeout:g} s.\n{self.diagnostics()}"
            )
        for hook in list(self.settle_hooks):
            await asyncio.wait_for(hook(), timeout)

    def diagnostics(self) -> str:
        lines = [
            f"Updates not yet taken by the bot: {len(self._updates)}; "
            f"getUpdates waiting: {'yes' if self.polling else 'no'}; "
            f"webhook: {self.webhook['url'] if self.webhook else 'none'}"
        ]
        errors = [call.describe() for call in self.calls if not call.ok]
        if errors:
            lines.append("Requests the fake refused (latest last):")
            lines.extend(f"  {line}" for line in errors[-10:])
        if self.handler_errors:
            lines.append("Exceptions in bot handlers:")
            lines.extend(f"  {line}" for line in self.handler_errors[-5:])
        if self.webhook_errors:
            lines.append(f"Webhook delivery errors: {self.webhook_errors[-5:]}")
        return "\n".join(lines)

    # -- files ------------------------------------------------------------------------------

    def store_file(self, data: bytes, file_name: str | None, mime_type: str | None) -> StoredFile:
        number = next(self._file_ids)
        stored = StoredFile(
            file_id=f"BQACAgIAAxkBAAIB{number:08d}{self.bot_id}",
            file_unique_id=f"AgADfake{number}",
            data=data,
            file_name=file_name,
            mime_type=mime_type,
        )
        self._files[stored.file_id] = stored
        return stored

    def file(self, file_id: str) -> StoredFile:
        return self._files[file_id]

    # -- JSON shapes ------------------------------------------------------------------------

    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def bot_message_json(self, message: BotMessage) -> dict[str, Any]:
        user = self.users[message.chat_id]
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "from": self.bot_user(),
            "chat": user.as_chat(),
            "date": message.date,
        }
        text_key, entities_key = ("caption", "caption_entities")
        if message.document:
            data["document"] = message.document.as_document()
        elif message.photo:
            width, height = message.photo_size or (0, 0)
            data["photo"] = [
                {
                    "file_id": message.photo.file_id,
                    "file_unique_id": message.photo.file_unique_id,
                    "file_size": message.photo.size,
                    "width": width,
                    "height": height,
                }
            ]
        else:
            text_key, entities_key = ("text", "entities")
        if message.text:
            data[text_key] = message.text
            if message.entities:
                data[entities_key] = message.entities
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            data["reply_markup"] = message.reply_markup
        if message.edit_date:
            data["edit_date"] = message.edit_date
        if message.reply_to_message_id:
            replied = self.message_json(user, message.reply_to_message_id)
            if replied:
                data["reply_to_message"] = replied
        return data

    def message_json(self, user: SimulatedUser, message_id: int) -> dict[str, Any] | None:
        for sent in user.sent:
            if sent["message_id"] == message_id:
                return sent
        for message in user.messages:
            if message.message_id == message_id:
                return {
                    k: v
                    for k, v in self.bot_message_json(message).items()
                    if k != "reply_to_message"
                }
        return None

    # -- HTTP -------------------------------------------------------------------------------

    async def _handle_method(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return self._reply(ApiCall(method, {}), ApiError(401, "Unauthorized"))
        try:
            params, files = await read_params(request)
        except HTTPRequestEntityTooLarge:
            return self._reply(ApiCall(method, {}), ApiError(413, "Request Entity Too Large"))
        except ValueError as error:
            return self._reply(ApiCall(method, {}), bad_request(f"Bad Request: {error}"))
        return await self.call(method, params, files)

    async def call(
        self, method: str, params: dict[str, Any], files: dict[str, Upload] | None = None
    ) -> web.Response:
        files = files or {}
        record = ApiCall(
            method, {**params, **{k: f"<file {v.filename}>" for k, v in files.items()}}
        )
        handler = self._methods.get(method.lower())
        if handler is None:
            record.description = "Not Found (method unknown to the fake server)"
            return self._reply(record, ApiError(404, "Not Found"))
        try:
            result = await handler(params, files)
        except ApiError as error:
            return self._reply(record, error)
        except MarkupError as error:
            return self._reply(record, bad_request(str(error)))
        return self._reply(record, result)

    def _reply(self, record: ApiCall, outcome: Any) -> web.Response:
        self.calls.append(record)
        if isinstance(outcome, ApiError):
            record.status = outcome.status
            record.description = record.description or outcome.description
            return web.json_response(outcome.as_json(), status=outcome.status)
        return web.json_response({"ok": True, "result": outcome})

    async def _handle_download(self, request: web.Request) -> web.Response:
        stored = self._paths.get(request.match_info["path"])
        if request.match_info["token"] != self.token or stored is None:
            return web.json_response(ApiError(404, "Not Found").as_json(), status=404)
        self.downloads.append(stored.file_id)
        return web.Response(body=stored.data, content_type="application/octet-stream")

    # -- webhook delivery ---------------------------------------------------------------------

    async def _deliver_webhook(self) -> None:
        """POST each update to a loopback webhook URL, in order, retrying on failure."""
        self._client = self._client or ClientSession(timeout=ClientTimeout(total=10))
        delay = 0.05
        while not self._closing and self.webhook:
            await self.updates_changed.wait_until(
                lambda: self._closing or not self.webhook or bool(self._updates), 3600
            )
            if self._closing or not self.webhook or not self._updates:
                continue
            update = self._updates[0]
            if await self._post_update(self.webhook, update):
                delay = 0.05
                if self._updates and self._updates[0] is update:
                    self._updates.pop(0)
                    self.updates_changed.fire()
            else:
                await asyncio.sleep(delay)
                delay = min(delay * 2, 1.0)

    async def _post_update(self, webhook: dict[str, Any], update: dict[str, Any]) -> bool:
        headers = {}
        if webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = webhook["secret_token"]
        assert self._client is not None
        try:
            async with self._client.post(webhook["url"], json=update, headers=headers) as resp:
                if resp.status >= 300:
                    self.webhook_errors.append(f"Wrong response from the webhook: {resp.status}")
                    return False
                method, params, files = await webhook_reply(resp)
        except (ClientError, TimeoutError) as error:
            self.webhook_errors.append(f"Connection failed: {type(error).__name__}: {error}")
            return False
        if method:
            await self.call(method, params, files)
        return True
