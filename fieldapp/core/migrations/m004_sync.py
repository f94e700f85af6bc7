"""Migration m004: the sync client's local side (state, base stamps, conflicts, batch).

Released: frozen. Never edit or reorder it; a change of schema is a new migration
file. Its SQL is written out in full here, sharing no string with later code.
"""

# The SQL below is byte for byte what released databases hold in sqlite_master, long
# lines and stray spaces included: keep it so.
# ruff: noqa: E501

from __future__ import annotations

from typing import Any

NAME = "m004_sync"

STATEMENTS = [
    "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE INDEX outbox_row ON outbox(row_id)",
    """CREATE TABLE sync_base (
        entity TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL, base TEXT NOT NULL,
        PRIMARY KEY (entity, row_id, field)) WITHOUT ROWID""",
    """CREATE TABLE sync_records (
        entity TEXT NOT NULL, row_id TEXT NOT NULL, on_server_at INTEGER NOT NULL,
        PRIMARY KEY (entity, row_id)) WITHOUT ROWID""",
    """CREATE TABLE sync_conflicts (
        id TEXT PRIMARY KEY,
        entity TEXT NOT NULL,
        row_id TEXT NOT NULL,
        operation_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        field TEXT NOT NULL,
        body TEXT NOT NULL,
        origin TEXT NOT NULL,
        resolved_by TEXT,
        received_at TEXT NOT NULL)""",
    "CREATE INDEX sync_conflicts_row ON sync_conflicts(row_id)",
    """CREATE TABLE sync_batch (
        batch_key TEXT PRIMARY KEY, seqs TEXT NOT NULL, body BLOB NOT NULL,
        created_at TEXT NOT NULL)""",
    "CREATE TABLE sync_rejected (op_id TEXT PRIMARY KEY, reason TEXT NOT NULL, at TEXT NOT NULL)",
    """CREATE TABLE sync_parked (
        entity TEXT NOT NULL, row_id TEXT NOT NULL, body TEXT NOT NULL, reason TEXT NOT NULL,
        PRIMARY KEY (entity, row_id))""",
    "CREATE TABLE sync_resolves (op_id TEXT NOT NULL, conflict_id TEXT NOT NULL, PRIMARY KEY (op_id, conflict_id))",
    """CREATE TABLE sync_blobs (
        sha256 TEXT NOT NULL, direction TEXT NOT NULL, done_at TEXT NOT NULL,
        PRIMARY KEY (sha256, direction))""",
]


def apply(db: Any) -> None:
    """Run by the migration runner inside its transaction (a sqlite-utils Database)."""
    for statement in STATEMENTS:
        db.execute(statement)
