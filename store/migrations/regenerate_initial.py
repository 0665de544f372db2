"""Rewrite the single initial migration from the current tables.

While the application has not been released, the schema lives in ONE revision. After adding or
changing tables in ``store/tables``, run::

    .venv/bin/python -m store.migrations.regenerate_initial
    # or: .venv/bin/egapro-assistant db revision-initial

It deletes ``store/migrations/versions/*.py``, autogenerates revision ``0001`` against an empty
temporary SQLite database, and formats it with ruff when ruff is installed next to Python.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from alembic import command

from store.migrate import MIGRATIONS_DIR, alembic_config

VERSIONS_DIR = MIGRATIONS_DIR / "versions"
INITIAL_REVISION = "0001"


def _format(path: Path) -> None:
    ruff = Path(sys.executable).parent / "ruff"
    if not ruff.exists():
        found = shutil.which("ruff")
        if found is None:
            return
        ruff = Path(found)
    for arguments in (["format"], ["check", "--fix"], ["format"]):
        subprocess.run([str(ruff), *arguments, "--quiet", str(path)], check=False)


def regenerate() -> Path:
    for old in VERSIONS_DIR.glob("*.py"):
        if old.name != "__init__.py":
            old.unlink()
    shutil.rmtree(VERSIONS_DIR / "__pycache__", ignore_errors=True)
    with tempfile.TemporaryDirectory() as directory:
        config = alembic_config(f"sqlite+aiosqlite:///{Path(directory) / 'empty.db'}")
        script = command.revision(
            config, message="initial schema", autogenerate=True, rev_id=INITIAL_REVISION
        )
    path = Path(script.path)
    _format(path)
    return path


def main() -> int:
    path = regenerate()
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
