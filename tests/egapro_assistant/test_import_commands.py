"""The import and database commands, end to end in a subprocess on a new SQLite file."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from store import migrate
from tests.store.import_files import invalid_siren, valid_siren, write_csv

ACME = valid_siren(55210055)
BETA = valid_siren(73282932)


@pytest.fixture
def cli(tmp_path):
    database = tmp_path / "assistant.db"
    env = {**os.environ, "EGAPRO_DATABASE_URL": f"sqlite:///{database}"}

    def run(*arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", "from egapro_assistant.cli import main; main()", *arguments],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    run.database = database
    return run


def _execute(database, sql):
    with sqlite3.connect(database) as connection:
        connection.execute(sql)


def _query(database, sql):
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchall()


def test_companies_import_migrates_a_new_database_and_is_idempotent(cli, tmp_path):
    path = write_csv(
        tmp_path / "entreprises.csv",
        [
            ["SIREN", "Raison sociale", "Département", "Tranche"],
            [ACME, "Acme", "Paris", "50 à 250"],
            [invalid_siren(3), "Bad", "Paris", "50 à 250"],
            [BETA, "Beta", "Gironde", "1000 et plus"],
        ],
    )
    first = cli("companies", "import", str(path))
    second = cli("companies", "import", str(path))

    assert first.returncode == 0, first.stderr
    assert "ajoutées : 2" in first.stdout
    assert f"ligne 3 : SIREN « {invalid_siren(3)} » : clé de contrôle invalide" in first.stdout
    assert second.returncode == 0, second.stderr
    assert "ajoutées : 0" in second.stdout and "inchangées : 2" in second.stdout
    assert _query(cli.database, "SELECT siren, departement FROM company ORDER BY siren") == [
        (ACME, "75"),
        (BETA, "33"),
    ]
    assert _query(cli.database, "SELECT version_num FROM alembic_version") == [
        (migrate.head_revision(),)
    ]


def test_declarants_import_then_manage_one_email(cli, tmp_path):
    path = write_csv(tmp_path / "declarants.csv", [["siren", "email"], [ACME, "RH@acme.fr"]])
    imported = cli("declarants", "import", str(path))
    last = cli("declarants", "remove", ACME, "rh@acme.fr")
    listed = cli("declarants", "list", "552 100 554")

    assert imported.returncode == 0, imported.stderr
    assert "ajoutées : 1" in imported.stdout
    assert last.returncode == 1
    assert "dernier déclarant" in last.stderr
    assert listed.stdout.strip() == "rh@acme.fr"


def test_an_unreadable_file_exits_with_2(cli, tmp_path):
    missing = cli("declarants", "import", str(tmp_path / "absent.csv"))
    no_column = write_csv(tmp_path / "x.csv", [["Nom"], ["Acme"]])
    wrong = cli("companies", "import", str(no_column))
    assert missing.returncode == 2
    assert "Fichier introuvable" in missing.stderr
    assert wrong.returncode == 2
    assert "Colonnes manquantes" in wrong.stderr and "SIREN" in wrong.stderr


def test_db_upgrade_and_current(cli):
    upgraded = cli("db", "upgrade")
    current = cli("db", "current")
    head = migrate.head_revision()
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"révision {head}" in upgraded.stdout
    assert current.stdout.strip() == f"Révision de la base : {head} ; dernière révision : {head}."
    assert {name for (name,) in _query(cli.database, "SELECT name FROM sqlite_master")} >= {
        "company",
        "declarant_email",
        "company_index_history",
    }


def test_campaign_status_counts_and_lists_companies(cli, tmp_path):
    companies_file = write_csv(
        tmp_path / "companies.csv",
        [
            ["SIREN", "Raison sociale", "Département", "Tranche"],
            [ACME, "Acme", "Rhône", "50 à 250"],
            [BETA, "Beta", "Gironde", "1000 et plus"],
        ],
    )
    assert cli("companies", "import", str(companies_file)).returncode == 0
    # Beta declared 2026 on the official platform (as the /status button records it).
    _execute(
        cli.database,
        "INSERT INTO index_declaration (siren, year, channel, elsewhere_source, engine_input, "
        'engine_output, "index", objectives_status, first_submitted_at, period_sufficient, '
        f"revision) VALUES ('{BETA}', 2026, 'official_platform', 'telegram', '{{}}', '{{}}', 93, "
        "'not_applicable', '2027-02-01 10:00:00', 1, 1)",
    )
    shown = cli("campaign", "status", "--year", "2027")
    assert shown.returncode == 0, shown.stderr
    assert "Campagne 2027 (indicateurs 2026) – échéance de l'index : 1er mars 2027" in shown.stdout
    assert "non commencée" in shown.stdout and "total" in shown.stdout
    as_json = json.loads(cli("campaign", "status", "--year", "2027", "--json").stdout)
    assert as_json["counts"]["not_started"] == 1
    assert as_json["counts"]["declared_elsewhere"] == 1
    beta = next(c for c in as_json["companies"] if c["siren"] == BETA)
    assert (beta["index"], beta["representation"]) == (93, "to_declare")
    only_69 = json.loads(
        cli("campaign", "status", "--year", "2027", "--departement", "69", "--json").stdout
    )
    assert [c["siren"] for c in only_69["companies"]] == [ACME]
    one = json.loads(cli("campaign", "status", "--siren", BETA, "--json").stdout)
    assert [c["siren"] for c in one["companies"]] == [BETA]
