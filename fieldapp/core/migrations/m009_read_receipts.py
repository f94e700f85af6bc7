"""Migration m009: read receipts, that a player opened what an exercise inject delivered.

Released: frozen. Never edit or reorder it; a change of schema is a new migration
file. Its SQL is written out in full here, sharing no string with later code.

Synced table: read_receipts (declared in core/records.py), written on a player's device,
read by the exercise's controllers (the "seen" of their timeline).
"""

from __future__ import annotations

from typing import Any

NAME = "m009_read_receipts"

STATEMENTS = [
    """CREATE TABLE read_receipts (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX read_receipts_by_record ON read_receipts(record_id, deleted)",
]


def apply(db: Any) -> None:
    """Run by the migration runner inside its transaction (a sqlite-utils Database)."""
    for statement in STATEMENTS:
        db.execute(statement)
