"""What the desk's repositories share: reading one live row, writing what changed, and
the checks every one of them makes (an id of the same operation, the server role).

Functions of a Replica or its connection: used from the thread that opened the store.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.records import RECORD_TYPES
from fieldapp.core.replica import Replica
from fieldapp.core.rights import leads


def live_row(conn: sqlite3.Connection, entity: str, record_id: str) -> dict[str, Any]:
    """The stored row of a record not deleted, or NotFoundError naming it in words."""
    declared = RECORD_TYPES[entity]
    row = conn.execute(
        f"SELECT * FROM {declared.table} WHERE id = ? AND deleted = 0", [record_id]
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no {declared.label} with id {record_id}")
    return dict(row)


def write_changes(
    db: Replica, entity: str, current: Mapping[str, Any], clean: Mapping[str, Any]
) -> bool:
    """Write the fields of `clean` that differ from `current`, in one transaction; whether
    anything was written."""
    diff = {k: (current[k], v) for k, v in clean.items() if current[k] != v}
    if diff:
        with db.transaction():
            db.update_record(entity, current, diff)
    return bool(diff)


def delete(db: Replica, entity: str, current: Mapping[str, Any]) -> None:
    with db.transaction():
        db.update_record(entity, current, {"deleted": (0, 1)}, action="deleted")


def check_in_operation(
    conn: sqlite3.Connection, entity: str, record_id: str | None, operation_id: str, name: str
) -> None:
    """A link to another record (`name`): it must exist in the same operation."""
    if not record_id:
        return
    table = RECORD_TYPES[entity].table
    row = conn.execute(
        f"SELECT operation_id FROM {table} WHERE id = ? AND deleted = 0", [record_id]
    ).fetchone()
    label = RECORD_TYPES[entity].label
    if row is None:
        raise ValidationError({name: ("not_found", f"no {label} with id {record_id}")})
    if row[0] != operation_id:
        raise ValidationError({name: ("other_operation", f"the {label} is in another operation")})


def leads_here(db: Replica, operation_id: str) -> bool | None:
    """Whether this device's server role leads the operation; None when it never joined a
    server (then nobody is a coordinator but nobody is refused either)."""
    role = db.sync_state("role")
    if not role:
        return None
    row = db.conn.execute("SELECT exercise FROM operations WHERE id = ?", [operation_id]).fetchone()
    return leads(role, bool(row and row[0]))


def decoded(row: Mapping[str, Any], *json_fields: str) -> dict[str, Any]:
    """A stored row with its JSON fields and field stamps parsed."""
    record = dict(row)
    for name in (*json_fields, "field_hlc"):
        record[name] = json.loads(record[name])
    return record
