"""Crowdsourcing: operations opened to the public, their submissions, limits and secret.

Revision ID: m0005
Revises: m0004
`public_operations`: an operation a coordinator opened to the public (its short code,
page text, languages, end date, retention, limits). `public_submissions`: what the
server keeps of each accepted report beside the synced item it wrote (the contact phone,
never synced unless revealed; the photo's hash; the CSRF nonce, so a double post answers
the same receipt). `public_buckets`: token buckets per address and per operation, in the
database so that every server process shares them. `public_attempts`: refused attempts
counted by operation and reason. `public_secrets`: the key that signs form tokens and
hides addresses (made here, once per database). A reserved device row holds the clock
node of the items the server writes, so no device can take that node.
"""

from __future__ import annotations

import secrets
import time

import sqlalchemy as sa
from alembic import op

revision = "m0005"
down_revision = "m0004"
branch_labels = None
depends_on = None


def _ms(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.BigInteger, nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "public_operations",
        sa.Column("operation_id", sa.String(100), primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("is_open", sa.Boolean, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("organiser", sa.Text, nullable=False),
        sa.Column("languages", sa.String(40), nullable=False),
        _ms("until", True),
        sa.Column("retention_days", sa.Integer, nullable=False),
        sa.Column("address_limit", sa.Integer, nullable=False),
        sa.Column("operation_limit", sa.Integer, nullable=False),
        sa.Column("base_url", sa.Text, nullable=False),
        sa.Column("tiles", sa.Text, nullable=False),
        sa.Column("changed_by", sa.String(100), nullable=False),
        _ms("created_at"),
        _ms("changed_at"),
    )
    op.create_table(
        "public_submissions",
        sa.Column("item_id", sa.String(100), primary_key=True),
        sa.Column("receipt", sa.String(16), nullable=False, unique=True),
        sa.Column("operation_id", sa.String(100), nullable=False),
        sa.Column("nonce", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("contact", sa.Text, nullable=False),
        sa.Column("photo_sha256", sa.String(64)),
        _ms("created_at"),
        _ms("revealed_at", True),
        sa.Column("revealed_by", sa.String(100)),
        sa.Index("public_submissions_operation", "operation_id", "created_at"),
    )
    op.create_table(
        "public_buckets",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("tokens", sa.Float, nullable=False),
        _ms("at"),
    )
    op.create_table(
        "public_attempts",
        sa.Column("operation_id", sa.String(100), primary_key=True),
        sa.Column("reason", sa.String(20), primary_key=True),
        sa.Column("count", sa.BigInteger, nullable=False),
        _ms("last_at"),
    )
    op.create_table(
        "public_secrets",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.String(128), nullable=False),
    )
    now = time.time_ns() // 1_000_000
    op.bulk_insert(
        sa.table("public_secrets", sa.column("name"), sa.column("value")),
        [{"name": "form", "value": secrets.token_hex(32)}],
    )
    devices = sa.table(
        "devices",
        *(sa.column(n) for n in ("id", "user_id", "name", "token_hash", "created_at", "node")),
    )
    op.bulk_insert(
        devices,
        [
            {
                "id": "public-form",
                "user_id": 0,
                "name": "Public form (this server)",
                "token_hash": "none: the server itself, never a token",
                "created_at": now,
                "node": "publicform",
            }
        ],
    )


def downgrade() -> None:
    op.execute("DELETE FROM devices WHERE id = 'public-form'")
    for name in (
        "public_secrets",
        "public_attempts",
        "public_buckets",
        "public_submissions",
        "public_operations",
    ):
        op.drop_table(name)
