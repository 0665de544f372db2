"""The worked examples of the spec, through the real ``egapro-assistant compute`` command."""

import json
from pathlib import Path

import pytest

from tests.spec_examples import EXAMPLES_DIR as EXAMPLES

from .cli import run_compute

FILES = sorted(EXAMPLES.glob("*.json")) if EXAMPLES.is_dir() else []

pytestmark = pytest.mark.skipif(not FILES, reason=f"no worked examples in {EXAMPLES}")


@pytest.fixture(scope="module")
def computed() -> dict[Path, dict]:
    """One command for every example file: one JSON line per file, in order."""
    process = run_compute(*map(str, FILES))
    assert process.returncode == 0, process.stdout + process.stderr
    lines = process.stdout.splitlines()
    assert len(lines) == len(FILES)
    return dict(zip(FILES, map(json.loads, lines), strict=True))


def assert_matches(expected, actual, path="output"):
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        for key, value in expected.items():
            assert key in actual, f"{path}.{key} missing"
            assert_matches(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, bool) or expected is None or isinstance(expected, str):
        assert actual == expected, path
    elif isinstance(expected, int | float):
        assert isinstance(actual, int | float) and not isinstance(actual, bool), path
        assert abs(actual - expected) <= 1e-9, f"{path}: {actual} != {expected}"
    else:
        assert actual == expected, path


@pytest.mark.parametrize("example", FILES, ids=[f.stem for f in FILES])
def test_example(example, computed):
    expected = json.loads(example.read_text(encoding="utf-8"))["expected"]
    output = computed[example]
    assert output["source"] == str(example)
    assert_matches(expected, output)


@pytest.mark.parametrize("example", FILES[:2], ids=[f.stem for f in FILES[:2]])
def test_example_input_alone(example, tmp_path):
    """The bare input document gives the same output as the worked-example file."""
    document = json.loads(example.read_text(encoding="utf-8"))
    bare = tmp_path / "input.json"
    bare.write_text(json.dumps(document["input"]), encoding="utf-8")
    process = run_compute(str(bare))
    assert process.returncode == 0
    assert_matches(document["expected"], json.loads(process.stdout))
