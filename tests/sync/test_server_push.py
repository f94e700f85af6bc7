"""Push and pull against a real server, on SQLite and PostgreSQL: idempotency, merge,
conflicts, clock skew, size limits."""

from __future__ import annotations

import gzip
import json
import uuid

import pytest
from conftest import statuses

from fieldapp.core.hlc import MAX_DRIFT_MS
from fieldapp.sync.protocol import wire


def test_a_pushed_report_reaches_another_device(server, coordinator, operation):
    rid, entry = coordinator.new_report(operation, "Bridge closed at Quillan")
    assert statuses(coordinator.push([entry])) == ["applied"]
    other = server.device("vera", "volunteer", "tablet")
    records, conflicts, cursor = other.pull_all()
    report = next(r for r in records if r["id"] == rid)
    assert wire.expand_record(report)["title"] == (
        "Bridge closed at Quillan",
        entry["fields"]["title"]["s"],
    )
    assert conflicts == [] and cursor > 0
    again, _, _ = other.pull_all(cursor)
    assert again == []


def test_the_same_batch_twice_is_applied_once(server, coordinator, operation):
    entries = [coordinator.new_report(operation, f"report {n}")[1] for n in range(3)]
    first = coordinator.push(entries, batch_key="batch-1")
    replay = coordinator.push(entries, batch_key="batch-1")
    assert statuses(first) == ["applied"] * 3
    assert replay.json()["results"] == ["applied"] * 3 and replay.json()["replayed"]
    records, _, _ = coordinator.pull_all()
    assert sum(r["entity"] == "report" for r in records) == 3


def test_an_op_id_in_a_second_batch_is_a_duplicate(server, coordinator, operation):
    _, entry = coordinator.new_report(operation)
    assert statuses(coordinator.push([entry])) == ["applied"]
    # the answer was lost: the client retries under a new batch key, with one new entry
    _, fresh = coordinator.new_report(operation, "another")
    assert statuses(coordinator.push([entry, fresh, fresh])) == [
        "duplicate",
        "applied",
        "duplicate",
    ]
    with server.db.read() as conn:
        count = conn.exec_driver_sql("SELECT count(*) FROM changes").scalar_one()
    assert count == 3  # the operation and two reports, each once


@pytest.mark.conflict
def test_concurrent_edits_converge_with_one_conflict_record(server, coordinator, operation):
    rid, created = coordinator.new_report(operation, "Shelter open")
    statuses(coordinator.push([created]))
    base = created["fields"]["title"]["s"]
    vera = server.device("vera", "coordinator", "tablet")
    mine = coordinator.entry("report", rid, operation, base=base, title="Shelter full")
    theirs = vera.entry("report", rid, operation, base=base, title="Shelter closed")
    assert statuses(coordinator.push([mine])) == ["applied"]
    answer = vera.push([theirs])
    assert statuses(answer) == ["conflict"]
    [conflict_id] = answer.json()["conflicts"]["0"]
    for device in (coordinator, vera):
        records, conflicts, _ = device.pull_all()
        report = next(r for r in records if r["id"] == rid)
        assert report["fields"]["title"] == "Shelter closed"  # the higher stamp (vera's, later)
        assert [c["id"] for c in conflicts] == [conflict_id]
        assert {conflicts[0]["older"]["v"], conflicts[0]["newer"]["v"]} == {
            "Shelter full",
            "Shelter closed",
        }
    # Resolving: an ordinary edit on top of the winner, naming the conflict.
    winner = theirs["fields"]["title"]["s"]
    fix = coordinator.entry(
        "report", rid, operation, base=winner, title="Shelter full, overflow to gym"
    )
    fix["resolves"] = [conflict_id]
    assert statuses(coordinator.push([fix])) == ["applied"]
    _, conflicts, _ = vera.pull_all()
    assert conflicts[0]["resolved_by"] == "carla"


@pytest.mark.conflict
def test_a_delete_against_a_concurrent_edit_is_a_conflict(server, coordinator, operation):
    rid, created = coordinator.new_report(operation)
    statuses(coordinator.push([created]))
    seen = created["fields"]["title"]["s"]
    vera = server.device("vera", "coordinator", "tablet")
    edit = vera.entry("report", rid, operation, base=seen, severity=5)
    delete = coordinator.entry("report", rid, operation, base=seen, deleted=1)
    statuses(vera.push([edit]))
    assert statuses(coordinator.push([delete])) == ["conflict"]
    records, conflicts, _ = vera.pull_all()
    assert next(r for r in records if r["id"] == rid)["fields"]["deleted"] == 1
    assert conflicts[0]["kind"] == "delete" and conflicts[0]["field"] == "severity"


def test_a_stamp_far_ahead_of_the_server_clock_is_rejected(server, coordinator, operation):
    _, entry = coordinator.new_report(operation)
    ahead = coordinator.wall + MAX_DRIFT_MS + 60_000
    for value in entry["fields"].values():
        value["s"] = f"{ahead:013d}-0000-{coordinator.node}"
    answer = coordinator.push([entry])
    assert statuses(answer) == ["rejected"]
    assert "clock ahead" in answer.json()["reasons"]["0"]
    assert abs(answer.json()["server_time"] - coordinator.wall) < 60_000


def test_unknown_entities_and_fields_reject_only_that_entry(server, coordinator, operation):
    _, good = coordinator.new_report(operation)
    bad_field = coordinator.entry("report", uuid.uuid4().hex, operation, title="x", colour="red")
    bad_entity = coordinator.entry("spaceship", uuid.uuid4().hex, operation, name="x")
    answer = coordinator.push([good, bad_field, bad_entity])
    assert statuses(answer) == ["applied", "rejected", "rejected"]
    assert "colour" in answer.json()["reasons"]["1"]
    assert "spaceship" in answer.json()["reasons"]["2"]


def test_a_value_of_the_wrong_kind_rejects_that_entry_naming_the_field(
    server, coordinator, operation
):
    _, good = coordinator.new_report(operation)
    sticky = coordinator.entry("report", uuid.uuid4().hex, operation, title="x", severity="high")
    answer = coordinator.push([good, sticky])
    assert statuses(answer) == ["applied", "rejected"]
    assert "report.severity must be a whole number" in answer.json()["reasons"]["1"]
    records, _, _ = coordinator.pull_all()
    assert sticky["id"] not in {r["id"] for r in records}


def test_a_malformed_body_says_what_is_wrong(server, coordinator):
    _, entry = coordinator.new_operation()
    entry["fields"]["name"]["s"] = "yesterday"
    answer = coordinator.push([entry])
    assert answer.status_code == 400
    assert "entries[0].fields.name.s" in answer.json()["detail"]
    answer = coordinator.http.post(f"{server.url}/push", data=b"{not json")
    assert answer.status_code == 400 and "JSON" in answer.json()["detail"]


def test_oversize_bodies_and_gzip_bombs_are_refused(server, coordinator):
    huge = b"x" * (wire.MAX_BODY_BYTES + 1)
    assert coordinator.http.post(f"{server.url}/push", data=huge).status_code == 413
    bomb = gzip.compress(b" " * (wire.MAX_JSON_BYTES + 1024), compresslevel=9)
    assert len(bomb) < wire.MAX_BODY_BYTES
    answer = coordinator.http.post(f"{server.url}/push", data=bomb,
                                   headers={"Content-Encoding": "gzip"})  # fmt: skip
    assert answer.status_code == 413
    assert coordinator.http.get(f"{server.url}/status").status_code == 200


def test_answers_are_gzip_compressed(server, coordinator, operation):
    statuses(coordinator.push([coordinator.new_report(operation)[1] for _ in range(20)]))
    answer = coordinator.pull()
    assert answer.headers["Content-Encoding"] == "gzip"
    assert len(answer.content) > 0 and json.loads(answer.content)["records"]


@pytest.mark.conflict
def test_writes_sharing_a_stamp_leave_the_same_conflict_record_in_any_order(
    server, coordinator, operation
):
    """A malformed device sends two values under one stamp. The conflict id names the
    stamps, not the values: every peer must end with the same record of it, whichever of
    the two arrived first (the preferred one), not the first one each happened to see."""
    rid, created = coordinator.new_report(operation, "Shelter open")
    statuses(coordinator.push([created]))
    base = created["fields"]["title"]["s"]
    vera = server.device("vera", "coordinator", "tablet")
    mine = coordinator.entry("report", rid, operation, base=base, title="Shelter full")
    assert statuses(coordinator.push([mine])) == ["applied"]
    theirs = vera.entry("report", rid, operation, base=base, title="Shelter closed")
    twin = {**theirs, "op_id": "twin-" + theirs["op_id"]}
    twin["fields"] = {"title": {**theirs["fields"]["title"], "v": "Shelter shut"}}
    for entry in (theirs, twin):  # "Shelter shut" > "Shelter closed": the preferred one
        assert statuses(vera.push([entry])) == ["conflict"]
    _, conflicts, _ = coordinator.pull_all()
    [conflict] = [c for c in conflicts if c["row_id"] == rid]
    assert conflict["newer"]["v"] == "Shelter shut"  # not the first one the server saw
