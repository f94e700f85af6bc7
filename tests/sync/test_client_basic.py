"""Two devices and a server: what one saves, the other gets; the outbox empties."""

from __future__ import annotations

import pytest
from clientkit import Peer, enroll, newer_than, start_server

from fieldapp.core.errors import ValidationError
from fieldapp.reports.query import ReportQuery
from fieldapp.sync.client.conflict_records import conflict_records
from fieldapp.sync.client.resolve import resolve_record
from fieldapp.sync.client.session import (
    LinkError,
    record_states,
    resolve_conflict,
    retry_delay,
    sync_status,
)


@pytest.fixture
def server(tmp_path):
    running = start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


def test_a_report_made_on_one_device_arrives_on_the_other(server, tmp_path):
    a = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))
    b = Peer(tmp_path, "ben", server.url, enroll(server, "ben"))
    op = a.store.operations.create("Floods")
    report = a.store.reports.add(op["id"], {"title": "Bridge closed", "severity": 4})
    first = a.sync_ok()
    assert first.pushed == 2 and a.store.db.outbox_count() == 0
    got = b.sync_ok()
    assert got.pulled == 2
    assert b.store.reports.get(report["id"])["title"] == "Bridge closed"
    assert b.store.db.outbox_count() == 0  # pulled changes are not sent back
    b.store.reports.update(report["id"], {"title": "Bridge open again"})
    b.sync_ok()
    a.sync_ok()
    assert a.store.reports.get(report["id"])["title"] == "Bridge open again"
    history = a.store.db.history(report["id"])
    assert history[-1]["action"] == "synced" and history[-1]["author"].startswith("sync from")
    found = a.store.reports.list(ReportQuery(op["id"], search="open"))
    assert [r["id"] for r in found] == [report["id"]]  # the search index followed
    a.store.reports.update(report["id"], {"severity": 5})
    a.sync_ok()
    b.sync_ok()
    b.store.reports.delete(report["id"])  # b had seen a's last edit: no conflict either
    b.sync_ok()
    a.sync_ok()
    assert a.store.reports.list(ReportQuery(op["id"])) == []
    assert a.client_conflicts() == [] and b.client_conflicts() == []


@pytest.mark.conflict
def test_concurrent_edits_leave_a_conflict_that_a_resolution_settles_everywhere(server, tmp_path):
    a = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))
    b = Peer(tmp_path, "ben", server.url, enroll(server, "ben"))
    op = a.store.operations.create("Floods")
    rid = a.store.reports.add(op["id"], {"title": "Bridge", "severity": 2})["id"]
    a.sync_ok()
    b.sync_ok()
    a.store.reports.update(rid, {"title": "Bridge closed"})  # both offline
    b.store.reports.update(rid, {"title": "Bridge open"})
    other = a.store.reports.add(op["id"], {"title": "Dam"})["id"]
    b.store.reports.delete(rid)
    a.sync_ok()
    b.sync_ok()
    a.sync_ok()
    assert a.reports(op["id"]) == b.reports(op["id"])
    found = {(c["field"], c["kind"]) for c in a.client_conflicts()}
    assert found == {("title", "edit"), ("title", "delete")}
    assert {c["id"] for c in b.client_conflicts()} == {c["id"] for c in a.client_conflicts()}
    edit = next(c for c in a.client_conflicts() if c["kind"] == "edit")
    assert {edit["older"]["v"], edit["newer"]["v"]} == {"Bridge closed", "Bridge open"}
    resolve_conflict(a.store, edit["id"], "Bridge closed (checked)")
    a.sync_ok()
    b.sync_ok()
    settled = next(c for c in b.client_conflicts() if c["id"] == edit["id"])
    assert settled["resolved_by"] == "anna"
    assert b.reports(op["id"])[rid]["title"] == "Bridge closed (checked)"
    assert b.store.reports.get(other)["title"] == "Dam"


@pytest.mark.conflict
def test_one_edit_settles_every_field_of_a_record_and_syncs(server, tmp_path):
    a = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))
    b = Peer(tmp_path, "ben", server.url, enroll(server, "ben"))
    op = a.store.operations.create("Floods")
    rid = a.store.reports.add(op["id"], {"title": "Bridge", "tags": ["road"]})["id"]
    a.sync_ok()
    b.sync_ok()
    b.store.reports.update(rid, {"title": "Bridge open", "tags": ["road", "open"]})
    newer_than(a, b)
    a.store.reports.update(rid, {"title": "Bridge closed", "tags": ["road", "closed"]})
    b.sync_ok()
    a.sync_ok()
    [record] = conflict_records(a.store.conn)
    assert record.fields == ["title", "tags"]
    assert [v.user for v in record.versions] == ["ben", "anna"]
    assert record.versions[0].values == {"title": "Bridge open", "tags": '["road", "open"]'}

    with pytest.raises(ValidationError):
        resolve_record(a.store, "report", rid, {"title": " "})
    assert a.store.db.outbox_count() == 0 and sync_status(a.store).conflicts == 1  # one record

    settled = resolve_record(a.store, "report", rid, {"title": "Bridge closed to trucks"})
    assert sorted(settled) == sorted(c["id"] for c in record.conflicts)
    report = a.store.reports.get(rid)
    assert (report["title"], report["tags"]) == ("Bridge closed to trucks", ["road", "closed"])
    assert a.store.db.outbox_count() == 1 and sync_status(a.store).conflicts == 0
    a.sync_ok()
    b.sync_ok()
    assert b.store.reports.get(rid)["title"] == "Bridge closed to trucks"
    assert b.store.reports.get(rid)["tags"] == ["road", "closed"]
    assert sync_status(b.store).conflicts == 0
    assert conflict_records(b.store.conn) == []


@pytest.mark.conflict
def test_a_feature_and_a_message_are_settled_as_validated_edits_and_sync(server, tmp_path):
    a = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))
    b = Peer(tmp_path, "ben", server.url, enroll(server, "ben"))
    op = a.store.operations.create("Floods")["id"]
    square = {"type": "Polygon", "coordinates": [[[2, 48], [2.1, 48], [2.1, 48.1], [2, 48]]]}
    fid = a.store.features.add(op, name="Field", category="flooded_area", geometry=square)["id"]
    mid = a.store.radio.add(op, {"text": "NEED SANDBAGS", "received_from": "F4XYZ"})["id"]
    a.sync_ok()
    b.sync_ok()
    b.store.features.edit(fid, name="Flooded field", category="danger_zone")
    newer_than(a, b)
    a.store.features.edit(fid, name="Field under water", category="shelter")
    b.store.radio.update(mid, {"text": "NEED 50 SANDBAGS", "precedence": "PRIORITY"})
    newer_than(a, b)
    a.store.radio.update(mid, {"text": "NEED 80 SANDBAGS", "precedence": "EMERGENCY"})
    b.sync_ok()
    a.sync_ok()
    assert {r.entity: r.fields for r in conflict_records(a.store.conn)} == {
        "feature": ["name", "category"],
        "radio_message": ["precedence", "text"],
    }

    bad = [
        ("feature", fid, {"name": "  "}, "name"),
        ("feature", fid, {"category": "lake"}, "category"),
        ("radio_message", mid, {"text": ""}, "text"),
    ]
    for entity, row_id, values, field in bad:
        with pytest.raises(ValidationError) as refused:
            resolve_record(a.store, entity, row_id, values)
        assert field in refused.value.errors
    assert a.store.db.outbox_count() == 0 and sync_status(a.store).conflicts == 2

    resolve_record(a.store, "feature", fid, {"name": " Flooded field ", "category": "danger_zone"})
    resolve_record(a.store, "radio_message", mid, {"text": " NEED 50 SANDBAGS",
                                                   "precedence": "priority"})  # fmt: skip
    assert a.store.db.outbox_count() == 2 and sync_status(a.store).conflicts == 0
    a.sync_ok()
    b.sync_ok()
    feature, message = b.store.features.get(fid), b.store.radio.get(mid)
    assert (feature["name"], feature["category"]) == ("Flooded field", "danger_zone")
    assert (message["text"], message["precedence"]) == ("NEED 50 SANDBAGS", "PRIORITY")
    assert sync_status(b.store).conflicts == 0


def test_the_ui_sees_local_only_then_on_the_server(server, tmp_path):
    a = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))
    op = a.store.operations.create("Floods")
    rid = a.store.reports.add(op["id"], {"title": "Bridge"})["id"]
    before = record_states(a.store.conn, "report", [rid])[rid]
    assert before == {"on_server": False, "on_server_at": None, "pending": 1}
    status = sync_status(a.store)
    assert status.pending == 2 and status.last_success is None
    assert 0 <= status.oldest_age_s < 60  # the operation, made a moment ago
    a.sync_ok()
    after = record_states(a.store.conn, "report", [rid])[rid]
    assert after["on_server"] and after["on_server_at"] > 0 and after["pending"] == 0
    assert sync_status(a.store).last_success


def test_radio_messages_their_hops_and_map_features_sync_too(server, tmp_path):
    a = Peer(tmp_path, "anna", server.url, enroll(server, "anna", "volunteer"))
    b = Peer(tmp_path, "ben", server.url, enroll(server, "ben"))
    op = b.store.operations.create("Floods")["id"]  # a volunteer may not create operations
    b.sync_ok()
    a.sync_ok()
    message = a.store.radio.add(
        op, {"text": "NEED SANDBAGS AT BRIDGE", "received_from": "F4XYZ"}, station="F4ABC"
    )
    a.store.radio.relay(message["id"], to_station="F1AAA", net="ARES", station="F4ABC")
    square = {"type": "Polygon", "coordinates": [[[2, 48], [2.1, 48], [2.1, 48.1], [2, 48]]]}
    feature = a.store.features.add(op, name="Flooded field", category="flooded_area",
                                  geometry=square)  # fmt: skip
    sent = a.sync_ok()
    assert sent.pushed == a.store.db.outbox_count() + sent.pushed and sent.rejected == 0
    b.sync_ok()
    got = b.store.radio.get(message["id"])
    assert got["text"] == "NEED SANDBAGS AT BRIDGE" and got["status"] == "relayed"
    assert [h["to_station"] for h in got["hops"]] == ["F4ABC", "F1AAA"]
    assert [m["id"] for m in b.store.radio.search(op, "sandbags")] == [message["id"]]
    assert b.store.features.get(feature["id"])["geometry"] == square


def test_probe_and_cancel_tell_the_truth(server, tmp_path):
    a = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))
    assert a.client.probe()["user"] == "anna"
    a.store.operations.create("Floods")
    phases = []
    report = a.client.sync(progress=lambda *p: phases.append(p[0]), cancel=lambda: True)
    assert not report.complete and "cancelled" in report.summary()
    assert a.store.db.outbox_count() == 1
    assert a.sync_ok().pushed == 1
    server.stop()
    with pytest.raises(LinkError, match=r"cannot reach .* \(Connection refused\); gave up"):
        a.client.probe()
    a.store.operations.create("Fires")
    offline = a.client.sync()
    assert not offline.complete and offline.pushed == 0
    assert offline.bytes_up == 0, "no connection was made: nothing went out"
    assert 2.5 <= retry_delay(0) <= 5 and retry_delay(20) <= 300
