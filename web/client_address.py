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
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

from aiohttp import web

Networks = Sequence[IPv4Network | IPv6Network]


def client_address(request: web.Request, trusted: Networks) -> str:
    peer = request.remote or "?"
    if not _within(_parsed(peer), trusted):
        return peer
    hops = [
        hop.strip()
        for header in request.headers.getall("X-Forwarded-For", [])
        for hop in header.split(",")
        if hop.strip()
    ]
    for hop in reversed(hops):
        address = _parsed(hop)
        if not _within(address, trusted):
            return hop if address is not None else peer  # garbage a trusted proxy let through
    return hops[0] if hops else peer


def _parsed(text: str) -> IPv4Address | IPv6Address | None:
    try:
        return ip_address(text)
    except ValueError:
        return None


def _within(address: IPv4Address | IPv6Address | None, trusted: Networks) -> bool:
    return address is not None and any(address in network for network in trusted)
