"""Questions asked by replying to an email: recorded on the company, listed, closed."""

from collections.abc import Sequence

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from store import referents
from store.tables.inbound import EmailQuestion, QuestionStatus
from store.types import utcnow


async def record(
    session: AsyncSession,
    *,
    inbound_message_id: int,
    email: str,
    text: str,
    siren: str | None = None,
    answered_kind: str | None = None,
    subject: str | None = None,
) -> EmailQuestion:
    """Record the question of an inbound message (once: a replay returns the same row)."""
    existing = await session.exec(
        select(EmailQuestion).where(EmailQuestion.inbound_message_id == inbound_message_id)
    )
    row = existing.first()
    if row is not None:
        return row
    row = EmailQuestion(
        inbound_message_id=inbound_message_id,
        email=email.strip().lower(),
        text=text,
        siren=siren,
        answered_kind=answered_kind,
        subject=subject,
    )
    session.add(row)
    await session.flush()
    return row


async def record_many(session: AsyncSession, asked: list[dict]) -> dict[int, int]:
    """Record several questions (dicts of ``record``'s arguments) in one statement; returns the
    new question id by inbound message id (a message already recorded is skipped)."""
    if not asked:
        return {}
    now = utcnow()
    rows = [
        {
            "inbound_message_id": question["inbound_message_id"],
            "email": question["email"].strip().lower(),
            "text": question["text"],
            "siren": question.get("siren"),
            "answered_kind": question.get("answered_kind"),
            "subject": question.get("subject"),
            "status": QuestionStatus.OPEN,
            "created_at": now,
        }
        for question in asked
    ]
    insert = (postgresql if session.bind.dialect.name == "postgresql" else sqlite).insert
    statement = (
        insert(EmailQuestion)
        .on_conflict_do_nothing(index_elements=["inbound_message_id"])
        .returning(EmailQuestion.inbound_message_id, EmailQuestion.id)
    )
    return dict((await session.exec(statement, params=rows)).all())


async def list_questions(
    session: AsyncSession, *, open_only: bool = False, siren: str | None = None
) -> list[EmailQuestion]:
    statement = select(EmailQuestion).order_by(EmailQuestion.created_at, EmailQuestion.id)
    if open_only:
        statement = statement.where(EmailQuestion.status == QuestionStatus.OPEN)
    if siren:
        statement = statement.where(EmailQuestion.siren == siren)
    return list(await session.exec(statement))


async def mark_answered(session: AsyncSession, question_id: int) -> bool:
    result = await session.exec(
        update(EmailQuestion)
        .where(EmailQuestion.id == question_id)
        .where(EmailQuestion.status == QuestionStatus.OPEN)
        .values(status=QuestionStatus.ANSWERED, answered_at=utcnow())
    )
    return result.rowcount == 1


async def question_recipients(
    session: AsyncSession, siren: str | None, *, fallback: Sequence[str] = ()
) -> list[str]:
    """Who a company's questions are forwarded to.

    The référents of the company's département when there are any; otherwise the operator
    addresses given as ``fallback`` (``EGAPRO_OPERATOR_EMAIL``).
    """
    found = [referent.email for referent in await referents.of_company(session, siren)]
    chosen = found or list(fallback)
    return [address for address in dict.fromkeys(chosen) if address]


async def get(session: AsyncSession, question_id: int) -> EmailQuestion | None:
    return await session.get(EmailQuestion, question_id)


async def record_answer(
    session: AsyncSession, question_id: int, *, answer: str, answered_by: str
) -> bool:
    """Keep a référent's answer and close the question; False when it was already answered."""
    result = await session.exec(
        update(EmailQuestion)
        .where(EmailQuestion.id == question_id)
        .where(EmailQuestion.status == QuestionStatus.OPEN)
        .values(
            status=QuestionStatus.ANSWERED,
            answered_at=utcnow(),
            answer=answer,
            answered_by=answered_by,
        )
    )
    return result.rowcount == 1
