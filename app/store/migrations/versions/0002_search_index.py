"""search index: FTS5 tables over the registry, and the household list's paging index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 20:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Frozen copy of the statements of this revision (app/store/search.py may move on).
CREATE = (
    "CREATE TABLE search_doc (doc_id INTEGER PRIMARY KEY, household_id VARCHAR(36) NOT NULL,"
    " person_id VARCHAR(36))",
    "CREATE INDEX ix_search_doc_household ON search_doc (household_id)",
    "CREATE VIRTUAL TABLE search_text USING fts5(name, pinyin, initials, id_number,"
    " cert_number, address, phone, tokenize = 'trigram')",
    "CREATE VIRTUAL TABLE search_short USING fts5(name_chars, initials_chars, address_chars,"
    " tokenize = 'unicode61 remove_diacritics 0')",
    # names and numbers matter more than a word of an address
    "INSERT INTO search_text (search_text, rank)"
    " VALUES ('rank', 'bm25(10.0, 6.0, 6.0, 10.0, 10.0, 1.0, 4.0)')",
    "INSERT INTO search_short (search_short, rank) VALUES ('rank', 'bm25(10.0, 6.0, 1.0)')",
)


def upgrade() -> None:
    for statement in CREATE:
        op.execute(statement)
    with op.batch_alter_table("household") as batch_op:
        batch_op.create_index(
            "ix_household_list", ["deleted", "area_code", "address", "id"], unique=False
        )
        batch_op.create_index("ix_household_head_id_number", ["head_id_number"], unique=False)
    # A database of the first schema may hold a registry already: index it now.
    from app.store import search

    search.rebuild(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("household") as batch_op:
        batch_op.drop_index("ix_household_head_id_number")
        batch_op.drop_index("ix_household_list")
    for table in ("search_short", "search_text", "search_doc"):
        op.execute(f"DROP TABLE IF EXISTS {table}")
