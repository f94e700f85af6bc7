"""Reset and replay across devices, with a real server on loopback: the reset's
deletions clear the players' devices too, the archived run and the trainer's entries
reach a co-controller and never a player."""

from __future__ import annotations

import peerkit
import pytest

from fieldapp.exercises.release import release
from fieldapp.exercises.runs import reset

kit = peerkit.load("exercises_replay")

INJECTS = [
    {"number": "1", "at_s": 0, "channel": "social", "content": "Le pont de Sommières a cédé"},
    {"number": "2", "at_s": 60, "channel": "phone", "content": "Famille sur le toit à Aramon"},
]


@pytest.fixture
def server(tmp_path):
    running = kit.start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


def _live(store, table: str, drill: str) -> int:
    return store.conn.execute(
        f"SELECT COUNT(*) FROM {table} WHERE operation_id = ? AND deleted = 0", [drill]
    ).fetchone()[0]


def test_a_reset_clears_the_players_devices_and_the_run_stays_with_the_controllers(
    server, tmp_path
):
    trainer = kit.Peer(tmp_path, "tom", server.url, kit.enroll(server, "tom", "trainer"))
    other = kit.Peer(tmp_path, "cleo", server.url, kit.enroll(server, "cleo", "trainer"))
    player = kit.Peer(tmp_path, "paul", server.url, kit.enroll(server, "paul", "volunteer"))
    drill = trainer.store.operations.create("Exercice crue", exercise=True)["id"]
    for inject_id in trainer.store.injects.add_many(drill, INJECTS):
        release(trainer.store, inject_id)
    trainer.sync_ok()
    player.sync_ok()
    assert (_live(player.store, "items", drill), _live(player.store, "reports", drill)) == (1, 1)

    reset(trainer.store, drill, tmp_path / "run1.db")
    trainer.store.aar.add(drill, "improvement", "Relais radio lent")
    trainer.sync_ok()
    for peer in (other, player):
        peer.sync_ok()

    assert (_live(player.store, "items", drill), _live(player.store, "reports", drill)) == (0, 0)
    assert player.store.runs.list(drill) == [] and player.store.aar.list(drill) == []
    assert [r["number"] for r in other.store.runs.list(drill)] == [1]
    assert [e["text"] for e in other.store.aar.list(drill)] == ["Relais radio lent"]
    assert other.store.runs.current(drill) == 2  # a co-controller replays the same run
    for peer in (trainer, other, player):
        peer.close()
