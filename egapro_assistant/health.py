"""Liveness of the service's parts, as ``GET /healthz`` reports them.

Each part registers one probe under its name: a callable (plain or async) returning a ``Check``.
``HealthRegistry.run()`` calls them all (each bounded by a timeout) and says which are down::

    service.health.register("scheduler", scheduler.probe)
"""

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

PROBE_TIMEOUT = 2.0


@dataclass(frozen=True)
class Check:
    ok: bool
    details: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def up(cls, **details: Any) -> "Check":
        return cls(True, details)

    @classmethod
    def down(cls, **details: Any) -> "Check":
        return cls(False, details)


Probe = Callable[[], Check | Awaitable[Check]]


class HealthRegistry:
    def __init__(self, timeout: float = PROBE_TIMEOUT) -> None:
        self.timeout = timeout
        self._probes: dict[str, Probe] = {}

    def register(self, name: str, probe: Probe) -> None:
        self._probes[name] = probe

    def unregister(self, name: str) -> None:
        self._probes.pop(name, None)

    @property
    def names(self) -> list[str]:
        return list(self._probes)

    async def run(self) -> tuple[bool, dict[str, Any]]:
        """Whether every part is up, and a JSON-ready report naming the parts that are down."""
        names = list(self._probes)
        checks = await asyncio.gather(*(self._check(name) for name in names))
        parts = {
            name: {"ok": check.ok, **check.details}
            for name, check in zip(names, checks, strict=True)
        }
        down = [name for name, check in zip(names, checks, strict=True) if not check.ok]
        report: dict[str, Any] = {"status": "down" if down else "ok"}
        if down:
            report["down"] = down
        report["parts"] = parts
        return not down, report

    async def _check(self, name: str) -> Check:
        try:
            result = self._probes[name]()
            if inspect.isawaitable(result):
                result = await asyncio.wait_for(result, self.timeout)
            return result
        except TimeoutError:
            return Check.down(error=f"no answer within {self.timeout:g} s")
        except Exception as error:
            log.warning("health: %s probe failed: %s", name, error)
            return Check.down(error=f"{type(error).__name__}: {error}"[:300])
