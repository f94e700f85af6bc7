"""The hybrid logical clock: stamps always increase and order the same everywhere."""

from __future__ import annotations

import pytest

from fieldapp.core.hlc import MAX_DRIFT_MS, ClockSkewError, HybridClock, Stamp


def _clock(node, times):
    it = iter(times)
    return HybridClock(node, now=lambda: next(it))


def test_stamps_increase_when_the_wall_clock_goes_backwards():
    clock = _clock("a", [1000, 1000, 900, 900])
    stamps = [clock.tick() for _ in range(4)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 4
    assert all(s.wall_ms == 1000 for s in stamps)


def test_text_order_is_stamp_order():
    stamps = [Stamp(999, 3, "b"), Stamp(1000, 0, "a"), Stamp(1000, 16, "a"), Stamp(1000, 2, "c")]
    assert sorted(stamps) == sorted(stamps, key=lambda s: s.encode())
    assert Stamp.parse(stamps[2].encode()) == stamps[2]


def test_observing_a_remote_stamp_moves_past_it():
    clock = _clock("a", [1000, 1000])
    remote = Stamp(5000, 7, "b")
    local = clock.observe(remote)
    assert local > remote and local.node == "a"
    assert clock.tick() > local


def test_a_stamp_far_in_the_future_is_refused():
    clock = _clock("a", [1000])
    with pytest.raises(ClockSkewError):
        clock.observe(Stamp(1000 + MAX_DRIFT_MS + 1, 0, "b"))


def test_garbage_is_not_a_stamp():
    with pytest.raises(ValueError):
        Stamp.parse("yesterday")
