"""People, not ids: the server names the devices of a page's stamps and conflicts, so the
history of a received change and a conflict's versions say who and on which device.
Real `fieldapp serve` on loopback; devices joined under their own names."""

from __future__ import annotations

import pytest
from clientkit import Peer, enroll, start_server

from fieldapp.store import Store
from fieldapp.sync.client.conflict_records import conflict_records
from fieldapp.sync.client.session import SyncClient, join


@pytest.fixture
def server(tmp_path):
    running = start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


def _device(tmp_path, server, user: str, device: str) -> Peer:
    peer = Peer.__new__(Peer)
    peer.dir = tmp_path / device.replace(" ", "_").replace("'", "")
    peer.store = Store(peer.dir, user=user)
    join(peer.store, server.url, enroll(server, user), device)
    peer.client = SyncClient(peer.store, backoff_s=0.01)
    return peer


def test_history_and_conflicts_name_the_person_and_the_device(server, tmp_path):
    olga = _device(tmp_path, server, "olga", "Olga's tablet")
    ben = _device(tmp_path, server, "ben", "Ben's laptop")
    try:
        operation = olga.store.operations.create("Crues de l'Aude")["id"]
        report = olga.store.reports.add(operation, {"title": "Pont fermé"})["id"]
        olga.sync_ok()
        ben.sync_ok()
        olga.store.reports.update(report, {"severity": 4})
        olga.sync_ok()
        ben.sync_ok()
        assert ben.store.db.history(report)[-1]["author"] == "sync from olga (Olga's tablet)"
        olga.store.reports.update(report, {"title": "Pont fermé (vu)"})  # both offline
        ben.store.reports.update(report, {"title": "Pont ouvert"})
        olga.sync_ok()
        ben.sync_ok()
        (record,) = conflict_records(ben.store.conn)
        names = {(v.user, v.device_name) for v in record.versions if v.user == "olga"}
        assert names == {("olga", "Olga's tablet")}
    finally:
        olga.close()
        ben.close()
