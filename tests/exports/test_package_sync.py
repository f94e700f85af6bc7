"""A package and sync meet without duplicates, on a real `fieldapp serve` on loopback:
device A makes an operation, syncs and exports it; device B imports the package, then
joins the server and syncs. B holds each record once, with A's later edit merged in; the
server stores each record once, and B's own edit of an imported record is no conflict."""

from __future__ import annotations

import json

import peerkit
import pytest
from sqlalchemy import func, select

from fieldapp.store import Store
from fieldapp.sync.client.package_export import export_operation
from fieldapp.sync.client.package_import import import_package
from fieldapp.sync.server import tables as t

kit = peerkit.load("exports_package")


@pytest.fixture
def server(tmp_path):
    running = kit.start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


def _server_rows(server, op: str) -> dict[str, int]:
    """Records of the operation on the server, per id: how many rows each has."""
    with server.db.read() as conn:
        rows = conn.execute(
            select(t.records.c.id, func.count()).where(t.records.c.operation_id == op)
            .group_by(t.records.c.id)
        ).all()  # fmt: skip
    return {row[0]: row[1] for row in rows}


def test_import_then_sync_merges_and_nothing_is_stored_twice(server, tmp_path):
    alice = kit.Peer(tmp_path, "alice", server.url, kit.enroll(server, "alice"))
    op = alice.store.operations.create("Crues de l'Aude")["id"]
    report = alice.store.reports.add(op, {"title": "Digue fissurée", "severity": 3})
    other = alice.store.reports.add(op, {"title": "Route coupée", "severity": 2})
    photo = tmp_path / "digue.txt"
    photo.write_text("la digue vue du pont")
    alice.store.attachments.add(report["id"], photo)
    ring = [[2.3, 43.2], [2.4, 43.2], [2.4, 43.3], [2.3, 43.2]]
    area = {"type": "Polygon", "coordinates": [ring]}
    alice.store.features.add(op, name="Zone", category="flooded_area", geometry=area)
    alice.store.radio.add(op, {"text": "Digue fissurée à Cuxac"}, station="F4ABC")
    alice.sync_ok()
    package = tmp_path / "crues.fieldapp-op"
    export_operation(alice.store, op, package)
    alice.store.reports.update(report["id"], {"severity": 5})  # after the export
    alice.sync_ok()
    before = _server_rows(server, op)

    with Store(tmp_path / "bob", user="bob") as bob_store:  # never saw the server
        import_package(bob_store, package)
        bob_store.db.clock.observe(alice.store.db.clock.last)
        bob_store.reports.update(other["id"], {"title": "Route coupée à Coursan"})
    bob = kit.Peer(tmp_path, "bob", server.url, kit.enroll(server, "bob"))
    bob.sync_ok()
    alice.sync_ok()

    ids = bob.store.conn.execute(
        "SELECT id, count(*) FROM reports WHERE operation_id = ? GROUP BY id", [op]
    ).fetchall()
    assert sorted((i, n) for i, n in ids) == sorted([(report["id"], 1), (other["id"], 1)])
    assert bob.store.reports.get(report["id"])["severity"] == 5  # alice's later edit
    assert alice.store.reports.get(other["id"])["title"] == "Route coupée à Coursan"
    after = _server_rows(server, op)
    assert set(after) == set(before) and set(after.values()) == {1}
    assert bob.client_conflicts() == [] and alice.client_conflicts() == []
    assert bob.store.db.outbox_count() == 0
    sha = bob.store.conn.execute("SELECT sha256 FROM attachments").fetchone()[0]
    assert bob.store.attachments.blobs.has(sha)
    with server.db.read() as conn:
        fields = conn.execute(select(t.records.c.fields).where(t.records.c.id == other["id"]))
        assert json.loads(fields.scalar_one())["title"][0] == "Route coupée à Coursan"
    alice.close()
    bob.close()
