"""Two laptops poll the same CAP feed and sync through a real server: an alert one of
them took in and synced is not downloaded by the other; when both took it in before
either synced, it is still one record, with no conflict and no refusal (the synced record
is a function of the CAP message alone: who took it in stays on each laptop)."""

from __future__ import annotations

from datetime import UTC, datetime

import peerkit
import pytest
from capserver import CapFeed, Entry, FeedServer, cap_alert

from fieldapp.alerts.capsource import poll_cap_sources

NOW = datetime(2026, 12, 5, 9, tzinfo=UTC).timestamp()
SENT = "2026-12-05T07:00:00+00:00"
LATER = "2026-12-06T18:00:00+01:00"


kit = peerkit.load("alerts")
Peer, enroll, start_server = kit.Peer, kit.enroll, kit.start_server


@pytest.fixture
def server(tmp_path):
    running = start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


@pytest.fixture
def cap_server():
    with FeedServer() as server:
        yield server


def alerts(peer, op: str) -> dict[str, tuple[str, str]]:
    rows = peer.store.conn.execute(
        "SELECT id, identifier, msg_type FROM alerts WHERE operation_id = ?", [op]
    )
    return {row["id"]: (row["identifier"], row["msg_type"]) for row in rows}


def test_an_alert_a_teammate_synced_is_not_downloaded_again(server, tmp_path, cap_server):
    feed = CapFeed(cap_server)
    feed.document("/cap/1", cap_alert("FR-1", "2026-12-05T08:00:00+01:00"))
    feed.document("/cap/2", cap_alert("FR-2", "2026-12-05T08:05:00+01:00"))
    url = feed.index([Entry("/cap/1", "FR-1", SENT, LATER)])
    anna = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))
    ben = Peer(tmp_path, "ben", server.url, enroll(server, "ben", "volunteer"))
    op = anna.store.operations.create("Crues")["id"]
    anna.store.sources.add(op, "cap", url)
    assert poll_cap_sources(anna.store, op, force=True, now=NOW)[0].new == 1
    anna.sync_ok()
    ben.sync_ok()  # ben has FR-1 from anna before he adds the feed, which now lists FR-2
    feed.index([Entry("/cap/2", "FR-2", SENT, LATER), Entry("/cap/1", "FR-1", SENT, LATER)])
    ben.store.sources.add(op, "cap", url)
    (polled,) = poll_cap_sources(ben.store, op, force=True, now=NOW)
    assert (polled.new, polled.known, polled.errors) == (1, 1, [])
    assert len(cap_server.requests("/cap/1")) == 1  # anna's download only
    ben.sync_ok()
    anna.sync_ok()
    assert sorted(alerts(anna, op).values()) == [("FR-1", "Alert"), ("FR-2", "Alert")]
    assert alerts(anna, op) == alerts(ben, op)
    assert anna.client_conflicts() == [] and ben.client_conflicts() == []
    assert anna.store.db.outbox_count() == ben.store.db.outbox_count() == 0


def test_the_same_alert_taken_in_on_two_laptops_before_any_sync_is_one_record(
    server, tmp_path, cap_server
):
    feed = CapFeed(cap_server)
    feed.document("/cap/1", cap_alert("FR-1", "2026-12-05T08:00:00+01:00"))
    url = feed.index([Entry("/cap/1", "FR-1", SENT, LATER)])
    anna = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))
    ben = Peer(tmp_path, "ben", server.url, enroll(server, "ben", "volunteer"))
    op = anna.store.operations.create("Crues")["id"]
    anna.sync_ok()
    ben.sync_ok()
    for peer in (anna, ben):  # each from the feed, before either syncs
        peer.store.sources.add(op, "cap", url)
        assert poll_cap_sources(peer.store, op, force=True, now=NOW)[0].new == 1
    ben.sync_ok()
    anna.sync_ok()
    ben.sync_ok()
    assert alerts(anna, op) == alerts(ben, op)
    assert list(alerts(anna, op).values()) == [("FR-1", "Alert")]
    assert anna.client_conflicts() == [] and ben.client_conflicts() == []
    assert anna.store.db.outbox_count() == ben.store.db.outbox_count() == 0
