"""Each device's clock node id, so that a stamp is bound to the device that made it.

Revision ID: m0003
Revises: m0002
`devices.node` is the node of the device's hybrid clock: given at /join by a client that
knows it, else taken from the device's first push (sync/server/nodes.py). NULL until then.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m0003"
down_revision = "m0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("devices", sa.Column("node", sa.String(64), nullable=True))
    op.create_index("devices_node", "devices", ["node"])


def downgrade() -> None:
    op.drop_index("devices_node", "devices")
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("node")
