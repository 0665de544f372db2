"""Links between Telegram users (a web chat is one too, with a negative id) and the companies
they proved, by email, they may act for.

A link counts only while the email that proved it is still a declarant of the SIREN: removing
an email from the declarants (in Telegram or by an operator) ends the links made through it.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import and_
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from store import companies, declarants, outbox, tokens, webchat
from store.tables.companies import Company, DeclarantEmail
from store.tables.identity import CompanyLink, TelegramUser, VerificationToken
from store.tokens import TokenStatus
from store.types import utcnow


@dataclass(frozen=True)
class LinkedCompany:
    siren: str
    name: str | None
    email: str  # the declarant email that proved the link
    linked_at: datetime


def _insert_for(session: AsyncSession):
    return (postgresql if session.bind.dialect.name == "postgresql" else sqlite).insert


def _active():
    """CompanyLink joined to the declarant email that still backs it."""
    return and_(
        DeclarantEmail.siren == CompanyLink.siren, DeclarantEmail.email == CompanyLink.email
    )


async def link(session: AsyncSession, *, telegram_user_id: int, siren: str, email: str) -> bool:
    """Link the user to ``siren`` through ``email``; True when new, False when refreshed.

    The company row and the Telegram user row must exist.
    """
    insert = _insert_for(session)
    statement = (
        insert(CompanyLink)
        .values(telegram_user_id=telegram_user_id, siren=siren, email=email, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["telegram_user_id", "siren"])
        .returning(CompanyLink.id)
    )
    if (await session.exec(statement)).scalar_one_or_none() is not None:
        return True
    existing = await get(session, telegram_user_id, siren)
    existing.email = email
    return False


async def get(session: AsyncSession, telegram_user_id: int, siren: str) -> CompanyLink | None:
    statement = select(CompanyLink).where(
        CompanyLink.telegram_user_id == telegram_user_id, CompanyLink.siren == siren
    )
    return (await session.exec(statement)).first()


async def active_link(
    session: AsyncSession, telegram_user_id: int, siren: str
) -> CompanyLink | None:
    """The user's link to ``siren`` if it still allows acting for it, else None."""
    statement = (
        select(CompanyLink)
        .join(DeclarantEmail, _active())
        .where(CompanyLink.telegram_user_id == telegram_user_id, CompanyLink.siren == siren)
    )
    return (await session.exec(statement)).first()


async def may_act(session: AsyncSession, telegram_user_id: int, siren: str) -> bool:
    return await active_link(session, telegram_user_id, siren) is not None


async def companies_of(session: AsyncSession, telegram_user_id: int) -> list[LinkedCompany]:
    """The companies the user may act for, by SIREN."""
    statement = (
        select(CompanyLink.siren, Company.name, CompanyLink.email, CompanyLink.created_at)
        .join(DeclarantEmail, _active())
        .join(Company, Company.siren == CompanyLink.siren)
        .where(CompanyLink.telegram_user_id == telegram_user_id)
        .order_by(CompanyLink.siren)
    )
    return [LinkedCompany(*row) for row in (await session.exec(statement)).all()]


async def users_of(session: AsyncSession, siren: str) -> list[int]:
    """Telegram users who may act for ``siren``."""
    statement = (
        select(CompanyLink.telegram_user_id)
        .join(DeclarantEmail, _active())
        .where(CompanyLink.siren == siren)
        .order_by(CompanyLink.telegram_user_id)
    )
    return list((await session.exec(statement)).all())


async def unlink(session: AsyncSession, telegram_user_id: int, siren: str) -> bool:
    result = await session.exec(
        delete(CompanyLink).where(
            CompanyLink.telegram_user_id == telegram_user_id, CompanyLink.siren == siren
        )
    )
    return bool(result.rowcount)


async def may_link(session: AsyncSession, siren: str, email: str) -> bool:
    """The rule: a SIREN with declarants is linked only through one of them; one without any
    is linked through the first email verified, which becomes its first declarant."""
    if not await declarants.count(session, siren):
        return True
    return await declarants.is_declarant(session, siren, email)


class Outcome(StrEnum):
    READY = "ready"  # the link can be confirmed (preview only)
    LINKED = "linked"
    REFUSED = "refused"  # the SIREN has declarants and this email is not (or no longer) one
    EXPIRED = "expired"
    USED = "used"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Confirmation:
    outcome: Outcome
    siren: str | None = None
    email: str | None = None
    company_name: str | None = None
    telegram_user_id: int | None = None
    asker_name: str | None = None  # the Telegram first name of who asked
    first_declarant: bool = False  # the email becomes (or would become) the first declarant

    @property
    def channel(self) -> str:
        """Where the person who asked talks to the assistant: ``telegram`` or ``web_chat``."""
        return channel_of(self.telegram_user_id)


def channel_of(telegram_user_id: int | None) -> str:
    """``web_chat`` for a web chat's user (a negative id, see store.webchat), else ``telegram``."""
    if telegram_user_id is not None and webchat.is_web_chat(telegram_user_id):
        return "web_chat"
    return "telegram"


_TOKEN_OUTCOMES = {
    TokenStatus.EXPIRED: Outcome.EXPIRED,
    TokenStatus.USED: Outcome.USED,
    TokenStatus.UNKNOWN: Outcome.UNKNOWN,
}


async def _describe(
    session: AsyncSession, record: VerificationToken, outcome: Outcome, first: bool = False
) -> Confirmation:
    company = await session.get(Company, record.siren)
    asker = await session.get(TelegramUser, record.telegram_user_id)
    return Confirmation(
        outcome=outcome,
        siren=record.siren,
        email=record.email,
        company_name=company.name if company else None,
        telegram_user_id=record.telegram_user_id,
        asker_name=asker.first_name if asker else None,
        first_declarant=first,
    )


def _usable(record: VerificationToken | None) -> bool:
    return record is not None and record.siren is not None and record.telegram_user_id is not None


async def preview(session: AsyncSession, token: str) -> Confirmation:
    """What confirming ``token`` would do; reads only (a GET, a mail scanner)."""
    check = await tokens.peek(session, token)
    if not _usable(check.token):
        return Confirmation(Outcome.UNKNOWN)
    record = check.token
    if not check.valid:
        return await _describe(session, record, _TOKEN_OUTCOMES[check.status])
    if not await may_link(session, record.siren, record.email):
        return await _describe(session, record, Outcome.REFUSED)
    first = not await declarants.count(session, record.siren)
    return await _describe(session, record, Outcome.READY, first)


async def confirm(session: AsyncSession, token: str) -> Confirmation:
    """Use ``token``: link its Telegram user to its SIREN and queue the news for Telegram.

    The token is used up even when the link is refused (the declarants changed meanwhile).
    """
    check = await tokens.consume(session, token)
    if not _usable(check.token):
        return Confirmation(Outcome.UNKNOWN)
    record = check.token
    if not check.valid:
        return await _describe(session, record, _TOKEN_OUTCOMES[check.status])
    siren, email = record.siren, record.email
    await companies.ensure(session, siren, source="bot")
    # Serialise confirmations for one SIREN, so two first emails cannot both become the first.
    await session.exec(select(Company.siren).where(Company.siren == siren).with_for_update())
    if not await may_link(session, siren, email):
        return await _describe(session, record, Outcome.REFUSED)
    first = not await declarants.count(session, siren)
    if first:
        await declarants.add(session, siren, email, added_by="verification")
    await link(session, telegram_user_id=record.telegram_user_id, siren=siren, email=email)
    confirmation = await _describe(session, record, Outcome.LINKED, first)
    await _queue_linked_message(session, record, confirmation)
    return confirmation


async def _queue_linked_message(
    session: AsyncSession, record: VerificationToken, confirmation: Confirmation
) -> None:
    user = await session.get(TelegramUser, record.telegram_user_id)
    if user is None:
        return
    params = {"siren": confirmation.siren, "email": confirmation.email}
    if confirmation.company_name:
        params["company_name"] = confirmation.company_name
    await outbox.enqueue(
        session,
        channel="telegram",
        recipient=str(user.chat_id),
        dedup_key=f"company_linked:{record.token_hash[:40]}",
        kind="company_linked",
        siren=confirmation.siren,
        payload={"language": user.language, "params": params},
    )
