"""Which push wrote each field's current value, so a pull can leave out a device's echo.

Revision ID: m0002
Revises: m0001
`records.origins` is JSON {device_id: {field: batch_seq}} (fieldapp/sync/server/origins.py);
NULL, as in every row written before this migration, means "origin unknown": always sent.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m0002"
down_revision = "m0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("records", sa.Column("origins", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.drop_column("origins")
