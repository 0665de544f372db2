"""``/healthz`` of the running service follows the database: ``503`` naming it while PostgreSQL
cannot be reached, ``200`` again once it can, without restarting anything.

The service reaches the real PostgreSQL through a TCP proxy the test cuts (open connections
dropped, new ones refused) and restores.

SQLite has no such outage to simulate: the file is opened once and stays open (and the tests
run as a user file permissions do not stop), so this is PostgreSQL only.
"""

import aiohttp
from sqlalchemy import make_url

from egapro_assistant.config import Settings
from egapro_assistant.service import Service
from tests.conftest import POSTGRES_URL, _drop_postgres_schema, _postgres_database
from tests.fakes.tcp_proxy import TcpProxy


async def healthz(http: aiohttp.ClientSession, service: Service) -> tuple[int, dict]:
    async with http.get(f"{service.web_url}/healthz") as response:
        return response.status, await response.json()


async def test_healthz_is_503_while_postgresql_is_unreachable_and_200_once_it_is_back(tmp_path):
    database = await _postgres_database()  # a schema of its own (skips or fails without it)
    schema = database.test_schema
    await database.dispose()
    target = make_url(POSTGRES_URL)
    try:
        async with (
            TcpProxy(target.host, target.port or 5432) as proxy,
            aiohttp.ClientSession() as http,
        ):
            settings = Settings(
                _env_file=None,
                database_url=target.set(host="127.0.0.1", port=proxy.port).render_as_string(
                    hide_password=False
                ),
                database_schema=schema,
                web_host="127.0.0.1",
                web_port=0,
                inbound_smtp_port=0,
                sender_poll_seconds=0.2,
                database_pool_size=3,
            )
            async with Service(settings) as service:
                assert service.database.engine.pool.size() == 3  # from the settings
                status, body = await healthz(http, service)
                assert status == 200, body
                assert body["parts"]["database"] == {"ok": True, "dialect": "postgresql"}

                await proxy.cut()
                for _ in range(2):  # the pooled connections are dead, and stay so
                    status, body = await healthz(http, service)
                    assert status == 503, body
                    assert body["status"] == "down"
                    assert body["down"] == ["database"]
                    assert body["parts"]["database"]["ok"] is False
                    assert body["parts"]["database"]["error"]

                await proxy.restore()
                status, body = await healthz(http, service)
                assert status == 200, body
                assert body["parts"]["database"] == {"ok": True, "dialect": "postgresql"}
                assert set(body["parts"]) >= {"database", "sender", "inbound_smtp", "scheduler"}

                # PostgreSQL restarted between two checks: the pooled connections are dead but
                # the server is up, so the health says so.
                await proxy.drop()
                status, body = await healthz(http, service)
                assert status == 200, body
    finally:
        await _drop_postgres_schema(schema)
