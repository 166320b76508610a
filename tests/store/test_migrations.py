"""Schema migrations: run at open after a backup; newer databases refused untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from app.store import migrations
from app.store.database import Database, make_engine
from app.store.errors import NewerDatabase
from app.store.keys import FAST_TEST_KDF, KeyInfo, derive_key, keyinfo_path, write_keyinfo
from app.store.schema import Base
from app.store.search import search
from tests.conftest import PASSWORD


def _first_schema_database(path: Path) -> None:
    """A database as the first release wrote it: schema 0001, with a household in it."""
    info = KeyInfo.new(FAST_TEST_KDF)
    write_keyinfo(keyinfo_path(path), info)
    engine = make_engine(path, derive_key(PASSWORD, info))
    migrations.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO area (id, code, name, level, valid_year, rev, updated_at,"
                " updated_by, deleted) VALUES ('a1', '330213001001', '奉中社区', 'village', 2023,"
                " 1, '2026-01-01 00:00:00', 'server', 0)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO household (id, area_code, address, registered_address, hukou_number,"
                " hukou_type, head_name, head_id_number, phone, phone2, hardship,"
                " multi_disability_code, rev, updated_at, updated_by, deleted) VALUES ('h1',"
                " '330213001001', '南山路5号', '', '', '1', '柴进', '', '', '', '[]', '', 1,"
                " '2026-01-01 00:00:00', 'server', 0)"
            )
        )
    engine.dispose()


def test_first_schema_is_migrated_forward_after_a_backup(db_path: Path) -> None:
    _first_schema_database(db_path)
    db = Database.open(db_path, PASSWORD)
    assert migrations.current_revision(db.engine) == migrations.head()
    with db.session() as s:
        hits = search(s.connection(), "南山路")
    assert [h.household_id for h in hits] == ["h1"]
    db.close()
    backups = list(db_path.parent.glob("fieldvisit.db.backup-rev0001-*"))
    assert len([b for b in backups if not b.name.endswith(".keyinfo")]) == 1
    # the backup is the old database, still openable with the same password
    backup = next(b for b in backups if not b.name.endswith((".keyinfo", "-wal")))
    engine = make_engine(backup, derive_key(PASSWORD, KeyInfo.from_json(
        keyinfo_path(backup).read_text())))  # fmt: skip
    assert migrations.current_revision(engine) == "0001"
    engine.dispose()


def test_database_from_a_newer_program_is_refused_untouched(db: Database, db_path: Path) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    db.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabase) as caught:
        Database.open(db_path, PASSWORD)
    assert "更新版本" in str(caught.value)
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*.backup-*"))


def test_models_and_migrations_agree(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "include_object": lambda obj, name, type_, reflected, other: (
                    not (type_ == "table" and name.startswith("search_"))
                )
            },
        )
        assert compare_metadata(context, Base.metadata) == []


def test_connections_have_foreign_keys_and_wal(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_known_revisions_match_the_scripts() -> None:
    scripts = migrations.script()
    chain = [rev.revision for rev in scripts.walk_revisions()][::-1]
    assert tuple(chain) == migrations.KNOWN_REVISIONS
    assert scripts.get_current_head() == migrations.HEAD
