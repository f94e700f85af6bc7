"""The server's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Migrations (migrations/versions/) create them; this module describes the current shape
for queries and must match the newest migration. Times are integer milliseconds since
the epoch (UTC), the same on both back-ends. Definitions only: safe from any thread.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    true,
)

metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("created_at", BigInteger, nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("user_id", Integer, nullable=False),
    Column("name", String(100), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", BigInteger, nullable=False),
    Column("revoked_at", BigInteger),
    Column("last_seen_at", BigInteger),
    Column("node", String(64)),  # the device's clock node id (m0003, nodes.py)
)

enroll_codes = Table(
    "enroll_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("user_id", Integer, nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("used_at", BigInteger),
    Column("device_id", String(40)),
)

counters = Table(
    "counters",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

# Current state of every synced record: fields is JSON {name: [value, stamp]}; origins is
# JSON {device_id: {name: batch_seq}}, who pushed each current value (origins.py).
records = Table(
    "records",
    metadata,
    Column("entity", String(20), primary_key=True),
    Column("id", String(100), primary_key=True),
    Column("operation_id", String(100), nullable=False),
    Column("owner_id", Integer, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("deleted", Boolean, nullable=False),
    Column("fields", Text, nullable=False),
    Column("origins", Text),
    Index("records_seq", "seq"),
)

# Every accepted entry, once per op_id: the idempotency guard and the merge history.
changes = Table(
    "changes",
    metadata,
    Column("op_id", String(100), primary_key=True),
    Column("entity", String(20), nullable=False),
    Column("row_id", String(100), nullable=False),
    Column("device_id", String(40), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("received_at", BigInteger, nullable=False),
    Column("writes", Text, nullable=False),
    Index("changes_row", "entity", "row_id"),
)

conflicts = Table(
    "conflicts",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("entity", String(20), nullable=False),
    Column("row_id", String(100), nullable=False),
    Column("operation_id", String(100), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("body", Text, nullable=False),
    Column("resolved_by", String(100)),
    Index("conflicts_seq", "seq"),
)

# The stored answer of every push, replayed when the same batch comes again.
batches = Table(
    "batches",
    metadata,
    Column("device_id", String(40), primary_key=True),
    Column("batch_key", String(100), primary_key=True),
    Column("created_at", BigInteger, nullable=False),
    Column("answer", Text, nullable=False),
)

# Operations restricted to listed members (absent: open to every user).
restricted_operations = Table(
    "restricted_operations",
    metadata,
    Column("operation_id", String(100), primary_key=True),
    Column("restricted_at", BigInteger, nullable=False),
)

members = Table(
    "members",
    metadata,
    Column("operation_id", String(100), primary_key=True),
    Column("user_id", Integer, primary_key=True),
)

blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("complete", Boolean, nullable=False),
    Column("created_at", BigInteger, nullable=False),
)

# Which operations reference a blob (through attachment records): decides who may see it.
blob_refs = Table(
    "blob_refs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("operation_id", String(100), primary_key=True),
    Column("kind", String(20), nullable=False),
    # False while the device that named the blob here has not sent its bytes, and the blob
    # came from an operation it may not see: naming a hash proves nothing (m0004).
    Column("proven", Boolean, nullable=False, server_default=true()),
)
