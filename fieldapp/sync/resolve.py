"""Settling a conflict: the user's pick becomes an ordinary edit that syncs like any other.

`resolve_conflict` writes the chosen value through Store's write path (outbox, history,
FTS), with the base stamp `b` set to the winning stamp (`newer.s`) and the conflict id
attached to that outbox entry, as the contract asks; the server then marks the conflict
resolved and every device learns it on its next pull. A conflict found locally (the
server never saw it) is marked resolved here at once. Call on the thread of the Store.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fieldapp.sync.incoming import TABLES

if TYPE_CHECKING:
    from fieldapp.store import Store


def resolve_conflict(store: Store, conflict_id: str, value: Any) -> None:
    """Keep `value` (stored form: tags as JSON text) for the conflict's field."""
    from fieldapp.store import NotFoundError

    row = store.conn.execute(
        "SELECT body, origin FROM sync_conflicts WHERE id = ?", [conflict_id]
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no conflict with id {conflict_id}")
    conflict, origin = json.loads(row[0]), row[1]
    entity, row_id, name = conflict["entity"], conflict["row_id"], conflict["field"]
    table = TABLES[entity]
    current = store.conn.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id]).fetchone()
    if current is None:
        raise NotFoundError(f"the record of conflict {conflict_id} is not on this device")
    with store._write() as conn:
        store._update(table, dict(current), {name: (current[name], value)}, action="resolved")
        conn.execute(
            "INSERT OR REPLACE INTO sync_base VALUES (?, ?, ?, ?)",
            [entity, row_id, name, conflict["newer"]["s"]],
        )
        op_id = conn.execute(
            "SELECT op_id FROM outbox WHERE entity = ? AND row_id = ? ORDER BY seq DESC LIMIT 1",
            [entity, row_id],
        ).fetchone()[0]
        if origin == "server":
            conn.execute("INSERT OR IGNORE INTO sync_resolves VALUES (?, ?)", [op_id, conflict_id])
        else:
            conn.execute(
                "UPDATE sync_conflicts SET resolved_by = ? WHERE id = ?", [store.user, conflict_id]
            )
