"""The replica's write path at its edges: records received by sync, the outbox as sync
reads it, and the history as the report window shows it."""

from __future__ import annotations

from fieldapp.core.replica import default_user, field_stamp
from fieldapp.reports.domain import to_db, validate_report

S1, S2, S3 = (f"00017640000{n:02d}-0000-othernode" for n in (10, 20, 30))


def _received_row(operation, report_id="r-remote"):
    clean = to_db(validate_report({"title": "Bridge closed", "author": "bruno"}))
    return {
        "id": report_id,
        "operation_id": operation["id"],
        "created_at": "2026-11-28T10:00:00.000Z",
        **clean,
    }


def test_a_received_record_keeps_its_stamps_and_is_not_sent_back(store, operation):
    before = store.db.outbox_count()
    store.db.take_changes()
    with store.db.transaction():
        store.db.insert_received("report", _received_row(operation), {"*": S1, "title": S2})
    report = store.reports.get("r-remote")
    assert report["title"] == "Bridge closed"
    assert report["updated_hlc"] == S2  # the newest of its stamps
    assert (field_stamp(report, "title"), field_stamp(report, "place")) == (S2, S1)
    assert store.db.outbox_count() == before  # another device's edit: never pushed back
    assert list(store.db.take_changes()) == [("report", "r-remote")]  # views read it again


def test_a_received_edit_moves_only_its_fields_and_never_the_record_back(store, operation):
    with store.db.transaction():
        store.db.insert_received("report", _received_row(operation), {"*": S2})
    store.db.take_changes()
    with store.db.transaction():
        store.db.update_received("report", "r-remote", {"title": "Bridge open"}, {"title": S3})
    report = store.reports.get("r-remote")
    assert report["title"] == "Bridge open" and report["updated_hlc"] == S3
    assert (field_stamp(report, "title"), field_stamp(report, "place")) == (S3, S2)
    assert list(store.db.take_changes()) == [("report", "r-remote")]
    with store.db.transaction():  # an older field stamp does not make the record older
        store.db.update_received("report", "r-remote", {"place": "Quillan"}, {"place": S1})
    report = store.reports.get("r-remote")
    assert report["updated_hlc"] == S3 and field_stamp(report, "place") == S1


def test_the_outbox_is_read_in_order_a_page_at_a_time(store, operation):
    first = store.reports.add(operation["id"], {"title": "Road flooded"})
    store.reports.update(first["id"], {"severity": 5})
    entries = store.db.outbox_entries()
    assert [e["entity"] for e in entries] == ["operation", "report", "report"]
    assert store.db.outbox_oldest() == entries[0]["created_at"]
    page = store.db.outbox_entries(limit=1, after_seq=entries[0]["seq"])
    assert [e["seq"] for e in page] == [entries[1]["seq"]]
    assert page[0]["fields"]["title"] == "Road flooded"
    assert entries[2]["fields"] == {"severity": 5}
    assert entries[2]["stamps"] == {
        "severity": field_stamp(store.reports.get(first["id"]), "severity")
    }
    assert store.db.outbox_entries(after_seq=entries[-1]["seq"]) == []


def test_an_empty_outbox_has_no_oldest_change(tmp_path):
    from fieldapp.store import Store

    with Store(tmp_path / "data", user="alice") as store:
        assert store.db.outbox_count() == 0 and store.db.outbox_oldest() is None


def test_the_history_says_who_changed_what_and_when_in_order(store, operation):
    report = store.reports.add(operation["id"], {"title": "Road flooded", "severity": 2})
    store.reports.update(report["id"], {"severity": 4})
    history = store.db.history(report["id"])
    assert [(h["action"], h["author"], h["changes"]) for h in history] == [
        ("created", "alice", {}),
        ("updated", "alice", {"severity": [2, 4]}),
    ]
    assert history[0]["hlc"] < history[1]["hlc"] and history[0]["at"] <= history[1]["at"]


def test_an_edit_of_a_record_the_server_has_remembers_the_stamp_it_replaced(store, operation):
    # The base stamp tells the server whether this edit saw the others (merge.py).
    report = store.reports.add(operation["id"], {"title": "Road flooded"})
    with store.db.transaction() as conn:
        conn.execute("INSERT INTO sync_records VALUES ('report', ?, 1)", [report["id"]])
    store.db.take_changes()
    store.reports.update(report["id"], {"severity": 5, "place": "Lézignan"})
    bases = store.db.conn.execute(
        "SELECT field, base FROM sync_base WHERE entity = 'report' AND row_id = ?",
        [report["id"]],
    ).fetchall()
    created = field_stamp(report, "severity")
    assert sorted(map(tuple, bases)) == [("place", created), ("severity", created)]
    assert list(store.db.take_changes()) == [("report", report["id"])]


def test_a_received_edit_of_several_fields_stores_each(store, operation):
    with store.db.transaction():
        store.db.insert_received("report", _received_row(operation), {"*": S1})
        store.db.update_received(
            "report",
            "r-remote",
            {"title": "Bridge open", "place": "Quillan"},
            {"title": S2, "place": S3},
        )
    report = store.reports.get("r-remote")
    assert (report["title"], report["place"]) == ("Bridge open", "Quillan")


def test_a_store_opened_without_a_user_signs_as_the_user_of_its_settings(tmp_path):
    from fieldapp.core.bookkeeping import set_state
    from fieldapp.store import Store

    with Store(tmp_path / "data", user="alice") as store, store.db.transaction() as conn:
        set_state(conn, {"user": "camille"})
    with Store(tmp_path / "data") as store:
        assert store.db.user == "camille"


def test_without_a_login_name_the_author_is_unknown(monkeypatch):
    import getpass

    def no_name() -> str:
        raise KeyError("uid 1000 has no name")

    monkeypatch.setattr(getpass, "getuser", no_name)
    assert default_user() == "unknown"
