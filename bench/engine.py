"""Scoring engine benchmark.

    .venv/bin/python bench/engine.py [--csv-rows 1000000] [--xlsx-rows 100000] [--repeat 3]
                                     [--check-exact]

(a) raw documents (engine-contract §2) scored per second by ``compute_document`` in this
    (single-threaded) process, wall and CPU time, best of 3 rounds; the time of a plain
    Python loop is printed next to it, as the speed of a shared machine varies a lot;
(b) employee-level files: a CSV of ``--csv-rows`` rows and an XLSX of ``--xlsx-rows`` rows are
    generated (once: they are kept in the temporary directory; ``--regenerate``), then each
    is read, aggregated and scored in a fresh subprocess by ``compute_employee_file`` and by
    a plain pandas script doing the same aggregation (then scoring its raw document with the
    same engine; XLSX through pandas' calamine engine, and with ``--pandas-openpyxl`` also
    through openpyxl, its former default). Time to result (wall and CPU) excludes the
    interpreter start and imports; peak memory is the child's peak RSS (``os.wait4``).
    Both sides must give the same scores, or the run fails. The engine reads the CSV in its
    pyarrow lane; ``--check-exact`` first checks that the lane's raw document is the exact
    reader's, bit for bit.

Needs the ``bench`` extra (pandas): ``.venv/bin/pip install -e '.[bench]'``.
"""

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXAMPLES = ROOT.parent / "shared" / "spec" / "examples"
CSPS = ("ouv", "emp", "tam", "ic")
AGES = ("under_30", "30_39", "40_49", "50_plus")
HEADER = (
    "matricule",
    "sexe",
    "csp",
    "age",
    "remuneration_etp",
    "remuneration",
    "augmente",
    "promu",
    "retour_conge_maternite",
    "augmentee_retour",
    "exclu",
)
DATA_VERSION = 1  # bump when employee_rows changes, so that cached files are rewritten
TARGETS = {"docs_per_second": 20_000, "seconds": 3.0, "peak_mb": 1024}


# --- (a) raw documents ------------------------------------------------------------------


def random_raw_document(rng: random.Random) -> dict:
    band = rng.choice(("50:250", "251:999", "1000:"))
    headcount = {
        csp: {age: {"women": rng.randint(0, 60), "men": rng.randint(0, 60)} for age in AGES}
        for csp in CSPS
    }
    salaries = {
        csp: {
            age: {"women": rng.uniform(20_000, 80_000), "men": rng.uniform(20_000, 80_000)}
            for age in AGES
            if headcount[csp][age]["women"] and headcount[csp][age]["men"]
        }
        for csp in CSPS
    }
    document = {
        "kind": "raw",
        "workforce_range": band,
        "year": 2025,
        "headcount": headcount,
        "indicator1": {"mode": "csp", "csp_mean_salaries": salaries},
        "indicator4": {"declared_calculable": True, "returned_count": 4, "raised_count": 3},
        "indicator5": {"women": rng.randint(0, 10)},
    }
    document["indicator5"]["men"] = 10 - document["indicator5"]["women"]
    if band == "50:250":
        women = sum(headcount[csp][age]["women"] for csp in CSPS for age in AGES)
        men = sum(headcount[csp][age]["men"] for csp in CSPS for age in AGES)
        document["indicator2and3"] = {
            "declared_calculable": True,
            "raised_women": rng.randint(1, max(women, 1)) if women else 0,
            "raised_men": rng.randint(1, max(men, 1)) if men else 0,
        }
        if not women and not men:
            document["indicator2and3"] = {"declared_calculable": False}
    else:
        for key in ("indicator2", "indicator3"):
            document[key] = {
                "declared_calculable": True,
                "rate_pct": {
                    csp: {"women": rng.uniform(1, 60), "men": rng.uniform(1, 60)} for csp in CSPS
                },
            }
    return document


def raw_documents(count: int) -> list[dict]:
    rng = random.Random(2025)
    documents = [random_raw_document(rng) for _ in range(count)]
    for path in sorted(EXAMPLES.glob("*.json")):
        example = json.loads(path.read_text(encoding="utf-8"))["input"]
        if example.get("kind", "raw") == "raw":
            documents.append({"kind": "raw", **example})
    return documents


def bench_documents(seconds: float, rounds: int = 3) -> dict:
    """Documents per second (wall and CPU), best of ``rounds`` rounds of ``seconds / rounds``."""
    from egapro_engine import EngineError, compute_document

    documents = raw_documents(1000)
    for document in documents:  # every document must be valid
        try:
            compute_document(document)
        except EngineError as error:
            raise SystemExit(f"invalid benchmark document: {error.as_contract()}") from None
    best: dict = {"per_second": 0.0, "per_cpu_second": 0.0}
    for _ in range(rounds):
        done, start, cpu = 0, time.perf_counter(), time.process_time()
        while time.perf_counter() - start < seconds / rounds:
            for document in documents:
                compute_document(document)
            done += len(documents)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        best["per_second"] = max(best["per_second"], done / elapsed)
        best["per_cpu_second"] = max(best["per_cpu_second"], done / cpu)
    return best


def python_reference_us() -> float:
    """Microseconds for ``sum(range(1000))``: how fast this machine runs Python right now."""
    start = time.process_time()
    for _ in range(2000):
        sum(range(1000))
    return (time.process_time() - start) / 2000 * 1e6


# --- (b) employee files -----------------------------------------------------------------


def employee_rows(count: int, seed: int = 7):
    """Realistic rows: ~2 % excluded, ~half raised, ~15 % promoted, some maternity returns."""
    rng = random.Random(seed)
    for number in range(count):
        sex = "F" if rng.random() < 0.45 else "H"
        csp = rng.choices(CSPS, (35, 30, 20, 15))[0]
        age = rng.randint(18, 66)
        base = {"ouv": 24_000, "emp": 27_000, "tam": 36_000, "ic": 55_000}[csp]
        pay_fte = round(base * rng.uniform(0.85, 1.6) * (0.97 if sex == "F" else 1.0), 2)
        pay = round(pay_fte * rng.choice((1, 1, 1, 0.8, 0.5)), 2)
        returned = sex == "F" and rng.random() < 0.02
        yield (
            f"M{number:07d}",
            sex,
            csp,
            age,
            pay_fte,
            pay,
            int(rng.random() < 0.5),
            int(rng.random() < 0.15),
            int(returned),
            int(returned and rng.random() < 0.9),
            int(rng.random() < 0.02),
        )


def write_csv(path: Path, count: int) -> None:
    """French spreadsheet export: ``;`` separator, decimal comma, UTF-8 with BOM."""
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        file.write(";".join(HEADER) + "\r\n")
        lines = []
        for row in employee_rows(count):
            cells = [str(cell) for cell in row]
            cells[4] = f"{row[4]:.2f}".replace(".", ",")
            cells[5] = f"{row[5]:.2f}".replace(".", ",")
            lines.append(";".join(cells))
            if len(lines) == 10_000:
                file.write("\r\n".join(lines) + "\r\n")
                lines = []
        if lines:
            file.write("\r\n".join(lines) + "\r\n")


def write_xlsx(path: Path, count: int) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("salariés")
    sheet.append(HEADER)
    for row in employee_rows(count):
        sheet.append(row)
    workbook.save(path)


PANDAS_SCRIPT = """
import pandas as pd
AGES = ["under_30", "30_39", "40_49", "50_plus"]
CSPS = ["ouv", "emp", "tam", "ic"]
SEX = {"F": "women", "H": "men"}

def aggregate(frame, band):
    frame = frame[frame["exclu"] == 0]
    frame = frame.assign(
        sex=frame["sexe"].map(SEX),
        band=pd.cut(frame["age"], [0, 29, 39, 49, 200], labels=AGES),
    )
    cells = frame.groupby(["csp", "band", "sex"], observed=True)
    counts = cells.size()
    means = cells["remuneration_etp"].mean()
    headcount = {c: {a: {s: int(counts.get((c, a, s), 0)) for s in ("women", "men")}
                     for a in AGES} for c in CSPS}
    salaries = {}
    for c in CSPS:
        for a in AGES:
            if (c, a, "women") in means.index and (c, a, "men") in means.index:
                salaries.setdefault(c, {})[a] = {
                    s: float(means[(c, a, s)]) for s in ("women", "men")}
    by_csp = frame.groupby(["csp", "sex"])
    totals = by_csp.size()
    document = {"kind": "raw", "workforce_range": band, "headcount": headcount,
                "indicator1": {"mode": "csp", "csp_mean_salaries": salaries}}
    for key, column in (("indicator2", "augmente"), ("indicator3", "promu")):
        concerned = by_csp[column].sum()
        document[key] = {"declared_calculable": bool(concerned.sum()), "rate_pct": {
            c: {s: float(concerned.get((c, s), 0) / totals[(c, s)] * 100)
                if totals.get((c, s), 0) else 0.0 for s in ("women", "men")} for c in CSPS}}
    returned = frame[frame["retour_conge_maternite"] == 1]
    document["indicator4"] = {"declared_calculable": True, "returned_count": len(returned),
                              "raised_count": int(returned["augmentee_retour"].sum())}
    top = frame.nlargest(10, "remuneration", keep="first")["sex"].value_counts()
    document["indicator5"] = {s: int(top.get(s, 0)) for s in ("women", "men")}
    return document
"""


def child(kind: str, path: str) -> None:
    """One measured run, in its own process: prints seconds and the scores as JSON."""
    from egapro_engine import compute_document, compute_employee_file

    if kind == "engine":
        # Imports are not timed, on either side: the readers' modules (and pyarrow) load here.
        from egapro_engine import employee_file  # noqa: F401

        if path.endswith(".csv"):
            import pyarrow

            from egapro_engine import employee_arrow  # noqa: F401

            pyarrow.array([0])  # pyarrow imports pandas, when installed, at its first use

        start, cpu = time.perf_counter(), time.process_time()
        output = compute_employee_file(Path(path).read_bytes(), Path(path).name)
    else:
        import pandas as pd

        namespace: dict = {}
        exec(PANDAS_SCRIPT, namespace)
        start, cpu = time.perf_counter(), time.process_time()
        if path.endswith(".csv"):
            frame = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
        else:
            frame = pd.read_excel(path, engine=kind.removeprefix("pandas-"))
        used = int((frame["exclu"] == 0).sum())
        band = "50:250" if used <= 250 else ("251:999" if used < 1000 else "1000:")
        output = compute_document(namespace["aggregate"](frame, band), source=Path(path).name)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    scores = output.model_dump(mode="json", include={"indicators", "points", "index"})
    print(json.dumps({"seconds": seconds, "cpu": cpu, "scores": scores}))


def run_child(kind: str, path: Path) -> dict:
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", kind, str(path)],
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{kind} on {path.name} failed (exit {process.returncode})")
    result = json.loads(output)
    result["peak_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return result


def bench_file(label: str, path: Path, rows: int, kinds: list[str], repeat: int) -> list[dict]:
    results = {kind: [] for kind in kinds}
    for _ in range(repeat):  # interleaved, so that a busy machine hurts both sides alike
        for kind in kinds:
            results[kind].append(run_child(kind, path))
    reference = results["engine"][0]["scores"]
    lines = []
    for kind, runs in results.items():
        for run in runs:
            if run["scores"] != reference:
                raise SystemExit(f"{kind} scores differ from the engine's on {path.name}")
        seconds = [run["seconds"] for run in runs]
        lines.append(
            {
                "case": label,
                "rows": rows,
                "reader": kind,
                "best_s": min(seconds),
                "median_s": statistics.median(seconds),
                "cpu_s": min(run["cpu"] for run in runs),
                "peak_mb": max(run["peak_mb"] for run in runs),
            }
        )
    engine_cpu = lines[0]["cpu_s"]
    for line in lines:
        line["engine_speedup"] = line["cpu_s"] / engine_cpu
    return lines


def check_exact(path: Path) -> None:
    """The pyarrow lane's document must be the exact reader's, bit for bit (same floats)."""
    from egapro_engine import employee_file

    print()
    data = path.read_bytes()
    documents = []
    for min_bytes in (0, len(data) + 1):  # the lane, then the exact reader alone
        employee_file.ARROW_MIN_BYTES = min_bytes
        start = time.process_time()
        read = employee_file.read_employee_file(data, path.name)
        documents.append(json.dumps([read.raw_document, read.rows], default=repr))
        print(
            f"{'pyarrow lane' if min_bytes == 0 else 'exact reader'}: "
            f"{time.process_time() - start:.2f} s CPU"
        )
    if documents[0] != documents[1]:
        raise SystemExit(f"the pyarrow lane and the exact reader differ on {path.name}")
    print(f"{path.name}: the pyarrow lane gives the exact reader's document")


def print_table(lines: list[dict]) -> None:
    header = (
        f"{'case':<15}{'reader':<17}{'best s':>8}{'median s':>10}{'CPU s':>8}{'peak MB':>9}"
        f"{'engine x faster':>17}"
    )
    print(header)
    print("-" * len(header))
    for line in lines:
        print(
            f"{line['case']:<15}{line['reader']:<17}{line['best_s']:>8.2f}"
            f"{line['median_s']:>10.2f}{line['cpu_s']:>8.2f}{line['peak_mb']:>9.0f}"
            f"{line['engine_speedup']:>17.2f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--documents-seconds", type=float, default=3.0)
    parser.add_argument("--regenerate", action="store_true", help="write the employee files again")
    parser.add_argument(
        "--pandas-openpyxl",
        action="store_true",
        help="also time pandas reading the XLSX with openpyxl (its former default; slow)",
    )
    parser.add_argument(
        "--check-exact",
        action="store_true",
        help="also check that the CSV read by the pyarrow lane equals the exact reader's",
    )
    parser.add_argument("--child", nargs=2, metavar=("KIND", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0

    documents = bench_documents(args.documents_seconds)
    print(
        f"(a) raw documents: {documents['per_second']:,.0f} per second in one process, "
        f"{documents['per_cpu_second']:,.0f} per CPU second (best of 3; target "
        f"{TARGETS['docs_per_second']:,}/s; load average {os.getloadavg()[0]:.1f}; "
        f"sum(range(1000)) takes {python_reference_us():.1f} us)\n"
    )
    cache = Path(tempfile.gettempdir()) / "egapro-bench"
    cache.mkdir(exist_ok=True)
    csv_path = cache / f"salaries-{args.csv_rows}-v{DATA_VERSION}.csv"
    xlsx_path = cache / f"salaries-{args.xlsx_rows}-v{DATA_VERSION}.xlsx"
    start = time.perf_counter()
    for path, write, rows in (
        (csv_path, write_csv, args.csv_rows),
        (xlsx_path, write_xlsx, args.xlsx_rows),
    ):
        if args.regenerate or not path.exists():
            partial = path.with_suffix(".partial" + path.suffix)
            write(partial, rows)
            partial.replace(path)
    print(
        f"files in {cache} ({csv_path.stat().st_size / 1e6:.0f} MB CSV, "
        f"{xlsx_path.stat().st_size / 1e6:.1f} MB XLSX; generated or found in "
        f"{time.perf_counter() - start:.0f} s)"
    )
    lines = bench_file(
        f"CSV {args.csv_rows:,}", csv_path, args.csv_rows, ["engine", "pandas"], args.repeat
    )
    lines += bench_file(
        f"XLSX {args.xlsx_rows:,}",
        xlsx_path,
        args.xlsx_rows,
        ["engine", "pandas-calamine"] + (["pandas-openpyxl"] if args.pandas_openpyxl else []),
        args.repeat,
    )
    print("\n(b) employee files: time to result (read + aggregate + score), one process each")
    print_table(lines)
    print(
        f"\ntargets: <= {TARGETS['seconds']:.0f} s and <= {TARGETS['peak_mb']} MB per file, "
        "faster than pandas ('engine x faster' compares CPU time, steadier than wall time "
        "on a busy machine)"
    )
    if args.check_exact:  # last: it grows this process, whose size the children inherit
        check_exact(csv_path)
    worst = max(line["best_s"] for line in lines if line["reader"] == "engine")
    return 0 if math.isfinite(worst) else 1


if __name__ == "__main__":
    sys.exit(main())
