"""Run the real ``egapro-assistant`` console script."""

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def executable() -> str:
    beside_python = Path(sys.executable).parent / "egapro-assistant"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("egapro-assistant")
    if found is None:
        raise RuntimeError("egapro-assistant is not installed (pip install -e .)")
    return found


def run_compute(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [executable(), "compute", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
