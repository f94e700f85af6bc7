"""Users, devices, their tokens and one-time enrollment codes.

Secrets are never stored: a device token (random, 256 bits) and an enrollment code are
kept as their sha256 (high-entropy random values need no salt). A token is shown once,
in the answer to /join. Functions take a Database and run their own transaction; they
are called from request threads and from the admin commands.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update

from fieldapp.core.roles import ROLES
from fieldapp.sync.protocol import joining
from fieldapp.sync.server import tables as t
from fieldapp.sync.server.db import Database, now_ms
from fieldapp.sync.server.nodes import node_problem

ENROLL_MINUTES = 30


class AccountError(Exception):
    """A refused account action; `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Principal:
    """Who is calling: a device of a user, with the user's role."""

    device_id: str
    device_name: str
    user_id: int
    user_name: str
    role: str


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def add_user(db: Database, name: str, role: str) -> dict:
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if not joining.is_plain_name(name):
        raise AccountError(
            "a user name is 1-100 characters, none of them control or text-direction ones"
        )
    name = joining.plain_name(name)
    with db.write() as conn:
        if _user(conn, name) is not None:
            raise AccountError(f"there is already a user named {name!r}")
        conn.execute(insert(t.users).values(name=name, role=role, created_at=now_ms()))
        return dict(_user(conn, name)._mapping)  # type: ignore[union-attr]


def _user(conn: Connection, name: str):  # type: ignore[no-untyped-def]
    return conn.execute(select(t.users).where(t.users.c.name == name)).first()


def users(db: Database) -> list[dict]:
    with db.read() as conn:
        devices = (
            select(func.count())
            .where(t.devices.c.user_id == t.users.c.id, t.devices.c.revoked_at.is_(None))
            .scalar_subquery()
        )
        rows = conn.execute(select(t.users, devices.label("devices")).order_by(t.users.c.id))
        return [dict(row._mapping) for row in rows]


def devices(db: Database) -> list[dict]:
    with db.read() as conn:
        query = (
            select(
                t.devices.c.id,
                t.devices.c.name,
                t.users.c.name.label("user"),
                t.devices.c.created_at,
                t.devices.c.revoked_at,
                t.devices.c.last_seen_at,
            )
            .join(t.users, t.users.c.id == t.devices.c.user_id)
            .order_by(t.devices.c.created_at)
        )
        return [dict(row._mapping) for row in conn.execute(query)]


def make_code() -> str:
    letters = "".join(secrets.choice(joining.CODE_ALPHABET) for _ in range(9))
    return joining.normalise_code(letters)


def enroll(db: Database, user_name: str, minutes: int = ENROLL_MINUTES) -> tuple[str, int]:
    """A new one-time code for a device of `user_name`: (code, expiry in ms)."""
    if not 1 <= minutes <= 7 * 24 * 60:
        raise AccountError("a code lasts from 1 minute to 7 days")
    code, expires = make_code(), now_ms() + minutes * 60_000
    with db.write() as conn:
        user = _user(conn, user_name)
        if user is None:
            raise AccountError(f"no user named {user_name!r} (see: fieldapp server user list)")
        conn.execute(
            insert(t.enroll_codes).values(
                code_hash=secret_hash(code),
                user_id=user.id,
                created_at=now_ms(),
                expires_at=expires,
            )
        )
    return code, expires


def join(db: Database, code: str, device_name: str, node: str | None = None) -> dict:
    """Trade a valid code for a new device and its token (shown this once); `node`: the
    device's clock node id, if the client gave it (else bound at its first push)."""
    token = "fa_" + secrets.token_urlsafe(32)
    device_id = secrets.token_hex(8)
    with db.write() as conn:
        row = conn.execute(
            select(t.enroll_codes).where(t.enroll_codes.c.code_hash == secret_hash(code))
        ).first()
        if row is None or row.expires_at < now_ms():
            raise AccountError("unknown or expired enrollment code", 401)
        if row.used_at is not None:
            raise AccountError("this enrollment code was already used", 401)
        if node is not None:
            problem = node_problem(conn, device_id, row.user_id, node)
            if problem:
                raise AccountError(f"{problem}: join from a fresh data folder", 409)
        conn.execute(
            update(t.enroll_codes)
            .where(t.enroll_codes.c.code_hash == row.code_hash)
            .values(used_at=now_ms(), device_id=device_id)
        )
        conn.execute(
            insert(t.devices).values(
                id=device_id,
                user_id=row.user_id,
                name=device_name,
                token_hash=secret_hash(token),
                created_at=now_ms(),
                node=node,
            )
        )
        user = conn.execute(select(t.users).where(t.users.c.id == row.user_id)).one()
    return {"device_id": device_id, "token": token, "user": user.name, "role": user.role}


def authenticate(db: Database, token: str | None) -> Principal:
    """The caller of a request; AccountError 401 (no or bad token) or 403 (revoked)."""
    if not token:
        raise AccountError("a device token is required (Authorization: Bearer ...)", 401)
    with db.read() as conn:
        row = conn.execute(
            select(t.devices, t.users.c.name.label("user_name"), t.users.c.role)
            .join(t.users, t.users.c.id == t.devices.c.user_id)
            .where(t.devices.c.token_hash == secret_hash(token))
        ).first()
    if row is None:
        raise AccountError("unknown device token", 401)
    if row.revoked_at is not None:
        raise AccountError("this device was revoked; enroll it again", 403)
    return Principal(row.id, row.name, row.user_id, row.user_name, row.role)


def revoke(db: Database, ref: str) -> dict:
    """Revoke a device by id, or by name when only one live device has it."""
    with db.write() as conn:
        rows = conn.execute(
            select(t.devices).where(
                (t.devices.c.id == ref) | (t.devices.c.name == ref),
                t.devices.c.revoked_at.is_(None),
            )
        ).all()
        if not rows:
            raise AccountError(f"no live device with id or name {ref!r}")
        if len(rows) > 1:
            raise AccountError(f"{len(rows)} devices are named {ref!r}; give the id")
        conn.execute(
            update(t.devices).where(t.devices.c.id == rows[0].id).values(revoked_at=now_ms())
        )
        return dict(rows[0]._mapping)


def touch(conn: Connection, device_id: str) -> None:
    """Remember when a device last pushed (inside the push transaction: no extra write)."""
    conn.execute(update(t.devices).where(t.devices.c.id == device_id).values(last_seen_at=now_ms()))
