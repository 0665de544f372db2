"""The layers import only what they may (read from the source with ``ast``, nothing imported).

- egapro_engine imports nothing of the project;
- the adapters (bot, mail, web, scheduler) never import each other;
- store and reports import no adapter and not egapro_assistant;
- egapro_assistant.usecases imports no adapter;
- only egapro_assistant (outside usecases) imports the adapters.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (
    "egapro_engine",
    "store",
    "reports",
    "bot",
    "mail",
    "web",
    "scheduler",
    "egapro_assistant",
)
ADAPTERS = ("bot", "mail", "web", "scheduler")

# Known offenders, as (importing module, imported top-level package), each with why; the test
# fails on entries that no longer occur. None today.
KNOWN: dict[tuple[str, str], str] = {}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    package = _module_name(path).rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the package
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                found.add(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                found.add(node.module)
    return found


def _all_imports() -> list[tuple[str, str]]:
    pairs = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            module = _module_name(path)
            pairs += [(module, imported) for imported in sorted(_imports(path))]
    return pairs


def _top(name: str) -> str:
    return name.split(".", 1)[0]


def _is_usecase(module: str) -> bool:
    return module == "egapro_assistant.usecases" or module.startswith("egapro_assistant.usecases.")


def _broken_rule(module: str, imported: str) -> str | None:
    source, target = _top(module), _top(imported)
    if target not in PACKAGES or target == source:
        return None
    if source == "egapro_engine":
        return "egapro_engine imports nothing of the project"
    if source in ADAPTERS and target in ADAPTERS:
        return "adapters never import each other"
    if source in ("store", "reports") and (target in ADAPTERS or target == "egapro_assistant"):
        return "store and reports import no adapter and not egapro_assistant"
    if target in ADAPTERS and source == "egapro_assistant" and _is_usecase(module):
        return "use cases import no adapter"
    if target in ADAPTERS and source != "egapro_assistant":
        return "only egapro_assistant imports the adapters"
    return None


def _violations() -> dict[tuple[str, str], str]:
    found = {}
    for module, imported in _all_imports():
        rule = _broken_rule(module, imported)
        if rule:
            found[(module, _top(imported))] = f"{module} imports {imported}: {rule}"
    return found


def test_the_layers_import_only_what_they_may():
    found = _violations()
    unexpected = [message for key, message in sorted(found.items()) if key not in KNOWN]
    assert unexpected == []


def test_known_offenders_are_still_offending():
    gone = sorted(set(KNOWN) - set(_violations()))
    assert gone == [], "these imports are gone: remove them from KNOWN"


@pytest.mark.parametrize(
    ("module", "imported", "broken"),
    [
        ("egapro_engine.api", "store.database", True),
        ("egapro_engine.api", "pydantic", False),
        ("bot.app", "mail.compose", True),
        ("mail.compose", "reports.pdf", False),
        ("store.outbox", "bot.delivery", True),
        ("reports.pdf", "egapro_assistant.config", True),
        ("egapro_assistant.usecases.x", "web.app", True),
        ("egapro_assistant.service", "web.app", False),
        ("bot.routers.status", "egapro_assistant.usecases.x", False),
    ],
)
def test_the_rules_themselves(module, imported, broken):
    assert (_broken_rule(module, imported) is not None) == broken
