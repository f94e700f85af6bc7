"""Read receipts: the first time a player opens what an inject delivered, the player's
device writes a receipt; the controllers' timeline and the after-action report say when
each inject was first seen, and by whom — only players count, only in exercises."""

from __future__ import annotations

import pytest

from fieldapp.core.bookkeeping import set_state
from fieldapp.core.errors import ValidationError
from fieldapp.core.rights import write_refusal
from fieldapp.exercises.release import release
from fieldapp.exercises.response import responses
from fieldapp.exercises.runs import reset
from fieldapp.store import Store
from fieldapp.sync.protocol.checks import record_problem

INJECTS = [
    {"number": "1", "at_s": 0, "channel": "social", "content": "Le pont de Sommières a cédé"},
    {
        "number": "2",
        "at_s": 60,
        "channel": "alert",
        "content": "Vigilance rouge crues",
        "details": {"area": "INSEE:30"},
    },
    {"number": "3", "at_s": 120, "channel": "radio", "content": "NEED SANDBAGS AT ARAMON"},
    {"number": "4", "at_s": 180, "channel": "phone", "content": "Famille sur le toit"},
]


@pytest.fixture
def drill(store):
    """An exercise whose four injects (one per kind of record) are released."""
    drill = store.operations.create("Exercice crue", exercise=True)["id"]
    delivered = {}
    for inject_id in store.injects.add_many(drill, INJECTS):
        (record,) = release(store, inject_id)
        delivered[record["entity"]] = record["id"]
    return drill, delivered


def _device(store: Store, user: str, role: str) -> Store:
    """Another program on this data folder, as `user`, joined to a server as `role`."""
    with store.db.transaction() as conn:
        set_state(conn, {"role": role})
    return Store(store.data_dir, user=user)


def test_a_player_opening_what_an_inject_delivered_writes_one_receipt(store, drill):
    operation, delivered = drill
    with _device(store, "paul", "volunteer") as paul:
        receipts = {entity: paul.receipts.saw(entity, rid) for entity, rid in delivered.items()}
        assert all(r is not None and r["author"] == "paul" for r in receipts.values())
        again = [paul.receipts.saw(entity, rid) for entity, rid in delivered.items()]
        sent = paul.conn.execute(
            "SELECT count(*) FROM outbox WHERE entity = 'read_receipt'"
        ).fetchone()[0]
    assert again == [None] * 4  # opened again: nothing more is written
    assert sent == 4  # each receipt goes to the controllers with the next sync
    found = {r.number: r for r in responses(store, operation)}
    by_channel = {"item": "1", "alert": "2", "radio_message": "3", "report": "4"}
    for entity, number in by_channel.items():
        response = found[number]
        assert (response.seen_at, response.seen_by) == (receipts[entity]["seen_at"], "paul")
        assert response.seen_seconds is not None and 0 <= response.seen_seconds < 60
        assert response.answered_at is None  # opening is not answering


def test_only_a_player_opening_an_inject_s_record_counts(store, drill):
    operation, delivered = drill
    real = store.operations.create("Crue réelle")["id"]
    real_report = store.reports.add(real, {"title": "Digue fissurée"})["id"]
    own_report = store.reports.add(operation, {"title": "Vu par un joueur"})["id"]
    assert store.receipts.saw("report", delivered["report"]) is None  # never joined a server
    with _device(store, "tom", "trainer") as tom:  # a controller checking what went out
        assert tom.receipts.saw("report", delivered["report"]) is None
    with _device(store, "paul", "volunteer") as paul:
        assert paul.receipts.saw("report", real_report) is None  # a real operation
        assert paul.receipts.saw("report", own_report) is None  # no inject delivered it
        assert paul.receipts.saw("report", "0193-no-such-report") is None
        with pytest.raises(ValidationError, match="read receipt names one of"):
            paul.receipts.saw("feature", own_report)
    with _device(store, "alice", "volunteer") as alice:  # the inject's own author
        assert alice.receipts.saw("item", delivered["item"]) is not None
    assert store.receipts.list(real) == []
    found = {r.number: r for r in responses(store, operation)}
    assert found["1"].seen_at is None and found["4"].seen_at is None


def test_a_receipt_is_a_player_s_own_and_belongs_to_an_exercise():
    at = "2026-12-05T10:00:00.000Z"
    receipt = {"entity": "item", "record_id": "x", "seen_at": at, "created_at": at}
    assert write_refusal("volunteer", "read_receipt", True, None, receipt, True) is None
    refusal = write_refusal("volunteer", "read_receipt", False, None, receipt, True)
    assert refusal == "read receipts belong to exercise operations"
    refusal = write_refusal("coordinator", "read_receipt", False, None, receipt, True)
    assert refusal == "read receipts belong to exercise operations"
    moved = {"seen_at": "2026-12-05T09:00:00.000Z"}
    refusal = write_refusal("volunteer", "read_receipt", True, receipt, moved, False)
    assert refusal == "a volunteer edits only the records it created"
    problem = record_problem("read_receipt", {}, {**receipt, "entity": "feature"}, new=True)
    assert problem is not None and problem.startswith("read_receipt.entity")


def test_a_reset_clears_the_receipts_with_the_players_data(store, drill, tmp_path):
    operation, delivered = drill
    with _device(store, "paul", "volunteer") as paul:
        paul.receipts.saw("item", delivered["item"])
    with _device(store, "alice", "") as controller:
        done = reset(controller, operation, tmp_path / "run1.db")
        assert controller.receipts.list(operation) == []
    assert done.cleared["read_receipt"] == 1
