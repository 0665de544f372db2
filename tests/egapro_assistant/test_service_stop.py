"""The service's stop and its inbound SMTP port, spoken to by a real SMTP client (``smtplib``):
once the stop has begun, new mail gets ``421`` (and new connections are refused); a message
answered ``250`` before the stop is kept and processed once."""

import asyncio
import smtplib

import pytest
from sqlmodel import select

from egapro_assistant.config import Settings
from egapro_assistant.service import Service
from mail.inbound_processing import InboundProcessor
from store import questions, replies
from store.database import Database
from store.tables.inbound import InboundMessage, InboundStatus
from tests.mail.inbound_helpers import reply


def settings_for(tmp_path) -> Settings:
    return Settings(
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'assistant.db'}",
        web_host="127.0.0.1",
        web_port=0,
        web_chat=False,
        inbound_smtp_port=0,
        reply_domain="reply.assistant.test",
        operator_email="operateur@dreets.test",
        sender_poll_seconds=0.2,
    )


def greeted(port: int) -> smtplib.SMTP:
    client = smtplib.SMTP("127.0.0.1", port, timeout=10)
    client.ehlo()
    return client


def send(port: int, message, to: str) -> dict:
    with greeted(port) as client:
        return client.send_message(message, from_addr="rh@durand.fr", to_addrs=[to])


async def test_smtp_answers_421_while_the_service_stops_and_keeps_what_it_accepted(tmp_path):
    settings = settings_for(tmp_path)
    service = Service(settings)
    await service.start()
    stopping: asyncio.Task | None = None
    clients: list[smtplib.SMTP] = []
    try:
        port = service.inbound_port
        async with service.database.session() as session:
            token = await replies.create(
                session, email="rh@durand.fr", siren="552100554", kind="reminder"
            )
        to = f"r+{token}@{settings.reply_domain}"
        # Accepted just before the stop (processing may or may not have started).
        question = reply("Faut-il déclarer les apprentis ?")
        assert await asyncio.to_thread(send, port, question, to) == {}
        # One client greeted, one in the middle of a transaction, when the stop begins.
        idle = await asyncio.to_thread(greeted, port)
        midway = await asyncio.to_thread(greeted, port)
        clients += [idle, midway]
        assert (await asyncio.to_thread(midway.mail, "rh@durand.fr"))[0] == 250

        handler = service.inbound_server.handler
        stopping = asyncio.create_task(service.stop())
        while not handler.stopping:
            assert not stopping.done(), "the stop ended without refusing new mail"
            await asyncio.sleep(0.005)

        code, text = await asyncio.to_thread(idle.mail, "rh@durand.fr")
        assert (code, text.decode()) == (421, "4.3.2 Service shutting down, please try again later")
        assert (await asyncio.to_thread(midway.rcpt, to))[0] == 421
        with pytest.raises(ConnectionRefusedError):
            await asyncio.open_connection("127.0.0.1", port)
        await stopping
    finally:
        for client in clients:
            client.close()
        if stopping is None:
            await service.stop()
        elif not stopping.done():
            await stopping

    # The accepted message is in the store, processed or waiting for the next start; what the
    # next start does first (process what is stored) leaves it processed, asked once.
    database = Database(settings.database_url)
    try:
        async with database.session() as session:
            [row] = (await session.exec(select(InboundMessage))).all()
        assert row.status in (InboundStatus.RECEIVED, InboundStatus.PROCESSED)
        assert await InboundProcessor(database, settings).run_once() in (0, 1)
        async with database.session() as session:
            [row] = (await session.exec(select(InboundMessage))).all()
            [asked] = await questions.list_questions(session)
        assert row.status == InboundStatus.PROCESSED
        assert asked.text == "Faut-il déclarer les apprentis ?"
        assert (asked.siren, asked.email) == ("552100554", "rh@durand.fr")
    finally:
        await database.dispose()
