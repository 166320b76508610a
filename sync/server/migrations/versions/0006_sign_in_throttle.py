"""sign-in failures per user and place (address, known laptop), replacing the per-user lock

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 14:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("last_failure_at", sa.DateTime(), nullable=True),
        sa.Column("succeeded_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("username", "address", "client_id", name=op.f("pk_sign_in")),
    )
    # the laptops signed in so far, from the addresses they signed in from, are known places
    op.execute(
        "INSERT INTO sign_in (username, address, client_id, failures, succeeded_at)"
        " SELECT device.username, SUBSTR(audit.address, 1, 64), device.client_id, 0,"
        " MAX(audit.at) FROM device JOIN audit ON audit.device_id = device.id"
        " AND audit.action = 'login' WHERE device.revoked_at IS NULL"
        " GROUP BY device.username, SUBSTR(audit.address, 1, 64), device.client_id"
    )
    # the per-user locks of before are lifted (they were the fault)
    op.execute("UPDATE credential SET failures = 0, locked_until = NULL")


def downgrade() -> None:
    op.drop_table("sign_in")
