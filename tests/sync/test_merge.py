"""The merge rule (fieldapp.sync.protocol.merge): any arrival order gives the same record and the
same conflict records, so every peer converges."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.sync.protocol.merge import Write, merge, preferred

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
