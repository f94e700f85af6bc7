"""Migration m010: who created each record on the sync server (its owner), as the server
says in its pulls, so that this device knows before a change what the server will refuse;
and the names of the other devices and their users, so that history and conflicts name
people, not ids.

Released: frozen. Never edit or reorder it; a change of schema is a new migration
file. Its SQL is written out in full here, sharing no string with later code.

Local tables (never synced): sync_owners (a record without a row here was made on this
device, or pulled before the server sent owners: the server alone judges its edits) and
sync_devices (a device's id, clock node, name and user, as the server last named them).
"""

from __future__ import annotations

from typing import Any

NAME = "m010_record_owners"

STATEMENTS = [
    """CREATE TABLE sync_owners (
        entity TEXT NOT NULL, row_id TEXT NOT NULL, owner TEXT NOT NULL,
        PRIMARY KEY (entity, row_id)) WITHOUT ROWID""",
    """CREATE TABLE sync_devices (
        id TEXT PRIMARY KEY, node TEXT NOT NULL DEFAULT '', name TEXT NOT NULL,
        user TEXT NOT NULL)""",
    "CREATE INDEX sync_devices_by_node ON sync_devices(node)",
]


def apply(db: Any) -> None:
    """Run by the migration runner inside its transaction (a sqlite-utils Database)."""
    for statement in STATEMENTS:
        db.execute(statement)
