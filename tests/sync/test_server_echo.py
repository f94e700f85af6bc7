"""Echo: a device that names its own pushes in `have` is not sent back the values they
wrote, yet gets every value, tombstone and conflict that came from elsewhere. Raw HTTP
against a real server, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from pathlib import Path

import sqlalchemy as sa
from conftest import Server, statuses

from fieldapp.sync.protocol import wire
from fieldapp.sync.server.db import Database


def _batch_seq(answer) -> int:
    assert answer.status_code == 200, answer.text
    return answer.json()["batch_seq"]


def _shared_report(server, coordinator, operation, title: str):
    """A report the coordinator pushed, and vera, another device that can edit it:
    (report id, the push's batch_seq, its title stamp, vera)."""
    rid, created = coordinator.new_report(operation, title)
    batch_seq = _batch_seq(coordinator.push([created]))
    vera = server.device("vera", "coordinator", "tablet")
    return rid, batch_seq, created["fields"]["title"]["s"], vera


def test_a_pusher_naming_its_batch_gets_none_of_it_back_and_others_get_all(
    server, coordinator, operation
):
    _, _, first = coordinator.pull_all()
    entries = [coordinator.new_report(operation, f"report {n}")[1] for n in range(5)]
    mine = _batch_seq(coordinator.push(entries))
    records, conflicts, cursor = coordinator.pull_all(first, have=str(mine))
    assert records == [] and conflicts == [] and cursor >= mine
    whole, _, _ = coordinator.pull_all(first)  # no `have` (a version 1 client): everything
    assert sorted(r["id"] for r in whole) == sorted(e["id"] for e in entries)
    vera = server.device("vera", "volunteer", "tablet")
    theirs, _, _ = vera.pull_all(first)
    assert len(theirs) == 5


def test_a_record_carries_the_fields_other_devices_wrote_in_the_same_window(
    server, coordinator, operation
):
    rid, since, seen, vera = _shared_report(server, coordinator, operation, "Shelter open")
    statuses(vera.push([vera.entry("report", rid, operation, base=seen, body="Beds: 40")]))
    mine = _batch_seq(
        coordinator.push([coordinator.entry("report", rid, operation, base=seen, title="Full")])
    )
    [record], _, _ = coordinator.pull_all(since, have=str(mine))
    assert record["fields"] == {"body": "Beds: 40"}  # vera's field; none of its own again
    [whole], _, _ = vera.pull_all(since)
    assert whole["fields"]["title"] == "Full" and whole["fields"]["body"] == "Beds: 40"


def test_an_old_record_of_this_device_changed_elsewhere_brings_only_the_change(
    server, coordinator, operation
):
    rid, _, seen, vera = _shared_report(server, coordinator, operation, "Water on the road")
    _, _, cursor = coordinator.pull_all()  # the device pulls past its own push
    statuses(vera.push([vera.entry("report", rid, operation, base=seen, severity=5)]))
    [record], _, _ = coordinator.pull_all(cursor)
    assert record["fields"] == {"severity": 5}
    [whole], _, _ = server.device("otto", "volunteer", "phone").pull_all(cursor)
    assert whole["fields"]["title"] == "Water on the road"  # others get the whole record


def test_what_the_merge_kept_instead_and_tombstones_come_back_with_the_conflicts(
    server, coordinator, operation
):
    rid, since, seen, vera = _shared_report(server, coordinator, operation, "Road cut")
    older = coordinator.entry("report", rid, operation, base=seen, title="Road open")
    vera.wall = max(vera.wall, coordinator.wall + 5)  # vera edits later, offline too
    newer = vera.entry("report", rid, operation, base=seen, title="Road flooded", deleted=1)
    statuses(vera.push([newer]))
    answer = coordinator.push([older])
    assert statuses(answer) == ["conflict"]
    [record], conflicts, _ = coordinator.pull_all(since, have=str(_batch_seq(answer)))
    assert record["fields"]["title"] == "Road flooded"  # vera's later title won
    assert record["fields"]["deleted"] == 1  # a tombstone this device did not write
    assert {c["kind"] for c in conflicts} == {"edit", "delete"}


def test_a_bad_have_is_refused_in_words(server, coordinator, operation):
    for bad in ("x", "1,,2", ",".join(["7"] * (wire.MAX_HAVE + 1)), "-3"):
        answer = coordinator.pull(have=bad)
        assert answer.status_code == 422, (bad, answer.text)
    assert coordinator.pull(have=",".join(["7"] * wire.MAX_HAVE)).status_code == 200


def test_records_stored_before_the_migration_are_always_sent_whole(db_url, tmp_path):
    from alembic import command
    from alembic.config import Config

    from fieldapp.sync.server import db as db_module

    old = Database(db_url)
    config = Config()
    config.set_main_option("script_location", str(Path(db_module.__file__).parent / "migrations"))
    with old.write() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "m0001")
        conn.execute(sa.text("UPDATE counters SET value = 1 WHERE name = 'seq'"))
        conn.execute(
            sa.text(
                "INSERT INTO records(entity, id, operation_id, owner_id, seq, deleted, fields)"
                " VALUES ('operation', :id, :id, 1, 1, false, :fields)"
            ),
            {"id": "op-old", "fields": '{"name": ["Old floods", "1732800000000-0000-n1"]}'},
        )
    old.close()
    server = Server(db_url, tmp_path / "srv").start()
    try:
        device = server.device("carla", "coordinator")
        records, _, _ = device.pull_all(have="1")
        assert [(r["id"], r["fields"]) for r in records] == [("op-old", {"name": "Old floods"})]
        _, entry = device.new_report("op-old", f"new {uuid.uuid4().hex[:4]}")
        assert statuses(device.push([entry])) == ["applied"]
    finally:
        server.stop()
        server.db.close()
