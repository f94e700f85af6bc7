"""Limits of the public form: token buckets per address and per operation, in the database.

Each accepted post takes a token from its address's bucket (`address_limit` a hour,
all at once if need be) and from its operation's (`operation_limit` a minute). The
buckets are rows of `public_buckets`, read and written inside the caller's write
transaction (db.write: serialised across threads and, on PostgreSQL, across server
processes), so several `fieldapp serve` processes share one limit. Behind a reverse
proxy the address is the proxy's: put a per-address limit there too. Refused attempts
are counted per operation and reason (`public_attempts`) for `fieldapp server public
list`. Called inside a write transaction, from request threads.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select, update

from fieldapp.sync.server.public import tables as pt

HOUR_MS = 3_600_000
MINUTE_MS = 60_000
REASONS = (
    "rate_limited", "bad_token", "honeypot", "closed", "too_large", "invalid", "bad_photo",
)  # fmt: skip


@dataclass(frozen=True)
class Bucket:
    key: str
    capacity: int
    refill_ms: float  # one token back every refill_ms


def address_bucket(key: str, per_hour: int) -> Bucket:
    return Bucket(key, per_hour, HOUR_MS / per_hour)


def operation_bucket(operation_id: str, per_minute: int) -> Bucket:
    return Bucket("o:" + operation_id, per_minute, MINUTE_MS / per_minute)


def take(conn: Connection, buckets: list[Bucket], now: int) -> int | None:
    """Take one token from each bucket; None if done, else the seconds until every bucket
    has one again (nothing taken then)."""
    levels = [(bucket, _level(conn, bucket, now)) for bucket in buckets]
    waits = [(1 - tokens) * b.refill_ms for b, (tokens, _known) in levels if tokens < 1]
    if waits:
        return max(1, math.ceil(max(waits) / 1000))
    for bucket, (tokens, known) in levels:
        values = {"tokens": tokens - 1, "at": now}
        if known:
            conn.execute(
                update(pt.public_buckets)
                .where(pt.public_buckets.c.key == bucket.key)
                .values(values)
            )
        else:
            conn.execute(insert(pt.public_buckets).values(key=bucket.key, **values))
    return None


def peek(conn: Connection, buckets: Sequence[Bucket], now: int) -> int | None:
    """Like `take`, but only reads: the wait in seconds if a bucket is empty, else None."""
    waits = [(1 - tokens) * b.refill_ms for b in buckets if (tokens := _level(conn, b, now)[0]) < 1]
    return max(1, math.ceil(max(waits) / 1000)) if waits else None


def _level(conn: Connection, bucket: Bucket, now: int) -> tuple[float, bool]:
    row = conn.execute(
        select(pt.public_buckets.c.tokens, pt.public_buckets.c.at).where(
            pt.public_buckets.c.key == bucket.key
        )
    ).first()
    if row is None:
        return float(bucket.capacity), False
    grown = row.tokens + max(0, now - row.at) / bucket.refill_ms
    return min(float(bucket.capacity), grown), True


def count(conn: Connection, operation_id: str, reason: str, now: int) -> None:
    """Count one refused attempt of an operation's form."""
    table = pt.public_attempts
    where = (table.c.operation_id == operation_id, table.c.reason == reason)
    done = conn.execute(
        update(table).where(*where).values(count=table.c.count + 1, last_at=now)
    ).rowcount
    if not done:
        conn.execute(
            insert(table).values(operation_id=operation_id, reason=reason, count=1, last_at=now)
        )


def forget_full(conn: Connection, now: int) -> int:
    """Drop buckets untouched for two hours: every bucket refills within one."""
    result = conn.execute(
        delete(pt.public_buckets).where(pt.public_buckets.c.at < now - 2 * HOUR_MS)
    )
    return result.rowcount or 0
