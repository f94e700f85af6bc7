"""The outreach desk through a real server: a volunteer's draft approved by a coordinator,
published by the volunteer, seen by both; a rumour and its sightings shared; and the
server's refusal of an approval forged on a volunteer's device (core/rights.py)."""

from __future__ import annotations

import peerkit
import pytest

from fieldapp.core.errors import ValidationError

kit = peerkit.load("outreach")
Peer, enroll, start_server = kit.Peer, kit.enroll, kit.start_server


@pytest.fixture
def server(tmp_path):
    running = start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


@pytest.fixture
def team(server, tmp_path):
    anna = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))  # a coordinator
    ben = Peer(tmp_path, "ben", server.url, enroll(server, "ben", "volunteer"))
    op = anna.store.operations.create("Crues")["id"]
    anna.sync_ok()
    ben.sync_ok()
    yield anna, ben, op
    anna.close()
    ben.close()


TEXTS = {"sms": "Crue: evitez la D118", "mastodon": "Crue : évitez la D118"}


def test_a_volunteer_writes_a_coordinator_approves_the_volunteer_publishes(team):
    anna, ben, op = team
    draft = ben.store.messages.add(op, {"title": "D118", "language": "fr", "texts": TEXTS})
    ben.sync_ok()
    anna.sync_ok()
    assert anna.store.messages.get(draft["id"])["status"] == "draft"
    anna.store.messages.approve(draft["id"])
    anna.sync_ok()
    ben.sync_ok()
    assert ben.store.messages.get(draft["id"])["approved_by"] == "anna"
    ben.store.messages.publish(draft["id"], channel="mastodon", via="@visov",
                               link="https://mastodon.example/@visov/7")  # fmt: skip
    report = ben.sync_ok()
    assert report.rejected == 0
    anna.sync_ok()
    assert anna.store.messages.get(draft["id"])["status"] == "published"
    (relay,) = anna.store.relays.of_message(draft["id"])
    assert (relay["author"], relay["link"]) == ("ben", "https://mastodon.example/@visov/7")
    assert anna.client_conflicts() == [] and ben.client_conflicts() == []


def test_an_approval_forged_on_a_volunteer_s_device_is_refused_by_the_server(team):
    anna, ben, op = team
    draft = anna.store.messages.add(op, {"title": "D118", "language": "fr", "texts": TEXTS})
    anna.sync_ok()
    ben.sync_ok()
    with pytest.raises(ValidationError, match="only a coordinator approves"):
        ben.store.messages.approve(draft["id"])  # the desktop says so at once
    current = dict(ben.store.conn.execute(
        "SELECT * FROM public_messages WHERE id = ?", [draft["id"]]).fetchone())  # fmt: skip
    with ben.store.db.transaction() as conn:  # what a bad device could send: around the
        conn.execute("DELETE FROM sync_owners")  # repository, and the owners forgotten
        ben.store.db.update_record("public_message", current, {
            "status": ("draft", "approved"), "approved_by": ("", "ben")})  # fmt: skip
    report = ben.sync()
    assert report.rejected == 1
    anna.sync_ok()
    assert anna.store.messages.get(draft["id"])["status"] == "draft"


def test_a_rumour_and_its_sightings_reach_the_team(team):
    anna, ben, op = team
    report = ben.store.reports.add(op, {"title": "Rumeur du barrage au marché"})
    rumour = ben.store.rumours.add(op, {"claim": "Le barrage a cédé"})
    ben.store.rumours.link(rumour["id"], "report", report["id"])
    ben.sync_ok()
    anna.sync_ok()
    (row,) = anna.store.rumours.board(op)
    assert (row.rumour["claim"], row.sightings) == ("Le barrage a cédé", 1)
    anna.store.rumours.edit(rumour["id"], {"status": "debunked", "verification": "EDF: rien"})
    anna.sync_ok()
    ben.sync_ok()
    assert ben.store.rumours.get(rumour["id"])["status"] == "debunked"
