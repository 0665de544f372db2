"""``egapro-assistant compute``: output lines, exit codes, errors, stdin, text (contract §1)."""

import json

import pytest

from .builders import changed, large_results, small_raw
from .cli import run_compute


def write(tmp_path, name, document):
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_one_json_line_per_file_in_order(tmp_path):
    first = write(tmp_path, "a.json", small_raw())
    second = write(tmp_path, "b.json", large_results())
    process = run_compute(first, second)
    assert process.returncode == 0
    assert process.stderr == ""
    lines = [json.loads(line) for line in process.stdout.splitlines()]
    assert [line["source"] for line in lines] == [first, second]
    assert [line["index"] for line in lines] == [95, 100]
    assert set(lines[0]) == {
        "source",
        "workforce_range",
        "indicators",
        "points",
        "max_points",
        "index",
        "obligations",
    }


def test_not_calculable_index_is_a_result_not_an_error(tmp_path):
    document = large_results(
        indicator2={"calculable": False, "reason": "absaugi"},
        indicator3={"calculable": False, "reason": "absprom"},
    )
    process = run_compute(write(tmp_path, "nc.json", document))
    assert process.returncode == 0
    assert json.loads(process.stdout)["index"] is None


def test_a_bad_file_gets_an_error_line_and_the_others_are_computed(tmp_path):
    good = write(tmp_path, "good.json", small_raw())
    bad = write(tmp_path, "bad.json", changed(small_raw(), "headcount.emp.30_39.men", -3))
    process = run_compute(bad, good)
    assert process.returncode == 2
    error_line, good_line = map(json.loads, process.stdout.splitlines())
    assert error_line == {
        "source": bad,
        "error": {
            "code": "invalid_headcount",
            "message": "Effectif invalide : un nombre entier positif ou nul est attendu.",
            "where": "headcount.emp.30_39.men",
        },
    }
    assert good_line["index"] == 95


UNREADABLE = [
    ("{not json", "invalid_json"),
    ("", "invalid_json"),
    ('{"kind": "raw", "n": NaN}', "invalid_json"),
    ("[" * 100000, "invalid_json"),
    ("[1, 2]", "not_an_object"),
    ('{"kind": "bilan"}', "unknown_kind"),
]


def test_unreadable_documents_are_error_lines(tmp_path):
    paths = []
    for number, (content, _) in enumerate(UNREADABLE):
        path = tmp_path / f"doc{number}.json"
        path.write_text(content, encoding="utf-8")
        paths.append(str(path))
    process = run_compute(*paths)
    assert process.returncode == 2
    assert "Traceback" not in process.stderr
    lines = [json.loads(line) for line in process.stdout.splitlines()]
    assert [line["source"] for line in lines] == paths
    for line, (_, code) in zip(lines, UNREADABLE, strict=True):
        assert set(line) == {"source", "error"}
        assert set(line["error"]) == {"code", "message", "where"}
        assert line["error"]["code"] == code


def test_non_utf8_file(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"kind": "représentation"}'.encode("latin-1"))
    process = run_compute(str(path))
    assert json.loads(process.stdout)["error"]["code"] == "invalid_json"


def test_missing_file_and_directory(tmp_path):
    missing = str(tmp_path / "missing.json")
    process = run_compute(missing, str(tmp_path))
    assert process.returncode == 2
    assert "Traceback" not in process.stderr
    first, second = map(json.loads, process.stdout.splitlines())
    assert (first["source"], first["error"]["code"]) == (missing, "file_not_found")
    assert (second["source"], second["error"]["code"]) == (str(tmp_path), "unreadable_file")


def test_missing_employee_file(tmp_path):
    missing = str(tmp_path / "staff.csv")
    process = run_compute(missing)
    assert process.returncode == 2
    assert json.loads(process.stdout)["error"]["code"] == "file_not_found"


def test_dash_reads_standard_input():
    process = run_compute("-", stdin=json.dumps(small_raw()))
    assert process.returncode == 0
    line = json.loads(process.stdout)
    assert (line["source"], line["index"]) == ("-", 95)


def test_dash_with_an_invalid_document():
    process = run_compute("-", stdin='{"kind": "raw"}')
    assert process.returncode == 2
    assert json.loads(process.stdout)["error"] == {
        "code": "missing_field",
        "message": "Champ obligatoire manquant.",
        "where": "workforce_range",
    }


def test_worked_example_wrapper_points_inside_input(tmp_path):
    wrapped = {"description": "x", "input": changed(small_raw(), "indicator5.women", 12)}
    process = run_compute(write(tmp_path, "case.json", wrapped))
    assert json.loads(process.stdout)["error"]["where"] == "input.indicator5.women"


def test_text_summary(tmp_path):
    process = run_compute("--text", write(tmp_path, "a.json", small_raw()))
    assert process.returncode == 0
    assert "Index : 95 / 100" in process.stdout
    assert "Indicateur 1 – écart de rémunération : 4,1 % en faveur des hommes" in process.stdout


def test_text_with_an_error(tmp_path):
    bad = write(tmp_path, "bad.json", changed(small_raw(), "workforce_range", "1:49"))
    process = run_compute("--text", bad)
    assert process.returncode == 2
    assert "erreur invalid_workforce_range" in process.stdout
    assert "(à : workforce_range)" in process.stdout


def test_many_documents_in_one_call(tmp_path):
    paths = [write(tmp_path, f"d{i}.json", small_raw()) for i in range(200)]
    process = run_compute(*paths)
    assert process.returncode == 0
    assert len(process.stdout.splitlines()) == 200


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--band", "10:20", "x.json"],
        ["--mode", "levels", "x.json"],
        ["--period-end", "31/12/2024", "x.json"],
    ],
)
def test_bad_arguments_exit_2(args):
    process = run_compute(*args)
    assert process.returncode == 2
    assert "usage" in process.stderr


def test_band_and_mode_do_not_apply_to_json(tmp_path):
    process = run_compute(
        "--band", "1000:", "--mode", "other_level", write(tmp_path, "a.json", small_raw())
    )
    line = json.loads(process.stdout)
    assert (line["workforce_range"], line["index"]) == ("50:250", 95)
