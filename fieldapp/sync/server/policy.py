"""Who may see and write what: roles and operation scoping, decided here and only here.

- Every operation is open to every user, unless it is restricted to listed members; an
  admin sees everything. A device never receives (pull, blob download) nor writes data
  of an operation it may not see: pull, push and blobs all ask `Access`.
- What each role may write, and who may change an operation's members, is decided by
  fieldapp/core/rights.py (shared with the desktop); this module adds what only the
  server knows: who sees what, who created a record.

`Access` is built once per request from the caller and the restriction tables, inside
that request's transaction; its methods are pure.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, delete, insert, select, true

from fieldapp.core.rights import hidden_types, members_refusal, write_refusal
from fieldapp.sync.server import tables as t
from fieldapp.sync.server.accounts import AccountError, Principal
from fieldapp.sync.server.db import Database, now_ms


@dataclass(frozen=True)
class Access:
    principal: Principal
    hidden: frozenset[str]  # restricted operations the caller is not a member of

    def can_see(self, operation_id: str) -> bool:
        return operation_id not in self.hidden

    def shown_types(self, column: ColumnElement) -> ColumnElement[bool]:
        """An SQL condition on an entity column: the record types the caller receives."""
        hidden = hidden_types(self.principal.role)
        return column.not_in(hidden) if hidden else true()

    def visible(self, column: ColumnElement) -> ColumnElement[bool]:
        """An SQL condition on an operation_id column: the rows the caller may see."""
        return column.not_in(sorted(self.hidden)) if self.hidden else true()

    def write_problem(
        self,
        entity: str,
        operation_id: str,
        exercise: bool | None,
        current: Mapping[str, Any] | None,
        written: Mapping[str, Any],
        owner_id: int | None,
    ) -> str | None:
        """Why the caller may not write this record, else None.

        `exercise`: the operation's stored flag (None if the server has no such operation);
        `current`: the record's values (None for a new record); `owner_id`: who created it.
        """
        if not self.can_see(operation_id):
            return "this device may not see that operation"
        if entity != "operation" and exercise is None:
            return "unknown operation: push the operation record first"
        own = owner_id is None or owner_id == self.principal.user_id
        role = self.principal.role
        return write_refusal(role, entity, bool(exercise), current, written, own)


def load_access(conn: Connection, principal: Principal) -> Access:
    if principal.role == "admin":
        return Access(principal, frozenset())
    restricted = {row[0] for row in conn.execute(select(t.restricted_operations.c.operation_id))}
    if not restricted:
        return Access(principal, frozenset())
    mine = {
        row[0]
        for row in conn.execute(
            select(t.members.c.operation_id).where(t.members.c.user_id == principal.user_id)
        )
    }
    return Access(principal, frozenset(restricted - mine))


def restrict(
    db: Database, operation_id: str, member_names: list[str], by: Principal | None = None
) -> list[str]:
    """Restrict an operation to these users (replacing any earlier list); `by`: the caller
    of the HTTP route (None: the server's own command line, run by its administrator)."""
    with db.write() as conn:
        if by is not None:
            check_members_right(conn, by, operation_id)
        ids = []
        for name in member_names:
            user = conn.execute(select(t.users.c.id).where(t.users.c.name == name)).first()
            if user is None:
                raise AccountError(f"no user named {name!r}")
            ids.append(user.id)
        conn.execute(delete(t.members).where(t.members.c.operation_id == operation_id))
        conn.execute(
            delete(t.restricted_operations).where(
                t.restricted_operations.c.operation_id == operation_id
            )
        )
        conn.execute(
            insert(t.restricted_operations).values(
                operation_id=operation_id, restricted_at=now_ms()
            )
        )
        for user_id in sorted(set(ids)):
            conn.execute(insert(t.members).values(operation_id=operation_id, user_id=user_id))
    return member_names


def check_members_right(conn: Connection, by: Principal, operation_id: str) -> None:
    """AccountError (404 or 403) unless `by` may change who sees this operation."""
    access = load_access(conn, by)
    operation = conn.execute(
        select(t.records.c.owner_id, t.records.c.fields).where(
            t.records.c.entity == "operation", t.records.c.id == operation_id
        )
    ).first()
    if operation is None or not access.can_see(operation_id):
        raise AccountError("no such operation on this server", 404)
    exercise = bool(json.loads(operation.fields).get("exercise", [0])[0])
    restricted = conn.execute(
        select(t.restricted_operations.c.operation_id).where(
            t.restricted_operations.c.operation_id == operation_id
        )
    ).first()
    refusal = members_refusal(
        by.role, exercise, restricted is not None, restricted is not None,
        operation.owner_id == by.user_id,
    )  # fmt: skip
    if refusal:
        raise AccountError(refusal, 403)


def open_to_all(db: Database, operation_id: str, by: Principal | None = None) -> None:
    with db.write() as conn:
        if by is not None:
            check_members_right(conn, by, operation_id)
        conn.execute(delete(t.members).where(t.members.c.operation_id == operation_id))
        conn.execute(
            delete(t.restricted_operations).where(
                t.restricted_operations.c.operation_id == operation_id
            )
        )
