"""Who may see and write what: roles and operation scoping, decided here and only here.

- Every operation is open to every user, unless it is restricted to listed members; an
  admin sees everything. A device never receives (pull, blob download) nor writes data
  of an operation it may not see: pull, push and blobs all ask `Access`.
- volunteer: creates reports, attachments and map features, edits only the records it
  created; coordinator: creates operations and edits everything in those it sees;
  trainer: a coordinator in exercise operations, a volunteer elsewhere; admin: all.

`Access` is built once per request from the caller and the restriction tables, inside
that request's transaction; its methods are pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, delete, insert, select, true

from fieldapp.core.roles import EDITORS, operation_refusal
from fieldapp.sync.server import tables as t
from fieldapp.sync.server.accounts import AccountError, Principal
from fieldapp.sync.server.db import Database, now_ms


@dataclass(frozen=True)
class Access:
    principal: Principal
    hidden: frozenset[str]  # restricted operations the caller is not a member of

    def can_see(self, operation_id: str) -> bool:
        return operation_id not in self.hidden

    def visible(self, column: ColumnElement) -> ColumnElement[bool]:
        """An SQL condition on an operation_id column: the rows the caller may see."""
        return column.not_in(sorted(self.hidden)) if self.hidden else true()

    def write_problem(
        self, entity: str, operation_id: str, exercise: bool | None, owner_id: int | None
    ) -> str | None:
        """Why the caller may not write this record, else None.

        `exercise`: the operation's flag (None if the server has no such operation);
        `owner_id`: who created the record (None for a new record).
        """
        if not self.can_see(operation_id):
            return "this device may not see that operation"
        role = self.principal.role
        if entity == "operation":
            return operation_refusal(role, bool(exercise))
        if exercise is None:
            return "unknown operation: push the operation record first"
        if role in EDITORS or (role == "trainer" and exercise):
            return None
        if owner_id is None or owner_id == self.principal.user_id:
            return None
        return f"a {role} edits only the records it created"


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


def restrict(db: Database, operation_id: str, member_names: list[str]) -> list[str]:
    """Restrict an operation to these users (replacing any earlier list)."""
    with db.write() as conn:
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


def open_to_all(db: Database, operation_id: str) -> None:
    with db.write() as conn:
        conn.execute(delete(t.members).where(t.members.c.operation_id == operation_id))
        conn.execute(
            delete(t.restricted_operations).where(
                t.restricted_operations.c.operation_id == operation_id
            )
        )


def may_manage_members(principal: Principal) -> bool:
    return principal.role in EDITORS
