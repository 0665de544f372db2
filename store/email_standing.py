"""Whether an address may receive reminders and digests: not unsubscribed, not undeliverable.

Receipts and answers to what a person asked still go to an unsubscribed address.
"""

from collections.abc import Iterable

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from store.tables.inbound import EmailAddressStanding
from store.types import utcnow


def _normalise(email: str) -> str:
    return email.strip().lower()


async def _row(session: AsyncSession, email: str) -> EmailAddressStanding:
    email = _normalise(email)
    row = await session.get(EmailAddressStanding, email)
    if row is None:
        row = EmailAddressStanding(email=email)
        session.add(row)
    return row


async def unsubscribe(session: AsyncSession, email: str) -> bool:
    """Stop reminders to ``email``; False when it was already unsubscribed."""
    row = await _row(session, email)
    if row.unsubscribed_at is not None:
        return False
    row.unsubscribed_at = row.updated_at = utcnow()
    await session.flush()
    return True


async def resubscribe(session: AsyncSession, email: str) -> bool:
    """Reminders again; False when the address was not unsubscribed."""
    row = await session.get(EmailAddressStanding, _normalise(email))
    if row is None or row.unsubscribed_at is None:
        return False
    row.unsubscribed_at = None
    row.updated_at = utcnow()
    await session.flush()
    return True


async def mark_undeliverable(session: AsyncSession, email: str, reason: str) -> bool:
    """A bounce said the address fails; False when it was already known to fail."""
    row = await _row(session, email)
    first = row.undeliverable_at is None
    row.undeliverable_at = row.updated_at = utcnow()
    row.undeliverable_reason = reason[:1000]
    await session.flush()
    return first


async def is_unsubscribed(session: AsyncSession, email: str) -> bool:
    row = await session.get(EmailAddressStanding, _normalise(email))
    return row is not None and row.unsubscribed_at is not None


async def email_may_receive_reminders(session: AsyncSession, email: str) -> bool:
    row = await session.get(EmailAddressStanding, _normalise(email))
    return row is None or (row.unsubscribed_at is None and row.undeliverable_at is None)


async def emails_may_receive_reminders(session: AsyncSession, emails: Iterable[str]) -> set[str]:
    """The addresses among ``emails`` (normalised) that reminders may go to."""
    wanted = {_normalise(email) for email in emails if email and email.strip()}
    if not wanted:
        return set()
    rows = await session.exec(
        select(EmailAddressStanding.email).where(
            EmailAddressStanding.email.in_(wanted)
            & (
                EmailAddressStanding.unsubscribed_at.is_not(None)
                | EmailAddressStanding.undeliverable_at.is_not(None)
            )
        )
    )
    return wanted - set(rows)
