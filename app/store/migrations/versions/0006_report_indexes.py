"""report indexes: the district's figures count from indexes, not table rows

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 17:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# (table, index, columns): the same as app.store.schema.REPORT_INDEXES
INDEXES = (
    ("household", "ix_household_report", ["deleted", "area_code", "hukou_type", "id"]),
    (
        "person",
        "ix_person_report",
        ["household_id", "deleted", "status", "category", "grade", "sex", "birth_date",
         "card_generation", "id"],
    ),
    (
        "form_response",
        "ix_form_response_report",
        ["person_id", "form_id", "survey_round", "deleted", "state", "filled_at"],
    ),
    (
        "form_response",
        "ix_form_response_form_round",
        ["form_id", "survey_round", "household_id", "deleted", "state"],
    ),
    (
        "subsidy",
        "ix_subsidy_report",
        ["person_id", "deleted", "kind", "status", "start_month", "end_month", "amount_fen",
         "end_reason"],
    ),
)  # fmt: skip


def upgrade() -> None:
    for table, name, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for table, name, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
