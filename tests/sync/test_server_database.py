"""The server's database: migrations match the models (SQLite and PostgreSQL); the demo."""

from __future__ import annotations

import fcntl
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, update

from app.demo.__main__ import DEMO_PASSWORD
from app.demo.work import DEMO_VILLAGE
from app.store import income_sample, rounds
from app.store.registry import Household, User
from sync.server import db
from sync.server.db import ServerDatabase
from sync.server.demo import DEMO_DAY, NotEmpty, build_demo_server
from sync.server.tables import SeqCounter, ServerBase
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
            village = s.scalar(select(Household.area_code).order_by(Household.area_code).limit(1))
        assert village == DEMO_VILLAGE  # m001001's
        # the year's income sample was drawn, with a few (up to 3) in m001001's village
        with database.read() as s:
            drawn = income_sample.sampled(s, DEMO_DAY.year)
            ours = set(s.scalars(select(Household.id).where(Household.area_code == village)))
            mine = [r for r in drawn if r.household_id in ours]
            households = len(income_sample.eligible(s, village))
        assert len(drawn) >= 5 and len(mine) >= min(3, households) >= 1
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
                    b_round = rounds.form_b_round(DEMO_DAY.year, DEMO_DAY)
                    due = rounds.households_due_form_b(s.connection(), b_round)
                assert areas == {village}
                assert {d.household_id for d in due} == {r.household_id for r in mine}
                assert sync(laptop).status == "done"
            finally:
                laptop.close()
        finally:
            process.stop()
    finally:
        database.dispose()


def test_sqlite_writers_of_two_processes_take_turns(tmp_path: Path) -> None:
    # two ServerDatabase objects over one file stand for two `serve --workers` processes:
    # their advisory file locks are separate, as between processes
    url = f"sqlite:///{tmp_path / 'server.db'}"
    first, second = ServerDatabase(url), ServerDatabase(url)
    db.upgrade(first)
    order: list[str] = []
    holding = threading.Event()

    def later_writer() -> None:
        holding.wait(10)
        with second.write() as s:
            order.append("second")
            s.execute(update(SeqCounter).values(value=SeqCounter.value + 1))

    thread = threading.Thread(target=later_writer)
    thread.start()
    try:
        with first.write() as s, open(tmp_path / "server.db.writer-lock", "rb") as lock:
            # the turn is an advisory lock on a file beside the database: taken
            with pytest.raises(BlockingIOError):
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            holding.set()
            thread.join(0.3)
            assert thread.is_alive()  # the second waits for its turn
            order.append("first")
            s.execute(update(SeqCounter).values(value=SeqCounter.value + 1))
        thread.join(10)
        assert order == ["first", "second"]
        with second.read() as s:
            assert s.scalar(select(SeqCounter.value)) == 2
    finally:
        thread.join(10)
        first.dispose()
        second.dispose()
