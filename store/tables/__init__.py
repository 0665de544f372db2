"""Every table of the application; importing this package registers them on the metadata."""

from store.tables.companies import Company, CompanyIndexHistory, DeclarantEmail
from store.tables.conversation import FsmRecord
from store.tables.identity import CompanyLink, RateLimitHit, TelegramUser, VerificationToken
from store.tables.outbox import OutboxAttachment, OutboxMessage

__all__ = [
    "Company",
    "CompanyIndexHistory",
    "CompanyLink",
    "DeclarantEmail",
    "FsmRecord",
    "OutboxAttachment",
    "OutboxMessage",
    "RateLimitHit",
    "TelegramUser",
    "VerificationToken",
]
