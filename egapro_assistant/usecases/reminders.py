"""Stopping the reminders of a campaign once they are no longer relevant."""

from sqlmodel.ext.asyncio.session import AsyncSession

from store import outbox


def reminder_topic(campaign_year: int, subject: str = "index") -> str:
    """The outbox topic of a campaign's reminders about ``subject`` (index, objectives,
    representation): rows of one topic are cancelled together."""
    return f"reminders:{campaign_year}:{subject}"


async def cancel_campaign_reminders(
    session: AsyncSession, *, campaign_year: int, siren: str, subject: str = "index"
) -> int:
    """Cancel the queued ``subject`` reminders of ``siren`` for ``campaign_year``."""
    return await outbox.cancel_pending(
        session, topic=reminder_topic(campaign_year, subject), siren=siren
    )
