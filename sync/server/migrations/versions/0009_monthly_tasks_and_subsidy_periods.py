"""monthly tasks and subsidy periods: the outcome of a task, the steps and end of a subsidy

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_EMPTY_LIST = sa.text("'[]'")


def upgrade() -> None:
    with op.batch_alter_table("change_notice", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("rows", sa.JSON(), nullable=False, server_default=_EMPTY_LIST)
        )
        batch_op.add_column(sa.Column("due_date", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("outcome", sa.String(length=12), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("method", sa.String(length=12), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("checked_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("checked_by", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("consequences", sa.JSON(), nullable=False, server_default=_EMPTY_LIST)
        )
        batch_op.add_column(
            sa.Column("state_history", sa.JSON(), nullable=False, server_default=_EMPTY_LIST)
        )
        batch_op.create_index("ix_change_notice_month", ["month"], unique=False)
        batch_op.create_index("ix_change_notice_state", ["state"], unique=False)
    with op.batch_alter_table("subsidy", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("group", sa.String(length=20), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("end_reason", sa.String(length=12), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("decision_date", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("decision_number", sa.String(length=40), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("steps", sa.JSON(), nullable=False, server_default=_EMPTY_LIST)
        )
        batch_op.add_column(
            sa.Column("task_id", sa.String(length=36), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("subsidy", schema=None) as batch_op:
        for column in (
            "task_id",
            "steps",
            "decision_number",
            "decision_date",
            "end_reason",
            "group",
        ):
            batch_op.drop_column(column)
    with op.batch_alter_table("change_notice", schema=None) as batch_op:
        batch_op.drop_index("ix_change_notice_state")
        batch_op.drop_index("ix_change_notice_month")
        for column in (
            "state_history",
            "consequences",
            "reason",
            "checked_by",
            "checked_on",
            "method",
            "outcome",
            "due_date",
            "rows",
        ):
            batch_op.drop_column(column)
