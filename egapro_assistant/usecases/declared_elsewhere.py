"""A company declared its index on the official platform: record it, stop its reminders, and tell
the company's other Telegram users.

Called by the /status button in Telegram (source "telegram"), by a ``FAIT`` reply to a reminder
(source "email_reply") and by operator imports (source "import").
"""

from dataclasses import dataclass

from egapro_assistant.usecases.reminders import (
    cancel_campaign_reminders,
    cancel_replaced_objectives,
)
from store import companies, declarations, links, outbox
from store.clock import SYSTEM_CLOCK, Clock
from store.database import Database
from store.declaration_rules import DeclarationError
from store.tables.identity import TelegramUser

NOTICE_KIND = "declared_elsewhere"


@dataclass(frozen=True)
class DeclaredElsewhere:
    recorded: bool  # new now; False when already said, or declared here
    index: int | None  # the index on record for that campaign (elsewhere or here)
    declared_here: bool = False  # the index was declared in this assistant: left as it is
    reminders_cancelled: int = 0
    notified: int = 0  # Telegram notices queued for the company's other users


async def record_declared_elsewhere(
    database: Database,
    *,
    siren: str,
    campaign_year: int,
    source: str,
    index: int | None = None,
    telegram_user_id: int | None = None,
    email: str | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> DeclaredElsewhere:
    """Record that ``siren`` declared campaign ``campaign_year`` (data year N−1) on the official
    platform, with its ``index`` when given (0–100; raises ``DeclarationError`` otherwise).

    Saying it again changes nothing but may add the index; a declaration made here is kept.
    """
    if index is not None and not 0 <= index <= 100:
        raise DeclarationError("official_index_range")
    data_year = campaign_year - 1
    async with database.session() as session:
        row, recorded = await declarations.record_official_platform(
            session,
            siren,
            data_year,
            telegram_user_id=telegram_user_id,
            declarant_email=email,
            index=index,
            source=source,
            now=clock.now(),
        )
        if row.channel == declarations.ASSISTANT:
            return DeclaredElsewhere(recorded=False, index=row.index, declared_here=True)
        if not recorded:
            if index is not None and row.index is None:
                await declarations.set_official_index(session, siren, data_year, index)
            return DeclaredElsewhere(
                recorded=False, index=index if row.index is None else row.index
            )
        cancelled = await cancel_campaign_reminders(
            session, campaign_year=campaign_year, siren=siren
        )
        cancelled += await cancel_replaced_objectives(session, data_year=data_year, siren=siren)
        notified = await _tell_other_users(
            session, siren, campaign_year, row.index, source, telegram_user_id
        )
        return DeclaredElsewhere(
            recorded=True, index=row.index, reminders_cancelled=cancelled, notified=notified
        )


async def _tell_other_users(
    session, siren: str, campaign_year: int, index: int | None, source: str, actor: int | None
) -> int:
    company = await companies.get(session, siren)
    params = {"siren": siren, "year": campaign_year - 1, "campaign_year": campaign_year}
    if company is not None and company.name:
        params["company_name"] = company.name
    if index is not None:
        params["index"] = index
    params["source"] = source
    queued = 0
    for user_id in await links.users_of(session, siren):
        if user_id == actor:
            continue
        user = await session.get(TelegramUser, user_id)
        if user is None or user.blocked:
            continue
        message_id = await outbox.enqueue(
            session,
            channel="telegram",
            recipient=str(user.chat_id),
            dedup_key=f"{NOTICE_KIND}:{campaign_year}:{siren}:{user_id}",
            kind=NOTICE_KIND,
            siren=siren,
            payload={"language": user.language, "params": params},
        )
        queued += message_id is not None
    return queued
