"""Two laptops watch the same sources and sync through a real server: one item per post."""

from __future__ import annotations

import peerkit
import pytest

from fieldapp.monitoring.intake import poll_sources
from fieldapp.monitoring.queue import QueueQuery

kit = peerkit.load("monitoring")
Peer, enroll, start_server = kit.Peer, kit.enroll, kit.start_server


@pytest.fixture
def server(tmp_path):
    running = start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


def items(peer, op: str) -> dict[str, dict]:
    rows = peer.store.conn.execute(
        "SELECT id, text, status, claimed_by FROM items WHERE operation_id = ?", [op]
    )
    return {row["id"]: dict(row) for row in rows}


def test_the_same_posts_polled_on_two_laptops_are_one_item_each_after_sync(
    server, tmp_path, feed_server, sample
):
    feed_server.serve("/guardian.rss", sample("rss2_news_guardian_us.rss"),
                      headers={"Content-Type": "application/rss+xml"})  # fmt: skip
    feed_server.mastodon.add("crue", 30)
    anna = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))
    ben = Peer(tmp_path, "ben", server.url, enroll(server, "ben", "volunteer"))
    op = anna.store.operations.create("Crues")["id"]
    anna.sync_ok()
    ben.sync_ok()
    for peer in (anna, ben):
        peer.store.sources.add(op, "rss", feed_server.url("/guardian.rss"))
        peer.store.sources.add(op, "mastodon_tag", f"{feed_server.base}/tags/crue")
        polled = poll_sources(peer.store, op, force=True)
        assert [p.error for p in polled] == ["", ""]
    assert len(items(anna, op)) == len(items(ben, op)) == 55 + 30
    anna.sync_ok()
    ben.sync_ok()
    anna.sync_ok()
    assert items(anna, op) == items(ben, op)
    assert len(items(anna, op)) == 85  # never two items for one post
    assert anna.client_conflicts() == [] and ben.client_conflicts() == []
    assert anna.store.db.outbox_count() == ben.store.db.outbox_count() == 0


def test_a_claim_made_on_one_laptop_shows_on_the_other_and_is_refused_there(
    server, tmp_path, feed_server, sample
):
    feed_server.mastodon.add("crue", 5)
    anna = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))
    ben = Peer(tmp_path, "ben", server.url, enroll(server, "ben", "volunteer"))
    op = anna.store.operations.create("Crues")["id"]
    anna.store.sources.add(op, "mastodon_tag", f"{feed_server.base}/tags/crue")
    poll_sources(anna.store, op, force=True)
    anna.store.queue.settle()
    card = anna.store.queue.cards(QueueQuery(op))[0]
    members = anna.store.queue.members(card.cluster_id)
    anna.store.items.claim(members)
    anna.sync_ok()
    ben.sync_ok()
    ben.store.queue.settle()
    [seen] = [
        c for c in ben.store.queue.cards(QueueQuery(op)) if c.lead_item_id == card.lead_item_id
    ]
    assert seen.claimed_by == "anna"
    with pytest.raises(Exception, match="already claimed by anna"):
        ben.store.items.claim(members)
    ben.store.items.set_status(members, "dismissed")  # a volunteer triages anna's posts
    ben.sync_ok()
    anna.sync_ok()
    assert {i["status"] for i in anna.store.items.many(members)} == {"dismissed"}
