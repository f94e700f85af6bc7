"""The sync client's local bookkeeping: base stamps, acknowledgements, conflicts, states.

Tables of migration m004 (fieldapp/core/migrations/). Store's write path calls `record_bases`
inside each edit's transaction, so the base stamp `b` of the protocol is fixed when the
user edits, not guessed when sync runs:

- a field's base is the stamp it had before its first unsynced edit (kept until the
  server has acknowledged every pending edit of that field);
- the base of `deleted` is the newest stamp of the record that came from sync: pending
  fields count with their base, others with their stamp;
- a record the server has never had (not in sync_records) has no base (null).

The pushes this device holds (`have` in sync_state: the server's batch_seq of each
acknowledged push, noted in the transaction that acknowledges it) let the server leave
this device's own values out of its pulls; once the pull cursor has passed one, the
cursor says as much and it is forgotten. They live in this database, with the rows they
stand for: a database restored from a backup names only the pushes it holds, and is
sent back whatever it lost.

Read helpers for the UI (`record_states`, `conflicts`, `sync_status`) are plain queries.
Every function takes the connection of the calling thread's Store and never commits:
the caller owns the transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from fieldapp.core.bookkeeping import get_state, pending_fields, set_state
from fieldapp.sync.protocol.merge import Conflict, preferred

# A conflict settled on this device whose resolution has not reached the server yet.
NOT_PENDING = "id NOT IN (SELECT conflict_id FROM sync_resolves)"
_HAVE_KEY, _HAVE_KEEP = "have", 1000


def acknowledge(
    conn: sqlite3.Connection, entries: list[dict], statuses: list[str], server_time: int
) -> None:
    """Drop acknowledged outbox entries, their bases, and mark their records on the server.

    `entries` are the outbox rows of a batch (op_id, seq, entity, row_id), `statuses` the
    server's answer in the same order. Rejected entries stay in the outbox.
    """
    done = [e for e, status in zip(entries, statuses, strict=True) if status != "rejected"]
    conn.executemany("DELETE FROM outbox WHERE op_id = ?", [(e["op_id"],) for e in done])
    conn.executemany("DELETE FROM sync_rejected WHERE op_id = ?", [(e["op_id"],) for e in done])
    conn.executemany("DELETE FROM sync_resolves WHERE op_id = ?", [(e["op_id"],) for e in done])
    rows = sorted({(e["entity"], e["row_id"]) for e in done})
    conn.executemany(
        "INSERT INTO sync_records VALUES (?, ?, ?) ON CONFLICT DO UPDATE"
        " SET on_server_at = excluded.on_server_at",
        [(entity, row_id, server_time) for entity, row_id in rows],
    )
    with_bases = {
        tuple(r) for r in conn.execute("SELECT DISTINCT entity, row_id FROM sync_base")
    } if len(rows) > 50 else set(rows)  # fmt: skip
    for entity, row_id in rows:
        if (entity, row_id) not in with_bases:
            continue  # a new record has no bases to clean up
        pending = sorted(pending_fields(conn, entity, row_id))
        conn.execute(
            "DELETE FROM sync_base WHERE entity = ? AND row_id = ? AND field NOT IN"
            f" ({', '.join('?' * len(pending))})",
            [entity, row_id, *pending],
        )


def remember_pushed(conn: sqlite3.Connection, batch_seq: object) -> None:
    """Note an acknowledged push by its batch_seq (ignored unless a plausible number)."""
    if type(batch_seq) is not int or not 0 < batch_seq < 10**18:
        return
    held = sorted({*pushed_after(conn, 0), batch_seq})[:_HAVE_KEEP]
    set_state(conn, {_HAVE_KEY: ",".join(map(str, held))})


def pushed_after(conn: sqlite3.Connection, cursor: int) -> list[int]:
    """The batch_seq of the pushes this device holds that the cursor has not passed."""
    text = get_state(conn, _HAVE_KEY)
    return [n for n in map(int, text.split(",")) if n > cursor] if text else []


def forget_pushed(conn: sqlite3.Connection, cursor: int | None = None) -> None:
    """Drop the pushes the cursor has passed (with the cursor: same transaction); all of
    them when `cursor` is None (the cursor starts again from 0)."""
    held = [] if cursor is None else pushed_after(conn, cursor)
    set_state(conn, {_HAVE_KEY: ",".join(map(str, held))})


def reject(conn: sqlite3.Connection, op_id: str, reason: str) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO sync_rejected VALUES (?, ?, ?)", [op_id, reason, now_text()]
    )


def mark_on_server(conn: sqlite3.Connection, keys: Iterable[tuple[str, str]], at: int) -> None:
    conn.executemany(
        "INSERT INTO sync_records VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [(entity, row_id, at) for entity, row_id in keys],
    )


def save_conflict(conn: sqlite3.Connection, conflict: dict, origin: str) -> bool:
    """Store a conflict (from the server, or found here); True if it is new.

    An id already stored is rewritten when its verdict changed, or when the new record is
    the one every peer prefers (two writes that shared a stamp: merge.preferred)."""
    old = conn.execute(
        "SELECT resolved_by, body FROM sync_conflicts WHERE id = ?", [conflict["id"]]
    ).fetchone()
    if old is not None:
        same_verdict = old[0] == conflict.get("resolved_by")
        if same_verdict and not _is_preferred(conflict, json.loads(old[1])):
            return False
    conn.execute(
        "INSERT OR REPLACE INTO sync_conflicts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            conflict["id"],
            conflict["entity"],
            conflict["row_id"],
            conflict.get("operation_id", ""),
            conflict["kind"],
            conflict["field"],
            json.dumps(conflict, ensure_ascii=False),
            origin,
            conflict.get("resolved_by"),
            now_text(),
        ],
    )
    return old is None


def _is_preferred(incoming: dict, stored: dict) -> bool:
    """Whether `incoming` should replace `stored` (a record of the same conflict id)."""
    try:
        new, kept = Conflict.from_json(incoming), Conflict.from_json(stored)
    except (KeyError, TypeError):
        return False  # a record missing its writes: keep what is stored
    return new != kept and preferred(kept, new) == new


def conflicts(
    conn: sqlite3.Connection, *, unresolved: bool = True, row_id: str | None = None
) -> list[dict]:
    """Conflicts for the conflict view: each with `older` and `newer` writes (value, stamp,
    device, user), `newer` being the value the record kept; origin server or local.
    `unresolved`: the open ones, less those settled here whose resolution is not sent yet."""
    query = "SELECT body, origin, resolved_by FROM sync_conflicts WHERE 1"
    params: list[Any] = []
    if unresolved:  # settled here and waiting to be sent counts as settled
        query += f" AND resolved_by IS NULL AND {NOT_PENDING}"
    if row_id is not None:
        query += " AND row_id = ?"
        params.append(row_id)
    rows = conn.execute(query + " ORDER BY received_at, id", params).fetchall()
    return [{**json.loads(b), "origin": o, "resolved_by": r} for b, o, r in rows]


def record_states(conn: sqlite3.Connection, entity: str, row_ids: list[str]) -> dict[str, dict]:
    """For each record: {"on_server": bool, "on_server_at": ms or None, "pending": n}."""
    out = {rid: {"on_server": False, "on_server_at": None, "pending": 0} for rid in row_ids}
    for start in range(0, len(row_ids), 500):
        chunk = row_ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for rid, at in conn.execute(
            "SELECT row_id, on_server_at FROM sync_records"
            f" WHERE entity = ? AND row_id IN ({marks})",
            [entity, *chunk],
        ):
            out[rid].update(on_server=True, on_server_at=at)
        for rid, n in conn.execute(
            f"SELECT row_id, count(*) FROM outbox WHERE entity = ? AND row_id IN ({marks})"
            " GROUP BY row_id",
            [entity, *chunk],
        ):
            out[rid]["pending"] = n
    return out


def now_text() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
