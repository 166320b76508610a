"""The server's database: SQLite (WAL) by default, PostgreSQL by URL, the same code for both.

SQLite writers begin with `BEGIN IMMEDIATE` (a separate engine for reads keeps
plain deferred transactions), so two server processes never deadlock upgrading a
read lock. On both databases, every writing transaction locks the sequence row
first (`ledger.lock`), which orders commits by sequence number.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def normalize_url(database_url: str) -> URL:
    """A plain `postgresql://` URL means psycopg 3 (the driver we ship), not psycopg2."""
    url = make_url(database_url)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def _sqlite_engine(url: URL, *, immediate: bool) -> Engine:
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we say BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA busy_timeout = 30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _private_file(database: str | None) -> None:
    """Make a SQLite database file readable by the server's own user only (its journal
    files take its mode), before SQLite creates it with the process's umask (often
    readable by everyone); an existing file is closed likewise."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if not path.parent.is_dir():
        return  # SQLite will say what is wrong
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    with contextlib.suppress(PermissionError):  # another user's file: left as it is
        path.chmod(0o600)


class WriterTurn:
    """SQLite's writers queue here: the threads of a process on a lock, the processes
    (`serve --workers N`) on an advisory lock of a file beside the database.

    SQLite admits one writer at a time anyway, but a writer that finds it busy polls
    with sleeps of up to 100 ms; a queue hands the turn over the moment it is free.
    Where advisory file locks are missing (Windows), the busy handler remains."""

    def __init__(self, database: str | None) -> None:
        self._threads = threading.Lock()
        self._path = (
            Path(database + ".writer-lock") if database and database != ":memory:" else None
        )
        self._file: Any = None

    def __enter__(self) -> None:
        self._threads.acquire()
        try:
            if self._path is not None and fcntl is not None:
                if self._file is None:
                    flags = os.O_RDWR | os.O_CREAT | os.O_APPEND
                    # kept open: the lock lives on it
                    self._file = os.fdopen(os.open(self._path, flags, 0o600), "a+b")
                fcntl.flock(self._file.fileno(), fcntl.LOCK_EX)
        except BaseException:
            self._threads.release()
            raise

    def __exit__(self, *_exc: object) -> None:
        try:
            if self._file is not None and fcntl is not None:
                fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
        finally:
            self._threads.release()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class ServerDatabase:
    """The engines and session factories of one server database (no state between requests)."""

    def __init__(self, database_url: str) -> None:
        self.url = normalize_url(database_url)
        if is_sqlite(self.url):
            _private_file(self.url.database)
            self.engine = _sqlite_engine(self.url, immediate=True)
            self.read_engine = _sqlite_engine(self.url, immediate=False)
        else:
            # no ping before each use (a round trip per request and more): a connection
            # found dead (PostgreSQL restarted) fails its request with a 503, which the
            # laptop retries, and the pool is renewed at once
            self.engine = create_engine(self.url, pool_size=10, max_overflow=20, pool_recycle=1800)
            # one snapshot per pull page: the records match the index read with them
            self.read_engine = self.engine.execution_options(isolation_level="REPEATABLE READ")
        # a single query needs no transaction: on PostgreSQL that saves the round trips of
        # BEGIN and COMMIT (SQLite's, in-process, cost next to nothing)
        self._lookup_engine = (
            self.read_engine
            if is_sqlite(self.url)
            else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        )
        self._writes = sessionmaker(self.engine, expire_on_commit=False)
        self._write_turn: AbstractContextManager[Any] = (
            WriterTurn(self.url.database) if is_sqlite(self.url) else nullcontext()
        )
        self._reads = sessionmaker(self.read_engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One writing transaction: committed at the end, rolled back on any exception.

        On SQLite the writers take turns here (`WriterTurn`). (A lock, not state: nothing
        is kept.)"""
        with self._write_turn, self._writes.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """One reading transaction (a consistent snapshot on SQLite)."""
        with self._reads.begin() as session:
            yield session

    @contextmanager
    def lookup(self) -> Iterator[Connection]:
        """A connection for one reading query (no transaction on PostgreSQL, and no ORM
        session: every request asks one, for its token)."""
        with self._lookup_engine.connect() as connection:
            yield connection

    @contextmanager
    def scratch(self) -> Iterator[Session]:
        """A reading transaction (a snapshot) whose session never writes: no autoflush,
        and everything it holds is rolled back at the end."""
        with self._reads() as session:
            session.autoflush = False
            try:
                yield session
            finally:
                session.rollback()

    def default_blob_dir(self) -> Path:
        """Blobs beside a SQLite file; for PostgreSQL, ./fieldvisit-blobs unless configured."""
        if is_sqlite(self.url) and self.url.database and self.url.database != ":memory:":
            path = Path(self.url.database)
            return path.with_name(path.name + ".blobs")
        return Path.cwd() / "fieldvisit-blobs"

    def dispose(self) -> None:
        if isinstance(self._write_turn, WriterTurn):
            self._write_turn.close()
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()


# -- migrations (sync/server/migrations) --------------------------------------------------


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def upgrade(db: ServerDatabase, revision: str = "head") -> None:
    """Create or bring the server's schema up to date, then make sure the sequence row exists
    and the built-in forms and settings are published (every way a server starts: `init`,
    `serve`, `demo`, a first `publish-form`; else the first publication alone would be known
    and every response of the built-in versions refused)."""
    command.upgrade(alembic_config(db.engine), revision)
    from sync.server import published
    from sync.server.ledger import ensure_counter

    with db.write() as session:
        ensure_counter(session)
        if revision == "head":
            published.seed(session)


def current_revision(db: ServerDatabase) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
