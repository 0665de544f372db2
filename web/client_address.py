"""Who is asking, for the limits counted per client address.

The peer of the connection, unless it is one of the trusted front proxies
(``EGAPRO_TRUSTED_PROXIES``): then the address that proxy received the request from, read from
``X-Forwarded-For`` right to left past the trusted hops (as nginx's ``real_ip_recursive``). A
peer that is not trusted cannot choose its address with the header.

Written here rather than taken from aiohttp-remotes: its filtered mode believes the header
whoever sends it, and its strict mode refuses every request that did not come through the
proxies (health checks included).
"""

from collections.abc import Sequence
from ipaddress import IPv4Network, IPv6Network, ip_address

from aiohttp import web

Networks = Sequence[IPv4Network | IPv6Network]


def client_address(request: web.Request, trusted: Networks) -> str:
    peer = request.remote or "?"
    if not _within(peer, trusted):
        return peer
    hops = [
        hop.strip()
        for header in request.headers.getall("X-Forwarded-For", [])
        for hop in header.split(",")
        if hop.strip()
    ]
    for hop in reversed(hops):
        if not _within(hop, trusted):
            return hop if _valid(hop) else peer  # garbage a trusted proxy let through
    return hops[0] if hops else peer


def _within(address: str, trusted: Networks) -> bool:
    try:
        found = ip_address(address)
    except ValueError:
        return False
    return any(found in network for network in trusted)


def _valid(address: str) -> bool:
    try:
        ip_address(address)
    except ValueError:
        return False
    return True
