"""Serving pulls: records and conflicts changed after a cursor, one page at a time.

A page is read in one snapshot: the newest committed sequence number `top` and every
row up to it. Writes commit in sequence order (db.py), so every number up to `top` is
already visible and a cursor never skips a change. Records are compacted: one row per
record with its latest field values and stamps (wire.compact_record). Rows of
operations the caller may not see are left out, yet the cursor moves past them.
Called from a request thread.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from fieldapp.sync import wire
from fieldapp.sync.server import tables as t
from fieldapp.sync.server.accounts import Principal
from fieldapp.sync.server.db import Database, current_seq, now_ms
from fieldapp.sync.server.policy import load_access


def pull(db: Database, principal: Principal, since: int, limit: int) -> dict:
    """{records, conflicts, next, more, server_time}: changes after `since`, at most `limit`."""
    with db.read() as conn:
        access = load_access(conn, principal)
        top = current_seq(conn)
        window = (t.records.c.seq > since, t.records.c.seq <= top)
        records = conn.execute(
            select(
                t.records.c.entity,
                t.records.c.id,
                t.records.c.operation_id,
                t.records.c.seq,
                t.records.c.fields,
            )
            .where(*window, access.visible(t.records.c.operation_id))
            .order_by(t.records.c.seq)
            .limit(limit + 1)
        ).all()
        conflicts = conn.execute(
            select(t.conflicts)
            .where(
                t.conflicts.c.seq > since,
                t.conflicts.c.seq <= top,
                access.visible(t.conflicts.c.operation_id),
            )
            .order_by(t.conflicts.c.seq)
            .limit(limit + 1)
        ).all()
    rows = sorted([*records, *conflicts], key=lambda row: row.seq)
    page, more = rows[:limit], len(rows) > limit
    next_cursor = page[-1].seq if more else max(top, since)
    return {
        "records": [_record(row) for row in page if hasattr(row, "fields")],
        "conflicts": [_conflict(row) for row in page if hasattr(row, "body")],
        "next": next_cursor,
        "more": more,
        "server_time": now_ms(),
    }


def _record(row) -> dict:  # type: ignore[no-untyped-def]
    state = {name: (value, stamp) for name, (value, stamp) in json.loads(row.fields).items()}
    return wire.compact_record(row.entity, row.id, row.operation_id, state)


def _conflict(row) -> dict:  # type: ignore[no-untyped-def]
    return {
        **json.loads(row.body),
        "operation_id": row.operation_id,
        "resolved_by": row.resolved_by,
    }
