"""Opening databases: only FieldApp files are touched, migrations are recorded."""

from __future__ import annotations

import sqlite3

import pytest

from fieldapp.core import database as schema
from fieldapp.store import Store


def test_new_database_is_migrated_and_marked_as_ours(tmp_path):
    Store(tmp_path).close()
    conn = sqlite3.connect(tmp_path / "fieldapp.db")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names == schema.KNOWN
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_applies_nothing_twice(tmp_path):
    Store(tmp_path).close()
    Store(tmp_path).close()
    conn = sqlite3.connect(tmp_path / "fieldapp.db")
    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(
        schema.KNOWN
    )


def test_a_failed_migration_leaves_no_trace(tmp_path, monkeypatch):
    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(schema.schema_migrations, "load", lambda _names: [("m001_initial", broken)])
    with pytest.raises(RuntimeError):
        schema.connect(tmp_path / "fieldapp.db")
    conn = sqlite3.connect(tmp_path / "fieldapp.db")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "not an SQLite file"),
        (None, "another program"),
    ],
)
def test_foreign_files_are_refused_untouched(tmp_path, content, words):
    path = tmp_path / "fieldapp.db"
    if content is None:
        other = sqlite3.connect(path)
        other.execute("CREATE TABLE photos (name TEXT)")
        other.commit()
        other.close()
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    with pytest.raises(schema.DatabaseError, match=words):
        Store(tmp_path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fieldapp.db"]


def test_newer_schema_is_refused_untouched(tmp_path):
    Store(tmp_path).close()
    path = tmp_path / "fieldapp.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at)"
        " VALUES ('fieldapp', 'm999_from_the_future', 'later')"
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(schema.DatabaseError, match="newer FieldApp"):
        Store(tmp_path)
    assert path.read_bytes() == before
