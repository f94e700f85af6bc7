"""Slowing down guesses: an in-memory token bucket per client address for /join.

An enrollment code is 9 letters of a 26-letter alphabet and lives 30 minutes; what keeps
it from being guessed is that guesses are slow. Each failed join takes a token from its
address's bucket (FAILURES_ALLOWED, refilled one every REFILL_S); an address with an
empty bucket gets 429 with Retry-After, whatever it sends, until a token is back. Kept in
the server process (several processes behind a proxy each keep their own, and behind a
proxy the address is the proxy's: put the limit there too). Thread-safe: request threads
share one Throttle under its lock.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

FAILURES_ALLOWED = 10  # in a burst, per address
REFILL_S = 6.0  # then one more every 6 s: 10 a minute
MAX_ADDRESSES = 10_000  # buckets kept; full ones are dropped first


class Throttle:
    def __init__(
        self,
        capacity: int = FAILURES_ALLOWED,
        refill_s: float = REFILL_S,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.capacity, self.refill_s, self.clock = capacity, refill_s, clock
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
