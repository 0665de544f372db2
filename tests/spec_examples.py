"""The worked examples of the spec, found beside the checkout (``../shared/spec/examples``)."""

import json
from pathlib import Path

EXAMPLES_DIR = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "spec" / "examples"
).resolve()


def example_paths() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("*.json"))


def load_example(name: str) -> dict:
    return json.loads((EXAMPLES_DIR / name).read_text(encoding="utf-8"))
