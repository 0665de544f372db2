"""``compute_employee_file``: an employee-level file scored like its aggregated raw document."""

import json

import pytest

from egapro_engine import EmployeeFileOutput, EngineError, compute_document, compute_employee_file

from .cli import run_compute

pytest.importorskip("egapro_engine.employee_file")

HEADER = "sexe;csp;age;remuneration_etp;augmente;promu;retour_conge_maternite;augmentee_retour"


def staff_csv() -> bytes:
    rows = [HEADER]
    rows += ["F;emp;35;30000;oui;non;non;non"] * 3 + ["F;emp;35;30000;non;non;non;non"] * 2
    rows += ["H;emp;36;33000;oui;non;non;non"] * 4 + ["H;emp;36;33000;non;oui;non;non"]
    rows += ["F;ouv;45;20000;non;non;oui;oui", "H;ouv;45;21000;non;non;non;non"]
    return ("\n".join(rows) + "\n").encode("utf-8")


def test_file_is_scored_like_its_aggregated_document():
    output = compute_employee_file(staff_csv(), "staff.csv", band="50:250")
    assert isinstance(output, EmployeeFileOutput)
    dumped = output.model_dump(mode="json")
    assert dumped["source"] == "staff.csv"
    assert dumped["rows"]["read"] == 12
    again = compute_document(dumped["aggregated_input"]).model_dump(mode="json")
    for key in ("indicators", "points", "max_points", "index", "obligations", "workforce_range"):
        assert dumped[key] == again[key]
    assert dumped["indicators"]["indicator1"]["result"] == 4.1


def test_file_errors_are_engine_errors():
    with pytest.raises(EngineError) as caught:
        compute_employee_file(b"nom;prenom\nA;B\n", "staff.csv")
    assert caught.value.code and caught.value.message


def test_command_routes_csv_files_to_the_file_reader(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(staff_csv())
    process = run_compute("--band", "50:250", str(path))
    assert process.returncode == 0, process.stdout
    line = json.loads(process.stdout)
    assert line["source"] == str(path)
    assert set(line) >= {"aggregated_input", "rows", "index", "indicators"}


def staff_of(size: int) -> bytes:
    rows = [HEADER]
    for number in range(size):
        sex, pay = ("F", 30000) if number % 2 else ("H", 30500)
        rows.append(f"{sex};emp;{25 + number % 30};{pay};oui;non;non;non")
    return ("\n".join(rows) + "\n").encode("utf-8")


@pytest.mark.parametrize(("size", "band"), [(250, "50:250"), (251, "251:999")])
def test_250_employees_are_in_the_small_band_and_251_in_the_large_one(size, band):
    output = compute_employee_file(staff_of(size), "staff.csv")
    assert output.workforce_range == band
    expected = (
        ["indicator1", "indicator2and3", "indicator4", "indicator5"]
        if band == "50:250"
        else ["indicator1", "indicator2", "indicator3", "indicator4", "indicator5"]
    )
    assert [key for key, _ in output.indicators.items()] == expected


def test_declared_band_overrides_the_counted_headcount():
    output = compute_employee_file(staff_of(251), "staff.csv", band="50:250")
    assert output.workforce_range == "50:250"
