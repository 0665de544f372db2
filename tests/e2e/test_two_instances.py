"""Two real ``egapro-assistant run`` processes on one PostgreSQL database in webhook mode, with
Telegram's posts shared between them like a front proxy would: each chat's updates are handled
in order and once, and one process SIGKILLed in the middle loses nothing."""

import asyncio
from contextlib import asynccontextmanager

import aiohttp
from sqlmodel import select

from bot.compute.callbacks import ResultsChoice
from store.database import Database
from store.tables.telegram import TelegramUpdate, UpdateStatus
from tests.bot.test_declare import RESULTS, RESULTS_80, YEAR
from tests.conftest import POSTGRES_URL, require_postgres
from tests.e2e.process import ServiceProcess, fresh_database
from tests.fakes import DEFAULT_TOKEN

SECRET = "two_instances_secret"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}


@asynccontextmanager
async def fresh_postgres_database():
    await require_postgres()
    async with fresh_database(POSTGRES_URL) as url:
        yield url


class FrontProxy:
    """Takes what Telegram would post and posts it to the instances in turn (the next one
    when an instance does not answer 200)."""

    def __init__(self, telegram, instances: list[ServiceProcess]) -> None:
        self.telegram = telegram
        self.instances = instances
        self.posted: list[tuple[int, int]] = []  # (update id, instance index)
        self._turn = 0
        self._task: asyncio.Task | None = None

    async def __aenter__(self) -> "FrontProxy":
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *exc) -> None:
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
        await self._http.close()

    async def _run(self) -> None:
        queue = self.telegram._updates
        while True:
            await self.telegram.updates_changed.wait_until(lambda: bool(queue), 3600)
            update = queue[0]
            while not await self._post(update):
                await asyncio.sleep(0.05)
            queue.pop(0)
            self.telegram.updates_changed.fire()

    async def _post(self, update: dict) -> bool:
        index = self._turn % len(self.instances)
        self._turn += 1
        instance = self.instances[index]
        url = f"{instance.url}/telegram/webhook"
        try:
            async with self._http.post(url, json=update, headers=HEADERS) as response:
                if response.status != 200:
                    return False
        except (aiohttp.ClientError, TimeoutError):
            return False
        self.posted.append((update["update_id"], index))
        return True


def environment(database_url: str, telegram, smtp) -> dict[str, str]:
    return {
        "EGAPRO_DATABASE_URL": database_url,
        "EGAPRO_TELEGRAM_TOKEN": DEFAULT_TOKEN,
        "EGAPRO_TELEGRAM_API_BASE": telegram.url,
        # Not on the loopback: the fake Bot API leaves the posting to the test's front proxy.
        "EGAPRO_TELEGRAM_WEBHOOK_URL": "https://bot.example.test/telegram/webhook",
        "EGAPRO_TELEGRAM_WEBHOOK_SECRET": SECRET,
        "EGAPRO_TELEGRAM_UPDATE_LEASE_SECONDS": "3",
        "EGAPRO_WEB_PORT": "0",
        "EGAPRO_INBOUND_SMTP_PORT": "0",
        "EGAPRO_SMTP_HOST": "127.0.0.1",
        "EGAPRO_SMTP_PORT": str(smtp.port),
    }


async def to_the_last_step(user) -> None:
    await user.send_command("/start")
    await user.next_message(timeout=30)
    await user.press(RESULTS)
    await user.next_message(timeout=15)
    await user.send_text(str(YEAR))
    await user.next_message(timeout=15)
    await user.press(ResultsChoice(q="band", v="s").pack())
    await user.next_message(timeout=15)


async def answers_at_once(user) -> str:
    """Every answer typed without waiting: right only when taken in order."""
    for answer in RESULTS_80:
        await user.send_text(answer)
    replies = await user.next_messages(len(RESULTS_80) - 1 + 3, timeout=60)
    return replies[-3].text


async def test_two_instances_share_the_updates_in_order_and_survive_a_kill(
    tmp_path, telegram, smtp
):
    async with fresh_postgres_database() as url:
        env = environment(url, telegram, smtp)
        first = ServiceProcess({**env, "EGAPRO_WORKER_ID": "first"}, tmp_path)
        second = ServiceProcess({**env, "EGAPRO_WORKER_ID": "second"}, tmp_path)
        database = Database(url)
        try:
            await first.start()
            await second.start()
            async with FrontProxy(telegram, [first, second]) as proxy:
                users = [telegram.user(5000 + n, f"U{n}") for n in range(2)]
                await asyncio.gather(*(to_the_last_step(user) for user in users))
                results = await asyncio.gather(*(answers_at_once(user) for user in users))
                assert all("80" in result for result in results), results
                assert {index for _, index in proxy.posted} == {0, 1}

                # The first instance is killed right after it took one of Zoé's answers.
                zoe = telegram.user(5100, "Zoé")
                await to_the_last_step(zoe)
                mark = len(proxy.posted)
                for answer in RESULTS_80:
                    await zoe.send_text(answer)
                # Once the first instance answered 200 to one of them: SIGKILL.
                while not any(index == 0 for _, index in proxy.posted[mark:]):
                    await asyncio.sleep(0.005)
                await first.kill()
                replies = await zoe.next_messages(len(RESULTS_80) - 1 + 3, timeout=30)
                assert "80" in replies[-3].text

            async with database.session() as session:
                rows = (await session.exec(select(TelegramUpdate))).all()
            assert len(rows) == len(proxy.posted) == len({u for u, _ in proxy.posted})
            assert {row.status for row in rows} == {UpdateStatus.DONE}
            assert {row.claimed_by for row in rows} == {"first", "second"}
            by_chat: dict[int, list] = {}
            for row in sorted(rows, key=lambda r: r.update_id):
                by_chat.setdefault(row.chat_id, []).append(row.processed_at)
            for times in by_chat.values():
                assert times == sorted(times)  # each chat in order
            # Nothing twice: every chat got exactly the conversation's messages (Zoé's too,
            # unless the killed process had answered before it died).
            expected = 4 + len(RESULTS_80) - 1 + 3
            for user in users:
                assert len(user.messages) == expected, user.transcript()
            assert len(zoe.messages) >= expected
            assert await second.stop() == 0, second.log
        finally:
            await first.kill()
            await second.kill()
            await database.dispose()
