"""Opening an operation to the public: who may, with what page, and what it looks like now.

A coordinator of an operation (core/rights.leads: coordinators and admins, trainers in
an exercise) switches its public form on or off, with the page's title and text, its
languages, an end date, how long submissions are kept and the limits. The short code
is made once and kept, so a printed poster stays right when the form opens again.
`by=None` is the server's own command line, run by its administrator. Functions take a
Database and run their own transaction; called from request threads and the CLI.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update

from fieldapp.core.rights import leads
from fieldapp.sync.protocol.joining import CODE_ALPHABET
from fieldapp.sync.server import tables as t
from fieldapp.sync.server.accounts import AccountError, Principal
from fieldapp.sync.server.db import Database, now_ms
from fieldapp.sync.server.policy import load_access
from fieldapp.sync.server.public import tables as pt

LANGUAGES = ("fr", "en")
CODE_LENGTH = 6
LIMITS: Mapping[str, tuple[int, int]] = {  # the bounds of what a coordinator may set
    "retention_days": (1, 3650),
    "address_limit": (1, 100_000),
    "operation_limit": (1, 1_000_000),
}
DEFAULTS: Mapping[str, Any] = {
    "title": "",
    "text": "",
    "organiser": "",
    "languages": "fr,en",
    "until": None,
    "retention_days": 30,
    "address_limit": 20,
    "operation_limit": 600,
    "base_url": "",
    "tiles": "",
}
TEXT_LIMITS = {"title": 120, "text": 2000, "organiser": 200, "base_url": 300, "tiles": 1000}
_OPERATION = select(t.records.c.fields, t.records.c.owner_id).where(
    t.records.c.entity == "operation",
    t.records.c.id == bindparam("id"),
    t.records.c.deleted.is_(False),
)  # built once: every post of the form reads it
_BY_CODE = select(pt.public_operations).where(pt.public_operations.c.code == bindparam("code"))


@dataclass(frozen=True)
class Operation:
    """An operation as the server holds it: its name and whether it is an exercise."""

    id: str
    name: str
    exercise: bool
    owner_id: int


def find_operation(conn: Connection, operation_id: str) -> Operation | None:
    row = conn.execute(_OPERATION, {"id": operation_id}).first()
    if row is None:
        return None
    fields = json.loads(row.fields)
    name = str(fields.get("name", [""])[0] or "")
    return Operation(operation_id, name, bool(fields.get("exercise", [0])[0]), row.owner_id)


def check_right(conn: Connection, by: Principal | None, operation_id: str) -> Operation:
    """The operation, if `by` may open it to the public; AccountError 404 or 403 if not."""
    operation = find_operation(conn, operation_id)
    if operation is None or (by is not None and not load_access(conn, by).can_see(operation_id)):
        raise AccountError("no such operation on this server", 404)
    if by is not None and not leads(by.role, operation.exercise):
        raise AccountError(f"a {by.role} cannot open an operation to the public", 403)
    return operation


def clean_settings(values: Mapping[str, Any]) -> dict[str, Any]:
    """Checked settings (only the keys given); AccountError 400 naming the first bad one."""
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if name in TEXT_LIMITS:
            if not isinstance(value, str) or len(value.strip()) > TEXT_LIMITS[name]:
                raise AccountError(
                    f"{name} must be a text of at most {TEXT_LIMITS[name]} characters"
                )
            cleaned[name] = value.strip()
        elif name == "languages":
            cleaned[name] = _languages(value)
        elif name == "until":
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise AccountError("until must be a time in milliseconds since 1970 (UTC), or null")
            cleaned[name] = value
        elif name in LIMITS:
            low, high = LIMITS[name]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise AccountError(f"{name} must be a whole number from {low} to {high}")
            cleaned[name] = value
        else:
            raise AccountError(f"unknown setting {name!r}")
    if cleaned.get("base_url"):
        if not cleaned["base_url"].startswith(("http://", "https://")):
            raise AccountError("base_url must start with http:// or https://")
        cleaned["base_url"] = cleaned["base_url"].rstrip("/")
    return cleaned


def _languages(value: Any) -> str:
    words = value.split(",") if isinstance(value, str) else value
    if not isinstance(words, list) or not words:
        raise AccountError("languages must be a list of fr and en, the first the default")
    chosen = []
    for word in words:
        word = str(word).strip().lower()
        if word not in LANGUAGES:
            raise AccountError(f"languages: {word!r} is not one of {', '.join(LANGUAGES)}")
        if word not in chosen:
            chosen.append(word)
    return ",".join(chosen)


def switch(
    db: Database, operation_id: str, is_open: bool, settings: Mapping[str, Any],
    by: Principal | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Switch an operation's public form on or off, changing the settings given; returns
    its state. Switching on needs a title (given now or earlier)."""
    cleaned = clean_settings(settings)
    now = now_ms()
    with db.write() as conn:
        operation = check_right(conn, by, operation_id)
        row = _row(conn, operation_id)
        values = {**cleaned, "is_open": is_open, "changed_at": now}
        values["changed_by"] = by.user_name if by else "server administrator"
        title = cleaned.get("title", row.title if row else "")
        if is_open and not title:
            raise AccountError("a public form needs a title (what people report, in a few words)")
        if is_open and cleaned.get("until") is not None and cleaned["until"] <= now:
            raise AccountError("the end date is already past")
        if row is None:
            code = _new_code(conn)
            conn.execute(
                insert(pt.public_operations).values(
                    operation_id=operation_id, code=code, created_at=now,
                    **{**DEFAULTS, **values},
                )
            )  # fmt: skip
        else:
            conn.execute(
                update(pt.public_operations)
                .where(pt.public_operations.c.operation_id == operation_id)
                .values(**values)
            )
        return _state(conn, operation, now)


def _new_code(conn: Connection) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        taken = conn.execute(
            select(pt.public_operations.c.code).where(pt.public_operations.c.code == code)
        ).first()
        if taken is None:
            return code


def _row(conn: Connection, operation_id: str) -> Any:
    return conn.execute(
        select(pt.public_operations).where(pt.public_operations.c.operation_id == operation_id)
    ).first()


def state(db: Database, operation_id: str, by: Principal | None = None) -> dict[str, Any]:
    """What the operation's public form is now (never opened: `code` is None)."""
    with db.read() as conn:
        operation = check_right(conn, by, operation_id)
        return _state(conn, operation, now_ms())


def _state(conn: Connection, operation: Operation, now: int) -> dict[str, Any]:
    row = _row(conn, operation.id)
    base = {
        "operation_id": operation.id,
        "operation_name": operation.name,
        "exercise": operation.exercise,
    }
    if row is None:
        return {**base, "code": None, "open": False, "switched_on": False}
    count = conn.execute(
        select(func.count()).where(pt.public_submissions.c.operation_id == operation.id)
    ).scalar_one()
    attempts = {
        reason: number
        for reason, number in conn.execute(
            select(pt.public_attempts.c.reason, pt.public_attempts.c.count).where(
                pt.public_attempts.c.operation_id == operation.id
            )
        )
    }
    path = f"/r/{row.code}"
    return {
        **base,
        "code": row.code,
        "open": is_accepting(row, now),
        "switched_on": row.is_open,
        "path": path,
        "url": row.base_url + path if row.base_url else None,
        **{name: getattr(row, name) for name in ("title", "text", "organiser", "until")},
        "languages": row.languages.split(","),
        **{name: getattr(row, name) for name in (*LIMITS, "base_url", "tiles")},
        "changed_by": row.changed_by,
        "changed_at": row.changed_at,
        "submissions": count,
        "refused": attempts,
    }


def is_accepting(row: Any, now: int) -> bool:
    """Whether a public form takes reports now: switched on and before its end date."""
    return bool(row.is_open) and (row.until is None or now < row.until)


def by_code(conn: Connection, code: str) -> Any:
    """The public_operations row of a short code (any case), or None."""
    wanted = code.strip().upper()
    if not wanted.isalnum() or len(wanted) > 16:
        return None
    return conn.execute(_BY_CODE, {"code": wanted}).first()


def all_states(db: Database) -> list[dict[str, Any]]:
    """Every operation ever opened to the public, for `fieldapp server public list`."""
    now = now_ms()
    with db.read() as conn:
        ids = conn.execute(
            select(pt.public_operations.c.operation_id).order_by(pt.public_operations.c.created_at)
        ).scalars()
        found = [find_operation(conn, op_id) for op_id in list(ids)]
        return [_state(conn, op, now) for op in found if op is not None]
