"""op receipts are kept by op id and the laptop that sent the op (its user and installation)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("op_receipt", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("username", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("client_id", sa.String(length=36), nullable=False, server_default="")
        )
    # the sender of a receipt kept before: the user and installation of its device
    for column in ("username", "client_id"):
        op.execute(
            f"UPDATE op_receipt SET {column} = COALESCE((SELECT device.{column} FROM device"
            f" WHERE device.id = op_receipt.device_id), '')"
        )
    with op.batch_alter_table("op_receipt", schema=None) as batch_op:
        batch_op.drop_constraint("pk_op_receipt", type_="primary")
        batch_op.create_primary_key("pk_op_receipt", ["op_id", "username", "client_id"])


def downgrade() -> None:
    with op.batch_alter_table("op_receipt", schema=None) as batch_op:
        batch_op.drop_constraint("pk_op_receipt", type_="primary")
        batch_op.create_primary_key("pk_op_receipt", ["op_id"])
        batch_op.drop_column("client_id")
        batch_op.drop_column("username")
