"""What this device's user may change, judged before the change is saved by the rule the
server applies (core/rights.py), so that no change waits in the outbox for ever for a
refusal the device could have foreseen.

The server says who created each record (its owner) in its pulls; sync keeps it in
`sync_owners` (sync/client/incoming.py). A device never joined to a server, a record
made here (no owner known: it is this user's), or one pulled before the server sent
owners, is not judged here: the server decides, and a refused change can still be undone
(sync/client/refused.py).

Plain functions of a connection: the caller's thread and transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fieldapp.core.bookkeeping import get_state
from fieldapp.core.records import TABLES
from fieldapp.core.rights import write_refusal


@dataclass(frozen=True)
class Refusal:
    """Why this user may not make a change: the rule in words (English, as the server
    says it), the role it was judged with, and the record's owner."""

    reason: str
    role: str
    owner: str


def owner_of(conn: sqlite3.Connection, entity: str, row_id: str) -> str | None:
    """The user who created the record on the server, None when not known here."""
    row = conn.execute(
        "SELECT owner FROM sync_owners WHERE entity = ? AND row_id = ?", [entity, row_id]
    ).fetchone()
    return row[0] if row else None


def change_refusal(
    conn: sqlite3.Connection,
    entity: str,
    row_id: str,
    written: Mapping[str, Any] | None = None,
) -> Refusal | None:
    """Why the server would refuse this user's change of `written` (stored values) to a
    stored record, else None; with no `written`, whether this user may change it at all."""
    role = get_state(conn, "role")
    if not role or entity == "operation":
        return None
    owner = owner_of(conn, entity, row_id)
    if owner is None:
        return None
    row = conn.execute(f"SELECT * FROM {TABLES[entity]} WHERE id = ?", [row_id]).fetchone()
    if row is None:
        return None
    current = dict(row)
    exercise = conn.execute(
        "SELECT exercise FROM operations WHERE id = ?", [current["operation_id"]]
    ).fetchone()
    own = owner == get_state(conn, "user")
    reason = write_refusal(
        role, entity, bool(exercise and exercise[0]), current, dict(written or {}), own
    )
    return Refusal(reason, role, owner) if reason else None
