"""person lookup index: a district's subsidies look each person up by id

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 00:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the same as app.store.schema.REPORT_INDEXES' ix_person_live
    op.create_index("ix_person_live", "person", ["id", "deleted", "household_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_person_live", table_name="person")
