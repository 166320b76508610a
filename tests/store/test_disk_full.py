"""A full disk: a save ends with DiskFull and its Chinese message, and the database opens
again with everything saved before, each change with its outbox row.

SQLite's database is made "full" by `PRAGMA max_page_count` on every connection (SQLite
answers SQLITE_FULL exactly as for a full disk); every other file the store writes (a
photo, the key information, a backup copy) by a file size limit in a child process
(`full_disk_child.py`, EFBIG as ENOSPC): both portable, neither needs root nor a small
file system of its own, which CI may not offer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, text

from app.services.registry import Registry
from app.store.database import Database
from app.store.errors import DiskFull
from app.store.outbox import OutboxOp
from app.store.registry import Household
from app.store.work import Attachment
from tests.conftest import PASSWORD, VILLAGE

ROOT = Path(__file__).resolve().parents[2]


def fill(db: Database) -> None:
    """From now on the database cannot grow: its disk is full."""
    with db.session() as s:
        pages = int(s.execute(text("PRAGMA page_count")).scalar() or 0)

    def capped(conn: Any, _record: Any) -> None:
        conn.execute(f"PRAGMA max_page_count = {pages}")

    db.engine.dispose()
    event.listen(db.engine, "connect", capped)


def saved_until_full(db: Database) -> tuple[list[str], DiskFull]:
    """Households added until the disk is full: those saved, and the error."""
    registry = Registry(db, "alice")
    saved: list[str] = []
    for n in range(5000):
        try:
            hid, _ = registry.add_household(
                {"area_code": VILLAGE, "address": f"满盘路{n}号" + "号" * 200, "hukou_type": "1"}
            )
        except DiskFull as exc:
            return saved, exc
        saved.append(hid)
    raise AssertionError("the database never filled")


def reopened_households(db_path: Path) -> tuple[set[str], set[str]]:
    """The households of the reopened database, and the records its outbox names."""
    db = Database.open(db_path, PASSWORD, check=True)
    try:
        with db.session() as s:
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            households = set(s.scalars(select(Household.id)))
            in_outbox = set(s.scalars(select(OutboxOp.record_id)))
    finally:
        db.close()
    return households, in_outbox


def test_a_save_on_a_full_disk_says_so_and_keeps_what_was_saved(
    db: Database, db_path: Path
) -> None:
    before, _ = Registry(db, "alice").add_household({"area_code": VILLAGE, "address": "满前"})
    fill(db)

    saved, error = saved_until_full(db)

    assert str(error) == DiskFull.user_message  # the whole message, no SQLite English
    assert "磁盘空间不足" in str(error) and "没有丢失" in str(error)
    db.close()
    households, in_outbox = reopened_households(db_path)
    assert households == {before, *saved}
    assert in_outbox == households  # each saved change with its outbox row, nothing half


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_every_file_the_store_writes_on_a_full_disk_says_so_and_leaves_nothing(
    db: Database, db_path: Path
) -> None:
    # a photo, the key information, a backup copy: each with no room (RLIMIT_FSIZE 0)
    hid, _ = Registry(db, "alice").add_household({"area_code": VILLAGE, "address": "照片满"})
    key = db.key.hex()
    db.close()

    child = subprocess.run(
        [sys.executable, "-m", "tests.store.full_disk_child", str(db_path), key, hid, "0"],
        cwd=ROOT,
        capture_output=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=120,
        check=False,
    )

    assert child.returncode == 0, child.stderr.decode(errors="replace")
    results = [json.loads(line) for line in child.stdout.decode().splitlines()]
    assert [r["writer"] for r in results] == ["photo", "key information", "backup copy"]
    for result in results:
        assert result["message"] == f"DiskFull: {DiskFull.user_message}", result
        assert result["left"] == [], result  # no half-written file
    reopened = Database.open(db_path, PASSWORD, check=True)
    try:
        with reopened.session() as s:
            assert s.get(Household, hid) is not None
            assert list(s.scalars(select(Attachment))) == []
    finally:
        reopened.close()
