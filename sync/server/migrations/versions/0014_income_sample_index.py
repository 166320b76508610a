"""income sample index: who is due Form B looked up by year and household

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 21:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the same as app.store.schema.REPORT_INDEXES' ix_income_sample_report
    op.create_index(
        "ix_income_sample_report",
        "income_sample",
        ["year", "household_id", "deleted"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_income_sample_report", table_name="income_sample")
