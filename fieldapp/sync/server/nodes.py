"""Stamps bound to their device: the server knows each device's clock node id.

A stamp names the node of the clock that made it (`WWWWWWWWWWWWW-CCCC-NODE`), and the
merge rule trusts it: two writes of one node are never concurrent, and history names
the node. So a device may only push stamps of its own node. A device's node is given at
/join (`node`), or taken from its first push; it is refused if a device of another user,
not revoked, holds it already. Called inside the caller's write transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, select, update

from fieldapp.sync.server import tables as t

if TYPE_CHECKING:
    from fieldapp.sync.server.accounts import Principal


def node_problem(conn: Connection, device_id: str, user_id: int, node: str) -> str | None:
    """Why `node` cannot be this device's, else None: another user's device holds it, or
    pushed stamps of it (before nodes were bound, m0003). A user's own devices may share
    one: a data folder joined again keeps its clock."""
    holder = conn.execute(
        select(t.devices.c.id).where(
            t.devices.c.node == node,
            t.devices.c.id != device_id,
            t.devices.c.user_id != user_id,
            t.devices.c.revoked_at.is_(None),
        )
    ).first()
    pattern = "%-" + node.replace("_", "\\_") + '"%'
    others = select(t.devices.c.id).where(t.devices.c.user_id != user_id)
    used = conn.execute(
        select(t.changes.c.op_id)
        .where(t.changes.c.device_id.in_(others), t.changes.c.writes.like(pattern, escape="\\"))
        .limit(1)
    ).first()
    if holder is None and used is None:
        return None
    return "that clock node id is another device's"


def bound_node(conn: Connection, who: Principal, candidate: str | None) -> str | None:
    """The node of the caller's device; binds `candidate` (the node of its first pushed
    stamp) when it has none yet and no other user's device holds it."""
    node = conn.execute(select(t.devices.c.node).where(t.devices.c.id == who.device_id)).scalar()
    if node is not None or candidate is None:
        return node
    if node_problem(conn, who.device_id, who.user_id, candidate):
        return None
    conn.execute(update(t.devices).where(t.devices.c.id == who.device_id).values(node=candidate))
    return candidate
