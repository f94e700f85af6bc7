"""An observer's note written on a player's laptop (a volunteer's: the desk lets it write
general notes, its scenario being the controllers') is accepted by the server and reaches
the controllers, never another player."""

from __future__ import annotations

import peerkit
import pytest

kit = peerkit.load("exercises_notes")


@pytest.fixture
def server(tmp_path):
    running = kit.start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


def test_a_volunteer_s_note_about_a_player_reaches_the_controllers_only(server, tmp_path):
    trainer = kit.Peer(tmp_path, "tom", server.url, kit.enroll(server, "tom", "trainer"))
    observer = kit.Peer(tmp_path, "olga", server.url, kit.enroll(server, "olga", "volunteer"))
    player = kit.Peer(tmp_path, "paul", server.url, kit.enroll(server, "paul", "volunteer"))
    drill = trainer.store.operations.create("Exercice crue", exercise=True)["id"]
    trainer.store.injects.add(drill, {"number": "1", "at_s": 0, "channel": "sms", "content": "x"})
    trainer.sync_ok()
    observer.sync_ok()
    observer.store.notes.add(drill, "Paul relaie sans vérifier", player="paul", exercise_s=600)
    report = observer.sync_ok()
    assert report.rejected == 0  # the server took it
    trainer.sync_ok()
    player.sync_ok()
    (note,) = trainer.store.notes.list(drill)
    assert (note["author"], note["player"], note["exercise_s"]) == ("olga", "paul", 600)
    assert player.store.notes.list(drill) == []
    for peer in (trainer, observer, player):
        peer.close()
