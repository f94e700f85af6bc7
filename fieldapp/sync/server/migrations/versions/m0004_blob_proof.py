"""A blob reference proven by its bytes: naming a sha256 no longer lets a device read it.

Revision ID: m0004
Revises: m0003
`blob_refs.proven` is false while the device whose attachment named the blob in an
operation has not uploaded it and the blob came from an operation it may not see; such a
reference lets that device upload the bytes, never download them (sync/server/blobs.py).
References made before this migration count as proven.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m0004"
down_revision = "m0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "blob_refs", sa.Column("proven", sa.Boolean, nullable=False, server_default=sa.true())
    )


def downgrade() -> None:
    with op.batch_alter_table("blob_refs") as batch:
        batch.drop_column("proven")
