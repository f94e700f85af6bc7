"""The first server schema: accounts, records, changes, conflicts, batches, blobs.

Revision ID: m0001
Revises:
A released migration never changes; the next one adds a file beside this.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m0001"
down_revision = None
branch_labels = None
depends_on = None


def _ms(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.BigInteger, nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("role", sa.String(20), nullable=False),
        _ms("created_at"),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        _ms("created_at"),
        _ms("revoked_at", True),
        _ms("last_seen_at", True),
    )
    op.create_table(
        "enroll_codes",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        _ms("created_at"),
        _ms("expires_at"),
        _ms("used_at", True),
        sa.Column("device_id", sa.String(40)),
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    op.execute("INSERT INTO counters(name, value) VALUES ('seq', 0)")
    _sync_tables()
    _access_tables()


def _sync_tables() -> None:
    op.create_table(
        "records",
        sa.Column("entity", sa.String(20), primary_key=True),
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("operation_id", sa.String(100), nullable=False),
        sa.Column("owner_id", sa.Integer, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("fields", sa.Text, nullable=False),
    )
    op.create_index("records_seq", "records", ["seq"])
    op.create_table(
        "changes",
        sa.Column("op_id", sa.String(100), primary_key=True),
        sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("row_id", sa.String(100), nullable=False),
        sa.Column("device_id", sa.String(40), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        _ms("received_at"),
        sa.Column("writes", sa.Text, nullable=False),
    )
    op.create_index("changes_row", "changes", ["entity", "row_id"])
    op.create_table(
        "conflicts",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("row_id", sa.String(100), nullable=False),
        sa.Column("operation_id", sa.String(100), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("resolved_by", sa.String(100)),
    )
    op.create_index("conflicts_seq", "conflicts", ["seq"])
    op.create_table(
        "batches",
        sa.Column("device_id", sa.String(40), primary_key=True),
        sa.Column("batch_key", sa.String(100), primary_key=True),
        _ms("created_at"),
        sa.Column("answer", sa.Text, nullable=False),
    )


def _access_tables() -> None:
    op.create_table(
        "restricted_operations",
        sa.Column("operation_id", sa.String(100), primary_key=True),
        _ms("restricted_at"),
    )
    op.create_table(
        "members",
        sa.Column("operation_id", sa.String(100), primary_key=True),
        sa.Column("user_id", sa.Integer, primary_key=True),
    )
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("complete", sa.Boolean, nullable=False),
        _ms("created_at"),
    )
    op.create_table(
        "blob_refs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("operation_id", sa.String(100), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
    )


def downgrade() -> None:
    for name in (
        "blob_refs",
        "blobs",
        "members",
        "restricted_operations",
        "batches",
        "conflicts",
        "changes",
        "records",
        "counters",
        "enroll_codes",
        "devices",
        "users",
    ):
        op.drop_table(name)
