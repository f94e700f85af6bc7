"""Slowing down guesses: an in-memory token bucket per client address for /join.

An enrollment code is 9 letters of a 26-letter alphabet and lives 30 minutes; what keeps
it from being guessed is that guesses are slow. Each failed join takes a token from its
address's bucket (FAILURES_ALLOWED, refilled one every REFILL_S); an address with an
empty bucket gets 429 with Retry-After, whatever it sends, until a token is back.

Kept in each server process's memory. `fieldapp serve --workers N` splits the one budget
between its N processes (`share_among`, called in each worker before its app is built):
each keeps 1/N of the tokens, refilled N times slower, so that an address spreading its
guesses over every worker still gets no more than FAILURES_ALLOWED at once and one per
REFILL_S in all (from 10 workers on, each keeps at least one token: the burst grows to N,
the rate stays). An honest typo costs a little more: 429 may come after fewer failures,
when they all land on one worker. Behind a proxy the address is the proxy's: put the
limit there too. Thread-safe: request threads share one Throttle under its lock.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

FAILURES_ALLOWED = 10  # in a burst, per address
REFILL_S = 6.0  # then one more every 6 s: 10 a minute
MAX_ADDRESSES = 10_000  # buckets kept; full ones are dropped first

_processes = 1  # server processes sharing the budget (share_among)


def share_among(processes: int) -> None:
    """This process is one of `processes` serving the same clients: Throttles made from
    now on keep their share of the budget (the module docstring says how)."""
    global _processes
    _processes = max(1, processes)


class Throttle:
    def __init__(
        self,
        capacity: float | None = None,
        refill_s: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.capacity = capacity if capacity is not None else _share(FAILURES_ALLOWED)
        self.refill_s = refill_s if refill_s is not None else REFILL_S * _processes
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # address -> (tokens, at)
        self._lock = threading.Lock()

    def _tokens(self, address: str, now: float) -> float:
        tokens, at = self._buckets.get(address, (float(self.capacity), now))
        return min(float(self.capacity), tokens + (now - at) / self.refill_s)

    def retry_after(self, address: str) -> int | None:
        """Seconds until `address` may try again, None if it may now."""
        with self._lock:
            tokens = self._tokens(address, self.clock())
        if tokens >= 1:
            return None
        return max(1, math.ceil((1 - tokens) * self.refill_s))

    def failed(self, address: str) -> None:
        """A failed attempt from `address` takes one token."""
        with self._lock:
            now = self.clock()
            self._buckets[address] = (max(0.0, self._tokens(address, now) - 1), now)
            if len(self._buckets) > MAX_ADDRESSES:
                self._forget_full(now)

    def _forget_full(self, now: float) -> None:
        full = [a for a in self._buckets if self._tokens(a, now) >= self.capacity]
        for address in full or list(self._buckets)[: len(self._buckets) // 2]:
            del self._buckets[address]


def _share(capacity: int) -> float:
    return max(1.0, capacity / _processes)
