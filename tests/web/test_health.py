from egapro_assistant.config import Settings
from egapro_assistant.health import Check, HealthRegistry
from store.database import Database
from tests.web.conftest import serve


async def test_health_answers_after_a_database_query(web_app, http):
    for path in ("/healthz", "/health"):
        async with http.get(f"{web_app.base_url}{path}") as response:
            assert response.status == 200
            assert await response.json() == {"status": "ok", "parts": {"database": {"ok": True}}}
            assert response.headers["Cache-Control"] == "no-store"


async def test_health_says_when_the_database_is_down(http):
    # Nothing listens on port 1: the query fails at once.
    database = Database("postgresql+asyncpg://postgres@127.0.0.1:1/none")
    served = await serve(database, Settings(_env_file=None))
    try:
        async with http.get(f"{served.base_url}/healthz") as response:
            assert response.status == 503
            body = await response.json()
        assert body["status"] == "down"
        assert body["down"] == ["database"]
        assert body["parts"]["database"]["ok"] is False
        assert body["parts"]["database"]["error"]
    finally:
        await served.runner.cleanup()
        await database.dispose()


async def test_a_registry_names_each_part_and_the_ones_down():
    registry = HealthRegistry(timeout=0.2)

    async def hangs() -> Check:
        import asyncio

        await asyncio.sleep(5)
        return Check.up()

    def raises() -> Check:
        raise RuntimeError("boom")

    registry.register("scheduler", lambda: Check.up(last_tick="2027-02-14T10:00:00+00:00"))
    registry.register("sender", hangs)
    registry.register("inbound_smtp", raises)
    ok, report = await registry.run()
    assert not ok
    assert report["down"] == ["sender", "inbound_smtp"]
    assert report["parts"]["scheduler"] == {"ok": True, "last_tick": "2027-02-14T10:00:00+00:00"}
    assert "0.2 s" in report["parts"]["sender"]["error"]
    assert report["parts"]["inbound_smtp"]["error"] == "RuntimeError: boom"
    registry.unregister("sender")
    registry.unregister("inbound_smtp")
    assert await registry.run() == (True, {"status": "ok", "parts": registry_parts()})


def registry_parts():
    return {"scheduler": {"ok": True, "last_tick": "2027-02-14T10:00:00+00:00"}}
