from egapro_assistant.config import Settings
from store.database import Database
from tests.web.conftest import serve


async def test_health_answers_after_a_database_query(web_app, http):
    async with http.get(f"{web_app.base_url}/health") as response:
        assert response.status == 200
        assert await response.json() == {"status": "ok", "database": "ok"}
        assert response.headers["Cache-Control"] == "no-store"


async def test_health_says_when_the_database_is_down(http):
    # Nothing listens on port 1: the query fails at once.
    database = Database("postgresql+asyncpg://postgres@127.0.0.1:1/none")
    served = await serve(database, Settings(_env_file=None))
    try:
        async with http.get(f"{served.base_url}/health") as response:
            assert response.status == 503
            assert await response.json() == {"status": "error", "database": "error"}
    finally:
        await served.runner.cleanup()
        await database.dispose()
