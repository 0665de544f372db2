"""What a simulated person reads in a chat, the same whichever channel brought it (fake Bot API or
web chat): the messages, edits and button answers in order, each returned once."""

from __future__ import annotations

from collections.abc import Callable

from .telegram_records import BotMessage, CallbackAnswer

DEFAULT_TIMEOUT = 20.0  # a busy machine draws charts and PDFs slowly (niced process)


class ChatReader:
    """Needs ``messages``, ``edits``, ``callback_answers``, the read cursors ``_read``,
    ``_edits_read``, ``_answers_read``, an ``id``, ``press``, ``_wait`` and ``transcript``."""

    async def _refresh(self) -> None:
        """Bring the messages up to date before looking for a button (nothing to do when they
        are pushed to the person)."""

    @property
    def last_message(self) -> BotMessage | None:
        return self.messages[-1] if self.messages else None

    @property
    def unread(self) -> list[BotMessage]:
        return self.messages[self._read :]

    async def press_button(self, text: str, message: BotMessage | None = None) -> str:
        """Press the inline button labelled text (on the latest message showing it)."""
        await self._refresh()
        if message is None:
            for candidate in reversed(self.messages):
                if not candidate.deleted and any(
                    t == text for row in candidate.buttons for t, _ in row
                ):
                    message = candidate
                    break
            else:
                raise AssertionError(
                    f"No message in chat {self.id} shows a button {text!r}.\n{self.transcript()}"
                )
        return await self.press(message.callback_data_for(text), message)

    def _message_with_callback(self, data: str) -> BotMessage:
        for candidate in reversed(self.messages):
            if not candidate.deleted and candidate.has_callback(data):
                return candidate
        raise AssertionError(
            f"No message in chat {self.id} has a button with callback data {data!r}.\n"
            f"{self.transcript()}"
        )

    async def next_message(self, timeout: float = DEFAULT_TIMEOUT) -> BotMessage:
        """The next message the bot sends to this chat (each message is returned once)."""
        await self._wait(lambda: len(self.messages) > self._read, timeout, "a new message")
        self._read += 1
        return self.messages[self._read - 1]

    async def next_messages(self, count: int, timeout: float = DEFAULT_TIMEOUT) -> list[BotMessage]:
        await self._wait(
            lambda: len(self.messages) >= self._read + count, timeout, f"{count} new messages"
        )
        batch = self.messages[self._read : self._read + count]
        self._read += count
        return batch

    async def next_edit(self, timeout: float = DEFAULT_TIMEOUT) -> BotMessage:
        """The next message the bot edited in this chat (text or keyboard)."""
        await self._wait(lambda: len(self.edits) > self._edits_read, timeout, "an edit")
        self._edits_read += 1
        return self.edits[self._edits_read - 1]

    async def next_callback_answer(self, timeout: float = DEFAULT_TIMEOUT) -> CallbackAnswer:
        await self._wait(
            lambda: len(self.callback_answers) > self._answers_read,
            timeout,
            "an answerCallbackQuery",
        )
        self._answers_read += 1
        return self.callback_answers[self._answers_read - 1]

    async def wait_for(
        self, predicate: Callable[[], bool], timeout: float = DEFAULT_TIMEOUT, what: str = "it"
    ) -> None:
        """Wait until predicate() holds."""
        await self._wait(predicate, timeout, what)
