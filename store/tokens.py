"""Email-link tokens: 256 random bits, only the SHA-256 kept, single use, expiring.

``peek`` reads a token without using it (a GET, a mail scanner prefetching the link);
``consume`` uses it with one conditional UPDATE, so two concurrent POSTs cannot both win.
Time comes from a ``Clock`` (``SYSTEM_CLOCK`` unless given); ``now`` pins one moment.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import update
from sqlmodel import delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from store.clock import SYSTEM_CLOCK, Clock
from store.tables.identity import VerificationToken

TOKEN_BYTES = 32
# secrets.token_urlsafe(32): 43 characters of the URL-safe base64 alphabet, no padding.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")
COMPANY_LINK = "company_link"
REFERENT_SIGN_IN = "referent_sign_in"
REFERENT_TELEGRAM = "referent_telegram"


class TokenStatus(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    USED = "used"
    UNKNOWN = "unknown"  # never issued, forged, truncated, or issued for another purpose


@dataclass(frozen=True)
class TokenCheck:
    status: TokenStatus
    token: VerificationToken | None = None

    @property
    def valid(self) -> bool:
        return self.status is TokenStatus.VALID


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_well_formed(token: str) -> bool:
    return bool(TOKEN_PATTERN.fullmatch(token or ""))


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


async def create(
    session: AsyncSession,
    *,
    email: str,
    telegram_user_id: int | None,
    siren: str | None,
    ttl: timedelta,
    purpose: str = COMPANY_LINK,
    now: datetime | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> str:
    """Record a new token and return it in clear (the only time it exists in clear)."""
    now = now or clock.now()
    token = new_token()
    session.add(
        VerificationToken(
            token_hash=hash_token(token),
            purpose=purpose,
            telegram_user_id=telegram_user_id,
            siren=siren,
            email=email,
            created_at=now,
            expires_at=now + ttl,
        )
    )
    await session.flush()
    return token


def _status_of(record: VerificationToken | None, now: datetime) -> TokenStatus:
    if record is None:
        return TokenStatus.UNKNOWN
    if record.consumed_at is not None:
        return TokenStatus.USED
    if record.expires_at <= now:
        return TokenStatus.EXPIRED
    return TokenStatus.VALID


async def _find(session: AsyncSession, token: str, purpose: str) -> VerificationToken | None:
    if not is_well_formed(token):
        return None
    statement = select(VerificationToken).where(
        VerificationToken.token_hash == hash_token(token), VerificationToken.purpose == purpose
    )
    return (await session.exec(statement)).first()


async def peek(
    session: AsyncSession,
    token: str,
    *,
    purpose: str = COMPANY_LINK,
    now: datetime | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> TokenCheck:
    """What ``token`` stands for and whether it could be used now; never uses it."""
    record = await _find(session, token, purpose)
    return TokenCheck(_status_of(record, now or clock.now()), record)


async def consume(
    session: AsyncSession,
    token: str,
    *,
    purpose: str = COMPANY_LINK,
    now: datetime | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> TokenCheck:
    """Use ``token`` once: VALID with the row for the one caller that wins, else why not."""
    now = now or clock.now()
    if not is_well_formed(token):
        return TokenCheck(TokenStatus.UNKNOWN)
    statement = (
        update(VerificationToken)
        .where(VerificationToken.token_hash == hash_token(token))
        .where(VerificationToken.purpose == purpose)
        .where(VerificationToken.consumed_at.is_(None))
        .where(VerificationToken.expires_at > now)
        .values(consumed_at=now)
        .returning(VerificationToken)
        .execution_options(synchronize_session=False)
    )
    record = (await session.exec(statement)).scalars().first()
    if record is not None:
        return TokenCheck(TokenStatus.VALID, record)
    record = await _find(session, token, purpose)
    return TokenCheck(_status_of(record, now), record)


async def purge_expired(
    session: AsyncSession, *, older_than: timedelta, clock: Clock = SYSTEM_CLOCK
) -> int:
    """Forget tokens that expired more than ``older_than`` ago."""
    cutoff = clock.now() - older_than
    result = await session.exec(
        delete(VerificationToken).where(VerificationToken.expires_at < cutoff)
    )
    return result.rowcount
