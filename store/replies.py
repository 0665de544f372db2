"""Reply tokens: create one per outbound email, resolve it when an answer or a bounce comes back.

Tokens are 160 random bits in lower-case base32 (``a-z2-7``), so a relay that lower-cases the
local part of ``r+<token>@...`` still yields the same token. Only the SHA-256 is stored.
"""

import base64
import hashlib
import re
import secrets

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from store.tables.replies import ReplyAddress

TOKEN_BYTES = 20
TOKEN_PATTERN = re.compile(r"[a-z2-7]{32}")


def new_token() -> str:
    return base64.b32encode(secrets.token_bytes(TOKEN_BYTES)).decode("ascii").lower()


def normalise_token(token: str) -> str | None:
    """The canonical form of a token as found in an address or URL, or None if it cannot be one."""
    token = token.strip().lower()
    return token if TOKEN_PATTERN.fullmatch(token) else None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


async def create(
    session: AsyncSession,
    *,
    email: str,
    kind: str,
    siren: str | None = None,
    outbox_id: int | None = None,
    language: str = "fr",
    message_id: str | None = None,
    reminder: bool = False,
    token: str | None = None,
    campaign_year: int | None = None,
) -> str:
    """Record a reply token (a new one unless given) for a message to ``email``; return it."""
    token = token or new_token()
    session.add(
        ReplyAddress(
            token_hash=hash_token(token),
            email=email.strip().lower(),
            siren=siren,
            outbox_id=outbox_id,
            kind=kind,
            language=language,
            message_id=message_id,
            reminder=reminder,
            campaign_year=campaign_year,
        )
    )
    await session.flush()
    return token


async def resolve(session: AsyncSession, token: str) -> ReplyAddress | None:
    """Who and what a token stands for; None for an unknown or malformed token."""
    canonical = normalise_token(token)
    if canonical is None:
        return None
    result = await session.exec(
        select(ReplyAddress).where(ReplyAddress.token_hash == hash_token(canonical))
    )
    return result.first()
