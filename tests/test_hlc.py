"""The hybrid logical clock: stamps always increase and order the same everywhere."""

from __future__ import annotations

import time

import pytest

from fieldapp.core.hlc import MAX_DRIFT_MS, ClockSkewError, HybridClock, Stamp


def _clock(node, times):
    it = iter(times)
    return HybridClock(node, now=lambda: next(it))


def test_stamps_increase_when_the_wall_clock_goes_backwards():
    clock = _clock("a", [1000, 1000, 900, 900])
    stamps = [clock.tick() for _ in range(4)]
    assert stamps == [Stamp(1000, n, "a") for n in range(4)]


def test_a_fresh_clock_starts_before_any_stamp():
    clock = HybridClock("a", now=lambda: 0)
    assert clock.last == Stamp(0, 0, "a")
    assert clock.tick() == Stamp(0, 1, "a")


def test_the_default_clock_reads_whole_milliseconds_of_real_time():
    wall = HybridClock("a").tick().wall_ms
    assert isinstance(wall, int) and abs(wall - time.time() * 1000) < 60_000


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


NOW = 1_764_000_000_000  # a real epoch in ms: the skew guard compares differences


def test_the_skew_guard_allows_exactly_the_drift_and_says_how_far_ahead():
    clock = HybridClock("a", now=lambda: NOW)
    assert clock.observe(Stamp(NOW - 3_600_000, 0, "b")) == Stamp(NOW, 0, "a")
    assert clock.observe(Stamp(NOW + MAX_DRIFT_MS, 4, "b")) == Stamp(NOW + MAX_DRIFT_MS, 5, "a")
    with pytest.raises(ClockSkewError, match=r"^stamp from c is 600 s ahead$"):
        HybridClock("a", now=lambda: NOW).observe(Stamp(NOW + 600_000, 0, "c"))


def test_garbage_is_not_a_stamp():
    with pytest.raises(ValueError, match="'yesterday' is not a clock stamp"):
        Stamp.parse("yesterday")


def test_a_node_id_with_dashes_survives_the_text_form():
    stamp = Stamp(NOW, 0x1F, "laptop-2-b7c1")
    assert Stamp.parse(stamp.encode()) == stamp


@pytest.mark.parametrize(
    ("last", "remote", "now", "expected"),
    [
        # Same millisecond on both sides: past the larger of the two counters.
        (Stamp(1000, 2, "a"), Stamp(1000, 5, "b"), 1000, Stamp(1000, 6, "a")),
        (Stamp(1000, 7, "a"), Stamp(1000, 5, "b"), 1000, Stamp(1000, 8, "a")),
        # Our last stamp leads: our counter moves on, the remote one is older.
        (Stamp(1000, 3, "a"), Stamp(900, 9, "b"), 800, Stamp(1000, 4, "a")),
        # The remote stamp leads: past its counter.
        (Stamp(900, 3, "a"), Stamp(1000, 9, "b"), 800, Stamp(1000, 10, "a")),
        # The wall clock leads: a fresh millisecond, counter 0.
        (Stamp(900, 3, "a"), Stamp(950, 9, "b"), 1000, Stamp(1000, 0, "a")),
    ],
)
def test_observe_gives_the_smallest_stamp_after_both(last, remote, now, expected):
    clock = HybridClock("a", last=last, now=lambda: now)
    local = clock.observe(remote)
    # An edit made right after a sync must win over what was received, or it is lost.
    assert local == expected and local > remote and local > last
    assert clock.last == expected


def test_a_full_counter_borrows_the_next_millisecond_and_never_goes_back():
    clock = HybridClock("a", last=Stamp(1000, 0xFFFE, "a"), now=lambda: 1000)
    stamps = [clock.tick(), clock.tick(), clock.tick()]
    assert stamps == [Stamp(1000, 0xFFFF, "a"), Stamp(1001, 0, "a"), Stamp(1001, 1, "a")]
    texts = [s.encode() for s in stamps]
    # The text form keeps its width, so SQLite's text order stays stamp order.
    assert texts == sorted(texts) and len({len(t) for t in texts}) == 1


def test_observing_a_full_counter_borrows_the_next_millisecond():
    clock = HybridClock("a", last=Stamp(900, 0, "a"), now=lambda: 900)
    local = clock.observe(Stamp(1000, 0xFFFF, "b"))
    assert local == Stamp(1001, 0, "a")
    assert local.encode() > Stamp(1000, 0xFFFF, "b").encode()
