"""Test session setup: offscreen Qt, and a real encrypted database in a temporary folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.registry import Area

PASSWORD = "correct horse 电池 staple"
VILLAGE = "330213001001"
OTHER_VILLAGE = "330213002001"
TOWN = "330213001000"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "fieldvisit.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A new encrypted database with a few areas of the seed district."""
    database = Database.create(db_path, PASSWORD, kdf=FAST_TEST_KDF)
    with database.transaction() as s:
        s.add(Area(code="330213000000", name="奉化区", level="county", rev=1))
        s.add(Area(code=TOWN, name="锦屏街道", level="town", parent_code="330213000000", rev=1))
        s.add(Area(code=VILLAGE, name="奉中社区", level="village", parent_code=TOWN, rev=1))
        s.add(
            Area(
                code=OTHER_VILLAGE,
                name="岳林一村",
                level="village",
                parent_code="330213002000",
                rev=1,
            )
        )
    yield database
    database.close()
