"""Personal data kept no longer than needed: each kind purged after its retention setting.

=====================================  ==========================================  =========
What                                   Setting                                     Default
=====================================  ==========================================  =========
email-link tokens, once expired        ``EGAPRO_TOKEN_RETENTION_DAYS``             7 days
rate-limit rows                        ``EGAPRO_RATE_LIMIT_RETENTION_HOURS``       1 hour
sent outbox rows and attachments       ``EGAPRO_OUTBOX_RETENTION_DAYS``            30 days
processed inbound mail                 ``EGAPRO_INBOUND_RETENTION_DAYS``           30 days
finished webhook updates               ``EGAPRO_TELEGRAM_UPDATE_RETENTION_DAYS``   2 days
=====================================  ==========================================  =========
"""

import logging
from datetime import timedelta

from egapro_assistant.config import Settings
from store import inbound, outbox, rate_limits, referent_sessions, telegram_updates, tokens
from store.clock import SYSTEM_CLOCK, Clock
from store.database import Database

log = logging.getLogger(__name__)


async def purge(database: Database, settings: Settings, clock: Clock = SYSTEM_CLOCK) -> dict:
    """Purge every kind past its retention; how many rows of each went."""
    counts = {}
    async with database.session() as session:
        counts["tokens"] = await tokens.purge_expired(
            session, older_than=timedelta(days=settings.token_retention_days), clock=clock
        )
        counts["rate_limits"] = await rate_limits.purge(
            session, older_than=timedelta(hours=settings.rate_limit_retention_hours)
        )
        counts["referent_sessions"] = await referent_sessions.purge(session) or 0
    counts["outbox"] = await outbox.purge_sent(
        database, older_than=timedelta(days=settings.outbox_retention_days), clock=clock
    )
    counts["inbound"] = await inbound.purge_processed(
        database, older_than=timedelta(days=settings.inbound_retention_days), now=clock.now()
    )
    counts["telegram_updates"] = await telegram_updates.purge(
        database, older_than=timedelta(days=settings.telegram_update_retention_days), clock=clock
    )
    if any(counts.values()):
        log.info(
            "retention: purged %s", ", ".join(f"{n} {what}" for what, n in counts.items() if n)
        )
    return counts
