"""The figures' databases: the hand-built district on a laptop's database and on a server's
(SQLite, then PostgreSQL), read through the same session API."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from sync.server import db as server_db
from tests.conftest import PASSWORD
from tests.reports import district
from tests.sync.servers import PostgresCluster

Sessions = Callable[[], Session]
BACKENDS = ["laptop", "server-sqlite", "server-postgresql"]


def server_url(backend: str, folder: Path, request: pytest.FixtureRequest) -> str:
    if backend == "server-postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        return cluster.new_database()
    return f"sqlite:///{folder / 'server.db'}"


@pytest.fixture(scope="module", params=BACKENDS)
def district_sessions(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Sessions]:
    """Sessions on the hand-built district: a laptop's database, then a server's on SQLite,
    then on PostgreSQL (the same records, written the same way)."""
    folder = tmp_path_factory.mktemp("district")
    if request.param == "laptop":
        laptop = Database.create(folder / "laptop.db", PASSWORD, kdf=FAST_TEST_KDF)
        with laptop.engine.begin() as conn:
            district.build(conn)
        yield laptop.session
        laptop.close()
        return
    database = server_db.ServerDatabase(server_url(request.param, folder, request))
    server_db.upgrade(database)
    with database.engine.begin() as conn:
        district.build(conn)

    def reader() -> Session:
        return Session(database.read_engine)

    yield reader
    database.dispose()
