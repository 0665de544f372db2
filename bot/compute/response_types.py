"""Keep aiogram's parsed response types alive.

aiogram parses every Bot API answer with ``Response[<return type>]``, a pydantic generic
parametrised on each call. pydantic caches parametrisations in a WeakValueDictionary, and these
classes live in reference cycles: each cyclic garbage collection frees them, and the next call
builds the class again (its schema and validator: ~10 ms of CPU, more than the rest of the update).
A bot that allocates (database sessions, documents) collects often, so strong references to the
types of the methods it calls keep the cache warm.
"""

from aiogram.client.session.base import Response
from aiogram.methods import (
    AnswerCallbackQuery,
    DeleteMessage,
    DeleteWebhook,
    EditMessageReplyMarkup,
    EditMessageText,
    GetFile,
    GetMe,
    GetUpdates,
    SendDocument,
    SendMessage,
    SendPhoto,
    SetMyCommands,
)

METHODS = (
    AnswerCallbackQuery,
    DeleteMessage,
    DeleteWebhook,
    EditMessageReplyMarkup,
    EditMessageText,
    GetFile,
    GetMe,
    GetUpdates,
    SendDocument,
    SendMessage,
    SendPhoto,
    SetMyCommands,
)

PINNED = tuple(Response[method.__returning__] for method in METHODS)
