"""Migrations: one frozen file each; fresh and upgraded databases end up the same.

A database created today and one created by any earlier schema and then upgraded must
have the same tables, indexes, triggers and search tables, byte for byte in
sqlite_master; real files written by earlier releases (tests/data/old_databases/) open,
upgrade and keep their data.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from fieldapp.core import database
from fieldapp.core.backup import check
from fieldapp.core.migrations import NAMES
from fieldapp.reports.query import ReportQuery
from fieldapp.store import Store

OLD = Path(__file__).parent / "data" / "old_databases"


def schema_of(data_dir: Path) -> list[tuple]:
    conn = sqlite3.connect(data_dir / "fieldapp.db")
    try:
        return conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    finally:
        conn.close()


def fresh(tmp_path: Path) -> list[tuple]:
    Store(tmp_path / "fresh").close()
    return schema_of(tmp_path / "fresh")


@pytest.mark.parametrize("applied", range(1, len(NAMES)))
def test_a_database_upgraded_from_each_earlier_schema_equals_a_fresh_one(
    tmp_path, monkeypatch, applied
):
    with monkeypatch.context() as older:
        older.setattr(database, "KNOWN", database.KNOWN[:applied])
        with Store(tmp_path / "old") as store:
            store.reports.add(store.operations.create("Crue")["id"], {"title": "Digue"})
    before = schema_of(tmp_path / "old")
    Store(tmp_path / "old").close()  # today's code: the rest is applied
    assert len(before) < len(fresh(tmp_path))
    assert schema_of(tmp_path / "old") == fresh(tmp_path)


@pytest.mark.parametrize(
    "name",
    [
        "fieldapp-m001.db",
        "fieldapp-m002.db",
        "fieldapp-m003.db",
        "fieldapp-m004.db",
        "fieldapp-m005.db",
        "fieldapp-m006.db",
        "fieldapp-m007.db",
        "fieldapp-m008.db",
        "fieldapp-m009.db",
    ],
)
def test_a_database_of_an_earlier_release_opens_and_keeps_its_data(tmp_path, name):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(OLD / name, data / "fieldapp.db")  # no connection is open yet
    with Store(data) as store:
        (operation,) = [o for o in store.operations.list() if o["name"].startswith("Demo:")]
        assert operation["name"] == "Demo: floods and storm, France (seed 3)"
        reports = store.conn.execute("SELECT count(*) FROM reports").fetchone()[0]
        assert reports == 20
        # the search index written by the old release still finds its reports
        found = store.reports.list(ReportQuery(operation["id"], search="coupée"))
        assert any("coupée" in r["title"] for r in found)
        features = [f["name"] for f in store.features.list(operation["id"])]
        messages = store.conn.execute("SELECT text FROM radio_messages").fetchall()
    assert features == ([] if name == "fieldapp-m001.db" else ["Basse ville"])
    assert [m[0] for m in messages] == (
        [] if name in ("fieldapp-m001.db", "fieldapp-m002.db") else ["NEED 40 COTS AT SCHOOL"]
    )
    if name in (
        "fieldapp-m006.db",
        "fieldapp-m007.db",
        "fieldapp-m008.db",
        "fieldapp-m009.db",
    ):  # the alert and message survive
        with Store(data) as store:
            (chain,) = store.alerts.chains(operation["id"])
            (message,) = store.messages.list(operation["id"])
        assert chain.current["headline"] == "SEVERE THUNDERSTORM WARNING"
        assert message["texts"] == {"sms": "Crue: evitez la D118"}
    if name == "fieldapp-m007.db":  # the exercise's scenario, its clock and a note survive
        with Store(data) as store:
            (drill,) = [o for o in store.operations.list() if o["name"] == "Exercice crue éclair"]
            injects = store.injects.list(drill["id"])
            (note,) = store.notes.list(drill["id"])
            assert store.runs.current(drill["id"]) == 1 and store.aar.list(drill["id"]) == []
        assert len(injects) == 45 and injects[0]["status"] == "released"
        assert note["text"] == "Relais radio lent" and note["inject_id"] == injects[0]["id"]
    if name in ("fieldapp-m008.db", "fieldapp-m009.db"):  # the trainer's entries, the run
        with Store(data) as store:
            (drill,) = [o for o in store.operations.list() if o["name"] == "Exercice crue éclair"]
            entries = [(e["section"], e["text"], e["due"]) for e in store.aar.list(drill["id"])]
            (run,) = store.runs.list(drill["id"])
            assert store.runs.current(drill["id"]) == 2
            seen = [(r["entity"], r["author"]) for r in store.receipts.list(drill["id"])]
        assert seen == ([("alert", "paul")] if name == "fieldapp-m009.db" else [])
        assert entries == [
            ("strength", "Relais radio tenu", ""),
            ("action", "Former un second opérateur", "2027-01-15"),
        ]
        assert run["number"] == 1 and len(run["summary"]["responses"]) == 1
    if name not in ("fieldapp-m001.db", "fieldapp-m002.db", "fieldapp-m003.db", "fieldapp-m004.db"):
        with Store(data) as store:
            found = [
                tuple(row)
                for row in store.conn.execute(
                    "SELECT text FROM items_fts WHERE items_fts MATCH 'cuxac'"
                )
            ]
        assert found == [("Digue rompue à Cuxac, l'eau monte rue de la gare",)]
    assert schema_of(data) == fresh(tmp_path)
    assert check(data) == []


def test_every_migration_file_is_listed_in_order_under_its_own_name():
    from fieldapp.core import migrations

    files = sorted(p.stem for p in Path(migrations.__file__).parent.glob("m[0-9][0-9][0-9]_*.py"))
    assert list(NAMES) == files
    assert [name for name, _apply in migrations.load()] == [
        __import__(f"fieldapp.core.migrations.{name}", fromlist=["NAME"]).NAME for name in NAMES
    ]
