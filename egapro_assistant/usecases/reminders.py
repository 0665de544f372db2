"""Stopping the reminders of a campaign once they are no longer relevant."""

from sqlmodel.ext.asyncio.session import AsyncSession

from store import outbox


async def cancel_campaign_reminders(
    session: AsyncSession, *, campaign_year: int, siren: str
) -> int:
    """Cancel the queued reminders of ``siren`` for ``campaign_year``; how many were cancelled.

    Reminder keys are ``reminder:{campaign_year}:{siren}:{step}:{channel}:{recipient}``.
    """
    return await outbox.cancel_pending(
        session, dedup_key_prefix=f"reminder:{campaign_year}:{siren}:"
    )
