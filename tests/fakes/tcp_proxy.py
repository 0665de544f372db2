"""A TCP proxy on 127.0.0.1 in the test's event loop, which a test can cut and restore.

async with TcpProxy("127.0.0.1", 5432) as proxy:
    url = f"postgresql+asyncpg://postgres@127.0.0.1:{proxy.port}/test"
    ...
    await proxy.cut()  # the far end is gone: open connections dropped, new ones refused
    await proxy.restore()  # listening again on the same port
    await proxy.drop()  # open connections dropped, new ones still taken (a server restart)
"""

import asyncio
import contextlib

CHUNK = 64 * 1024


class TcpProxy:
    def __init__(self, target_host: str, target_port: int, *, host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.host = host
        self.port = 0  # chosen at the first start, kept across cuts
        self.accepted = 0  # connections taken since the start
        self._server: asyncio.Server | None = None
        self._open: set[asyncio.StreamWriter] = set()

    @property
    def is_cut(self) -> bool:
        return self._server is None

    async def restore(self) -> None:
        """Listen (again): on a free port the first time, then on the same one."""
        if self._server is not None:
            return
        self._server = await asyncio.start_server(
            self._serve, self.host, self.port, reuse_address=True
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        """Stop listening (new connections are refused) and drop every open connection."""
        server, self._server = self._server, None
        if server is not None:
            server.close()
            await server.wait_closed()
        await self.drop()

    async def drop(self) -> None:
        """Drop every open connection (reset), still listening."""
        for writer in list(self._open):
            writer.transport.abort()
        self._open.clear()
        await asyncio.sleep(0)  # the pumps see the end of their streams

    async def _serve(self, client_reader, client_writer) -> None:
        self.accepted += 1
        if self._server is None:  # accepted just before a cut
            client_writer.transport.abort()
            return
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.transport.abort()
            return
        if self._server is None:
            for writer in (client_writer, server_writer):
                writer.transport.abort()
            return
        self._open.update((client_writer, server_writer))
        try:
            await asyncio.gather(
                _pump(client_reader, server_writer), _pump(server_reader, client_writer)
            )
        finally:
            self._open.difference_update((client_writer, server_writer))

    async def __aenter__(self) -> "TcpProxy":
        await self.restore()
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.cut()


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Copy one direction until it ends, then close the other side of the pair."""
    try:
        while data := await reader.read(CHUNK):
            writer.write(data)
            await writer.drain()
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            writer.close()
