"""The public form's tables (SQLAlchemy Core), as migration m0005 makes them.

Kept beside the form's code rather than in sync/server/tables.py so that the sync
tables and these change apart; like tables.py, this must match the newest migration.
Times are integer milliseconds since the epoch (UTC). Definitions only: any thread.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Float, Integer, MetaData, String, Table, Text

metadata = MetaData()

SERVER_DEVICE = "public-form"  # the reserved device row (m0005) the server writes as
SERVER_NODE = "publicform"  # its clock node: the stamps of the items the form writes

public_operations = Table(
    "public_operations",
    metadata,
    Column("operation_id", String(100), primary_key=True),
    Column("code", String(16), nullable=False, unique=True),
    Column("is_open", Boolean, nullable=False),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("organiser", Text, nullable=False),
    Column("languages", String(40), nullable=False),  # "fr,en": the first is the default
    Column("until", BigInteger),  # the form closes then; None: open until switched off
    Column("retention_days", Integer, nullable=False),
    Column("address_limit", Integer, nullable=False),  # reports per address per hour
    Column("operation_limit", Integer, nullable=False),  # reports per minute, all addresses
    Column("base_url", Text, nullable=False),  # "https://example.org": for the printed address
    Column("tiles", Text, nullable=False),  # an MBTiles file for the tap-map, or ""
    Column("changed_by", String(100), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("changed_at", BigInteger, nullable=False),
)

public_submissions = Table(
    "public_submissions",
    metadata,
    Column("item_id", String(100), primary_key=True),
    Column("receipt", String(16), nullable=False, unique=True),
    Column("operation_id", String(100), nullable=False),
    Column("nonce", String(64), nullable=False, unique=True),
    Column("kind", String(20), nullable=False),
    Column("contact", Text, nullable=False),  # server-side only until revealed
    Column("photo_sha256", String(64)),
    Column("created_at", BigInteger, nullable=False),
    Column("revealed_at", BigInteger),
    Column("revealed_by", String(100)),
)

public_buckets = Table(
    "public_buckets",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("tokens", Float, nullable=False),
    Column("at", BigInteger, nullable=False),
)

public_attempts = Table(
    "public_attempts",
    metadata,
    Column("operation_id", String(100), primary_key=True),
    Column("reason", String(20), primary_key=True),
    Column("count", BigInteger, nullable=False),
    Column("last_at", BigInteger, nullable=False),
)

public_secrets = Table(
    "public_secrets",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", String(128), nullable=False),
)
