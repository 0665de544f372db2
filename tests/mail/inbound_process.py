"""Run only the inbound SMTP server (no processing) until killed; prints its port.

``python -m tests.mail.inbound_process DATABASE_URL``
"""

import asyncio
import sys

from mail.inbound_server import start_inbound_server
from store import migrate
from store.database import Database
from tests.mail.inbound_helpers import SETTINGS


async def main(url: str) -> None:
    database = Database(url)
    await migrate.upgrade_async(database)
    server = await start_inbound_server(database, SETTINGS, host="127.0.0.1", port=0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
