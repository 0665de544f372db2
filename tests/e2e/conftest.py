"""The whole service in the test's event loop, a fake Telegram server, a real SMTP server."""

import re

import aiohttp
import pytest

from egapro_assistant.config import Settings
from egapro_assistant.service import Service
from tests.fakes import DEFAULT_TOKEN
from tests.mail.smtp_server import SmtpCapture, free_port

LINK = re.compile(r"https?://[^\s<>\"]+/verify/[A-Za-z0-9_-]{43}")


@pytest.fixture
async def smtp():
    capture = SmtpCapture()
    await capture.start()
    yield capture
    await capture.stop()


def service_settings(tmp_path, smtp, telegram=None, **overrides) -> Settings:
    # A port chosen beforehand, so that the emailed link points at the running web app.
    port = free_port()
    values = dict(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'assistant.db'}",
        telegram_token=DEFAULT_TOKEN if telegram else None,
        telegram_api_base=telegram.url if telegram else None,
        web_host="127.0.0.1",
        web_port=port,
        public_base_url=f"http://127.0.0.1:{port}",
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        mail_from="Egapro Assistant <assistant@assistant.test>",
        reply_domain="reply.assistant.test",
        sender_poll_seconds=0.2,
        inbound_smtp_port=0,
    )
    values.update(overrides)
    return Settings(_env_file=None, **values)


@pytest.fixture
async def service(tmp_path, smtp, telegram):
    async with Service(service_settings(tmp_path, smtp, telegram)) as running:
        yield running


@pytest.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session


def link_in(received) -> str:
    body = received.message.get_body(preferencelist=("plain",)).get_content()
    return LINK.search(body).group(0)
