"""A data folder whose database is not ours, or is damaged: clear words, nothing changed."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
from pathlib import Path

import pytest

from fieldapp.cli.main import main
from fieldapp.store import Store


def random_bytes(db: Path) -> None:
    db.write_bytes(random.Random(4).randbytes(64 * 1024))


def other_program(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Mairie de Trèbes', '04 68 78 70 00')")
    conn.commit()
    conn.close()


def newer_fieldapp(db: Path) -> None:
    with Store(db.parent) as store:
        op = store.operations.create("Crue")
        store.reports.add(op["id"], {"title": "Digue fissurée"})
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at)"
        " VALUES ('fieldapp', 'm999_future', '2031-01-01')"
    )
    conn.commit()
    conn.close()


def damaged_pages(db: Path) -> None:
    with Store(db.parent) as store:
        op = store.operations.create("Crue")
        for n in range(300):
            store.reports.add(op["id"], {"title": f"rapport {n}", "body": "eau " * 100})
    raw = bytearray(db.read_bytes())
    noise = random.Random(9)
    for page in range(20, 40):  # tables and indexes, past the schema page
        raw[page * 4096 : (page + 1) * 4096] = noise.randbytes(4096)
    db.write_bytes(bytes(raw))


CASES = {
    "random bytes": (random_bytes, "is not a FieldApp database (it is not an SQLite file)"),
    "another program": (other_program, "is an SQLite database of another program"),
    "newer schema": (newer_fieldapp, "was written by a newer FieldApp"),
    "damaged pages": (damaged_pages, "is damaged or not a FieldApp database"),
}


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.fixture(params=list(CASES))
def bad(request, tmp_path):
    """(data dir, expected words) with a bad fieldapp.db that the test must not change."""
    data = tmp_path / "data"
    data.mkdir()
    make, words = CASES[request.param]
    make(data / "fieldapp.db")
    return data, words


@pytest.mark.parametrize(
    "command",
    [
        ["report", "list"],
        ["report", "add", "--title", "x"],
        ["operation", "list"],
        ["operation", "create", "Crue"],
        ["backup"],
        ["check"],
        ["demo", "--reports", "10"],
    ],
)
def test_bad_database_is_named_and_left_alone(bad, command, capsys):
    data, words = bad
    db = data / "fieldapp.db"
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    code = main(["--data-dir", str(data), *command])
    err = capsys.readouterr().err
    assert code == 1
    assert words in err and str(db) in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not (data / "backups").exists()


@pytest.mark.parametrize(
    "case",
    [
        "random bytes",
        "another program",
        "newer schema",
        "damaged pages",
    ],
)
def test_bad_database_gets_no_side_files(case, tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    CASES[case][0](data / "fieldapp.db")
    before = snapshot(data)
    assert main(["--data-dir", str(data), "report", "list"]) == 1
    assert snapshot(data) == before


def test_random_bytes_as_a_program(tmp_path):
    import subprocess
    import sys

    data = tmp_path / "data"
    data.mkdir()
    random_bytes(data / "fieldapp.db")
    result = subprocess.run(
        [sys.executable, "-m", "fieldapp", "--data-dir", str(data), "report", "list"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    assert result.returncode == 1
    assert result.stderr.startswith("fieldapp: error: ") and "not an SQLite file" in result.stderr
    assert sorted(p.name for p in data.iterdir()) == ["fieldapp.db"]
