"""response summary: what the figures read of each response, beside it in a narrow table

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.store import summary

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "response_summary",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=True),
        sa.Column("form_id", sa.String(length=40), nullable=False),
        sa.Column("survey_round", sa.String(length=10), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("filled_at", sa.DateTime(), nullable=True),
        sa.Column("method", sa.String(length=8), nullable=True),
        sa.Column("sent_back", sa.Boolean(), nullable=False),
        sa.Column("needs", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response_summary")),
    )
    op.create_index(
        "ix_response_summary_report",
        "response_summary",
        ["survey_round", "form_id", "person_id", "deleted", "state", "filled_at", "method",
         "sent_back", "needs"],
        unique=False,
    )  # fmt: skip
    # the responses already here: derived by the program's one definition (the columns of
    # form_response it reads are those of the first schema)
    summary.rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_response_summary_report", table_name="response_summary")
    op.drop_table("response_summary")
