"""Migration m007: the exercise desk (injects of the scenario, the exercise clock,
observer notes).

Released: frozen. Never edit or reorder it; a change of schema is a new migration
file. Its SQL is written out in full here, sharing no string with later code.

Synced tables: injects, exercise_clocks, observer_notes (declared in core/records.py).
The server never sends injects or observer notes to a player's device
(core/rights.CONTROLLERS_ONLY).
"""

# ruff: noqa: E501

from __future__ import annotations

from typing import Any

NAME = "m007_exercises"

STATEMENTS = [
    """CREATE TABLE injects (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        number TEXT NOT NULL,
        at_s INTEGER NOT NULL,
        channel TEXT NOT NULL,
        sender TEXT NOT NULL DEFAULT '',
        recipient TEXT NOT NULL DEFAULT '',
        content TEXT NOT NULL,
        expected_action TEXT NOT NULL DEFAULT '',
        controller_note TEXT NOT NULL DEFAULT '',
        controller TEXT NOT NULL DEFAULT '',
        follows TEXT NOT NULL DEFAULT '',
        details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
        translations TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(translations)),
        status TEXT NOT NULL,
        released_at TEXT,
        delivered TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(delivered)),
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX injects_by_time ON injects(operation_id, deleted, at_s)",
    """CREATE TABLE exercise_clocks (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        state TEXT NOT NULL,
        offset_s INTEGER NOT NULL,
        started_at TEXT,
        speed INTEGER NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    """CREATE TABLE observer_notes (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        inject_id TEXT,
        player TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        exercise_s INTEGER,
        text TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX observer_notes_by_inject ON observer_notes(inject_id) WHERE inject_id IS NOT NULL",
]


def apply(db: Any) -> None:
    """Run by the migration runner inside its transaction (a sqlite-utils Database)."""
    for statement in STATEMENTS:
        db.execute(statement)
