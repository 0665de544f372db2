"""Process stored inbound messages: what a reply asks for, and the answers it gets.

Each message is claimed from the store, read (``mail.inbound_parse``) and handled in one
transaction with its answers, which go through the outbox with keys naming the message: a
message processed again after a crash changes nothing twice and sends nothing twice.
"""

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from egapro_assistant.config import Settings
from egapro_assistant.usecases.declared_elsewhere import record_declared_elsewhere
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


class InboundProcessor:
    def __init__(
        self,
        database: Database,
        settings: Settings,
        *,
        on_outbox: Callable[[], None] | None = None,
        clock: Clock = SYSTEM_CLOCK,
        poll_seconds: float = 5.0,
    ) -> None:
        self.database = database
        self.settings = settings
        self.on_outbox = on_outbox
        self.clock = clock
        self.poll_seconds = poll_seconds
        self._wake = asyncio.Event()

    def notify(self, _message_id: int | None = None) -> None:
        """A message was stored: process it now rather than at the next poll."""
        self._wake.set()

    async def run_once(self) -> int:
        ids = await inbound.claim(self.database, limit=BATCH)
        if ids:
            await self.process_batch(ids)
        if ids and self.on_outbox is not None:
            self.on_outbox()
        return len(ids)

    async def process_batch(self, ids: list[int]) -> None:
        """Read the claimed rows at once; what needs no answer is finished in one transaction."""
        async with self.database.session() as session:
            rows = list(
                await session.exec(select(InboundMessage).where(InboundMessage.id.in_(ids)))
            )
            reply_ids = {row.reply_address_id for row in rows if row.reply_address_id}
            found = await session.exec(select(ReplyAddress).where(ReplyAddress.id.in_(reply_ids)))
            addresses = {address.id: address for address in found}
        quiet: list[tuple[int, Handled]] = []
        for row in sorted(rows, key=lambda r: r.id):
            reply = addresses.get(row.reply_address_id)
            try:
                mail = await asyncio.to_thread(parse, row.raw)
            except Malformed as error:
                quiet.append(
                    (row.id, Handled(InboundStatus.QUARANTINED, "malformed", error.reason))
                )
                continue
            if (
                reply is not None
                and mail.report is None
                and mail.auto_reply
                and not (_to_bounce_address(row, self.settings))
            ):
                quiet.append(
                    (row.id, Handled(InboundStatus.AUTO_REPLY, "auto_reply", mail.auto_reply))
                )
                continue
            await self._handle_safely(row, reply, mail)
        if quiet:
            async with self.database.session() as session:
                for message_id, handled in quiet:
                    await self._finish(message_id, handled, session)

    async def run_forever(self, stop_event: asyncio.Event) -> None:
        while not stop_event.is_set():
            self._wake.clear()
            try:
                handled = await self.run_once()
            except Exception:
                log.exception("inbound processing: a batch failed; trying again shortly")
                handled = 0
            if handled < BATCH:
                waiters = [
                    asyncio.ensure_future(self._wake.wait()),
                    asyncio.ensure_future(stop_event.wait()),
                ]
                try:
                    await asyncio.wait(
                        waiters, timeout=self.poll_seconds, return_when=asyncio.FIRST_COMPLETED
                    )
                finally:
                    for waiter in waiters:
                        waiter.cancel()

    async def process(self, message_id: int) -> Handled | None:
        """Handle one claimed message; its status says what became of it."""
        async with self.database.session() as session:
            row = await inbound.get(session, message_id)
            reply = await session.get(ReplyAddress, row.reply_address_id) if row else None
        if row is None:
            return None
        try:
            mail = await asyncio.to_thread(parse, row.raw)
        except Malformed as error:
            handled = Handled(InboundStatus.QUARANTINED, "malformed", error.reason)
            await self._finish(message_id, handled)
            return handled
        return await self._handle_safely(row, reply, mail)

    async def _handle_safely(self, row, reply, mail) -> Handled:
        try:
            handled = await self._handle(row, reply, mail)
        except Exception as error:
            log.exception("inbound message %s could not be processed", row.id)
            handled = Handled(
                InboundStatus.QUARANTINED, "failed", f"processing failed: {type(error).__name__}"
            )
            await self._finish(row.id, handled)
        return handled

    async def _finish(self, message_id: int, handled: Handled, session=None) -> None:
        values = dict(status=handled.status, outcome=handled.outcome, reason=handled.reason)
        if session is not None:
            await inbound.finish(session, message_id, **values)
            return
        async with self.database.session() as own:
            await inbound.finish(own, message_id, **values)

    async def _handle(
        self, row: InboundMessage, reply: ReplyAddress | None, mail: InboundMail
    ) -> Handled:
        to_bounce_address = _to_bounce_address(row, self.settings)
        if reply is None:
            handled = Handled(InboundStatus.QUARANTINED, "unknown", "no reply address")
        elif mail.report is not None or to_bounce_address:
            return await self._bounce(row, reply, mail)
        elif mail.auto_reply:
            handled = Handled(InboundStatus.AUTO_REPLY, "auto_reply", mail.auto_reply)
        else:
            return await self._reply(row, reply, mail)
        await self._finish(row.id, handled)
        return handled

    async def _bounce(self, row: InboundMessage, reply: ReplyAddress, mail) -> Handled:
        report = mail.report
        if report is None or not report.permanent_failure:
            what = "not a delivery status notification" if report is None else report.action
            handled = Handled(InboundStatus.BOUNCE, "ignored", what or "no action")
            await self._finish(row.id, handled)
            return handled
        reason = " ".join(part for part in (report.status, report.diagnostic) if part)
        async with self.database.session() as session:
            first = await email_standing.mark_undeliverable(
                session, reply.email, reason or "bounce"
            )
            if reply.siren:
                await self._tell_telegram(
                    session, row, reply, "email_bounce", {"email": reply.email}
                )
            handled = Handled(
                InboundStatus.BOUNCE, "undeliverable", reason if first else f"again: {reason}"
            )
            await self._finish(row.id, handled, session)
        return handled

    async def _reply(self, row: InboundMessage, reply: ReplyAddress, mail) -> Handled:
        files = [
            (name, attachment.data)
            for attachment in mail.attachments
            if (name := employee_file_name(attachment.filename, attachment.content_type))
        ]
        intent = intent_of(mail.text, mail.subject)
        if intent.kind == Intent.STOP:
            return await self._stop(row, reply)
        if intent.kind == Intent.DECLARED and reply.siren:
            return await self._declared(row, reply, intent.index)
        if files:
            return await self._employee_file(row, reply, *files[0])
        return await self._question(row, reply, mail)

    async def _stop(self, row: InboundMessage, reply: ReplyAddress) -> Handled:
        async with self.database.session() as session:
            changed = await email_standing.unsubscribe(session, reply.email)
            await self._answer(session, row, reply, "reply_unsubscribed", {})
            handled = Handled(
                InboundStatus.PROCESSED, "stop", None if changed else "already unsubscribed"
            )
            await self._finish(row.id, handled, session)
        return handled

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
            await self._answer(
                session,
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
            await self._finish(row.id, handled, session)
        return handled

    async def _employee_file(
        self, row: InboundMessage, reply: ReplyAddress, filename: str, data: bytes
    ) -> Handled:
        language = reply.language or "fr"
        answer = await asyncio.to_thread(reply_files.score, data, filename, language)
        async with self.database.session() as session:
            if answer.errors:
                await self._answer(
                    session,
                    row,
                    reply,
                    "file_refused",
                    {"filename": answer.filename, "errors": "\n".join(answer.errors)},
                )
                handled = Handled(InboundStatus.PROCESSED, "file_refused", answer.errors[0])
            else:
                await self._answer(
                    session,
                    row,
                    reply,
                    "file_scored",
                    {"filename": answer.filename, "summary": answer.summary},
                    attachments=answer.attachments,
                )
                handled = Handled(InboundStatus.PROCESSED, "file_scored", answer.summary[:200])
            await self._finish(row.id, handled, session)
        return handled

    async def _question(self, row: InboundMessage, reply: ReplyAddress, mail) -> Handled:
        text = (mail.text or mail.full_text or mail.subject).strip()[:QUESTION_PREVIEW]
        if not text:
            handled = Handled(InboundStatus.PROCESSED, "empty", "no text")
            await self._finish(row.id, handled)
            return handled
        async with self.database.session() as session:
            question = await questions.record(
                session,
                inbound_message_id=row.id,
                email=reply.email,
                text=text,
                siren=reply.siren,
                answered_kind=reply.kind,
                subject=mail.subject[:500] or None,
            )
            await self._answer(session, row, reply, "question_received", {"question": text})
            company = await self._company_params(session, reply.siren)
            label = (
                f"{company['company_name']} (SIREN {reply.siren})"
                if company.get("company_name")
                else f"SIREN {reply.siren}"
                if reply.siren
                else "?"
            )
            recipients = await questions.question_recipients(
                session,
                reply.siren,
                fallback=[self.settings.operator_email] if self.settings.operator_email else [],
            )
            for recipient in recipients:
                await outbox.enqueue(
                    session,
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
            if reply.siren:
                await self._tell_telegram(
                    session, row, reply, "email_question", {"email": reply.email, "question": text}
                )
            handled = Handled(InboundStatus.PROCESSED, "question", f"question {question.id}")
            await self._finish(row.id, handled, session)
        return handled

    def _dashboard_url(self, siren: str | None) -> str:
        """Where a référent reads and answers the question (the answer's replies come back)."""
        base = f"{self.settings.public_base_url.rstrip('/')}/referents"
        return f"{base}/companies/{siren}" if siren else base

    async def _company_params(self, session: AsyncSession, siren: str | None) -> dict[str, Any]:
        if not siren:
            return {}
        company = await get_company(session, siren)
        params: dict[str, Any] = {"siren": siren}
        if company is not None and company.name:
            params["company_name"] = company.name
        return params

    async def _answer(
        self,
        session: AsyncSession,
        row: InboundMessage,
        reply: ReplyAddress,
        kind: str,
        params: dict[str, Any],
        *,
        attachments: list[Attachment] = (),
    ) -> None:
        """An email to the person the answered message went to (never to ``From``)."""
        company = await self._company_params(session, reply.siren)
        await outbox.enqueue(
            session,
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

    async def _tell_telegram(
        self,
        session: AsyncSession,
        row: InboundMessage,
        reply: ReplyAddress,
        kind: str,
        params: dict[str, Any],
    ) -> None:
        company = await self._company_params(session, reply.siren)
        user_ids = await links.users_of(session, reply.siren)  # who may act for the company
        users = await session.exec(
            select(TelegramUser.chat_id, TelegramUser.language)
            .where(TelegramUser.id.in_(user_ids))
            .where(TelegramUser.blocked.is_(False))
        )
        for chat_id, language in users:
            await outbox.enqueue(
                session,
                channel="telegram",
                recipient=str(chat_id),
                dedup_key=f"inbound:{row.id}:telegram:{chat_id}",
                kind=kind,
                siren=reply.siren,
                payload={"language": language or "fr", "params": {**company, **params}},
            )


def _to_bounce_address(row: InboundMessage, settings: Settings) -> bool:
    address = parse_token_address(row.recipient, settings)
    return address is not None and address[0] == BOUNCE_PREFIX
