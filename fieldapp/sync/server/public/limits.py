"""Limits of the public form: token buckets per address and per operation, in the database.

Each accepted post takes a token from its address's bucket (`address_limit` a hour,
all at once if need be) and from its operation's (`operation_limit` a minute). The
buckets are rows of `public_buckets`, read and written inside the caller's write
transaction (db.write: serialised across threads and, on PostgreSQL, across server
processes), so several `fieldapp serve` processes share one limit. Behind a reverse
proxy the address is the proxy's: put a per-address limit there too. Refused attempts
are counted per operation and reason (`public_attempts`) for `fieldapp server public
list`. The statements are built once (module constants with bound parameters): a post
runs one SELECT of both buckets and one UPDATE of both, without rebuilding SQL. Called
inside a write transaction, from request threads.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from fieldapp.sync.server.public import tables as pt

HOUR_MS = 3_600_000
MINUTE_MS = 60_000
REASONS = (
    "rate_limited", "bad_token", "honeypot", "closed", "too_large", "invalid", "bad_photo",
)  # fmt: skip


_B = pt.public_buckets
_LEVELS = select(_B.c.key, _B.c.tokens, _B.c.at).where(
    _B.c.key.in_(bindparam("keys", expanding=True))
)
_SET = (
    update(_B)
    .where(_B.c.key == bindparam("b_key"))
    .values(tokens=bindparam("tokens"), at=bindparam("at"))
)
_ADD = insert(_B)
_A = pt.public_attempts
_COUNT = (
    update(_A)
    .where(_A.c.operation_id == bindparam("op"), _A.c.reason == bindparam("why"))
    .values(count=_A.c.count + 1, last_at=bindparam("now"))
)
_FIRST = insert(_A)


@dataclass(frozen=True)
class Bucket:
    key: str
    capacity: int
    refill_ms: float  # one token back every refill_ms


def address_bucket(key: str, per_hour: int) -> Bucket:
    return Bucket(key, per_hour, HOUR_MS / per_hour)


def operation_bucket(operation_id: str, per_minute: int) -> Bucket:
    return Bucket("o:" + operation_id, per_minute, MINUTE_MS / per_minute)


def take(conn: Connection, buckets: Sequence[Bucket], now: int) -> int | None:
    """Take one token from each bucket; None if done, else the seconds until every bucket
    has one again (nothing taken then)."""
    levels = _levels(conn, buckets, now)
    wait = _wait(buckets, levels)
    if wait is not None:
        return wait
    known = [{"b_key": b.key, "tokens": levels[b.key][0] - 1, "at": now}
             for b in buckets if levels[b.key][1]]  # fmt: skip
    new = [{"key": b.key, "tokens": levels[b.key][0] - 1, "at": now}
           for b in buckets if not levels[b.key][1]]  # fmt: skip
    if known:
        conn.execute(_SET, known)
    if new:
        conn.execute(_ADD, new)
    return None


def peek(conn: Connection, buckets: Sequence[Bucket], now: int) -> int | None:
    """Like `take`, but only reads: the wait in seconds if a bucket is empty, else None."""
    return _wait(buckets, _levels(conn, buckets, now))


def _wait(buckets: Sequence[Bucket], levels: dict[str, tuple[float, bool]]) -> int | None:
    waits = [(1 - levels[b.key][0]) * b.refill_ms for b in buckets if levels[b.key][0] < 1]
    return max(1, math.ceil(max(waits) / 1000)) if waits else None


def _levels(conn: Connection, buckets: Sequence[Bucket], now: int) -> dict[str, tuple[float, bool]]:
    """Each bucket's tokens now, and whether it has a row (a bucket without is full)."""
    rows = {row.key: row for row in conn.execute(_LEVELS, {"keys": [b.key for b in buckets]})}
    levels = {}
    for bucket in buckets:
        row = rows.get(bucket.key)
        if row is None:
            levels[bucket.key] = (float(bucket.capacity), False)
        else:
            grown = row.tokens + max(0, now - row.at) / bucket.refill_ms
            levels[bucket.key] = (min(float(bucket.capacity), grown), True)
    return levels


def count(conn: Connection, operation_id: str, reason: str, now: int) -> None:
    """Count one refused attempt of an operation's form."""
    done = conn.execute(_COUNT, {"op": operation_id, "why": reason, "now": now}).rowcount
    if not done:
        conn.execute(
            _FIRST, {"operation_id": operation_id, "reason": reason, "count": 1, "last_at": now}
        )


def forget_full(conn: Connection, now: int) -> int:
    """Drop buckets untouched for two hours: every bucket refills within one."""
    result = conn.execute(
        delete(pt.public_buckets).where(pt.public_buckets.c.at < now - 2 * HOUR_MS)
    )
    return result.rowcount or 0
