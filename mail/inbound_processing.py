"""Process stored inbound messages: what a reply asks for, and the answers it gets.

Messages are claimed from the store in batches and read (``mail.inbound_parse``, in a worker
thread). What needs only the database (quarantine, auto-replies, bounces, STOP, questions) is
handled for the whole batch in one transaction, outcomes included; FAIT and employee files each
in their own, and, if the batch's transaction fails, each message again alone, so that one bad
message is quarantined without holding back the others. Answers go through the outbox with keys
naming the message: a message processed again after a crash changes nothing twice and sends
nothing twice.
"""

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from egapro_assistant.config import Settings
from egapro_assistant.logs import log_context
from egapro_assistant.usecases.declared_elsewhere import record_declared_elsewhere
from egapro_assistant.waiting import wait_for_any
from mail import reply_files
from mail.addresses import BOUNCE_PREFIX, parse_token_address
from mail.inbound_parse import InboundMail, Malformed, parse
from mail.reply_intent import Intent, employee_file_name, intent_of
from store import email_standing, inbound, links, outbox, questions
from store.clock import SYSTEM_CLOCK, Clock
from store.companies import ensure as ensure_company
from store.companies import get as get_company
from store.database import Database
from store.outbox import Attachment
from store.tables.identity import TelegramUser
from store.tables.inbound import InboundMessage, InboundStatus
from store.tables.replies import ReplyAddress

log = logging.getLogger(__name__)

BATCH = 50
QUESTION_PREVIEW = 3000


@dataclass(frozen=True)
class Handled:
    status: str
    outcome: str | None = None
    reason: str | None = None


@dataclass
class _Work:
    """A claimed message, read: what it is and what it asks for."""

    row: InboundMessage
    reply: ReplyAddress | None
    mail: InboundMail | None  # None: malformed (``malformed`` says why)
    malformed: str | None = None
    to_bounce_address: bool = False  # sent to a VERP bounce+<token> address
    intent: Intent | None = None
    files: list[tuple[str, bytes]] = field(default_factory=list)


class _Context:
    """One transaction's session, what its messages look up more than once, and what they
    write, gathered so that a batch writes its questions and its outbox rows in one statement
    each (``write``, before the transaction ends)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._companies: dict[str | None, dict[str, Any]] = {}
        self._users: dict[str, list[tuple[int, str | None]]] = {}
        self.outgoing: list[outbox.Outgoing] = []
        self.asked: list[dict[str, Any]] = []

    async def write(self) -> dict[int, int]:
        """Write what was gathered; the new question ids by inbound message id."""
        question_ids = await questions.record_many(self.session, self.asked)
        await outbox.enqueue_many(self.session, self.outgoing)
        self.asked, self.outgoing = [], []
        return question_ids

    async def company(self, siren: str | None) -> dict[str, Any]:
        if siren not in self._companies:
            params: dict[str, Any] = {}
            if siren:
                params["siren"] = siren
                company = await get_company(self.session, siren)
                if company is not None and company.name:
                    params["company_name"] = company.name
            self._companies[siren] = params
        return self._companies[siren]

    async def telegram_users(self, siren: str) -> list[tuple[int, str | None]]:
        """The chats of the Telegram users who may act for the company (not blocked)."""
        if siren not in self._users:
            user_ids = await links.users_of(self.session, siren)
            found = await self.session.exec(
                select(TelegramUser.chat_id, TelegramUser.language)
                .where(TelegramUser.id.in_(user_ids))
                .where(TelegramUser.blocked.is_(False))
            )
            self._users[siren] = list(found)
        return self._users[siren]


def _read_all(raws: list[bytes]) -> list[InboundMail | Malformed]:
    """Parse a batch in one worker thread (``parse`` never raises anything but Malformed)."""
    read: list[InboundMail | Malformed] = []
    for raw in raws:
        try:
            read.append(parse(raw))
        except Malformed as error:
            read.append(error)
    return read


class InboundProcessor:
    def __init__(
        self,
        database: Database,
        settings: Settings,
        *,
        on_outbox: Callable[[], None] | None = None,
        clock: Clock = SYSTEM_CLOCK,
        poll_seconds: float = 5.0,
        gather_seconds: float = 0.02,
    ) -> None:
        self.database = database
        self.settings = settings
        self.on_outbox = on_outbox
        self.clock = clock
        self.poll_seconds = poll_seconds
        # Woken by a stored message, wait this long first: a burst is then one batch (one
        # transaction) rather than one small batch per message.
        self.gather_seconds = gather_seconds
        self._wake = asyncio.Event()

    def notify(self, _message_id: int | None = None) -> None:
        """A message was stored: process it now rather than at the next poll."""
        self._wake.set()

    async def run_once(self) -> int:
        rows, addresses = await inbound.claim_with_addresses(self.database, limit=BATCH)
        if rows:
            await self.process_rows(rows, addresses)
        if rows and self.on_outbox is not None:
            self.on_outbox()
        return len(rows)

    async def process_rows(
        self, rows: list[InboundMessage], addresses: dict[int, ReplyAddress]
    ) -> None:
        """Handle claimed rows. Whatever needs only the database (quarantine, auto-replies,
        bounces, STOP, questions) is handled for the whole batch in one transaction; FAIT and
        employee files, and everything again one by one if that transaction fails, each in
        their own."""
        rows = sorted(rows, key=lambda row: row.id)
        read = await asyncio.to_thread(_read_all, [row.raw for row in rows])
        together: list[_Work] = []
        alone: list[_Work] = []
        for row, mail in zip(rows, read, strict=True):
            work = self._work(row, addresses.get(row.reply_address_id), mail)
            (alone if self._needs_own_transaction(work) else together).append(work)
        if together:
            try:
                async with self.database.session() as session:
                    context = _Context(session)
                    handled = [await self._handle(context, work) for work in together]
                    await self._record(context, together, handled)
            except Exception:
                log.exception("inbound: a batch of %d failed; one by one now", len(together))
                alone = together + alone
        for work in sorted(alone, key=lambda w: w.row.id):
            await self._handle_alone(work)

    async def run_forever(self, stop_event: asyncio.Event) -> None:
        while not stop_event.is_set():
            self._wake.clear()
            try:
                handled = await self.run_once()
            except Exception:
                log.exception("inbound processing: a batch failed; trying again shortly")
                handled = 0
            if handled < BATCH:
                await wait_for_any(self._wake, stop_event, timeout=self.poll_seconds)
                if self.gather_seconds and not stop_event.is_set():
                    await asyncio.sleep(self.gather_seconds)

    def _work(self, row: InboundMessage, reply: ReplyAddress | None, mail) -> _Work:
        if isinstance(mail, Malformed):
            return _Work(row, reply, None, malformed=mail.reason)
        work = _Work(row, reply, mail, to_bounce_address=_to_bounce_address(row, self.settings))
        if reply is None or mail.report is not None or work.to_bounce_address:
            return work
        if mail.auto_reply:
            return work
        work.intent = intent_of(mail.text, mail.subject)
        work.files = [
            (name, attachment.data)
            for attachment in mail.attachments
            if (name := employee_file_name(attachment.filename, attachment.content_type))
        ]
        return work

    def _needs_own_transaction(self, work: _Work) -> bool:
        if work.intent is None or work.intent.kind == Intent.STOP:
            return False
        declared = work.intent.kind == Intent.DECLARED and bool(work.reply.siren)
        return declared or bool(work.files)

    async def _handle(self, context: _Context, work: _Work) -> Handled:
        """What needs only this transaction; the caller records the outcome."""
        with log_context(inbound=work.row.id):
            return await self._handle_in(context, work)

    async def _handle_in(self, context: _Context, work: _Work) -> Handled:
        row, reply, mail = work.row, work.reply, work.mail
        if mail is None:
            return Handled(InboundStatus.QUARANTINED, "malformed", work.malformed)
        if reply is None:
            return Handled(InboundStatus.QUARANTINED, "unknown", "no reply address")
        if mail.report is not None or work.to_bounce_address:
            return await self._bounce(context, row, reply, mail)
        if mail.auto_reply:
            return Handled(InboundStatus.AUTO_REPLY, "auto_reply", mail.auto_reply)
        if work.intent.kind == Intent.STOP:
            return await self._stop(context, row, reply)
        return await self._question(context, row, reply, mail)

    async def _handle_alone(self, work: _Work) -> Handled:
        with log_context(inbound=work.row.id):
            return await self._handle_alone_in(work)

    async def _handle_alone_in(self, work: _Work) -> Handled:
        row, reply = work.row, work.reply
        try:
            if self._needs_own_transaction(work):
                if work.intent.kind == Intent.DECLARED and reply.siren:
                    return await self._declared(row, reply, work.intent.index)
                return await self._employee_file(row, reply, *work.files[0])
            async with self.database.session() as session:
                context = _Context(session)
                handled = await self._handle(context, work)
                await self._record(context, [work], [handled])
            return handled
        except Exception as error:
            log.exception("inbound message %s could not be processed", row.id)
            handled = Handled(
                InboundStatus.QUARANTINED, "failed", f"processing failed: {type(error).__name__}"
            )
            await self._finish(row.id, handled)
            return handled

    async def _record(self, context: _Context, works: list[_Work], handled: list[Handled]) -> None:
        """Write what the messages gathered, then their outcomes."""
        question_ids = await context.write()
        outcomes = []
        for work, result in zip(works, handled, strict=True):
            if result.outcome == "question":
                number = question_ids.get(work.row.id)
                result = Handled(
                    result.status,
                    result.outcome,
                    f"question {number}" if number else "question already recorded",
                )
            outcomes.append(_outcome(work.row.id, result))
        await inbound.finish_many(context.session, outcomes)

    async def _finish(self, message_id: int, handled: Handled, session=None) -> None:
        values = dict(status=handled.status, outcome=handled.outcome, reason=handled.reason)
        if session is not None:
            await inbound.finish(session, message_id, **values)
            return
        async with self.database.session() as own:
            await inbound.finish(own, message_id, **values)

    async def _bounce(
        self, context: _Context, row: InboundMessage, reply: ReplyAddress, mail: InboundMail
    ) -> Handled:
        report = mail.report
        if report is None or not report.permanent_failure:
            what = "not a delivery status notification" if report is None else report.action
            return Handled(InboundStatus.BOUNCE, "ignored", what or "no action")
        reason = " ".join(part for part in (report.status, report.diagnostic) if part)
        first = await email_standing.mark_undeliverable(
            context.session, reply.email, reason or "bounce"
        )
        if reply.siren:
            await self._tell_telegram(context, row, reply, "email_bounce", {"email": reply.email})
        return Handled(
            InboundStatus.BOUNCE, "undeliverable", reason if first else f"again: {reason}"
        )

    async def _stop(self, context: _Context, row: InboundMessage, reply: ReplyAddress) -> Handled:
        changed = await email_standing.unsubscribe(context.session, reply.email)
        await self._answer(context, row, reply, "reply_unsubscribed", {})
        return Handled(InboundStatus.PROCESSED, "stop", None if changed else "already unsubscribed")

    def _campaign_year(self, reply: ReplyAddress) -> int:
        if reply.campaign_year:
            return reply.campaign_year
        return self.settings.calendar.current(self.clock.now().date()).year

    async def _declared(self, row: InboundMessage, reply: ReplyAddress, index) -> Handled:
        campaign_year = self._campaign_year(reply)
        async with self.database.session() as session:
            await ensure_company(session, reply.siren, source="email")
        result = await record_declared_elsewhere(
            self.database,
            siren=reply.siren,
            campaign_year=campaign_year,
            source="email_reply",
            index=index,
            email=reply.email,
            clock=self.clock,
        )
        recorded = result.recorded
        index_text = f" (index {index}/100)" if index is not None else ""
        async with self.database.session() as session:
            context = _Context(session)
            await self._answer(
                context,
                row,
                reply,
                "reply_declared",
                {"campaign_year": campaign_year, "index_text": index_text},
            )
            handled = Handled(
                InboundStatus.PROCESSED,
                "declared",
                f"campaign {campaign_year}" + ("" if recorded else ", already recorded"),
            )
            await context.write()
            await self._finish(row.id, handled, session)
        return handled

    async def _employee_file(
        self, row: InboundMessage, reply: ReplyAddress, filename: str, data: bytes
    ) -> Handled:
        language = reply.language or "fr"
        answer = await asyncio.to_thread(reply_files.score, data, filename, language)
        async with self.database.session() as session:
            context = _Context(session)
            if answer.errors:
                await self._answer(
                    context,
                    row,
                    reply,
                    "file_refused",
                    {"filename": answer.filename, "errors": "\n".join(answer.errors)},
                )
                handled = Handled(InboundStatus.PROCESSED, "file_refused", answer.errors[0])
            else:
                await self._answer(
                    context,
                    row,
                    reply,
                    "file_scored",
                    {"filename": answer.filename, "summary": answer.summary},
                    attachments=answer.attachments,
                )
                handled = Handled(InboundStatus.PROCESSED, "file_scored", answer.summary[:200])
            await context.write()
            await self._finish(row.id, handled, session)
        return handled

    async def _question(
        self, context: _Context, row: InboundMessage, reply: ReplyAddress, mail: InboundMail
    ) -> Handled:
        text = (mail.text or mail.full_text or mail.subject).strip()[:QUESTION_PREVIEW]
        if not text:
            return Handled(InboundStatus.PROCESSED, "empty", "no text")
        context.asked.append(
            {
                "inbound_message_id": row.id,
                "email": reply.email,
                "text": text,
                "siren": reply.siren,
                "answered_kind": reply.kind,
                "subject": mail.subject[:500] or None,
            }
        )
        await self._answer(context, row, reply, "question_received", {"question": text})
        company = await context.company(reply.siren)
        label = (
            f"{company['company_name']} (SIREN {reply.siren})"
            if company.get("company_name")
            else f"SIREN {reply.siren}"
            if reply.siren
            else "?"
        )
        recipients = await questions.question_recipients(
            context.session,
            reply.siren,
            fallback=[self.settings.operator_email] if self.settings.operator_email else [],
        )
        for recipient in recipients:
            context.outgoing.append(
                outbox.Outgoing(
                    channel="email",
                    recipient=recipient,
                    dedup_key=f"inbound:{row.id}:forward:{recipient}",
                    kind="question_forwarded",
                    siren=reply.siren,
                    payload={
                        "language": "fr",
                        "params": {
                            "company": label,
                            "asker": reply.email,
                            "subject": mail.subject[:120] or "(sans objet)",
                            "question": text,
                            "answered_kind": reply.kind,
                            "dashboard_url": self._dashboard_url(reply.siren),
                        },
                    },
                )
            )
        if reply.siren:
            await self._tell_telegram(
                context, row, reply, "email_question", {"email": reply.email, "question": text}
            )
        return Handled(InboundStatus.PROCESSED, "question")

    async def _answer(
        self,
        context: _Context,
        row: InboundMessage,
        reply: ReplyAddress,
        kind: str,
        params: dict[str, Any],
        *,
        attachments: list[Attachment] = (),
    ) -> None:
        """An email to the person the answered message went to (never to ``From``)."""
        company = await context.company(reply.siren)
        context.outgoing.append(
            outbox.Outgoing(
                channel="email",
                recipient=reply.email,
                dedup_key=f"inbound:{row.id}:answer",
                kind=kind,
                siren=reply.siren,
                payload={
                    "language": reply.language or "fr",
                    "params": {**company, **params},
                    "auto_submitted": "auto-replied",
                    "reply_context": {"siren": reply.siren, "person_email": reply.email}
                    | ({"campaign_year": reply.campaign_year} if reply.campaign_year else {}),
                },
                attachments=list(attachments),
            )
        )

    def _dashboard_url(self, siren: str | None) -> str:
        """Where a référent reads and answers the question (the answer's replies come back)."""
        base = f"{self.settings.public_base_url.rstrip('/')}/referents"
        return f"{base}/companies/{siren}" if siren else base

    async def _tell_telegram(
        self,
        context: _Context,
        row: InboundMessage,
        reply: ReplyAddress,
        kind: str,
        params: dict[str, Any],
    ) -> None:
        company = await context.company(reply.siren)
        for chat_id, language in await context.telegram_users(reply.siren):
            context.outgoing.append(
                outbox.Outgoing(
                    channel="telegram",
                    recipient=str(chat_id),
                    dedup_key=f"inbound:{row.id}:telegram:{chat_id}",
                    kind=kind,
                    siren=reply.siren,
                    payload={"language": language or "fr", "params": {**company, **params}},
                )
            )


def _outcome(message_id: int, handled: Handled) -> dict[str, Any]:
    return {
        "id": message_id,
        "status": handled.status,
        "outcome": handled.outcome,
        "reason": handled.reason,
    }


def _to_bounce_address(row: InboundMessage, settings: Settings) -> bool:
    address = parse_token_address(row.recipient, settings)
    return address is not None and address[0] == BOUNCE_PREFIX
