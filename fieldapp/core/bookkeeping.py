"""Replication bookkeeping that every local write keeps: base stamps and sync settings.

Tables of migration m004 (fieldapp/core/migrations/). The write path (core/replica.py)
calls `record_bases` inside each edit's transaction, so the base stamp `b` of the protocol
is fixed when the user edits, not guessed when sync runs:

- a field's base is the stamp it had before its first unsynced edit (kept until the
  server has acknowledged every pending edit of that field);
- the base of `deleted` is the newest stamp of the record that came from sync: pending
  fields count with their base, others with their stamp;
- a record the server has never had (not in sync_records) has no base (null).

`get_state`/`set_state` read and write the sync settings (server, device, role). Every
function takes the connection of the calling thread's store and never commits: the
caller owns the transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

DELETED = "deleted"


def get_state(conn: sqlite3.Connection, key: str, default: str = "") -> str:
    row = conn.execute("SELECT value FROM sync_state WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_state(conn: sqlite3.Connection, values: dict[str, str | int]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO sync_state(key, value) VALUES (?, ?)",
        [(k, str(v)) for k, v in values.items()],
    )


def record_bases(
    conn: sqlite3.Connection, entity: str, table: str, row_id: str, fields: Iterable[str]
) -> None:
    """Remember the base stamps of fields about to be edited (call before the UPDATE)."""
    on_server = conn.execute(
        "SELECT 1 FROM sync_records WHERE entity = ? AND row_id = ?", [entity, row_id]
    ).fetchone()
    if on_server is None:
        return
    stamps = json.loads(conn.execute(f"SELECT field_hlc FROM {table} WHERE id = ?", [row_id])
                        .fetchone()[0])  # fmt: skip
    rows = [
        (entity, row_id, name, stamps.get(name, stamps["*"]))
        for name in fields
        if name not in (DELETED, "id", "operation_id")
    ]
    if DELETED in fields:
        rows.append((entity, row_id, DELETED, _seen_stamp(conn, entity, row_id, stamps)))
    conn.executemany("INSERT OR IGNORE INTO sync_base VALUES (?, ?, ?, ?)", rows)


def _seen_stamp(conn: sqlite3.Connection, entity: str, row_id: str, stamps: dict) -> str:
    """The newest stamp of the record that this device got from (or gave to) the server."""
    pending = pending_fields(conn, entity, row_id)
    bases = dict(
        conn.execute(
            "SELECT field, base FROM sync_base WHERE entity = ? AND row_id = ?", [entity, row_id]
        ).fetchall()
    )
    seen = [s for name, s in stamps.items() if name not in pending]
    seen += [bases[name] for name in pending if name in bases]
    return max(seen)


def pending_fields(conn: sqlite3.Connection, entity: str, row_id: str) -> set[str]:
    rows = conn.execute(
        "SELECT DISTINCT j.value FROM outbox o, json_each(o.fields) j"
        " WHERE o.row_id = ? AND o.entity = ?",
        [row_id, entity],
    )
    return {row[0] for row in rows}


def bases_of(conn: sqlite3.Connection, entity: str, row_id: str) -> dict[str, str]:
    return dict(
        conn.execute(
            "SELECT field, base FROM sync_base WHERE entity = ? AND row_id = ?", [entity, row_id]
        ).fetchall()
    )
