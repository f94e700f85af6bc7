"""Migration m008: the after-action report's trainer-written entries (strengths, areas
for improvement, the improvement plan) and the archived runs of an exercise's scenario.

Released: frozen. Never edit or reorder it; a change of schema is a new migration
file. Its SQL is written out in full here, sharing no string with later code.

Synced tables: aar_entries, exercise_runs (declared in core/records.py). The server
never sends them to a player's device (core/rights.CONTROLLERS_ONLY).
"""

from __future__ import annotations

from typing import Any

NAME = "m008_after_action"

STATEMENTS = [
    """CREATE TABLE aar_entries (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        section TEXT NOT NULL,
        text TEXT NOT NULL,
        capability TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        due TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX aar_entries_by_operation ON aar_entries(operation_id, deleted)",
    """CREATE TABLE exercise_runs (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        number INTEGER NOT NULL,
        started_at TEXT,
        ended_at TEXT NOT NULL,
        archive TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(summary)),
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX exercise_runs_by_operation ON exercise_runs(operation_id, deleted, number)",
]


def apply(db: Any) -> None:
    """Run by the migration runner inside its transaction (a sqlite-utils Database)."""
    for statement in STATEMENTS:
        db.execute(statement)
