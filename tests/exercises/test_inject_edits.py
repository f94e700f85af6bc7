"""The scenario edited by its controllers: a pending inject written again or taken out,
what happened (released, skipped) left alone, bad values refused naming the field with
nothing stored; the clock's past read from its history; the players an observer can
name."""

from __future__ import annotations

import time

import pytest

from fieldapp.core.errors import ValidationError
from fieldapp.core.times import utc_now
from fieldapp.exercises.clockhistory import clock_history
from fieldapp.exercises.players import players_seen
from fieldapp.exercises.release import release
from fieldapp.store import Store

INJECTS = [
    {"number": "1", "at_s": 0, "channel": "social", "content": "Ça monte rue du Pont"},
    {"number": "2", "at_s": 600, "channel": "phone", "content": "Famille sur le toit",
     "details": {"lat": "43.89", "lon": "4.68"}},
    {"number": "3", "at_s": 900, "channel": "radio", "content": "NEED SANDBAGS",
     "follows": "2"},
]  # fmt: skip


@pytest.fixture
def drill(store):
    operation = store.operations.create("Exercice crue", exercise=True)["id"]
    store.injects.add_many(operation, INJECTS)
    return operation


def _by_number(store, drill):
    return {i["number"]: i for i in store.injects.list(drill)}


def test_a_pending_inject_is_written_again_and_what_happened_stays(store, drill):
    injects = _by_number(store, drill)
    edited = store.injects.edit(
        injects["2"]["id"],
        {**INJECTS[1], "at_s": 720, "content": "Famille bloquée", "details": {"place": "Aramon"}},
    )
    assert (edited["at_s"], edited["content"]) == (720, "Famille bloquée")
    assert edited["details"] == {"place": "Aramon"} and edited["status"] == "pending"
    history = store.db.history(edited["id"])
    assert history[-1]["changes"]["content"] == ["Famille sur le toit", "Famille bloquée"]
    release(store, injects["1"]["id"])
    with pytest.raises(ValidationError, match="already released"):
        store.injects.edit(injects["1"]["id"], {**INJECTS[0], "content": "autre"})
    assert store.injects.get(injects["1"]["id"])["content"] == INJECTS[0]["content"]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"number": "1"}, "number"),  # another inject's number
        ({"at_s": -60}, "at_s"),
        ({"details": {"lat": "143"}}, "details"),
        ({"details": {"Zone Nord": "x"}}, "details"),
        ({"follows": "9"}, "follows"),
        ({"follows": "2"}, "follows"),  # itself
    ],
)
def test_a_bad_edit_names_the_field_and_changes_nothing(store, drill, values, field):
    before = _by_number(store, drill)["2"]
    with pytest.raises(ValidationError) as refused:
        store.injects.edit(before["id"], {**INJECTS[1], **values})
    assert field in refused.value.errors
    assert store.injects.get(before["id"]) == before


def test_a_bad_detail_or_follows_is_refused_on_the_fly_too(store, drill):
    with pytest.raises(ValidationError) as refused:
        store.injects.add(drill, {**INJECTS[0], "number": "4", "details": {"lon": "east"}})
    assert "details" in refused.value.errors
    with pytest.raises(ValidationError, match="follows inject 8"):
        store.injects.add(drill, {**INJECTS[0], "number": "4", "follows": "8"})
    assert len(store.injects.list(drill)) == 3


def test_a_pending_inject_is_deleted_unless_another_follows_it_or_it_happened(store, drill):
    injects = _by_number(store, drill)
    with pytest.raises(ValidationError, match="inject 3 follows inject 2"):
        store.injects.delete(injects["2"]["id"])
    with pytest.raises(ValidationError, match="inject 3 follows"):
        store.injects.edit(injects["2"]["id"], {**INJECTS[1], "number": "2b"})
    store.injects.delete(injects["3"]["id"])
    store.injects.delete(injects["2"]["id"])
    assert [i["number"] for i in store.injects.list(drill)] == ["1"]
    assert store.db.history(injects["3"]["id"])[-1]["action"] == "deleted"
    store.injects.skip(injects["1"]["id"])
    with pytest.raises(ValidationError, match="already skipped"):
        store.injects.delete(injects["1"]["id"])
    added = store.injects.add(drill, {**INJECTS[1], "number": "2"})  # its number is free again
    assert added["status"] == "pending"


def test_a_player_cannot_edit_or_delete_the_scenario(store, drill):
    inject = _by_number(store, drill)["1"]
    store.db.conn.execute(
        "INSERT OR REPLACE INTO sync_state(key, value) VALUES ('role', 'volunteer')"
    )
    store.db.conn.commit()
    with pytest.raises(ValidationError, match="only its controllers"):
        store.injects.edit(inject["id"], {**INJECTS[0], "content": "x"})
    with pytest.raises(ValidationError, match="only its controllers"):
        store.injects.delete(inject["id"])


def test_the_clock_s_past_is_read_from_its_history(store, drill):
    before = utc_now()
    time.sleep(0.02)
    t0 = utc_now()
    store.clocks.start(drill, now=t0)
    time.sleep(0.05)
    t1 = utc_now()
    store.clocks.jump(drill, 3600, now=t1)
    time.sleep(0.05)
    t2 = utc_now()
    store.clocks.pause(drill, now=t2)
    time.sleep(0.05)
    paused_at = store.clocks.get(drill).offset_s
    history = clock_history(store, drill)
    assert history.seconds_at(before) == 0  # not started yet
    assert history.seconds_at(t0) == 0
    assert 0 <= history.seconds_at(t1) - 3600 <= 1
    assert history.seconds_at(utc_now()) == paused_at >= 3600
    store.clocks.start(drill)
    assert history.seconds_at(t0) == clock_history(store, drill).seconds_at(t0)


def test_the_players_an_observer_can_name(store, drill):
    first = _by_number(store, drill)["1"]
    store.clocks.start(drill)
    (post,) = release(store, first["id"])
    with Store(store.data_dir, user="paul") as paul:
        paul.items.set_status([post["id"]], "rumour")
    with Store(store.data_dir, user="Lea") as lea:
        lea.reports.add(drill, {"title": "Route coupée", "kind": "hazard"})
    store.notes.add(drill, "Bonne réaction", player="marc")
    assert players_seen(store, drill) == ["Lea", "marc", "paul"]  # not the controller
