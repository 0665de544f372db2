"""Use cases sit below the adapters: they never import bot, mail, web or scheduler."""

import ast
from pathlib import Path

import egapro_assistant.usecases as usecases

ADAPTERS = ("bot", "mail", "web", "scheduler")


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_use_cases_import_no_adapter():
    files = sorted(Path(usecases.__file__).parent.glob("*.py"))
    assert len(files) > 3
    for path in files:
        for name in imported_modules(path):
            assert name.split(".")[0] not in ADAPTERS, f"{path.name} imports {name}"


def test_the_drawing_process_lives_in_reports():
    from reports.drawing import DRAWING, RENDERED

    assert RENDERED.drawing is DRAWING
