"""Applying pulled pages to the local store: per-field merge, no outbox, one transaction.

Each page is one transaction of the sync thread's Store: its records, its conflicts and
the new cursor commit together, so a client killed mid-pull restarts from a cursor that
matches its rows. Fields are merged with fieldapp.sync.protocol.merge (highest stamp wins): a
local unsynced edit with a newer stamp survives and goes to the server later; a local
unsynced edit that loses to a newer remote one is kept as a local conflict, so nothing
is silently dropped. Pulled changes never write outbox entries; they write history
entries (action "received" or "synced", author "sync from" the record's author for a new
record, else the clock node of the device that made the change: pulls do not name
people) and keep
the FTS tables right through the tables' triggers. The clock observes every pulled
stamp, except one too far ahead of this device's clock (the skew guard) or of the
server's (another device's drift must not pull this clock, and every clock after it,
ahead: issue 13), which is applied but not adopted, and reported.

A partial record (protocol 4: the fields changed since the cursor) merges like any
other; one this device does not hold is first asked whole (`whole_missing_parts`).

A record that cannot be stored yet (its operation or report comes in a later page) is
parked in sync_parked and retried after every page: the cursor can move on without
losing it. A record that cannot be stored at all (a value the desktop refuses, a
required field missing, a type this version lacks) is set aside with its reason
(setaside.py) and the rest of the page is applied: it is never stored, so it never
breaks a listing, and its clock stamps are not observed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldapp.core.bookkeeping import pending_fields, set_state
from fieldapp.core.changes import Changes
from fieldapp.core.hlc import ClockSkewError, Stamp
from fieldapp.core.jsontext import dumps, loads
from fieldapp.core.records import TABLES, apply_rank
from fieldapp.reports.bulk import deferred_index
from fieldapp.sync.client.local import (
    forget_pushed,
    mark_on_server,
    now_text,
    save_conflict,
)
from fieldapp.sync.client.setaside import UNREAD, count_waiting, refusal, set_aside
from fieldapp.sync.client.transport import SyncError
from fieldapp.sync.protocol import merge, wire
from fieldapp.sync.protocol.shapes import PullAnswer, PulledRecord

if TYPE_CHECKING:
    from fieldapp.store import Store
    from fieldapp.sync.client.transport import Transport

# How far ahead of the server's clock a pulled stamp may be and still move this device's
# clock (a page is answered within the request; the rest is another device's drift).
OBSERVE_LEAD_MS = 5_000


@dataclass
class PageResult:
    records: int = 0  # records received
    conflicts: int = 0  # new conflict records
    parked: int = 0  # records waiting for their parent after this page
    set_aside: int = 0  # records of this page that cannot be stored here
    warnings: list[str] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)  # which records changed

    @property
    def changed(self) -> int:
        """Records whose local copy changed."""
        return sum(len(ids) for ids in self.changes.ids.values())


def apply_page(store: Store, page: PullAnswer) -> PageResult:
    """Apply one checked pull answer (wire.parse_pull_answer) and store its cursor."""
    result = PageResult(records=len(page["records"]))
    records = sorted(page["records"], key=lambda r: apply_rank(r["entity"]))  # parents first
    server_time = page["server_time"]
    with store.db.transaction() as conn:
        conn.executemany(
            "INSERT OR REPLACE INTO sync_devices VALUES (?, ?, ?, ?)",
            [(d["id"], d["node"], d["name"], d["user"]) for d in page.get("devices", [])],
        )
        local = _local_rows(conn, records)
        fresh: list[PulledRecord] = []  # new here: inserted together
        for record in records:
            row = local.get((record["entity"], record["id"]), UNREAD)
            problem = refusal(conn, record, row)
            if problem is not None:
                set_aside(conn, record, problem)
                result.set_aside += 1
                continue
            _observe(store, record, result, server_time)
            if row is None:
                fresh.append(record)
            elif _apply_or_park(store, record, server_time, checked=True):
                result.changes.add(record["entity"], record["id"])
        insert_fresh(store, fresh, server_time, result.changes)
        _retry_parked(store, server_time, result.changes)
        for conflict in page["conflicts"]:
            if _well_formed(conflict) and save_conflict(conn, conflict, "server"):
                result.conflicts += 1
        set_state(conn, {"cursor": page["next"]})
        forget_pushed(conn, page["next"])
        result.parked = count_waiting(conn)
    return result


def whole_missing_parts(store: Store, http: Transport, page: PullAnswer) -> None:
    """Replace, in a page, each partial record (protocol 4: only its fields changed since
    the cursor) that this device does not hold with the whole record (GET /records; one
    request each: a record set aside, or of an operation the device could not see
    before), or drop it when the server no longer shows it. Before the page's
    transaction: it asks the server."""
    parts = [r for r in page["records"] if r.get("part")]
    if not parts:
        return
    held = _local_rows(store.conn, parts)
    kept: list[PulledRecord] = []
    for record in page["records"]:
        key = (record["entity"], record["id"])
        if not record.get("part") or held.get(key) is not None:
            kept.append(record)
            continue
        try:
            answer = http.json("GET", f"/records/{key[0]}/{key[1]}")
        except SyncError as exc:
            if exc.status != 404:
                raise
            continue
        kept.append(wire.parse_record(answer, *key))
    page["records"] = kept


def _local_rows(
    conn: sqlite3.Connection, records: list[PulledRecord]
) -> dict[tuple[str, str], sqlite3.Row | None]:
    """The local copy of each pulled record of a known type (None: not stored here), read
    in a query per type and 500 ids rather than one per record."""
    found: dict[tuple[str, str], sqlite3.Row | None] = {}
    for entity in {r["entity"] for r in records if r["entity"] in TABLES}:
        ids = sorted({r["id"] for r in records if r["entity"] == entity})
        found.update(dict.fromkeys(((entity, i) for i in ids), None))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            query = f"SELECT * FROM {TABLES[entity]} WHERE id IN ({', '.join('?' * len(chunk))})"
            for row in conn.execute(query, chunk):
                found[(entity, row["id"])] = row
    return found


def _apply_or_park(
    store: Store, record: PulledRecord, server_time: int, checked: bool = False
) -> bool:
    conn = store.conn
    # a parked record is judged again: its parent came
    problem = None if checked else refusal(conn, record)
    if problem is not None:
        set_aside(conn, record, problem)
        return False
    conn.execute("SAVEPOINT record")
    try:
        changed = apply_record(store, record, server_time)
    except sqlite3.IntegrityError as exc:
        conn.execute("ROLLBACK TO record")
        conn.execute(
            "INSERT OR REPLACE INTO sync_parked VALUES (?, ?, ?, ?)",
            [record["entity"], record["id"], json.dumps(record), str(exc)],
        )
        changed = False
    else:
        conn.execute("DELETE FROM sync_parked WHERE entity = ? AND row_id = ?",
                     [record["entity"], record["id"]])  # fmt: skip
    conn.execute("RELEASE record")
    return changed


def insert_fresh(
    store: Store, records: list[PulledRecord], server_time: int, changes: Changes
) -> None:
    """Records new to this device, checked, inserted a type at a time with their
    bookkeeping in a few statements (a first pull of 10,000 reports made 60,000 before).
    A type whose rows break a constraint (a parent in a later page) goes record by
    record instead, so that those park and the others are stored."""
    conn = store.conn
    by_entity: dict[str, list[PulledRecord]] = {}
    for record in records:
        by_entity.setdefault(record["entity"], []).append(record)
    for entity in sorted(by_entity, key=apply_rank):
        group = by_entity[entity]
        conn.execute("SAVEPOINT fresh")
        try:
            _insert_group(store, entity, group, server_time)
        except sqlite3.IntegrityError:
            conn.execute("ROLLBACK TO fresh")
            conn.execute("RELEASE fresh")
            for record in group:
                if _apply_or_park(store, record, server_time, checked=True):
                    changes.add(entity, record["id"])
            continue
        conn.execute("RELEASE fresh")
        for record in group:
            changes.add(entity, record["id"])


def rows_by_fields(records: Iterable[Mapping[str, Any]]) -> dict[tuple[str, ...], list[list[Any]]]:
    """New records as rows of `Replica.insert_received_many`, grouped by the fields they
    carry: id, operation_id and their values, then their newest stamp and field stamps."""
    by_names: dict[tuple[str, ...], list[list[Any]]] = {}
    for record in records:
        stamps = {"*": record["s"], **record.get("stamps", {})}
        names = ("id", "operation_id", *record["fields"])
        row = [record["id"], record["operation_id"], *record["fields"].values()]
        by_names.setdefault(names, []).append([*row, max(stamps.values()), dumps(stamps)])
    return by_names


def _insert_group(store: Store, entity: str, group: list[PulledRecord], server_time: int) -> None:
    conn = store.conn
    history, now, who_by_node = [], now_text(), {}
    for record in group:
        newest = max([record["s"], *record.get("stamps", {}).values()])
        who = str(record["fields"].get("author") or "")  # a new record: its author made it
        if not who:
            node = merge.node_of(newest)
            if node not in who_by_node:
                who_by_node[node] = device_words(conn, node)
            who = who_by_node[node]
        history.append((entity, record["id"], newest, now, f"sync from {who}", "received", "{}"))
    with deferred_index(conn, entity, len(group)):  # the search index after the rows
        for names, rows in rows_by_fields(group).items():
            store.db.insert_received_many(entity, names, rows)
    ids = [(entity, record["id"]) for record in group]
    mark_on_server(conn, ids, server_time)
    conn.executemany(
        "INSERT OR REPLACE INTO sync_owners VALUES (?, ?, ?)",
        [(entity, r["id"], r.get("owner", "")) for r in group if r.get("owner")],
    )
    conn.executemany("DELETE FROM sync_parked WHERE entity = ? AND row_id = ?", ids)
    store.db.log_changes(outbox=[], history=history)


def _retry_parked(store: Store, server_time: int, changes: Changes) -> None:
    """Parked records whose parents may have arrived now; repeated while it helps."""
    progress = True
    while progress:
        progress = False
        parked = store.conn.execute("SELECT entity, row_id, body FROM sync_parked").fetchall()
        for row in sorted(parked, key=lambda r: apply_rank(r[0])):
            _apply_or_park(store, loads(row[2]), server_time)
            gone = store.conn.execute(
                "SELECT 1 FROM sync_parked WHERE entity = ? AND row_id = ?", [row[0], row[1]]
            ).fetchone()
            if gone is None:
                changes.add(row[0], row[1])
                progress = True


def apply_record(store: Store, record: PulledRecord, server_time: int) -> bool:
    """Merge one pulled record into its table; True if the local copy changed."""
    entity, row_id = record["entity"], record["id"]
    table = TABLES[entity]
    remote = wire.expand_record(record)
    row = store.conn.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id]).fetchone()
    mark_on_server(store.conn, [(entity, row_id)], server_time)
    if record.get("owner"):
        store.conn.execute(
            "INSERT OR REPLACE INTO sync_owners VALUES (?, ?, ?)",
            [entity, row_id, record.get("owner", "")],
        )
    if row is None:
        values = {"id": row_id, "operation_id": record["operation_id"], **record["fields"]}
        store.db.insert_received(entity, values, {"*": record["s"], **record.get("stamps", {})})
        _history(store, entity, row_id, remote, {}, "received")
        return True
    if row["operation_id"] != record["operation_id"]:
        return False  # a hostile or broken answer: never move a record between operations
    stamps = loads(row["field_hlc"])
    columns = set(row.keys())
    state = {f: (row[f], stamps.get(f, stamps["*"])) for f in remote if f in columns}
    writes = [merge.Write(f, v, s, None) for f, (v, s) in remote.items() if f in columns]
    before = dict(state)
    changed = merge.apply_writes(state, writes)
    if not changed:
        return False
    keep_lost_local_edits(store, record, changed, before, state)
    values, stamps = {f: state[f][0] for f in changed}, {f: state[f][1] for f in changed}
    store.db.update_received(entity, row_id, values, stamps)
    diff = {f: (before[f][0], state[f][0]) for f in changed}
    _history(store, entity, row_id, {f: state[f] for f in changed}, diff, "synced")
    return True


def keep_lost_local_edits(
    store: Store, record: PulledRecord, changed: list[str], before: dict, after: dict
) -> None:
    """A pending local edit that a newer remote write beat: keep it as a local conflict."""
    pending = pending_fields(store.conn, record["entity"], record["id"])
    for name in changed:
        if name not in pending or merge.canonical(before[name][0]) == merge.canonical(
            after[name][0]
        ):
            continue
        older = merge.Write(name, before[name][0], before[name][1], None, "this device", store.user)
        newer = merge.Write(name, after[name][0], after[name][1], None)
        cid = merge.conflict_id(record["entity"], record["id"], older, newer)
        conflict = merge.Conflict(cid, record["entity"], record["id"], "edit", name, older, newer)
        body = {**conflict.as_json(), "operation_id": record["operation_id"], "resolved_by": None}
        save_conflict(store.conn, body, "local")


def _history(
    store: Store, entity: str, row_id: str, fields: dict[str, tuple[Any, str]], diff: dict,
    action: str,
) -> None:  # fmt: skip
    stamp = max(s for _v, s in fields.values()) if fields else ""
    who = device_words(store.conn, merge.node_of(stamp)) if stamp else "server"
    if action == "received" and fields.get("author", ("",))[0]:
        who = str(fields["author"][0])  # a new record: its author made this change
    entry = (entity, row_id, stamp, now_text(), f"sync from {who}", action, dumps(diff))
    store.db.log_changes(outbox=[], history=[entry])


def device_words(conn: sqlite3.Connection, node: str) -> str:
    """A device by its clock node, as people know it: "olga (Olga's tablet)"; the node
    when the server has not named it (an older server)."""
    row = conn.execute("SELECT user, name FROM sync_devices WHERE node = ?", [node]).fetchone()
    return f"{row[0]} ({row[1]})" if row else node


def _observe(store: Store, record: PulledRecord, result: PageResult, server_time: int) -> None:
    stamps = {record["s"], *record.get("stamps", {}).values()}
    newest = Stamp.parse(max(stamps))
    ahead = newest.wall_ms - server_time
    if ahead > OBSERVE_LEAD_MS:
        # Another device's clock runs ahead (or it forged a stamp within the server's
        # allowance): adopting it would pull this clock ahead too, and with it every
        # device that syncs after. Applied, not adopted; a later edit that loses to it
        # while it is in the future is kept as a conflict, never silently.
        warning = (
            f"a change from another device is stamped {ahead / 1000:.0f} s ahead of the"
            " server's clock; this device's clock did not follow it"
        )
        if warning not in result.warnings:
            result.warnings.append(warning)
        return
    try:
        store.db.clock.observe(newest)
    except ClockSkewError as exc:
        warning = f"a change is stamped ahead of this device's clock ({exc}); check the clock"
        if warning not in result.warnings:
            result.warnings.append(warning)


def _well_formed(conflict: Any) -> bool:
    keys = ("id", "entity", "row_id", "kind", "field", "older", "newer")
    return isinstance(conflict, dict) and all(k in conflict for k in keys)
