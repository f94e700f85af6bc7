"""Issue 13, items 1, 2, 6 and 7: a device is trusted with nothing beyond its role. Each
test is the attack as sent, on a real server (SQLite and PostgreSQL): the answer, and
that nothing was stored or leaked."""

from __future__ import annotations

import uuid

import pytest
from conftest import report_values, statuses

from fieldapp.core.errors import ValidationError
from fieldapp.core.rights import UNVERIFIED
from fieldapp.store import Store
from fieldapp.sync.server import accounts


def _members(device, operation, members):
    url = f"{device.server.url}/operations/{operation}/members"
    if members is None:
        return device.http.delete(url, timeout=10)
    return device.http.put(url, json={"members": members}, timeout=10)


def _fields(device, row_id) -> dict:
    return next(r["fields"] for r in device.pull_all()[0] if r["id"] == row_id)


def test_item1_a_coordinator_cannot_lift_or_take_over_a_restriction_it_is_not_part_of(
    server, coordinator, operation
):
    rid, report = coordinator.new_report(operation, "Secret site")
    statuses(coordinator.push([report]))
    accounts.add_user(server.db, "mia", "volunteer")
    assert _members(coordinator, operation, ["carla", "mia"]).status_code == 200
    olga = server.device("olga", "coordinator", "olga-laptop")
    for attempt in (["olga"], None):
        answer = _members(olga, operation, attempt)
        assert answer.status_code in (403, 404), answer.text
    assert rid not in {r["id"] for r in olga.pull_all()[0]}
    assert rid in {r["id"] for r in coordinator.pull_all()[0]}
    # an open operation is restricted only by its creator (or an admin)
    op2, entry = coordinator.new_operation("Open one")
    statuses(coordinator.push([entry]))
    taken = _members(olga, op2, ["olga"])
    assert taken.status_code == 403 and "created" in taken.json()["detail"]
    assert op2 in {r["id"] for r in coordinator.pull_all()[0]}
    assert _members(olga, "no-such-op", ["olga"]).status_code == 404
    admin = server.device("ada", "admin", "ada-laptop")
    assert _members(admin, operation, None).status_code == 200
    assert rid in {r["id"] for r in olga.pull_all()[0]}


def test_item2_a_trainer_cannot_edit_a_real_operation_by_flipping_exercise(
    server, coordinator, operation
):
    rid, report = coordinator.new_report(operation, "Dam breach", verification="confirmed",
                                         verified_by="carla")  # fmt: skip
    statuses(coordinator.push([report]))
    tom = server.device("tom", "trainer", "tom-laptop")
    stamp = report["fields"]["title"]["s"]
    batch = [
        tom.entry("operation", operation, operation, base=stamp, exercise=1),
        tom.entry("report", rid, operation, base=stamp, title="Nothing happened",
                  verification="debunked"),
        tom.entry("operation", operation, operation, base=stamp, exercise=0),
    ]  # fmt: skip
    answer = tom.push(batch)
    assert statuses(answer) == ["rejected"] * 3, answer.text
    assert "exercise" in answer.json()["reasons"]["0"]
    fields = _fields(coordinator, rid)
    assert (fields["title"], fields["verification"]) == ("Dam breach", "confirmed")
    assert _fields(coordinator, operation)["exercise"] == 0
    # its own exercise never becomes a real operation, whoever asks but an admin
    drill, made = tom.new_operation("Drill", exercise=1)
    statuses(tom.push([made]))
    base = made["fields"]["exercise"]["s"]
    assert statuses(tom.push([tom.entry("operation", drill, drill, base=base, exercise=0)])) == [
        "rejected"
    ]
    flip = coordinator.entry("operation", operation, operation, base=stamp, exercise=1)
    assert statuses(coordinator.push([flip])) == ["rejected"]
    admin = server.device("ada", "admin", "ada-laptop")
    assert statuses(admin.push([admin.entry("operation", drill, drill, base=base,
                                            exercise=0)])) == ["applied"]  # fmt: skip


def test_item6_an_edit_resolves_only_conflicts_of_its_own_record(server, coordinator, operation):
    rid, report = coordinator.new_report(operation, "Bridge")
    statuses(coordinator.push([report]))
    olga = server.device("olga", "coordinator", "olga-laptop")
    base = report["fields"]["title"]["s"]
    statuses(coordinator.push([coordinator.entry("report", rid, operation, base=base,
                                                 title="Bridge closed")]))  # fmt: skip
    clash = olga.push([olga.entry("report", rid, operation, base=base, title="Bridge open")])
    assert statuses(clash) == ["conflict"]
    conflict_id = clash.json()["conflicts"]["0"][0]
    vera = server.device("vera", "volunteer", "vera-laptop")
    mine, entry = vera.new_report(operation, "Mine")
    statuses(vera.push([entry]))
    sneaky = vera.entry("report", mine, operation, base=entry["fields"]["title"]["s"],
                        title="Mine, edited")  # fmt: skip
    sneaky["resolves"] = [conflict_id]
    assert statuses(vera.push([sneaky])) == ["applied"]
    conflicts = {c["id"]: c for c in coordinator.pull_all()[1]}
    assert conflicts[conflict_id]["resolved_by"] is None


def test_item7_a_volunteer_cannot_verify_a_report(server, coordinator, operation):
    vera = server.device("vera", "volunteer", "vera-laptop")
    forged = vera.entry("report", uuid.uuid4().hex, operation,
                        **report_values(verification="confirmed", verified_by="carla"))  # fmt: skip
    mine, entry = vera.new_report(operation, "Mine")
    answer = vera.push([forged, entry])
    assert statuses(answer) == ["rejected", "applied"]
    assert "only a coordinator verifies" in answer.json()["reasons"]["0"]
    base = entry["fields"]["title"]["s"]
    verify = vera.entry("report", mine, operation, base=base, verification="confirmed",
                        verified_by="carla")  # fmt: skip
    assert statuses(vera.push([verify])) == ["rejected"]
    assert _fields(coordinator, mine)["verification"] == "unverified"
    assert forged["id"] not in {r["id"] for r in coordinator.pull_all()[0]}
    ok = coordinator.entry("report", mine, operation, base=base, verification="confirmed",
                           verified_by="carla")  # fmt: skip
    assert statuses(coordinator.push([ok])) == ["applied"]


def test_item7_volunteers_log_radio_traffic_of_their_own_but_write_no_operation(
    server, coordinator, operation
):
    """Decision (README, Sync server): radio amateurs join as volunteers and log messages
    and relay hops; they edit only those they logged, and never an operation."""
    created = "2026-11-28T20:35:27.123Z"
    vera = server.device("vera", "volunteer", "vera-laptop")
    mid = uuid.uuid4().hex
    message = vera.entry(
        "radio_message",
        mid,
        operation,
        kind="radiogram",
        direction="received",
        status="received",
        text="QRV",
        logged_at=created,
        created_at=created,
    )
    theirs = uuid.uuid4().hex
    statuses(coordinator.push([coordinator.entry(
        "radio_message", theirs, operation, kind="radiogram", direction="received",
        status="received", text="QTH", logged_at=created, created_at=created)]))  # fmt: skip
    edit = vera.entry("radio_message", theirs, operation, text="changed")
    rename = vera.entry("operation", operation, operation, name="Mine now")
    assert statuses(vera.push([message, edit, rename])) == ["applied", "rejected", "rejected"]


def test_item7_the_desktop_says_beforehand_that_a_volunteer_cannot_verify(tmp_path):
    with Store(tmp_path / "vera", user="vera") as store:
        op = store.operations.create("Storm")["id"]
        rid = store.reports.add(op, {"title": "Bridge"})["id"]
        with store.db.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO sync_state(key, value) VALUES ('role', ?)",
                         ["volunteer"])  # fmt: skip
        with pytest.raises(ValidationError, match="only a coordinator verifies"):
            store.reports.update(rid, {"verification": "confirmed"})
        with pytest.raises(ValidationError, match="only a coordinator verifies"):
            store.reports.add(op, {"title": "Other", "verification": "confirmed"})
        assert store.reports.get(rid)["verification"] == UNVERIFIED["verification"]
