"""Settling conflicts: the user's result becomes an ordinary edit that syncs like any other.

`resolve_record` settles every open conflict of one record with one edit (the conflict
view: the user compares the versions field by field and picks or edits each result);
`resolve_conflict` settles a single conflict (the command line). Both write through
Store's write path (outbox, history, FTS) in one transaction, with each field's base
stamp `b` set to the winning stamp (`newer.s`) and the conflict ids attached to that
outbox entry, as the contract asks; the server then marks the conflicts resolved and
every device learns it on its next pull. A conflict found locally (the server never saw
it) is marked resolved here at once. A report's, a map feature's or a radio message's
result is validated like an edit of it (a ValidationError names the bad fields and saves
nothing). Call on the thread of the
Store.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fieldapp.core.records import TABLES
from fieldapp.maps.features import FEATURE_FIELDS, validate_feature
from fieldapp.reports import domain
from fieldapp.sync.client.conflict_records import stored_tags
from fieldapp.sync.client.local import conflicts
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
    if entity == "report":
        result = _report_result(current, names, given)
    elif entity == "feature":
        result = _feature_result(current, names, given)
    elif entity == "radio_message":
        result = _message_result(current, names, given)
    else:
        result = {name: given.get(name, current[name]) for name in names}
    _settle(store, entity, row_id, found, result)
    return [c["id"] for c in found]


def _has_delete(found: list[dict]) -> bool:
    return any(c["kind"] == "delete" for c in found)


def _report_result(
    current: Mapping[str, Any], names: set[str], given: dict[str, Any]
) -> dict[str, Any]:
    """A report's result validated like an edit, in stored form (tags as JSON text);
    the fields not `given` keep their stored value."""
    fields = {name: current[name] for name in domain.REPORT_FIELDS}
    fields["tags"] = stored_tags(fields["tags"])
    clean = domain.validate_report({**fields, **{k: v for k, v in given.items() if k != DELETED}})
    clean["tags"] = domain.encode_tags(clean["tags"])
    out = {name: clean[name] for name in names if name != DELETED}
    if DELETED in names:
        out[DELETED] = 1 if given.get(DELETED, current[DELETED]) else 0
    return out


def _feature_result(
    current: Mapping[str, Any], names: set[str], given: dict[str, Any]
) -> dict[str, Any]:
    """A map feature's result validated like `edit_feature` (name required, a known
    category, a readable geometry), in stored form (geometry as compact JSON text)."""
    fields = {name: current[name] for name in FEATURE_FIELDS}
    clean = validate_feature({**fields, **{k: v for k, v in given.items() if k in fields}})
    return _picked(clean, current, names, given)


def _message_result(
    current: Mapping[str, Any], names: set[str], given: dict[str, Any]
) -> dict[str, Any]:
    """A radio message's result validated like `update_message` (known kind, direction
    and status, times that are times, a text or a subject), in stored form (`test` 0/1).

    The status is not checked as a move along the workflow: the user keeps the status one
    of the devices gave, which is not a transition made now."""
    from fieldapp.radio import model as radio_model  # ~20 ms: only when a message clashes

    fields = {name: current[name] for name in radio_model.MESSAGE_FIELDS}
    fields["test"] = bool(fields["test"])
    clean = radio_model.validate_message(
        {**fields, **{k: v for k, v in given.items() if k in fields}}
    )
    clean["test"] = int(clean["test"])
    return _picked(clean, current, names, given)


def _picked(
    clean: Mapping[str, Any], current: Mapping[str, Any], names: set[str], given: dict[str, Any]
) -> dict[str, Any]:
    """The fields in conflict from a validated record; other columns as given."""
    out = {}
    for name in names:
        if name == DELETED:
            out[name] = 1 if given.get(DELETED, current[DELETED]) else 0
        else:
            out[name] = clean[name] if name in clean else given.get(name, current[name])
    return out


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
