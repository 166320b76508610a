"""an index of the records by area and sequence (every pull asks for an area's changes)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 02:50:00
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_record_index_area_seq", "record_index", ["area_code", "seq"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_record_index_area_seq", table_name="record_index")
