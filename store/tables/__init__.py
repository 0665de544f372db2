"""Every table of the application; importing this package registers them on the metadata."""

from store.tables.campaigns import CampaignProgress
from store.tables.companies import Company, CompanyIndexHistory, DeclarantEmail
from store.tables.conversation import FsmRecord
from store.tables.declarations import (
    DeclarationObjectives,
    IndexDeclaration,
    RepresentationDeclaration,
)
from store.tables.identity import CompanyLink, RateLimitHit, TelegramUser, VerificationToken
from store.tables.inbound import EmailAddressStanding, EmailQuestion, InboundMessage
from store.tables.outbox import OutboxAttachment, OutboxMessage
from store.tables.referents import (
    AppSecret,
    Referent,
    ReferentDepartement,
    ReferentDigest,
    ReferentSession,
)
from store.tables.replies import ReplyAddress
from store.tables.scheduler import SchedulerState
from store.tables.telegram import TelegramUpdate
from store.tables.webchat import LocalMail, WebChat, WebChatFile, WebChatMessage

__all__ = [
    "AppSecret",
    "CampaignProgress",
    "Company",
    "CompanyIndexHistory",
    "CompanyLink",
    "DeclarantEmail",
    "DeclarationObjectives",
    "EmailAddressStanding",
    "EmailQuestion",
    "FsmRecord",
    "InboundMessage",
    "IndexDeclaration",
    "LocalMail",
    "OutboxAttachment",
    "OutboxMessage",
    "RateLimitHit",
    "Referent",
    "ReferentDepartement",
    "ReferentDigest",
    "ReferentSession",
    "ReplyAddress",
    "RepresentationDeclaration",
    "SchedulerState",
    "TelegramUpdate",
    "TelegramUser",
    "VerificationToken",
    "WebChat",
    "WebChatFile",
    "WebChatMessage",
]
