"""Open, create and migrate the encrypted database; hand out sessions.

The key is derived once from the password (`keys.py`) and handed to SQLCipher
as a raw key, so pooled connections open without paying the KDF again.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import URL, Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app.store import migrations, search
from app.store.blobs import BlobStore
from app.store.errors import (
    CorruptDatabase,
    DamagedDatabase,
    DatabaseMissing,
    DiskFull,
    StoreError,
    WrongPassword,
    is_disk_full,
    room_to_write,
)
from app.store.keys import (
    KdfParams,
    KeyInfo,
    derive_key,
    keyinfo_path,
    pending_keyinfo_path,
    read_keyinfo,
    write_keyinfo,
)

#: SQLCipher 4's page size, which this program never changes
PAGE_BYTES = 4096


def _raw_key_literal(key: bytes) -> str:
    # SQLCipher's raw key syntax: PRAGMA key = "x'<64 hex>'" skips its own KDF
    return f"x'{key.hex()}'"


def _is_not_a_database(exc: BaseException) -> bool:
    return "file is not a database" in str(exc)


def make_engine(path: Path, key: bytes) -> Engine:
    """An engine over the encrypted file; raises WrongPassword if the key does not fit."""
    url = URL.create("sqlite+pysqlcipher", password=_raw_key_literal(key), database=str(path))
    engine = create_engine(
        url,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        pool_use_lifo=True,
        connect_args={"check_same_thread": False, "timeout": 10},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA cipher_log_level = NONE")
        cur.execute("SELECT count(*) FROM sqlite_master")  # fails here on a wrong key
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA busy_timeout = 10000")
        # 128 MiB at most: decrypted pages stay in memory. The 统计 page's indexes at
        # 100,000 persons take about 40 MiB; with 32 MiB every pass decrypted them all
        # again (bench/reports.py: district 1.47 s against 1.12 s). A small database never
        # fills it: the cache grows only as pages are read.
        cur.execute("PRAGMA cache_size = -131072")
        cur.close()

    @event.listens_for(engine, "handle_error")
    def _no_room(context: Any) -> None:
        # wherever a write runs out of room (a save, a pulled page, a receipt, an index),
        # the program gets the one error it tells the user about, not SQLite's
        if is_disk_full(context.original_exception):
            raise DiskFull(str(context.original_exception)) from context.original_exception

    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DatabaseError as exc:
        engine.dispose()
        if _is_not_a_database(exc):
            if not _first_page_damaged(path, key):
                raise WrongPassword() from exc
        elif "malformed" not in str(exc):
            raise CorruptDatabase(str(exc.orig)) from exc
        # the key fits (its pages check) and yet the file cannot be read: damaged
        raise DamagedDatabase(path, damaged_pages(path, key), backups_of(path)) from exc
    return engine


def damaged_pages(path: Path, key: bytes) -> int:
    """How many pages of the file fail SQLCipher's check under the right `key` (0: none).

    Every page is read and checked: about a second per 50 MB here, a few tenths of a
    second for a member's laptop.
    """
    return len(_integrity_rows(path, key))


def _first_page_damaged(path: Path, key: bytes) -> bool:
    """Whether a file that `key` does not open has a damaged first page rather than
    another key: a wrong key fails every page, a damaged first page fails alone.

    Only the first two pages are checked, in a copy (a wrong password costs no more)."""
    try:
        with tempfile.TemporaryDirectory(prefix="fieldvisit-check-") as folder:
            copy = Path(folder) / "pages.db"
            with open(path, "rb") as source:
                copy.write_bytes(source.read(2 * PAGE_BYTES))
            failed = {row[0] for row in _integrity_rows(copy, key)}
    except (OSError, sqlcipher3.DatabaseError):  # no room for the copy: cannot tell
        return False
    return failed == {"HMAC verification failed for page 1"}


def _integrity_rows(path: Path, key: bytes) -> list[tuple[str]]:
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f'PRAGMA key = "{_raw_key_literal(key)}"')
        conn.execute("PRAGMA cipher_log_level = NONE")
        return list(conn.execute("PRAGMA cipher_integrity_check").fetchall())
    finally:
        conn.close()


def backups_of(path: Path) -> list[Path]:
    """The backup copies beside a database (`backup_copy`), newest first."""
    found = [
        p
        for p in path.parent.glob(f"{path.name}.backup-*")
        if not p.name.endswith(("-wal", "-shm", ".keyinfo"))
    ]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


class Database:
    """One open encrypted database of the laptop, with its blob store."""

    def __init__(self, path: Path, engine: Engine, key: bytes) -> None:
        self.path = path
        self.engine = engine
        self._key = key
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        search.attach(self._sessions)
        self.blobs = BlobStore.for_database(self)

    # -- opening ---------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, password: str, *, kdf: KdfParams | None = None) -> Database:
        """Make a new encrypted database at `path` with the current schema."""
        path = Path(path)
        if path.exists():
            raise StoreError(f"数据库已存在：{path}")
        if not password:
            raise StoreError("密码不能为空")
        path.parent.mkdir(parents=True, exist_ok=True)
        info = KeyInfo.new(kdf)
        write_keyinfo(keyinfo_path(path), info)
        key = derive_key(password, info)
        engine = make_engine(path, key)
        migrations.upgrade(engine)
        db = cls(path, engine, key)
        db.blobs.ensure_key()
        return db

    @classmethod
    def open(cls, path: Path | str, password: str, *, check: bool = False) -> Database:
        """Derive the key from the password, open, back up and migrate if needed; with
        `check`, every page of the file is checked first (`DamagedDatabase`)."""
        path = Path(path)
        if not path.exists():
            raise DatabaseMissing(str(path))
        info = read_keyinfo(keyinfo_path(path))
        try:
            key = derive_key(password, info)
            engine = make_engine(path, key)
        except WrongPassword:
            # a password change may have died between its rekey and its rename
            pending = pending_keyinfo_path(path)
            if not pending.exists():
                raise
            new_info = read_keyinfo(pending)
            key = derive_key(password, new_info)
            engine = make_engine(path, key)  # WrongPassword again if it was simply wrong
            os.replace(pending, keyinfo_path(path))
        else:
            pending_keyinfo_path(path).unlink(missing_ok=True)
        return cls._finish_open(path, engine, key, check)

    @classmethod
    def open_with_key(cls, path: Path | str, key: bytes) -> Database:
        """Open with an already derived key (a second process of the same unlock)."""
        path = Path(path)
        if not path.exists():
            raise DatabaseMissing(str(path))
        return cls._finish_open(path, make_engine(path, key), key, check=False)

    @classmethod
    def _finish_open(cls, path: Path, engine: Engine, key: bytes, check: bool) -> Database:
        damaged = damaged_pages(path, key) if check else 0
        if damaged:  # found at unlock, before the program reads or writes a damaged page
            engine.dispose()
            raise DamagedDatabase(path, damaged, backups_of(path))
        try:
            state = migrations.check(engine)  # raises NewerDatabase, touching nothing
            if state.needs_upgrade:
                engine.dispose()
                backup_copy(path, f"rev{state.current or 'none'}")
                engine = make_engine(path, key)
                migrations.upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
        db = cls(path, engine, key)
        db.blobs.rename_old_files()
        return db

    @property
    def key(self) -> bytes:
        """The raw key (for handing to a worker process of the same unlock)."""
        return self._key

    # -- sessions --------------------------------------------------------------

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction: everything inside is saved together or not at all."""
        try:
            with self._sessions.begin() as session:
                yield session
        except OperationalError as exc:
            if "disk I/O error" in str(exc):
                raise DiskFull(str(exc.orig)) from exc
            raise

    # -- password --------------------------------------------------------------

    def opens_with(self, password: str) -> bool:
        """Whether `password` is the one this database is encrypted under now."""
        return derive_key(password, read_keyinfo(keyinfo_path(self.path))) == self._key

    def change_password(self, old: str, new: str, *, kdf: KdfParams | None = None) -> None:
        """Re-encrypt the database under a key from the new password."""
        if not new:
            raise StoreError("新密码不能为空")
        info = read_keyinfo(keyinfo_path(self.path))
        if derive_key(old, info) != self._key:
            raise WrongPassword()
        new_info = KeyInfo.new(kdf or info.params)
        new_key = derive_key(new, new_info)
        pending = pending_keyinfo_path(self.path)
        write_keyinfo(pending, new_info)
        self.engine.dispose()
        with self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            cur = raw.cursor()
            cur.execute("PRAGMA journal_mode = DELETE")  # rekey needs a rollback journal
            cur.execute(f'PRAGMA rekey = "{_raw_key_literal(new_key)}"')
            cur.close()
        self.engine.dispose()
        os.replace(pending, keyinfo_path(self.path))
        self.engine = make_engine(self.path, new_key)
        self._key = new_key
        self._sessions.configure(bind=self.engine)

    def close(self) -> None:
        self.engine.dispose()


def backup_copy(path: Path, label: str) -> Path:
    """Copy the closed database (and its WAL, if any) before a migration changes it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.backup-{label}-{stamp}")
    copies = [(path, target), (keyinfo_path(path), keyinfo_path(target))]
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        copies.append((wal, target.with_name(target.name + "-wal")))
    with room_to_write(*(copy for _source, copy in copies)):  # no half backup left
        for source, copy in copies:
            shutil.copy2(source, copy)
    return target
