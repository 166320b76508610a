"""income sample: the households of the year's income monitoring (Form B)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 18:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "income_sample",
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("chosen", sa.String(length=80), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_income_sample_household_id_household"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_income_sample")),
    )
    with op.batch_alter_table("income_sample", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_income_sample_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_income_sample_year"), ["year"], unique=False)


def downgrade() -> None:
    op.drop_table("income_sample")
