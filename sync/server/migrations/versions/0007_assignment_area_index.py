"""an index of the assignments by area (which users a laptop reads, in a province's thousands)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 14:45:00
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_assignment_area_code", "assignment", ["area_code"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_assignment_area_code", table_name="assignment")
