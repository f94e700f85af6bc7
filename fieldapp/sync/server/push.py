"""Applying a pushed batch: idempotent, merged per field, conflicts recorded, one commit.

A batch runs in one serialised write transaction (db.py): either all its accepted entries
and its stored answer are committed, or nothing is (a server killed mid-push loses the
whole batch, and the client's retry applies it once). Called from a request thread.

Idempotency: an op_id is applied at most once (primary key of `changes`); a batch_key
already answered for this device gets the stored answer back, whatever the body says.

Echo: every batch that changed something has a `batch_seq` (the last server sequence
number it took), given in its answer and written with the device's id, per field, into
`records.origins` for the values it set (origins.py says what a pull then leaves out).
A batch sent with the device's pull cursor (`since`, protocol 4) is answered with `next`
when nothing but this batch was stored after that cursor and it made no conflict: the
device takes it as its cursor and skips a pull that would bring nothing.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, bindparam, insert, select, update

from fieldapp.core.jsontext import dumps, loads
from fieldapp.sync.protocol import wire
from fieldapp.sync.protocol.merge import Conflict, Write, merge, node_of, preferred
from fieldapp.sync.server import origins as echo
from fieldapp.sync.server import tables as t
from fieldapp.sync.server.accounts import Principal, touch
from fieldapp.sync.server.admission import entry_problem
from fieldapp.sync.server.blobrefs import write_refs
from fieldapp.sync.server.db import Database, current_seq, next_seqs, now_ms
from fieldapp.sync.server.nodes import bound_node
from fieldapp.sync.server.policy import Access, load_access


@dataclass
class _Record:
    operation_id: str
    owner_id: int
    state: dict[str, tuple[Any, str]]
    history: list[Write]
    new: bool
    dirty: bool = False
    origins: echo.Origins = field(default_factory=dict)  # who wrote each current value
    mine: set[str] = field(default_factory=set)  # fields whose value this batch set
    # writes of this batch not yet in `history` (fields, device, user): a new record's
    unmerged: list[tuple[dict[str, wire.FieldWrite], str, str]] = field(default_factory=list)


@dataclass
class _Batch:
    conn: Connection
    access: Access
    now: int
    records: dict[tuple[str, str], _Record] = field(default_factory=dict)
    seen_ops: set[str] = field(default_factory=set)
    earlier: dict[str, int] = field(default_factory=dict)  # op_id -> its batch_seq, stored
    changes: list[dict] = field(default_factory=list)
    conflicts: dict[str, Conflict] = field(default_factory=dict)
    conflict_ops: dict[str, str] = field(default_factory=dict)
    node: str | None = None  # the caller's clock node id (nodes.py)
    resolves: set[tuple[str, str, str]] = field(default_factory=set)  # (conflict, entity, id)
    wrote_conflicts: bool = False  # conflict rows numbered by this batch: a pull brings them


def push(
    db: Database, principal: Principal, request: wire.PushRequest, since: int | None = None
) -> dict:
    """Apply a batch (or replay its stored answer); the answer gives a status per entry.
    `since`: the device's pull cursor (protocol 4), for the answer's `next`."""
    with db.write() as conn:
        stored = conn.execute(
            select(t.batches.c.answer).where(
                t.batches.c.device_id == principal.device_id,
                t.batches.c.batch_key == request.batch_key,
            )
        ).first()
        if stored is not None:
            return {**loads(stored.answer), "server_time": now_ms(), "replayed": True}
        batch = _Batch(conn, load_access(conn, principal), now_ms())
        first = next((e for e in request.entries if not e.problem), None)
        candidate = node_of(next(iter(first.fields.values())).stamp) if first else None
        batch.node = bound_node(conn, principal, candidate)
        _preload(batch, request.entries)
        outcomes = [_apply(batch, principal, entry) for entry in request.entries]
        before = current_seq(conn)
        batch_seq = _flush(batch)
        answer = _answer(outcomes, batch.now, batch_seq)
        if since is not None and since == before and not batch.wrote_conflicts:
            # Nothing was stored after the device's cursor but this batch, whose values
            # it holds: it may take the batch's number as its cursor and skip the pull
            # that would bring nothing back (protocol 4).
            answer["next"] = before if batch_seq is None else batch_seq
        earlier = sorted(
            {batch.earlier[e.op_id] for e in request.entries if e.op_id in batch.earlier}
        )
        if earlier:  # duplicates (a USB bundle imported first): the device holds them too
            answer["earlier"] = earlier[: wire.MAX_HAVE]
        conn.execute(
            insert(t.batches).values(
                device_id=principal.device_id,
                batch_key=request.batch_key,
                created_at=batch.now,
                answer=dumps(answer),
            )
        )
        touch(conn, principal.device_id)
        _pause_for_tests()
    return answer


def _answer(
    outcomes: list[tuple[str, str | list[str] | None]], now: int, batch_seq: int | None
) -> dict:
    """Statuses aligned with the entries; reasons and conflict ids keyed by entry index;
    `batch_seq` when the batch changed anything (what the device names in `have`)."""
    reasons = {str(n): extra for n, (status, extra) in enumerate(outcomes) if status == "rejected"}
    conflicts = {
        str(n): extra for n, (status, extra) in enumerate(outcomes) if status == "conflict"
    }
    answer = {
        "server_time": now,
        "results": [status for status, _extra in outcomes],
        "reasons": reasons,
        "conflicts": conflicts,
    }
    if batch_seq is not None:
        answer["batch_seq"] = batch_seq
    return answer


def _preload(batch: _Batch, entries: list[wire.Entry]) -> None:
    """Read, in a few queries, every stored record, history and op_id the batch touches."""
    conn = batch.conn
    op_ids = [e.op_id for e in entries]
    for chunk in _chunks(op_ids):
        for op_id, seq in conn.execute(
            select(t.changes.c.op_id, t.changes.c.seq).where(t.changes.c.op_id.in_(chunk))
        ):
            batch.seen_ops.add(op_id)
            batch.earlier[op_id] = seq
    # Looked up by entity and id, the leading columns of the tables' indexes: by id alone,
    # each query read the whole table (a third of a first push's time).
    wanted = {(e.entity, e.id) for e in entries} | {("operation", e.operation_id) for e in entries}
    for entity, ids in _by_entity(wanted).items():
        for chunk in _chunks(ids):
            query = select(t.records).where(t.records.c.entity == entity, t.records.c.id.in_(chunk))
            for row in conn.execute(query):
                batch.records[(entity, row.id)] = _stored(row)
    for entity, ids in _by_entity(set(batch.records)).items():
        for chunk in _chunks(ids):
            query = select(t.changes.c.row_id, t.changes.c.writes).where(
                t.changes.c.entity == entity, t.changes.c.row_id.in_(chunk)
            )
            for row_id, writes in conn.execute(query):
                batch.records[(entity, row_id)].history.extend(_writes_of(writes))


def _stored(row: Any) -> _Record:
    """A record as stored (a row of `records`), its history still to read."""
    state = {name: (v, s) for name, (v, s) in loads(row.fields).items()}
    origins = echo.parse(row.origins)
    return _Record(row.operation_id, row.owner_id, state, [], False, origins=origins)


def _by_entity(keys: set[tuple[str, str]]) -> dict[str, list[str]]:
    """(entity, id) pairs -> the sorted ids of each entity."""
    found: dict[str, list[str]] = {}
    for entity, row_id in sorted(keys):
        found.setdefault(entity, []).append(row_id)
    return found


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _writes_of(text: str) -> list[Write]:
    """A stored entry's writes: each [field, value, stamp, base], or [field, value] under
    the entry's common stamp and base ("s", "b": rows written since protocol 4)."""
    data = loads(text)
    device, user = data["d"], data["u"]
    s, b = data.get("s"), data.get("b")
    return [
        Write(w[0], w[1], w[2], w[3], device, user)
        if len(w) == 4
        else Write(w[0], w[1], s, b, device, user)
        for w in data["w"]
    ]


def _writes_text(device: str, user: str, fields: dict[str, wire.FieldWrite]) -> str:
    """An entry's writes as stored in `changes`: the stamp and base most fields share are
    written once (a created report repeated one stamp twenty times: a third of the JSON
    a push encodes)."""
    first = next(iter(fields.values()))
    common = (first.stamp, first.base)
    items = [
        [name, w.value] if (w.stamp, w.base) == common else [name, *w] for name, w in fields.items()
    ]
    return dumps({"d": device, "u": user, "s": common[0], "b": common[1], "w": items})


def _apply(batch: _Batch, who: Principal, entry: wire.Entry) -> tuple[str, Any]:
    if entry.problem:
        return "rejected", entry.problem
    if entry.op_id in batch.seen_ops:
        return "duplicate", None
    problem = entry_problem(batch.records, batch.access, entry, batch.now, batch.node)
    if problem:
        return "rejected", problem
    key = (entry.entity, entry.id)
    record = batch.records.get(key)
    device, user = who.device_id, who.user_name
    if record is None:
        # New to the server: every write wins and none conflicts (admission has bound all
        # its stamps to this device's clock), so the merge and its Write objects are
        # skipped; its history is built only if a later entry of the batch edits it.
        state = {name: (w.value, w.stamp) for name, w in entry.fields.items()}
        record = _Record(entry.operation_id, who.user_id, state, [], new=True)
        record.unmerged.append((entry.fields, device, user))
        batch.records[key] = record
        changed: list[str] = list(entry.fields)
        conflicts: list[Conflict] = []
    else:
        for fields, by_device, by_user in record.unmerged:
            record.history += [Write(n, *w, by_device, by_user) for n, w in fields.items()]
        record.unmerged.clear()
        writes = [Write(name, *w, device, user) for name, w in entry.fields.items()]
        changed, conflicts = merge(entry.entity, entry.id, record.state, record.history, writes)
    record.dirty = record.dirty or bool(changed) or record.new
    record.mine.update(changed)
    batch.seen_ops.add(entry.op_id)
    batch.changes.append(
        {
            "op_id": entry.op_id,
            "entity": entry.entity,
            "row_id": entry.id,
            "device_id": who.device_id,
            "received_at": batch.now,
            "writes": _writes_text(device, user, entry.fields),
        }
    )
    for conflict in conflicts:
        kept = batch.conflicts.get(conflict.id)
        batch.conflicts[conflict.id] = conflict if kept is None else preferred(kept, conflict)
        batch.conflict_ops[conflict.id] = entry.operation_id
    batch.resolves.update((cid, entry.entity, entry.id) for cid in entry.resolves)
    if conflicts:
        return "conflict", [c.id for c in conflicts]
    return "applied", None


def _flush(batch: _Batch) -> int | None:
    """Write the batch's records, changes, conflicts and blob references, numbered in order;
    returns the batch_seq (the last number taken), None when nothing was written."""
    conn = batch.conn
    dirty = [(key, r) for key, r in batch.records.items() if r.dirty]
    known = _existing_conflicts(conn, list(batch.conflicts))
    fresh = [c for cid, c in batch.conflicts.items() if cid not in known]
    # an id already stored, now with a record every peer prefers (writes sharing a stamp)
    better = [
        c
        for cid, c in batch.conflicts.items()
        if cid in known and c != known[cid] and preferred(known[cid], c) == c
    ]
    resolving = _resolvable(batch)
    batch.wrote_conflicts = bool(fresh or better or resolving)
    count = len(dirty) + len(fresh) + len(better) + len(resolving)
    if not batch.changes and not count:
        return None
    seq = next_seqs(conn, max(count, 1))
    batch_seq = seq + max(count, 1) - 1
    _write_records(conn, dirty, seq, (batch_seq, batch.access.principal.device_id))
    seq += len(dirty)
    if batch.changes:  # numbered by the push that stored them
        insert_rows(conn, t.changes, [{**c, "seq": batch_seq} for c in batch.changes])
    if fresh:
        rows = [
            {
                "id": c.id,
                "entity": c.entity,
                "row_id": c.row_id,
                "operation_id": batch.conflict_ops[c.id],
                "seq": seq + n,
                "body": dumps(c.as_json()),
            }
            for n, c in enumerate(fresh)
        ]
        conn.execute(insert(t.conflicts), rows)
        seq += len(fresh)
    for n, conflict in enumerate(better):  # a new seq: every peer pulls it again
        conn.execute(
            update(t.conflicts)
            .where(t.conflicts.c.id == conflict.id)
            .values(body=dumps(conflict.as_json()), seq=seq + n)
        )
    seq += len(better)
    for n, conflict_id in enumerate(resolving):
        conn.execute(
            update(t.conflicts)
            .where(t.conflicts.c.id == conflict_id)
            .values(resolved_by=batch.access.principal.user_name, seq=seq + n)
        )
    attachments = [(r.operation_id, r.state) for (e, _i), r in dirty if e == "attachment"]
    write_refs(conn, batch.access, attachments)
    return batch_seq


def _write_records(conn: Connection, dirty: list, first_seq: int, origin: tuple[int, str]) -> None:
    new, old = [], []
    for n, ((entity, row_id), record) in enumerate(dirty):
        origins = {**record.origins, **dict.fromkeys(record.mine, origin)}
        row = {
            "entity": entity,
            "id": row_id,
            "operation_id": record.operation_id,
            "owner_id": record.owner_id,
            "seq": first_seq + n,
            "deleted": bool(record.state.get("deleted", (0,))[0]),
            "fields": dumps(record.state),  # {name: [value, stamp]}: tuples are lists in JSON
            "origins": echo.dump(origins),
        }
        (new if record.new else old).append(row)
    if new:
        insert_rows(conn, t.records, new)
    if old:
        conn.execute(
            update(t.records)
            .where(t.records.c.entity == bindparam("k_entity"), t.records.c.id == bindparam("k_id"))
            .values(
                seq=bindparam("seq"),
                deleted=bindparam("deleted"),
                fields=bindparam("fields"),
                origins=bindparam("origins"),
            ),
            [{**row, "k_entity": row["entity"], "k_id": row["id"]} for row in old],
        )


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Many rows in one statement, passed to the driver as they are: SQLAlchemy's insert()
    processes every parameter of every row (a third of a 10,000-record push's writing).
    Plain values only (text, numbers, true/false), the same on SQLite and PostgreSQL."""
    names = list(rows[0])
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    conn.exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join([mark] * len(names))})",
        [tuple(row[name] for name in names) for row in rows],
    )


def _existing_conflicts(conn: Connection, ids: list[str]) -> dict[str, Conflict]:
    found: dict[str, Conflict] = {}
    for chunk in _chunks(ids):
        rows = conn.execute(
            select(t.conflicts.c.id, t.conflicts.c.body).where(t.conflicts.c.id.in_(chunk))
        )
        found.update((cid, Conflict.from_json(loads(body))) for cid, body in rows)
    return found


def _resolvable(batch: _Batch) -> list[str]:
    """Conflicts this batch resolves: unresolved, of the very record the resolving entry
    edits (an edit of one record never settles another's conflict), and visible."""
    if not batch.resolves:
        return []
    rows = batch.conn.execute(
        select(t.conflicts.c.id, t.conflicts.c.entity, t.conflicts.c.row_id,
               t.conflicts.c.operation_id).where(
            t.conflicts.c.id.in_(sorted({cid for cid, _e, _i in batch.resolves})),
            t.conflicts.c.resolved_by.is_(None),
        )
    )  # fmt: skip
    return sorted(
        row.id
        for row in rows
        if (row.id, row.entity, row.row_id) in batch.resolves
        and batch.access.can_see(row.operation_id)
    )


def _pause_for_tests() -> None:
    """FIELDAPP_SERVER_PAUSE_PUSH=FILE: before committing, create FILE and wait (the test
    of a server killed mid-push kills it here). Unset in production: costs one lookup."""
    marker = os.environ.get("FIELDAPP_SERVER_PAUSE_PUSH")
    if not marker or os.path.exists(marker):
        return
    with open(marker, "w") as handle:
        handle.write(str(os.getpid()))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.05)
