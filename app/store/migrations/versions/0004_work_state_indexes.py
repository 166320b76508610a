"""work state indexes: responses and cases by state (Today's counts, the review queue)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 20:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("form_response", schema=None) as batch_op:
        batch_op.create_index("ix_form_response_state", ["state"], unique=False)
    with op.batch_alter_table("renovation_case", schema=None) as batch_op:
        batch_op.create_index("ix_renovation_case_state", ["state"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("renovation_case", schema=None) as batch_op:
        batch_op.drop_index("ix_renovation_case_state")
    with op.batch_alter_table("form_response", schema=None) as batch_op:
        batch_op.drop_index("ix_form_response_state")
