"""coordinates that are not finite numbers (applied before the server checked them) cleared

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 14:55:00
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Infinity (and PostgreSQL's NaN, which sorts above every number) cannot go to a laptop
    # as JSON: such a value would fail every pull of its area
    for table in ("household", "visit"):
        for column in ("gps_lat", "gps_lon"):
            op.execute(
                f"UPDATE {table} SET {column} = NULL WHERE NOT ({column} BETWEEN -1e308 AND 1e308)"
            )


def downgrade() -> None:
    pass
