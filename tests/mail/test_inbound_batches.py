"""Batching without losing the rules: one failing message in a batch, messages stored together,
group commit failures, and the store's many-row writes."""

import asyncio

import pytest
from sqlmodel import select

from egapro_assistant.logs import ContextFilter
from mail.group_commit import GroupCommit
from mail.inbound_processing import InboundProcessor
from mail.inbound_server import InboundSMTP
from store import inbound as inbound_store
from store import outbox, questions
from store.tables.inbound import EmailQuestion, InboundMessage, InboundStatus
from store.tables.outbox import OutboxAttachment, OutboxMessage
from tests.mail.inbound_helpers import SETTINGS, Inbound, reply, reply_to


class FailingOn(InboundProcessor):
    """Processing raises for one question text (a bug met by one message only)."""

    async def _question(self, context, row, reply, mail):
        if "piège" in mail.text:
            raise RuntimeError("boom")
        return await super()._question(context, row, reply, mail)


async def test_one_failing_message_is_quarantined_and_the_rest_of_its_batch_is_processed(
    db, caplog
):
    caplog.handler.addFilter(ContextFilter())  # as the service's log handler does
    inbound = await Inbound(db).start()
    inbound.processor = FailingOn(db, SETTINGS)
    try:
        token = await inbound.token()
        for text in ("Question 1 ?", "Question piège ?", "STOP", "Question 3 ?"):
            assert await inbound.send(reply(text), reply_to(token)) == {}
        assert await inbound.processor.run_once() == 4  # one batch
    finally:
        await inbound.stop()
    async with db.session() as session:
        rows = list(await session.exec(select(InboundMessage).order_by(InboundMessage.id)))
        asked = sorted(q.text for q in await questions.list_questions(session))
        kinds = sorted(m.kind for m in await session.exec(select(OutboxMessage)))
    assert [(r.status, r.outcome) for r in rows] == [
        (InboundStatus.PROCESSED, "question"),
        (InboundStatus.QUARANTINED, "failed"),
        (InboundStatus.PROCESSED, "stop"),
        (InboundStatus.PROCESSED, "question"),
    ]
    assert rows[1].reason == "processing failed: RuntimeError"
    failed = [r for r in caplog.records if "could not be processed" in r.getMessage()]
    assert [record.inbound for record in failed] == [rows[1].id]  # the log names the message
    assert rows[0].reason.startswith("question ")
    assert asked == ["Question 1 ?", "Question 3 ?"]
    assert kinds.count("question_received") == 2 and kinds.count("reply_unsubscribed") == 1


async def test_concurrent_messages_are_each_stored_once(sqlite_db):
    inbound = await Inbound(sqlite_db).start()
    try:
        token = await inbound.token()
        sent = await asyncio.gather(
            *(inbound.send(reply(f"Question {n} ?"), reply_to(token)) for n in range(12))
        )
        assert sent == [{}] * 12
    finally:
        await inbound.stop()
    async with sqlite_db.session() as session:
        raws = [row.raw for row in await session.exec(select(InboundMessage))]
    assert sorted(n for n in range(12) for raw in raws if b"Question %d ?" % n in raw) == list(
        range(12)
    )


async def test_group_commit_gives_each_caller_its_results_or_the_failure():
    calls = []

    async def write(items):
        calls.append(list(items))
        await asyncio.sleep(0)
        if "bad" in items:
            raise ValueError("cannot write")
        return [item.upper() for item in items]

    group = GroupCommit(write)
    first = await asyncio.gather(group.submit(["a"]), group.submit(["b", "c"]), group.submit(["d"]))
    assert first == [["A"], ["B", "C"], ["D"]]
    assert len(calls) < 3  # written together
    results = await asyncio.gather(
        group.submit(["e"]), group.submit(["bad"]), return_exceptions=True
    )
    assert all(isinstance(r, ValueError) for r in results)  # one transaction: both refused
    assert await group.submit(["f"]) == ["F"]  # and the writer goes on


def test_plain_smtp_addresses_read_as_aiosmtpd_reads_them():
    from aiosmtpd.smtp import SMTP

    class Handler:
        pass

    general, fast = SMTP(Handler()), InboundSMTP(Handler())
    for argument in [
        "<r+AbC_-x@reply.assistant.test> SIZE=100 BODY=8BITMIME",
        "  <x.y@z.com>",
        "<>",
        "a@b.fr",
        '<"q q"@b.fr>',
        "<a@[1.2.3.4]>",
        "<a@b.fr> (comment) SIZE=1",
        "<a b@c.fr>",
        "<é@b.fr>",
    ]:
        assert fast._getaddr(argument) == general._getaddr(argument), argument


async def test_enqueue_many_skips_known_and_repeated_keys_and_keeps_attachments(db):
    async with db.session() as session:
        await outbox.enqueue(
            session, channel="email", recipient="a@b.fr", dedup_key="k1", kind="n", payload={}
        )
        new = await outbox.enqueue_many(
            session,
            [
                outbox.Outgoing("email", "a@b.fr", "k1", "n", {"again": True}),
                outbox.Outgoing(
                    "email",
                    "c@d.fr",
                    "k2",
                    "n",
                    {"x": 1},
                    attachments=[outbox.Attachment("f.pdf", "application/pdf", b"%PDF")],
                ),
                outbox.Outgoing("telegram", "42", "k2", "n", {"x": 2}),
                outbox.Outgoing("telegram", "42", "k" * 300, "n", {"x": 3}),
            ],
        )
    assert new == 2
    async with db.session() as session:
        rows = {r.dedup_key: r for r in await session.exec(select(OutboxMessage))}
        [attachment] = list(await session.exec(select(OutboxAttachment)))
    assert set(rows) == {"k1", "k2", outbox.storable_key("k" * 300)}
    assert rows["k1"].payload == {} and rows["k2"].payload == {"x": 1}
    assert attachment.outbox_id == rows["k2"].id


async def test_store_and_record_many(db):
    stored = await inbound_store.store_received_many(
        db,
        [
            inbound_store.Received("a@b.fr", "r+x@reply", b"one", None),
            inbound_store.Received("", "r+y@reply", b"two", None),
        ],
    )
    async with db.session() as session:
        rows = {r.id: r for r in await session.exec(select(InboundMessage))}
        assert [rows[i].raw for i in stored] == [b"one", b"two"]
        new = await questions.record_many(
            session,
            [
                {"inbound_message_id": stored[0], "email": " RH@x.fr ", "text": "q"},
                {"inbound_message_id": stored[1], "email": "rh@x.fr", "text": "q2"},
            ],
        )
        again = await questions.record_many(
            session, [{"inbound_message_id": stored[0], "email": "rh@x.fr", "text": "other"}]
        )
        asked = list(await session.exec(select(EmailQuestion)))
    assert set(new) == set(stored) and again == {}
    assert sorted((q.email, q.text) for q in asked) == [("rh@x.fr", "q"), ("rh@x.fr", "q2")]


@pytest.fixture(autouse=True)
def _quiet_group_commit_warnings(caplog):
    caplog.set_level("ERROR", logger="mail.group_commit")
