"""the senders of each blob (only they attach it; only their attachments make it readable)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 13:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blob_upload",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "username", name=op.f("pk_blob_upload")),
    )
    # the first sender of every blob already stored is the one sender known
    op.execute(
        "INSERT INTO blob_upload (sha256, username, at) SELECT sha256, username, at FROM blob"
    )


def downgrade() -> None:
    op.drop_table("blob_upload")
