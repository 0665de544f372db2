"""Erase a person's email address wherever it is not needed for a legal record.

Removed: the address as a declarant of companies, the Telegram links made through it, emailed
links (tokens), rate-limit counts, messages to it in the outbox (pending or sent, with their
attachments and reply addresses), the mail it sent us and the questions it asked, its copies in
the local mailbox. Kept, and said so: the declarations it signed (the declarant of a legal
declaration is part of that record) and the fact that it unsubscribed or bounces (so nothing is
ever sent to it again if it comes back in an import).
"""

from dataclasses import dataclass, field

from sqlalchemy import delete, func, select, update

from store.database import Database
from store.tables.companies import DeclarantEmail
from store.tables.declarations import IndexDeclaration, RepresentationDeclaration
from store.tables.identity import CompanyLink, RateLimitHit, VerificationToken
from store.tables.inbound import EmailAddressStanding, EmailQuestion, InboundMessage
from store.tables.outbox import OutboxAttachment, OutboxMessage
from store.tables.replies import ReplyAddress
from store.tables.webchat import LocalMail


@dataclass
class Forgotten:
    removed: dict[str, int] = field(default_factory=dict)
    kept: dict[str, tuple[int, str]] = field(default_factory=dict)  # what: (rows, why)


def normalise(email: str) -> str:
    return email.strip().lower()


async def forget_email(database: Database, email: str) -> Forgotten:
    address = normalise(email)
    report = Forgotten()
    removed = report.removed

    def same(column):
        return func.lower(column) == address

    async with database.session() as session:

        async def run(name: str, statement) -> None:
            removed[name] = removed.get(name, 0) + (await session.exec(statement)).rowcount

        # Mail it sent us, and its questions (they point at the mail).
        from_it = select(InboundMessage.id).where(same(InboundMessage.envelope_from))
        await run(
            "questions",
            delete(EmailQuestion).where(
                same(EmailQuestion.email) | EmailQuestion.inbound_message_id.in_(from_it)
            ),
        )
        await run("inbound mail", delete(InboundMessage).where(same(InboundMessage.envelope_from)))
        # Outbox rows to it, their attachments; reply addresses handed to it.
        to_it = select(OutboxMessage.id).where(
            OutboxMessage.channel == "email", same(OutboxMessage.recipient)
        )
        replies_of_it = select(ReplyAddress.id).where(same(ReplyAddress.email))
        await session.exec(
            update(InboundMessage)
            .where(InboundMessage.reply_address_id.in_(replies_of_it))
            .values(reply_address_id=None)
        )
        await run("reply addresses", delete(ReplyAddress).where(same(ReplyAddress.email)))
        await session.exec(
            update(ReplyAddress).where(ReplyAddress.outbox_id.in_(to_it)).values(outbox_id=None)
        )
        await session.exec(delete(OutboxAttachment).where(OutboxAttachment.outbox_id.in_(to_it)))
        await run(
            "outbox messages",
            delete(OutboxMessage).where(
                OutboxMessage.channel == "email", same(OutboxMessage.recipient)
            ),
        )
        await run("local mailbox", delete(LocalMail).where(same(LocalMail.recipient)))
        await run("company links", delete(CompanyLink).where(same(CompanyLink.email)))
        await run("declarant of", delete(DeclarantEmail).where(same(DeclarantEmail.email)))
        await run("email links", delete(VerificationToken).where(same(VerificationToken.email)))
        await run(
            "rate-limit counts",
            delete(RateLimitHit).where(RateLimitHit.scope == "email", RateLimitHit.key == address),
        )

        declarations = 0
        for table in (IndexDeclaration, RepresentationDeclaration):
            count = select(func.count()).select_from(table).where(same(table.declarant_email))
            declarations += (await session.exec(count)).scalar_one()
        if declarations:
            report.kept["declarations"] = (
                declarations,
                "a declaration names its declarant: part of the legal record",
            )
        standing = await session.get(EmailAddressStanding, address)
        if standing is not None:
            report.kept["unsubscribed or undeliverable"] = (
                1,
                "kept so that nothing is sent to this address again",
            )
    report.removed = {name: n for name, n in removed.items() if n}
    return report
