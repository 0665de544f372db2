"""``egapro-assistant compute``: score JSON documents and employee files (engine-contract §1).

Imports stay light (no bot, no database) so that many files cost one quick process start.
"""

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

NAME = "compute"
HELP = (
    "Calcule l'index Egapro (ou la représentation équilibrée) de documents JSON ou de fichiers "
    "salariés CSV/XLSX ; une ligne JSON par fichier, ou un résumé avec --text."
)
EMPLOYEE_FILE_SUFFIXES = (".csv", ".xlsx")
STDIN = "-"
CASE_INPUT = "input"


def _period_end(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date AAAA-MM-JJ attendue, reçu « {value} »") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from egapro_engine import rules_2019 as rules

    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="document JSON, fichier salariés .csv/.xlsx, ou - pour l'entrée standard",
    )
    parser.add_argument("--text", action="store_true", help="résumé lisible en français")
    parser.add_argument(
        "--band", choices=rules.BANDS, help="tranche d'effectif déclarée (fichiers salariés)"
    )
    parser.add_argument(
        "--mode",
        choices=rules.MODES,
        default=rules.MODE_CSP,
        help="modalité de l'indicateur 1 (fichiers salariés)",
    )
    parser.add_argument(
        "--period-end",
        type=_period_end,
        metavar="AAAA-MM-JJ",
        help="fin de la période de référence (âges calculés depuis les dates de naissance)",
    )


class FileProblem(Exception):
    """A file that cannot be read or decoded, reported with an engine error code."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def read_json(path: str) -> Any:
    try:
        if path == STDIN:
            text = sys.stdin.buffer.read().decode("utf-8-sig")
        else:
            text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileProblem("invalid_json", detail=f"encodage non UTF-8 ({error.reason})") from None
    except OSError as error:
        raise file_problem(error) from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        detail = f"ligne {error.lineno}, colonne {error.colno} : {error.msg}"
        raise FileProblem("invalid_json", detail=detail) from None
    except (ValueError, RecursionError) as error:
        raise FileProblem("invalid_json", detail=str(error) or type(error).__name__) from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} n'est pas un nombre JSON")


def file_problem(error: OSError) -> FileProblem:
    if isinstance(error, FileNotFoundError):
        return FileProblem("file_not_found")
    if isinstance(error, IsADirectoryError):
        return FileProblem("unreadable_file", detail="c'est un dossier")
    return FileProblem("unreadable_file", detail=error.strerror or type(error).__name__)


def compute_file(path: str, args: argparse.Namespace):
    """The output object of one file; raises ``EngineError`` or ``FileProblem``."""
    from egapro_engine import EngineError, compute_document, compute_employee_file

    if path != STDIN and path.lower().endswith(EMPLOYEE_FILE_SUFFIXES):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise file_problem(error) from None
        return compute_employee_file(
            data, Path(path).name, band=args.band, mode=args.mode, period_end=args.period_end
        )
    document = read_json(path)
    if not is_worked_example(document):
        return compute_document(document, source=path)
    try:
        return compute_document(document["input"], source=path)
    except EngineError as error:
        where = f"{CASE_INPUT}.{error.where}" if error.where else CASE_INPUT
        raise EngineError(error.code, error.message, where) from None


def is_worked_example(document: Any) -> bool:
    """A worked example or test case: ``{"input": document, "expected": ...}``."""
    return (
        isinstance(document, dict)
        and "kind" not in document
        and isinstance(document.get(CASE_INPUT), dict)
    )


def outcome(path: str, args: argparse.Namespace) -> tuple[Any, dict | None]:
    """(output, None) or (None, contract error object) for one file, never an exception."""
    from egapro_engine import EngineError
    from egapro_engine.messages import error_message

    try:
        output = compute_file(path, args)
    except EngineError as error:
        return None, error.as_contract()
    except FileProblem as problem:
        message = error_message(problem.code, **problem.values)
        return None, {"code": problem.code, "message": message, "where": None}
    except Exception as error:  # one broken file must not hide the results of the others
        message = error_message("internal_error", detail=type(error).__name__)
        return None, {"code": "internal_error", "message": message, "where": None}
    if output.source != path:
        output.source = path
    return output, None


def error_text(path: str, problem: dict) -> str:
    from egapro_engine.messages import TEXT

    where = TEXT["error_where"].format(where=problem["where"]) if problem["where"] else ""
    return TEXT["error"].format(
        source=path, code=problem["code"], message=problem["message"], where=where
    )


def run(args: argparse.Namespace) -> int:
    from egapro_engine import render_text

    chunks: list[str] = []
    failed = False
    for path in args.files:
        output, problem = outcome(path, args)
        failed = failed or problem is not None
        if args.text:
            chunks.append(error_text(path, problem) if problem else render_text(output))
            chunks.append("")
        else:
            obj = {"source": path, "error": problem} if problem else output.model_dump(mode="json")
            chunks.append(json.dumps(obj, ensure_ascii=False))
    write_out("\n".join(chunks).rstrip("\n") + "\n")
    return 2 if failed else 0


def write_out(text: str) -> None:
    """UTF-8 whatever the locale; a closed pipe (``| head``) is not an error."""
    try:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
