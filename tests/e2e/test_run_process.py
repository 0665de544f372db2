"""The real ``egapro-assistant run`` on a SQLite file, driven from outside as people and mail
servers would: Telegram through the fake Bot API, replies through the inbound SMTP port, links
through HTTP. SIGTERM stops it cleanly in the middle of a conversation and of a batch of mail;
a restart carries on with both."""

import asyncio
import html
import smtplib
import time
from email.message import EmailMessage

import aiohttp
from sqlmodel import select

from bot.compute.callbacks import ResultsChoice
from store import companies, outbox
from store.database import Database
from store.tables.inbound import EmailQuestion
from store.tables.outbox import OutboxMessage, OutboxStatus
from tests.bot.test_declare import RESULTS, RESULTS_80, SIREN, YEAR, declare_from_status
from tests.e2e.conftest import link_in
from tests.e2e.flow import ask_for_link
from tests.e2e.process import ServiceProcess
from tests.fakes import DEFAULT_TOKEN
from tests.mail.smtp_server import free_port
from tests.web.test_verify import FORM_KEY


def environment(tmp_path, smtp, telegram, web_port: int) -> dict[str, str]:
    return {
        "EGAPRO_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'assistant.db'}",
        "EGAPRO_TELEGRAM_TOKEN": DEFAULT_TOKEN,
        "EGAPRO_TELEGRAM_API_BASE": telegram.url,
        "EGAPRO_WEB_PORT": str(web_port),
        "EGAPRO_PUBLIC_BASE_URL": f"http://127.0.0.1:{web_port}",
        "EGAPRO_SMTP_HOST": "127.0.0.1",
        "EGAPRO_SMTP_PORT": str(smtp.port),
        "EGAPRO_MAIL_FROM": "Egapro Assistant <assistant@assistant.test>",
        "EGAPRO_REPLY_DOMAIN": "reply.assistant.test",
        "EGAPRO_INBOUND_SMTP_PORT": "0",
        "EGAPRO_SENDER_POLL_SECONDS": "0.2",
        "EGAPRO_OPERATOR_EMAIL": "operateur@dreets.test",
    }


async def send_reply(port: int, to: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = "rh@acme.fr"
    message["To"] = to
    message["Subject"] = "Re: Accusé de réception"
    message.set_content(body)

    def blocking():
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.send_message(message)

    await asyncio.to_thread(blocking)


async def compute_until_results(user) -> None:
    """The 50-250 results typed in (RESULTS_80); the result, its chart and PDF recap."""
    await user.send_command("/start")
    await user.next_message()
    await user.press(RESULTS)
    await user.next_message()
    await user.send_text(str(YEAR))
    await user.next_message()
    await user.press(ResultsChoice(q="band", v="s").pack())
    await user.next_message()
    for answer in RESULTS_80[:-1]:
        await user.send_text(answer)
        await user.next_message()
    await user.send_text(RESULTS_80[-1])
    result, _chart, _pdf = await user.next_messages(3, timeout=30)
    assert "80" in result.text


async def rows(database) -> list[OutboxMessage]:
    async with database.session() as session:
        return list((await session.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all())


async def test_run_serves_everything_stops_cleanly_and_carries_on(tmp_path, smtp, telegram):
    web_port = free_port()
    env = environment(tmp_path, smtp, telegram, web_port)
    database = Database(env["EGAPRO_DATABASE_URL"])
    first = ServiceProcess(env, tmp_path)
    second = ServiceProcess(env, tmp_path)
    try:
        await first.start()
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{first.url}/healthz") as response:
                assert response.status == 200, await response.text()
                health = await response.json()
            assert health["parts"]["telegram"] == {"ok": True, "mode": "polling"}
            assert health["parts"]["inbound_smtp"]["ok"]

            # Compute, link the company by the emailed link, declare.
            anne = telegram.user(4001, "Anne")
            await compute_until_results(anne)
            async with database.session() as session:
                await companies.upsert(session, SIREN, name="Acme Industrie")
            await ask_for_link(anne, SIREN, "rh@acme.fr")
            [link_mail] = await smtp.handler.wait_for(1)
            link = link_in(link_mail)
            async with http.get(link) as response:
                form_key = FORM_KEY.search(html.unescape(await response.text())).group(1)
            async with http.post(link, data={"form_key": form_key}) as response:
                assert response.status == 200
            assert (await anne.next_message()).text.startswith("✅")
            done = await declare_from_status(anne)
            assert done.startswith("✅ Déclaration enregistrée"), done
            receipt = (await smtp.handler.wait_for(2))[1]
            assert receipt.recipients == ["rh@acme.fr"]

        # A reply by email to the receipt: a question, acknowledged by email.
        await send_reply(first.inbound_port, receipt.message["Reply-To"], "Faut-il publier ?")
        answers = await smtp.handler.wait_for(4, timeout=15)
        assert {"rh@acme.fr", "operateur@dreets.test"} <= {r.recipients[0] for r in answers[2:]}
        async with database.session() as session:
            [question] = (await session.exec(select(EmailQuestion))).all()
        assert "Faut-il publier" in question.text
        notice = await anne.next_message(timeout=15)  # the company's Telegram users are told
        assert "Faut-il publier" in notice.text

        # Mid-way through a new computation, with mail queued: SIGTERM.
        await anne.send_command("/start")
        await anne.next_message()
        await anne.press(RESULTS)
        await anne.next_message()
        await anne.send_text(str(YEAR))
        await anne.next_message()
        async with database.session() as session:
            for n in range(10):
                await outbox.enqueue(
                    session,
                    channel="email",
                    recipient=f"paie{n}@acme.fr",
                    dedup_key=f"sigterm:{n}",
                    kind="notice",
                    payload={"params": {"subject": "Test", "body": "Bonjour", "text": "Bonjour"}},
                )
        await asyncio.sleep(0.3)  # the sender is at work
        stopping = time.monotonic()
        assert await first.stop() == 0, first.log
        assert time.monotonic() - stopping < 10
        assert "service stopped" in first.log
        assert [r.id for r in await rows(database) if r.status == OutboxStatus.SENDING] == []

        # Restarted: the conversation goes on where it was, and the queued mail leaves.
        await second.start()
        await anne.press(ResultsChoice(q="band", v="s").pack())
        await anne.next_message()
        for answer in RESULTS_80[:-1]:
            await anne.send_text(answer)
            await anne.next_message()
        await anne.send_text(RESULTS_80[-1])
        result, _chart, _pdf = await anne.next_messages(3, timeout=30)
        assert "80" in result.text  # the band and year given before the stop were kept
        await smtp.handler.wait_for(4 + 10, timeout=20)
        statuses = {r.dedup_key: r.status for r in await rows(database)}
        assert all(statuses[f"sigterm:{n}"] == OutboxStatus.SENT for n in range(10))
        batch = [r.recipients[0] for r in smtp.handler.received if r.recipients[0][:4] == "paie"]
        assert sorted(batch) == sorted(f"paie{n}@acme.fr" for n in range(10))  # each once
        assert await second.stop() == 0, second.log
    finally:
        await first.kill()
        await second.kill()
        await database.dispose()
