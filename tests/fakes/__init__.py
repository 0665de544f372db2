"""Test doubles for external services (a fake Telegram Bot API server)."""

from .telegram_api import DEFAULT_TOKEN, FakeTelegramServer
from .telegram_methods import MAX_DOWNLOAD_SIZE
from .telegram_records import ApiCall, BotMessage, CallbackAnswer, StoredFile
from .telegram_runner import LocalAiohttpSession, running_bot
from .telegram_users import SimulatedUser
from .telegram_wire import ApiError

__all__ = [
    "DEFAULT_TOKEN",
    "MAX_DOWNLOAD_SIZE",
    "ApiCall",
    "ApiError",
    "BotMessage",
    "CallbackAnswer",
    "FakeTelegramServer",
    "LocalAiohttpSession",
    "SimulatedUser",
    "StoredFile",
    "running_bot",
]
