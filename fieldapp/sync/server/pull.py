"""Serving pulls: records and conflicts changed after a cursor, one page at a time.

A page is read in one snapshot: the newest committed sequence number `top` and every
row up to it. Writes commit in sequence order (db.py), so every number up to `top` is
already visible and a cursor never skips a change. Records are compacted: one row per
record with its latest field values and stamps (wire.compact_record). Rows of
operations the caller may not see are left out, yet the cursor moves past them; so are
the record types its role never receives (an exercise's injects and observer notes:
core/rights.hidden_types).

Echo: the values the caller already holds because it wrote them are left out
(origins.py has the rule), and a record with no field left is not sent; conflicts
always are. Since such rows cost no bytes, a page reads on past them (up to SCAN_ROWS
rows) to fill itself: a device that pushed 10,000 records pulls past them in one
request. Each record names its owner, the user who created it on the server (what a
device may edit follows from it: core/rights.py). `one_record` answers one record whole,
for a device undoing a change the server refused. Called from a request thread.
"""

from __future__ import annotations

from sqlalchemy import Connection, Row, Table, or_, select

from fieldapp.core.jsontext import loads
from fieldapp.sync.protocol import wire
from fieldapp.sync.protocol.merge import node_of
from fieldapp.sync.protocol.shapes import PulledRecord
from fieldapp.sync.server import origins as echo
from fieldapp.sync.server import tables as t
from fieldapp.sync.server.accounts import Principal
from fieldapp.sync.server.db import Database, current_seq, now_ms
from fieldapp.sync.server.policy import Access, load_access

SCAN_ROWS = 10_000  # rows one page may read, sent or left out


def pull(
    db: Database,
    principal: Principal,
    since: int,
    limit: int,
    have: frozenset[int] = frozenset(),
    delta: bool = False,
) -> dict:
    """{records, conflicts, next, more, server_time}: changes after `since`, at most `limit`,
    less the values the caller wrote itself (`have`: its pushes it holds; origins.py), and
    with `delta` (protocol 4) less the fields unchanged since `since` (origins.py)."""
    records: list[PulledRecord] = []
    conflicts: list[dict] = []
    cursor, scanned, more = since, 0, True
    with db.read() as conn:
        access = load_access(conn, principal)
        names = user_names(conn)
        top = current_seq(conn)
        while more and len(records) + len(conflicts) < limit and scanned < SCAN_ROWS:
            wanted = min(limit - len(records) - len(conflicts), SCAN_ROWS - scanned)
            rows, more = _window(conn, access, cursor, top, wanted)
            scanned += len(rows)
            for row in rows:
                if hasattr(row, "body"):
                    conflicts.append(_conflict(row))
                elif (record := _record(row, principal.device_id, since, have, delta)) is not None:
                    record["owner"] = names.get(row.owner_id, "")
                    records.append(record)
            cursor = rows[-1].seq if more else max(top, cursor)
        devices = named_devices(conn, records, conflicts)
    return {
        "records": records,
        "conflicts": conflicts,
        "next": cursor,
        "more": more,
        "server_time": now_ms(),
        "devices": devices,
    }


def named_devices(conn: Connection, records: list[PulledRecord], conflicts: list[dict]) -> list:
    """The devices whose stamps or conflicting writes a page holds, with their names and
    users' names: the client shows people ("olga (Olga's tablet)"), not clock ids."""
    nodes = {
        node_of(stamp)
        for record in records
        for stamp in (record["s"], *record.get("stamps", {}).values())
    }
    ids = {
        str(conflict[key].get("device") or "")
        for conflict in conflicts
        for key in ("older", "newer")
        if isinstance(conflict.get(key), dict)
    }
    ids.discard("")
    if not nodes and not ids:
        return []
    rows = conn.execute(
        select(t.devices.c.id, t.devices.c.node, t.devices.c.name, t.users.c.name.label("user"))
        .join(t.users, t.users.c.id == t.devices.c.user_id)
        .where(or_(t.devices.c.node.in_(sorted(nodes)), t.devices.c.id.in_(sorted(ids))))
    )
    return [
        {"id": row.id, "node": row.node or "", "name": row.name, "user": row.user} for row in rows
    ]


def _window(
    conn: Connection, access: Access, since: int, top: int, limit: int
) -> tuple[list[Row], bool]:
    """The next `limit` record and conflict rows after `since`, in sequence order, and
    whether more follow up to `top`."""
    records = conn.execute(
        select(
            t.records.c.entity,
            t.records.c.id,
            t.records.c.operation_id,
            t.records.c.seq,
            t.records.c.owner_id,
            t.records.c.fields,
            t.records.c.origins,
        )
        .where(*_between(t.records, access, since, top))
        .order_by(t.records.c.seq)
        .limit(limit + 1)
    ).all()
    conflicts = conn.execute(
        select(t.conflicts)
        .where(*_between(t.conflicts, access, since, top))
        .order_by(t.conflicts.c.seq)
        .limit(limit + 1)
    ).all()
    rows = sorted([*records, *conflicts], key=lambda row: row.seq)
    return rows[:limit], len(rows) > limit


def _between(table: Table, access: Access, since: int, top: int) -> tuple:
    """Rows numbered after `since` up to `top`, of operations the caller may see."""
    return (
        table.c.seq > since,
        table.c.seq <= top,
        access.visible(table.c.operation_id),
        access.shown_types(table.c.entity),
    )


def _record(
    row: Row, device_id: str, since: int, have: frozenset[int], delta: bool
) -> PulledRecord | None:
    """A record in pull form less the caller's echo (and, with `delta`, less the fields it
    has had since its cursor, the record marked `part`); None when nothing is left."""
    state = {name: (value, stamp) for name, (value, stamp) in loads(row.fields).items()}
    part = False
    origins = echo.parse(row.origins)
    # A push numbers a record at most its batch_seq, the origin of a field it changed: a
    # record numbered after every origin was last written by something that keeps no
    # origins (the server's own writes), and what they say may be stale: send it whole.
    if origins and max(seq for seq, _device in origins.values()) >= row.seq:
        skip = echo.left_out(origins, device_id, since, have)
        if delta and since:
            unchanged = echo.unchanged_since(origins, since)
            part = bool(unchanged - skip)
            skip |= unchanged
        if skip:
            state = {name: vs for name, vs in state.items() if name not in skip}
            if not state:
                return None
    record = wire.compact_record(row.entity, row.id, row.operation_id, state)
    if part:
        record["part"] = True
    return record


def user_names(conn: Connection) -> dict[int, str]:
    """Every user's name by id: who created each record (a pulled record's `owner`)."""
    return {row.id: row.name for row in conn.execute(select(t.users.c.id, t.users.c.name))}


def one_record(db: Database, principal: Principal, entity: str, record_id: str) -> PulledRecord:
    """One record as the server holds it, whole (no echo left out), with its owner: what
    a device takes back when it undoes a change the server refused. LookupError when the
    server has no such record, or the caller may not see it (the same answer: a device
    learns nothing of what it may not see)."""
    with db.read() as conn:
        access = load_access(conn, principal)
        row = conn.execute(
            select(t.records.c.operation_id, t.records.c.owner_id, t.records.c.fields).where(
                t.records.c.entity == entity,
                t.records.c.id == record_id,
                access.visible(t.records.c.operation_id),
                access.shown_types(t.records.c.entity),
            )
        ).first()
        if row is None:
            raise LookupError(f"the server has no {entity} {record_id}")
        owner = user_names(conn).get(row.owner_id, "")
    state = {name: (value, stamp) for name, (value, stamp) in loads(row.fields).items()}
    record = wire.compact_record(entity, record_id, row.operation_id, state)
    record["owner"] = owner
    return record


def _conflict(row) -> dict:  # type: ignore[no-untyped-def]
    return {
        **loads(row.body),
        "operation_id": row.operation_id,
        "resolved_by": row.resolved_by,
    }
