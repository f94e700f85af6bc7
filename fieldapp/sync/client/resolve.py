"""Settling conflicts: the user's result becomes an ordinary edit that syncs like any other.

`resolve_record` settles every open conflict of one record with one edit (the conflict
view: the user compares the versions field by field and picks or edits each result);
`resolve_conflict` settles a single conflict (the command line). Both write through
Store's write path (outbox, history, FTS) in one transaction, with each field's base
stamp `b` set to the winning stamp (`newer.s`) and the conflict ids attached to that
outbox entry, as the contract asks; the server then marks the conflicts resolved and
every device learns it on its next pull. A conflict found locally (the server never saw
it) is marked resolved here at once. The fields and their kinds come from the record's
declaration (fieldapp/core/records.py); a type with a hook in `checks.CHECKS` (reports, map
features, radio messages) has its result validated like an edit of it (a ValidationError
names the bad fields and saves nothing). Call on the thread of the Store.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fieldapp.core import records
from fieldapp.core.records import RECORD_TYPES, TABLES
from fieldapp.sync.client.local import conflicts
from fieldapp.sync.protocol.checks import CHECKS, form_value
from fieldapp.sync.protocol.merge import DELETED

if TYPE_CHECKING:
    from fieldapp.store import Store


def resolve_conflict(store: Store, conflict_id: str, value: Any) -> None:
    """Keep `value` (stored form: tags as JSON text) for the conflict's field."""
    from fieldapp.core.errors import NotFoundError

    row = store.conn.execute(
        "SELECT body, origin FROM sync_conflicts WHERE id = ?", [conflict_id]
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no conflict with id {conflict_id}")
    conflict = {**json.loads(row[0]), "origin": row[1]}
    _settle(store, conflict["entity"], conflict["row_id"], [conflict], {conflict["field"]: value})


def resolve_record(store: Store, entity: str, row_id: str, values: Mapping[str, Any]) -> list[str]:
    """Settle every open conflict of one record; returns the conflict ids settled.

    `values` holds the result of fields in conflict (a field left out keeps its stored
    value), for a report in the form `Store.reports.update` takes (tags a list or comma
    separated text, times as text); `deleted` 0 brings a deleted record back.
    """
    from fieldapp.core.errors import NotFoundError

    found = [c for c in conflicts(store.conn, row_id=row_id) if c["entity"] == entity]
    if not found:
        raise NotFoundError(f"no open conflict on {entity} {row_id}")
    current = _current(store, entity, row_id)
    names = {c["field"] for c in found} | ({DELETED} if _has_delete(found) else set())
    given = {name: values[name] for name in names if name in values}
    _settle(store, entity, row_id, found, _result(entity, current, names, given))
    return [c["id"] for c in found]


def _has_delete(found: list[dict]) -> bool:
    return any(c["kind"] == "delete" for c in found)


def _result(
    entity: str, current: Mapping[str, Any], names: set[str], given: dict[str, Any]
) -> dict[str, Any]:
    """The fields in conflict, in stored form: checked by the type's hook, if it has one,
    with the form's other fields as stored; else as given."""
    declared = RECORD_TYPES[entity]
    check = CHECKS.get(entity)
    out: dict[str, Any] = {}
    if check is not None:
        form = {
            name: form_value(declared.kind_of(name), current[name]) for name in declared.form_fields
        }
        clean = check()({**form, **{k: v for k, v in given.items() if k in form}})
        out = {n: _stored_value(declared.kind_of(n), clean[n]) for n in names if n in clean}
    for name in names - set(out):
        out[name] = given.get(name, current[name])
    if DELETED in names:
        out[DELETED] = 1 if out[DELETED] else 0
    return out


def _stored_value(kind: str, value: Any) -> Any:
    """A checked form value as stored (JSON text, flags 0/1)."""
    if kind == records.JSON and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return int(value) if kind == records.BOOL and value is not None else value


def _current(store: Store, entity: str, row_id: str) -> dict[str, Any]:
    from fieldapp.core.errors import NotFoundError

    table = TABLES[entity]
    row = store.conn.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id]).fetchone()
    if row is None:
        raise NotFoundError(f"the record {row_id} in conflict is not on this device")
    return dict(row)


def _settle(
    store: Store, entity: str, row_id: str, settled: list[dict], values: Mapping[str, Any]
) -> None:
    """One edit writing `values`, whose outbox entry carries the settled conflicts."""
    current = _current(store, entity, row_id)
    with store.db.transaction() as conn:
        diff = {name: (current[name], value) for name, value in values.items()}
        store.db.update_record(entity, current, diff, action="resolved")
        winning: dict[str, str] = {}
        for conflict in settled:
            name = conflict["field"]
            winning[name] = max(winning.get(name, ""), conflict["newer"]["s"])
        conn.executemany(
            "INSERT OR REPLACE INTO sync_base VALUES (?, ?, ?, ?)",
            [(entity, row_id, name, stamp) for name, stamp in winning.items() if name in values],
        )
        op_id = conn.execute(
            "SELECT op_id FROM outbox WHERE entity = ? AND row_id = ? ORDER BY seq DESC LIMIT 1",
            [entity, row_id],
        ).fetchone()[0]
        for conflict in settled:
            if conflict["origin"] == "server":
                conn.execute(
                    "INSERT OR IGNORE INTO sync_resolves VALUES (?, ?)", [op_id, conflict["id"]]
                )
            else:
                conn.execute(
                    "UPDATE sync_conflicts SET resolved_by = ? WHERE id = ?",
                    [store.user, conflict["id"]],
                )
