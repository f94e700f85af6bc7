"""The merge rule (fieldapp.sync.protocol.merge): any arrival order gives the same record and the
same conflict records, so every peer converges."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.sync.protocol.merge import (
    Conflict,
    Write,
    apply_writes,
    canonical,
    conflict_id,
    find_conflicts,
    merge,
    pair_conflict,
    preferred,
)

# Conflict tests: `make conflicts` runs them many times in a row (README, Tests).
pytestmark = pytest.mark.conflict

NODES = ("aaaa", "bbbb", "cccc")
FIELDS = ("title", "severity", "deleted")


def _stamp(wall: int, node: str) -> str:
    return f"{wall:013d}-0000-{node}"


@st.composite
def writes(draw):
    """Writes of one record by three devices, each with a base it may or may not have seen;
    two may share a stamp (a malformed duplicate: the case the tie-breaks exist for)."""
    count = draw(st.integers(1, 8))
    walls = draw(st.lists(st.integers(1, 50), min_size=count, max_size=count))
    out = []
    for wall in walls:
        node = draw(st.sampled_from(NODES))
        field = draw(st.sampled_from(FIELDS))
        value = (
            draw(st.sampled_from([0, 1])) if field == "deleted" else draw(st.sampled_from("xyz"))
        )
        base_wall = draw(st.one_of(st.none(), st.integers(0, wall - 1)))
        base = None if base_wall is None else _stamp(base_wall, draw(st.sampled_from(NODES)))
        out.append(Write(field, value, _stamp(wall, node), base, device=node))
    return out


def _apply_in_order(items: list[Write]):
    """As a peer stores them: the preferred record of each conflict id."""
    state, history, conflicts = {}, [], {}
    for write in items:
        _changed, found = merge("report", "r1", state, history, [write])
        for conflict in found:
            kept = conflicts.get(conflict.id)
            conflicts[conflict.id] = conflict if kept is None else preferred(kept, conflict)
    return state, {cid: c.as_json() for cid, c in conflicts.items()}


@settings(max_examples=300, deadline=None)
@given(writes(), st.randoms(use_true_random=False))
def test_any_order_gives_the_same_state_and_conflicts(items, rnd):
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert _apply_in_order(items) == _apply_in_order(shuffled)


def test_the_highest_stamp_wins_and_the_loser_is_kept_in_a_conflict():
    older = Write("title", "Shelter full", _stamp(10, "aaaa"), _stamp(5, "cccc"), "a", "alice")
    newer = Write("title", "Shelter closed", _stamp(11, "bbbb"), _stamp(5, "cccc"), "b", "bob")
    state, conflicts = _apply_in_order([newer, older])
    assert state["title"] == ("Shelter closed", newer.stamp)
    [conflict] = conflicts.values()
    assert conflict["older"]["v"] == "Shelter full" and conflict["older"]["user"] == "alice"


def test_an_edit_made_after_seeing_the_other_is_no_conflict():
    first = Write("title", "a", _stamp(10, "aaaa"), None)
    second = Write("title", "b", _stamp(12, "bbbb"), first.stamp)
    assert _apply_in_order([first, second])[1] == {}


def test_one_devices_own_successive_edits_never_conflict():
    first = Write("title", "a", _stamp(10, "aaaa"), None)
    second = Write("title", "b", _stamp(12, "aaaa"), None)
    assert _apply_in_order([second, first]) == ({"title": ("b", second.stamp)}, {})


def test_a_device_keeps_the_preferred_record_of_a_conflict_id_whatever_came_first(tmp_path):
    """The server sends an id again when a twin write made a preferred record of it; the
    device must take it, and never go back to the other one."""
    from fieldapp.store import Store
    from fieldapp.sync.client.local import conflicts, save_conflict
    from fieldapp.sync.protocol.merge import pair_conflict

    mine = Write("title", "Shelter full", _stamp(10, "aaaa"), _stamp(5, "cccc"), "a", "anna")
    closed = Write("title", "Shelter closed", _stamp(11, "bbbb"), _stamp(5, "cccc"), "b", "ben")
    shut = Write("title", "Shelter shut", closed.stamp, closed.base, "b", "ben")  # its twin
    first, second = (pair_conflict("report", "r1", mine, w) for w in (closed, shut))
    assert first is not None and second is not None and first.id == second.id
    with Store(tmp_path / "data") as store, store.db.transaction() as conn:
        assert save_conflict(conn, first.as_json(), "server") is True
        save_conflict(conn, second.as_json(), "server")
        save_conflict(conn, first.as_json(), "server")  # an old copy arrives again
        [kept] = conflicts(conn, row_id="r1")
    assert kept["newer"]["v"] == "Shelter shut" == preferred(first, second).newer.value


def test_a_delete_against_an_unseen_edit_is_a_delete_conflict():
    edit = Write("title", "Bridge open", _stamp(10, "aaaa"), None, "a", "anna")
    delete = Write("deleted", 1, _stamp(11, "bbbb"), _stamp(5, "cccc"), "b", "ben")
    state, conflicts = _apply_in_order([edit, delete])
    assert state["deleted"] == (1, delete.stamp)
    [conflict] = conflicts.values()
    assert (conflict["kind"], conflict["field"]) == ("delete", "title")
    assert conflict["older"]["v"] == "Bridge open"  # the edit is kept for the user to see


def test_clearing_a_field_against_an_edit_of_it_is_a_conflict_either_way_round():
    cleared = Write("place", None, _stamp(10, "aaaa"), None, "a")
    edited = Write("place", "Quillan", _stamp(11, "bbbb"), None, "b")
    one, other = (
        pair_conflict("report", "r1", cleared, edited),
        pair_conflict("report", "r1", edited, cleared),
    )
    assert one is not None and one == other
    assert (one.kind, one.older, one.newer) == ("edit", cleared, edited)


def test_equal_values_in_another_key_order_are_no_conflict():
    a = Write("geometry", {"type": "Point", "coordinates": [2, 43]}, _stamp(10, "aaaa"), None)
    b = Write("geometry", {"coordinates": [2, 43], "type": "Point"}, _stamp(11, "bbbb"), None)
    assert pair_conflict("report", "r1", a, b) is None


def test_the_canonical_text_is_fixed_as_every_peer_breaks_ties_with_it():
    assert canonical({"b": [1, 2], "a": "Béziers"}) == '{"a":"Béziers","b":[1,2]}'


@pytest.mark.parametrize(("one", "two"), [("team-1", "team-2"), ("van-x", "desk-x")])
def test_node_ids_with_dashes_are_told_apart(one, two):
    a = Write("title", "a", _stamp(10, one), None)
    b = Write("title", "b", _stamp(11, two), None)
    assert pair_conflict("report", "r1", a, b) is not None  # two devices: a conflict


def test_a_write_received_again_changes_nothing():
    state: dict = {}
    write = Write("title", "Road closed", _stamp(10, "aaaa"), None)
    assert apply_writes(state, [write]) == ["title"]
    assert apply_writes(state, [write]) == []  # a re-delivered page is no edit


def test_two_unseen_edits_arriving_in_one_batch_conflict():
    a = Write("title", "a", _stamp(10, "aaaa"), None)
    b = Write("title", "b", _stamp(11, "bbbb"), None)
    [conflict] = find_conflicts("report", "r1", [], [a, b])
    assert (conflict.older, conflict.newer) == (a, b)


def test_a_conflict_id_is_stable_across_versions():
    # Ids are stored on every peer and sent over the wire: a new formula would make each
    # conflict appear twice.
    older = Write("title", "a", _stamp(10, "aaaa"), None)
    newer = Write("title", "b", _stamp(11, "bbbb"), None)
    assert conflict_id("report", "r1", older, newer) == "6b95904f6a81ce30fc9ab3f632b1cc61"


def test_a_conflict_reads_back_from_its_json_whole():
    older = Write("title", "a", _stamp(10, "aaaa"), _stamp(4, "cccc"), "dev-a", "anna")
    newer = Write("title", "b", _stamp(11, "bbbb"), _stamp(5, "cccc"), "dev-b", "ben")
    conflict = pair_conflict("report", "r1", older, newer)
    assert conflict is not None and Conflict.from_json(conflict.as_json()) == conflict


def test_of_two_records_of_one_id_the_one_with_a_base_is_kept_either_way_round():
    older = Write("title", "a", _stamp(10, "aaaa"), None)
    newer = Write("title", "b", _stamp(11, "bbbb"), None)
    based = Write("title", "b", newer.stamp, _stamp(3, "cccc"))
    unbased = pair_conflict("report", "r1", older, newer)
    with_base = pair_conflict("report", "r1", older, based)
    assert unbased is not None and with_base is not None and unbased.id == with_base.id
    assert preferred(unbased, with_base) == with_base == preferred(with_base, unbased)
    older_based = Write("title", "a", older.stamp, _stamp(2, "cccc"))
    both = pair_conflict("report", "r1", older_based, based)
    assert both is not None
    assert preferred(with_base, both) == both == preferred(both, with_base)


def test_twin_writes_in_one_batch_give_the_preferred_record_whatever_their_order():
    mine = Write("title", "Shelter full", _stamp(10, "aaaa"), _stamp(5, "cccc"), "a", "anna")
    closed = Write("title", "Shelter closed", _stamp(11, "bbbb"), _stamp(5, "cccc"), "b")
    shut = Write("title", "Shelter shut", closed.stamp, closed.base, "b")  # same stamp
    one = find_conflicts("report", "r1", [mine], [closed, shut])
    other = find_conflicts("report", "r1", [mine], [shut, closed])
    assert len(one) == 1 and one == other
    assert one[0].newer.value == "Shelter shut"  # the greater value breaks the tie
