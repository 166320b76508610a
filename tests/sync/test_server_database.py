"""The server's database: migrations match the models (SQLite and PostgreSQL); the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from app.demo.__main__ import DEMO_PASSWORD
from app.store.registry import Household, User
from sync.server import db
from sync.server.db import ServerDatabase
from sync.server.demo import NotEmpty, build_demo_server
from sync.server.tables import ServerBase
from tests.sync.laptops import make_laptop, sync
from tests.sync.servers import PostgresCluster, ServerProcess


def _agree(database: ServerDatabase) -> None:
    db.upgrade(database)
    assert db.current_revision(database) == db.head_revision()
    with database.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), ServerBase.metadata) == []


def test_migrations_and_models_agree_on_sqlite(tmp_path: Path) -> None:
    database = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        _agree(database)
        db.upgrade(database)  # a second run changes nothing
    finally:
        database.dispose()


def test_migrations_and_models_agree_on_postgresql(postgres: PostgresCluster) -> None:
    database = ServerDatabase(postgres.new_database())
    try:
        _agree(database)
    finally:
        database.dispose()


def test_the_demo_server_serves_the_demo_district(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    database = ServerDatabase(url)
    try:
        summary = build_demo_server(database, persons=300)
        with pytest.raises(NotEmpty):
            build_demo_server(database, persons=300)
        with database.read() as s:
            assert s.scalar(select(func.count()).select_from(User)) == len(summary.users)
            village = s.scalar(select(Household.area_code).limit(1))
        assert village is not None
        process = ServerProcess(url, tmp_path / "blobs")
        process.start()
        try:
            from tests.sync import servers

            member = f"m{village[6:]}"
            monkeypatch.setitem(servers.PASSWORDS, member, DEMO_PASSWORD)
            laptop = make_laptop(process, tmp_path / "member.db", member)
            try:
                with laptop.session() as s:
                    areas = set(s.scalars(select(Household.area_code)))
                assert areas == {village}
                assert sync(laptop).status == "done"
            finally:
                laptop.close()
        finally:
            process.stop()
    finally:
        database.dispose()
