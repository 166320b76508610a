"""Fixtures of the sync tests: real server processes on 127.0.0.1 and real laptop databases."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.store.database import Database
from sync.server.db import ServerDatabase
from sync.server.demo import build_demo_server
from tests.sync.laptops import make_laptop
from tests.sync.servers import PostgresCluster, ServerProcess, seed


def _database_url(backend: str, folder: Path, request: pytest.FixtureRequest) -> str:
    if backend == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        return cluster.new_database()
    return f"sqlite:///{folder / 'server.db'}"


def demo_server_database(
    request: pytest.FixtureRequest,
    factory: pytest.TempPathFactory,
    *,
    persons: int,
    seed: int,
) -> Iterator[tuple[str, ServerDatabase]]:
    """A demo district of `persons` built into a server database on the backend of
    `request.param` ("sqlite" or "postgresql"), for a module's fixture to yield from."""
    url = _database_url(request.param, factory.mktemp("demo-server"), request)
    database = ServerDatabase(url)
    build_demo_server(database, persons=persons, seed=seed)
    yield url, database
    database.dispose()


def _running(url: str, folder: Path) -> Iterator[tuple[ServerProcess, ServerDatabase]]:
    database = ServerDatabase(url)
    seed(database)
    process = ServerProcess(url, folder / "blobs")
    process.start()
    try:
        yield process, database
    finally:
        process.stop()
        database.dispose()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[ServerProcess, ServerDatabase]]:
    """A seeded server on SQLite, for one test."""
    yield from _running(f"sqlite:///{tmp_path / 'server.db'}", tmp_path)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_server(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[ServerProcess, ServerDatabase]]:
    """A seeded server on SQLite, then the same test on PostgreSQL."""
    yield from _running(_database_url(request.param, tmp_path, request), tmp_path)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[ServerProcess, ServerDatabase]]:
    """One seeded server for a whole module (tests use records of their own), on SQLite,
    then on PostgreSQL."""
    folder = tmp_path_factory.mktemp("server")
    yield from _running(_database_url(request.param, folder, request), folder)


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[Callable[..., Database]]:
    """Make laptop databases by a first login; all are closed at the end."""
    made: list[Database] = []

    def make(process: ServerProcess, username: str, name: str | None = None) -> Database:
        db = make_laptop(process, tmp_path / f"{name or username}.db", username)
        made.append(db)
        return db

    yield make
    for db in made:
        db.close()
