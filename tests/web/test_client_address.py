"""The client address the limits count: the peer, or behind trusted proxies the first address
from the right of X-Forwarded-For that is not one of them (over real HTTP from 127.0.0.1)."""

from ipaddress import ip_network

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from web.client_address import client_address

PROXIES = [ip_network("127.0.0.0/8"), ip_network("10.0.0.0/8")]


@pytest.fixture
async def ask():
    trusted = []

    async def handler(request: web.Request) -> web.Response:
        return web.Response(text=client_address(request, trusted))

    app = web.Application()
    app.router.add_get("/", handler)
    async with TestServer(app, host="127.0.0.1") as server, aiohttp.ClientSession() as http:

        async def address(forwarded_for: str | None, trusting=()) -> str:
            trusted[:] = trusting
            headers = {"X-Forwarded-For": forwarded_for} if forwarded_for is not None else {}
            async with http.get(server.make_url("/"), headers=headers) as response:
                return await response.text()

        yield address


@pytest.mark.parametrize(
    ("forwarded_for", "trusting", "seen"),
    [
        (None, (), "127.0.0.1"),
        ("203.0.113.7", (), "127.0.0.1"),  # the peer is no proxy: the header is ignored
        (None, PROXIES, "127.0.0.1"),  # through no proxy
        ("203.0.113.7", PROXIES, "203.0.113.7"),
        ("198.51.100.1, 203.0.113.7", PROXIES, "203.0.113.7"),  # left entries: the client's
        ("203.0.113.7, 10.0.0.5", PROXIES, "203.0.113.7"),  # two proxies
        ("10.0.0.9, 10.0.0.5", PROXIES, "10.0.0.9"),  # all trusted: the first
        ("not-an-address", PROXIES, "127.0.0.1"),  # what the proxy let through is no address
    ],
)
async def test_the_address_counted(ask, forwarded_for, trusting, seen):
    assert await ask(forwarded_for, trusting) == seen
