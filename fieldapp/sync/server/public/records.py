"""Records the server writes itself: the form's items, as a pushing device would store them.

A submission becomes an `item` record (the monitoring desk's post) in the very shape a
push stores (push.py): `records.fields` {name: [value, stamp]}, the server sequence
number that every pull follows, and a `changes` row with the writes (the merge history
later pushes are judged against). Its stamps are of the reserved node `publicform`
(m0005), its owner is nobody (owner_id 0: every user may triage it, none may edit what
the citizen wrote: core/rights.TAKEN_IN), its origin unknown (sent to every device).
Each value is first checked as a desktop checks a pulled record (protocol/checks.py), so
a desktop never sets one aside. The INSERTs of `create` are built once (module
constants): a post does not rebuild them. Called inside the caller's write transaction.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from fieldapp.core.jsontext import dumps
from fieldapp.sync.protocol.checks import record_problem
from fieldapp.sync.server import tables as t
from fieldapp.sync.server.db import next_seqs
from fieldapp.sync.server.public.tables import SERVER_DEVICE, SERVER_NODE

WRITER = "public form"  # the user name the history shows for these writes
_NEW_RECORD = insert(t.records)
_NEW_CHANGE = insert(t.changes)


def stamp(wall_ms: int, counter: int = 0) -> str:
    return f"{wall_ms:013d}-{counter:04x}-{SERVER_NODE}"


def create(conn: Connection, entity: str, row_id: str, operation_id: str,
           values: Mapping[str, Any], now: int) -> None:  # fmt: skip
    """Store a new record written by the server; ValueError if a desktop would refuse it."""
    problem = record_problem(entity, {}, values, True)
    if problem:
        raise ValueError(problem)
    mark = stamp(now)
    state = {name: [value, mark] for name, value in {**values, "deleted": 0}.items()}
    seq = next_seqs(conn, 1)
    conn.execute(
        _NEW_RECORD,
        {"entity": entity, "id": row_id, "operation_id": operation_id, "owner_id": 0,
         "seq": seq, "deleted": False, "fields": dumps(state), "origins": None},
    )  # fmt: skip
    _history(conn, entity, row_id, {n: (v, mark, None) for n, (v, _s) in state.items()}, seq, now)


def change(conn: Connection, entity: str, row_id: str, values: Mapping[str, Any],
           now: int) -> bool:  # fmt: skip
    """Set fields of a stored record with stamps newer than any it holds; False if the
    server has no such record."""
    row = conn.execute(
        select(t.records.c.fields).where(t.records.c.entity == entity, t.records.c.id == row_id)
    ).first()
    if row is None:
        return False
    state = {name: tuple(pair) for name, pair in json.loads(row.fields).items()}
    problem = record_problem(entity, {n: v for n, (v, _s) in state.items()}, values, False)
    if problem:
        raise ValueError(problem)
    newest = max(int(s.split("-", 1)[0]) for _v, s in state.values())
    mark = stamp(max(now, newest + 1))
    writes = {
        name: (value, mark, state.get(name, (None, None))[1]) for name, value in values.items()
    }
    merged = {**{n: list(p) for n, p in state.items()}, **{n: [v, mark] for n, v in values.items()}}
    seq = next_seqs(conn, 1)
    conn.execute(
        update(t.records)
        .where(t.records.c.entity == entity, t.records.c.id == row_id)
        .values(seq=seq, fields=dumps(merged), deleted=bool(merged.get("deleted", [0])[0]))
    )
    _history(conn, entity, row_id, writes, seq, now)
    return True


def forget_history(conn: Connection, entity: str, row_id: str) -> None:
    """Drop the server's own writes of a record from the history (what the citizen wrote
    is not kept there once the record is blanked and deleted)."""
    conn.execute(
        delete(t.changes).where(
            t.changes.c.entity == entity,
            t.changes.c.row_id == row_id,
            t.changes.c.device_id == SERVER_DEVICE,
        )
    )


Writes = Mapping[str, tuple[Any, str, str | None]]  # field -> (value, stamp, base)


def _history(conn: Connection, entity: str, row_id: str, writes: Writes, seq: int,
             now: int) -> None:  # fmt: skip
    history = {"d": SERVER_DEVICE, "u": WRITER,
               "w": [[n, v, s, b] for n, (v, s, b) in writes.items()]}  # fmt: skip
    conn.execute(
        _NEW_CHANGE,
        {"op_id": f"public-{uuid.uuid4().hex}", "entity": entity, "row_id": row_id,
         "device_id": SERVER_DEVICE, "seq": seq, "received_at": now, "writes": dumps(history)},
    )  # fmt: skip
