"""The worked examples of the spec, found beside the checkout (``../shared/spec/examples``, or
beside one of its parent directories)."""

import json
from pathlib import Path


def _examples_dir() -> Path:
    checkout = Path(__file__).resolve().parents[1]
    for parent in checkout.parents:
        candidate = parent / "shared" / "spec" / "examples"
        if candidate.is_dir():
            return candidate
    return checkout.parent / "shared" / "spec" / "examples"


EXAMPLES_DIR = _examples_dir()


def example_paths() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("*.json"))


def load_example(name: str) -> dict:
    return json.loads((EXAMPLES_DIR / name).read_text(encoding="utf-8"))
