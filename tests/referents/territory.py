"""A small territory for the référents' tests: two référents, companies in three départements
and one with no département, a declaration, a question; and a signed-in HTTP client."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime

import aiohttp
from aiohttp import web
from sqlmodel import select

from egapro_assistant.config import Settings
from store import companies, declarations, questions, referents
from store.referents import Territory
from store.tables.inbound import InboundMessage
from store.tables.outbox import OutboxMessage
from tests.store.import_files import valid_siren
from tests.web.conftest import Served
from web.app import build_web_app

ALICE = "alice@dreets.gouv.fr"  # Gironde (33) and Landes (40)
BRUNO = "bruno@dreets.gouv.fr"  # Ille-et-Vilaine (35)
BORDEAUX = valid_siren(10000001)  # 33, not started
DAX = valid_siren(10000002)  # 40, declared elsewhere with 88
SCRIPT = valid_siren(10000003)  # 33, a name with markup, 1000+
FORMULA = valid_siren(10000004)  # 33, a name that looks like a formula
RENNES = valid_siren(20000001)  # 35
NOWHERE = valid_siren(30000001)  # département unknown
SCRIPT_NAME = "<script>alert(1)</script> SA"
FORMULA_NAME = '=HYPERLINK("http://evil.example","Cliquez")'
FORM_KEY = re.compile(r'name="form_key" value="([0-9a-f]{64})"')
CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')
QUESTION_TEXT = "Faut-il déclarer l'UES ou chaque entreprise ?"


async def prepare(database, *, year: int) -> dict[str, int]:
    """The territory; returns the ids of the questions by SIREN."""
    async with database.session() as session:
        await referents.upsert(
            session,
            ALICE,
            "Alice Martin",
            [
                Territory("33", "Nouvelle-Aquitaine", False),
                Territory("40", "Nouvelle-Aquitaine", False),
            ],
        )
        await referents.upsert(
            session, BRUNO, "Bruno Le Goff", [Territory("35", "Bretagne", False)]
        )
        await companies.upsert(
            session, BORDEAUX, name="Bordeaux Vins", departement="33", workforce_range="50:250"
        )
        await companies.upsert(
            session, DAX, name="Dax Thermes", departement="40", workforce_range="251:999"
        )
        await companies.upsert(
            session, SCRIPT, name=SCRIPT_NAME, departement="33", workforce_range="1000:"
        )
        await companies.upsert(
            session, FORMULA, name=FORMULA_NAME, departement="33", workforce_range="50:250"
        )
        await companies.upsert(
            session, RENNES, name="Rennes Outils", departement="35", workforce_range="50:250"
        )
        await companies.upsert(session, NOWHERE, name="Sans Département", workforce_range="50:250")
        await declarations.record_official_platform(
            session, DAX, year - 1, index=88, source="import"
        )
        ids = {}
        for number, siren in enumerate((BORDEAUX, RENNES), start=1):
            message = InboundMessage(
                recipient=f"r+{number}@reply.test", raw=b"x", status="processed"
            )
            session.add(message)
            await session.flush()
            question = await questions.record(
                session,
                inbound_message_id=message.id,
                email=f"rh{number}@entreprise.fr",
                text=QUESTION_TEXT,
                siren=siren,
                answered_kind="reminder",
                subject="Question UES",
            )
            ids[siren] = question.id
    return ids


@dataclass
class Client:
    http: aiohttp.ClientSession
    base_url: str

    async def get(self, path: str, **kwargs):
        async with self.http.get(self.base_url + path, allow_redirects=False, **kwargs) as response:
            return response.status, await response.read(), response

    async def post(self, path: str, data: dict, **kwargs):
        async with self.http.post(
            self.base_url + path, data=data, allow_redirects=False, **kwargs
        ) as response:
            return response.status, await response.text(), response


def new_client(base_url: str) -> Client:
    return Client(aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)), base_url)


async def last_link(database, kind: str = "referent_sign_in") -> str:
    async with database.session() as session:
        row = (
            await session.exec(
                select(OutboxMessage)
                .where(OutboxMessage.kind == kind)
                .order_by(OutboxMessage.id.desc())
            )
        ).first()
    return row.payload["params"]["link"]


async def sign_in(client: Client, database, email: str):
    """Ask for a link, open it, press the button: returns the 303 response (cookie set)."""
    status, _, _ = await client.post("/referents/sign-in", {"email": email})
    assert status == 200
    token = (await last_link(database)).rsplit("/", 1)[1]
    status, page, _ = await client.get(f"/referents/sign-in/{token}")
    assert status == 200, page
    form_key = FORM_KEY.search(page.decode()).group(1)
    status, _, response = await client.post(f"/referents/sign-in/{token}", {"form_key": form_key})
    assert status == 303
    return token, response


def settings_for(**overrides) -> Settings:
    values = dict(public_base_url="http://127.0.0.1:9", rate_limit_per_email_per_hour=3)
    values.update(overrides)
    return Settings(_env_file=None, **values)


# A moment of campaign 2027 after its deadline (1 March 2027): companies not declared are late.
MOMENT = datetime(2027, 3, 10, 11, 0, tzinfo=UTC)
YEAR = 2027


async def serve(database, settings: Settings, clock) -> Served:
    """The web app on 127.0.0.1 (any port), deciding by ``clock``."""
    served = Served(None, None, 0)
    app = build_web_app(database, settings, on_outbox=served.wake, clock=clock)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    served.app, served.runner = app, runner
    served.base_url = f"http://127.0.0.1:{port}"
    return served
