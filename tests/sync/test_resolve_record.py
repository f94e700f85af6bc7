"""Settling a whole record at once: one edit, validated, that settles its conflicts everywhere."""

from __future__ import annotations

import pytest
from clientkit import Peer, enroll, start_server

from fieldapp.domain import ValidationError
from fieldapp.sync.client import sync_status
from fieldapp.sync.conflict_records import conflict_records
from fieldapp.sync.resolve import resolve_record


@pytest.fixture
def server(tmp_path):
    running = start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


def test_one_edit_settles_every_field_of_a_record_and_syncs(server, tmp_path):
    a = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))
    b = Peer(tmp_path, "ben", server.url, enroll(server, "ben"))
    op = a.store.create_operation("Floods")
    rid = a.store.add_report(op["id"], {"title": "Bridge", "tags": ["road"]})["id"]
    a.sync_ok()
    b.sync_ok()
    b.store.update_report(rid, {"title": "Bridge open", "tags": ["road", "open"]})
    a.store.update_report(rid, {"title": "Bridge closed", "tags": ["road", "closed"]})
    b.sync_ok()
    a.sync_ok()
    [record] = conflict_records(a.store.conn)
    assert record.fields == ["title", "tags"]
    assert [v.user for v in record.versions] == ["ben", "anna"]
    assert record.versions[0].values == {"title": "Bridge open", "tags": '["road", "open"]'}

    with pytest.raises(ValidationError):
        resolve_record(a.store, "report", rid, {"title": " "})
    assert a.store.outbox_count() == 0 and sync_status(a.store).conflicts == 2

    settled = resolve_record(a.store, "report", rid, {"title": "Bridge closed to trucks"})
    assert sorted(settled) == sorted(c["id"] for c in record.conflicts)
    report = a.store.get_report(rid)
    assert (report["title"], report["tags"]) == ("Bridge closed to trucks", ["road", "closed"])
    assert a.store.outbox_count() == 1 and sync_status(a.store).conflicts == 0
    a.sync_ok()
    b.sync_ok()
    assert b.store.get_report(rid)["title"] == "Bridge closed to trucks"
    assert b.store.get_report(rid)["tags"] == ["road", "closed"]
    assert sync_status(b.store).conflicts == 0
    assert conflict_records(b.store.conn) == []
