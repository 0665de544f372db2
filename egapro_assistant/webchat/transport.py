"""The outbox's Telegram rows, delivered to Telegram or to a web chat by their chat id.

A web chat's chat id is negative (``store.webchat``). Reminders go to web-chat users by email
only: such a row answers "blocked", and the sender sends its email fallback instead.
"""

from egapro_assistant.sender import Delivery, Transport
from store import webchat
from store.tables.outbox import OutboxMessage

TELEGRAM_OFF_RETRY_SECONDS = 300.0


class ChatRouter:
    def __init__(self, telegram: Transport | None, web_chat) -> None:
        self.telegram = telegram
        self.web_chat = web_chat

    async def deliver(self, message: OutboxMessage) -> Delivery:
        try:
            chat_id = int(message.recipient)
        except ValueError:
            return Delivery.failed(f"not a chat id: {message.recipient!r}")
        if webchat.is_web_chat(chat_id):
            if (message.payload or {}).get("reminder"):
                return Delivery.blocked("web chat: reminders go by email")
            transport = self.web_chat.transport() if self.web_chat is not None else None
            if transport is None:
                return Delivery.deferred(1.0)
            return await transport.deliver(message)
        if self.telegram is None:  # Telegram is off: the row waits for a token
            return Delivery.deferred(TELEGRAM_OFF_RETRY_SECONDS)
        return await self.telegram.deliver(message)

    async def close(self) -> None:
        close = getattr(self.telegram, "close", None)
        if close is not None:
            await close()
