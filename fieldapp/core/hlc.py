"""Hybrid logical clock (Kulkarni et al. 2014), one per device.

A stamp orders as (wall ms, counter, node id). Its text form is fixed-width so that
text order is stamp order, which lets SQLite compare stamps with plain `<`.
A clock object is not thread-safe: each store connection owns its own and persists
the last stamp in the same transaction as the write that used it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import NamedTuple

# A remote stamp further ahead of our wall clock than this is refused (clock-skew guard).
MAX_DRIFT_MS = 5 * 60 * 1000
_COUNTER_MAX = 0xFFFF


class ClockSkewError(ValueError):
    """A remote stamp is too far in the future to be trusted."""


class Stamp(NamedTuple):
    wall_ms: int
    counter: int
    node: str

    def encode(self) -> str:
        return f"{self.wall_ms:013d}-{self.counter:04x}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        try:
            wall, counter, node = text.split("-", 2)
            return cls(int(wall), int(counter, 16), node)
        except ValueError:
            raise ValueError(f"{text!r} is not a clock stamp") from None


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """Issues strictly increasing stamps for one node."""

    def __init__(self, node: str, last: Stamp | None = None, now: Callable[[], int] = _wall_ms):
        self.node = node
        self._now = now
        self.last = last or Stamp(0, 0, node)

    def tick(self) -> Stamp:
        """A stamp for a local event."""
        wall = self._now()
        if wall > self.last.wall_ms:
            stamp = Stamp(wall, 0, self.node)
        else:
            stamp = self._bump(self.last.wall_ms, self.last.counter + 1)
        self.last = stamp
        return stamp

    def observe(self, remote: Stamp) -> Stamp:
        """Merge a stamp received from another node; returns the new local stamp."""
        wall = self._now()
        if remote.wall_ms - wall > MAX_DRIFT_MS:
            raise ClockSkewError(
                f"stamp from {remote.node} is {(remote.wall_ms - wall) / 1000:.0f} s ahead"
            )
        top = max(wall, self.last.wall_ms, remote.wall_ms)
        if top == self.last.wall_ms == remote.wall_ms:
            counter = max(self.last.counter, remote.counter) + 1
        elif top == self.last.wall_ms:
            counter = self.last.counter + 1
        elif top == remote.wall_ms:
            counter = remote.counter + 1
        else:
            counter = 0
        self.last = self._bump(top, counter)
        return self.last

    def _bump(self, wall: int, counter: int) -> Stamp:
        # Counter overflow borrows a millisecond rather than wrapping and going backwards.
        if counter > _COUNTER_MAX:
            return Stamp(wall + 1, 0, self.node)
        return Stamp(wall, counter, self.node)
