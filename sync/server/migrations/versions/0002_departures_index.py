"""an index of the changes of scope (every pull looks through them)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 23:25:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_change_log_departures",
        "change_log",
        ["seq", "entity", "record_id", "from_area"],
        unique=False,
        sqlite_where=sa.text("from_area IS NOT NULL"),
        postgresql_where=sa.text("from_area IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_change_log_departures", table_name="change_log")
