"""Form tokens (CSRF) and hidden addresses, signed with the database's own secret.

A form page carries a token `ISSUED.NONCE.SIGNATURE`: HMAC-SHA256 of the form's short
code, the issue time (ms) and a random nonce, under the secret migration m0005 made.
It is valid for TOKEN_HOURS after issue, for that form only, and needs no cookie: a
page of another site cannot read it, so it cannot post in a citizen's name. The nonce
is stored with the submission it brought, so a second post of one page (a double tap,
a retry on a slow link) answers the first receipt and stores nothing. Several server
processes share the secret through the database. Addresses are kept only as keyed
hashes (bucket keys). Pure functions but `secret`; any thread.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, select

from fieldapp.sync.server.public import tables as pt

TOKEN_HOURS = 6


@dataclass(frozen=True)
class FormToken:
    issued: int
    nonce: str


def secret(conn: Connection) -> bytes:
    value = conn.execute(
        select(pt.public_secrets.c.value).where(pt.public_secrets.c.name == "form")
    ).scalar_one()
    return bytes.fromhex(value)


def _sign(key: bytes, code: str, issued: int, nonce: str) -> str:
    message = f"{code}\n{issued}\n{nonce}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def issue(key: bytes, code: str, now: int) -> str:
    nonce = secrets.token_hex(12)
    return f"{now}.{nonce}.{_sign(key, code, now, nonce)}"


def check(key: bytes, code: str, token: str, now: int) -> FormToken | None:
    """The token's issue time and nonce if it is this form's, signed and fresh; else None."""
    parts = token.strip().split(".")
    if len(parts) != 3 or not parts[0].isdigit() or len(parts[1]) != 24:
        return None
    issued, nonce, signature = int(parts[0]), parts[1], parts[2]
    if not hmac.compare_digest(signature, _sign(key, code, issued, nonce)):
        return None
    if not issued - 60_000 <= now <= issued + TOKEN_HOURS * 3_600_000:
        return None
    return FormToken(issued, nonce)


def address_key(key: bytes, address: str) -> str:
    """A client address as a bucket key: keyed, so the table does not list addresses."""
    return "a:" + hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:40]
