"""Changes the server refused for good, and the way out: *Undo my change*.

A refused entry stays in the outbox with its reason (`sync_rejected`), so nothing a user
saved disappears silently; but a change the server will never take (a volunteer editing
a report someone else created, a role changed on the server since) would keep the device
"NOT fully synchronised" for ever. `refused_changes` lists them in words for the sync
panel; `undo_refused` takes the server's version of the record back (GET
/records/{entity}/{id}: values, stamps and owner) and drops every unsent change of that
record, so the outbox empties and the device holds what the server holds. A record the
server never took (a refused creation) is removed from this device. Nothing is lost
unasked: the window asks first, saying which record and why.

Functions of a Store and a Transport: the sync worker's thread (a job on the network lane).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldapp.core.jsontext import dumps
from fieldapp.core.records import RECORD_TYPES, TABLES
from fieldapp.core.times import utc_now
from fieldapp.sync.client.local import mark_on_server
from fieldapp.sync.client.transport import SyncError
from fieldapp.sync.protocol import wire

if TYPE_CHECKING:
    from fieldapp.store import Store
    from fieldapp.sync.client.transport import Transport
    from fieldapp.sync.protocol.shapes import PulledRecord


@dataclass(frozen=True)
class RefusedChange:
    """One record with changes the server refused: what, which fields, why, since when."""

    entity: str
    row_id: str
    title: str  # the record's title field, as stored here ("" when gone)
    fields: tuple[str, ...]
    reason: str  # the server's words
    at: str  # when it refused (ISO UTC)


def refused_changes(conn: sqlite3.Connection) -> list[RefusedChange]:
    """The records whose changes the server refused, oldest refusal first."""
    found: dict[tuple[str, str], RefusedChange] = {}
    rows = conn.execute(
        "SELECT o.entity, o.row_id, o.fields, r.reason, r.at FROM outbox o"
        " JOIN sync_rejected r ON r.op_id = o.op_id ORDER BY r.at, o.seq"
    )
    for entity, row_id, fields, reason, at in rows:
        key = (entity, row_id)
        names = tuple(json.loads(fields))
        if key in found:
            earlier = found[key]
            names = tuple(dict.fromkeys((*earlier.fields, *names)))
            found[key] = RefusedChange(entity, row_id, earlier.title, names, earlier.reason, at)
            continue
        found[key] = RefusedChange(entity, row_id, _title(conn, entity, row_id), names, reason, at)
    return list(found.values())


def undo_refused(store: Store, http: Transport, entity: str, row_id: str) -> str:
    """Take the server's version of one record back, dropping its unsent changes:
    "restored", or "removed" when the server never had the record."""
    if entity not in TABLES:
        raise SyncError(f"no record type {entity!r}")
    try:
        answer = http.json("GET", f"/records/{entity}/{row_id}")
    except SyncError as exc:
        if exc.status != 404:
            raise
        answer = None
    record = None if answer is None else wire.parse_record(answer, entity, row_id)
    with store.db.transaction() as conn:
        _drop_unsent(conn, entity, row_id)
        if record is None:
            _remove(store, entity, row_id)
            return "removed"
        _restore(store, record)
    return "restored"


def _drop_unsent(conn: sqlite3.Connection, entity: str, row_id: str) -> None:
    ops = [r[0] for r in conn.execute(
        "SELECT op_id FROM outbox WHERE entity = ? AND row_id = ?", [entity, row_id]
    )]  # fmt: skip
    conn.executemany("DELETE FROM sync_rejected WHERE op_id = ?", [(op,) for op in ops])
    conn.execute("DELETE FROM outbox WHERE entity = ? AND row_id = ?", [entity, row_id])
    conn.execute("DELETE FROM sync_base WHERE entity = ? AND row_id = ?", [entity, row_id])
    conn.execute("DELETE FROM sync_batch")  # the next round builds its batch anew


def _restore(store: Store, record: PulledRecord) -> None:
    """The record as the server holds it: its values under their own stamps."""
    entity, row_id = record["entity"], record["id"]
    conn = store.conn
    row = conn.execute(f"SELECT * FROM {TABLES[entity]} WHERE id = ?", [row_id]).fetchone()
    remote = wire.expand_record(record)
    columns = set(row.keys()) if row is not None else set(remote)
    values = {name: value for name, (value, _s) in remote.items() if name in columns}
    stamps = {"*": record["s"], **record.get("stamps", {})}
    if row is None:
        ids = {"id": row_id, "operation_id": record["operation_id"]}
        store.db.insert_received(entity, {**ids, **values}, stamps)
        changed = {}
    else:
        store.db.replace_received(entity, row_id, values, stamps)
        changed = {n: [row[n], v] for n, v in values.items() if row[n] != v}
    _history(store, entity, row_id, "undone", changed)
    mark_on_server(conn, [(entity, row_id)], 0)
    if record.get("owner"):
        conn.execute(
            "INSERT OR REPLACE INTO sync_owners VALUES (?, ?, ?)",
            [entity, row_id, record.get("owner", "")],
        )


def _remove(store: Store, entity: str, row_id: str) -> None:
    """A record the server never took: gone from this device too (its history says so)."""
    store.db.remove_local(entity, row_id)
    _history(store, entity, row_id, "removed", {})


def _history(store: Store, entity: str, row_id: str, action: str, changes: dict) -> None:
    stamp = store.db.clock.tick().encode()
    store.db.log_changes(
        [], [(entity, row_id, stamp, utc_now(), store.db.user, action, dumps(changes))]
    )


def _title(conn: sqlite3.Connection, entity: str, row_id: str) -> str:
    name = RECORD_TYPES[entity].title_field
    row = conn.execute(f"SELECT {name} FROM {TABLES[entity]} WHERE id = ?", [row_id]).fetchone()
    return "" if row is None or row[0] is None else str(row[0])
