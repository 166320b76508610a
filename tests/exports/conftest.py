"""Fixtures of the export tests: a small demo district in a real encrypted database."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.demo.district import build_demo_district
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from tests.conftest import PASSWORD


@pytest.fixture(scope="session")
def export_district_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 500-person demo district with last year's accepted survey, this season's progress,
    Form B, subsidies and renovation cases, built once."""
    path = tmp_path_factory.mktemp("export-district") / "district.db"
    db = Database.create(path, PASSWORD, kdf=FAST_TEST_KDF)
    build_demo_district(db, persons=500, seed=13)
    db.close()
    return path


@pytest.fixture
def district_db(export_district_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the district, free to change (exports write audit events)."""
    target = tmp_path / "district.db"
    shutil.copy2(export_district_file, target)
    keyinfo = export_district_file.name + ".keyinfo"
    shutil.copy2(
        export_district_file.with_name(keyinfo), target.with_name(target.name + ".keyinfo")
    )
    db = Database.open(target, PASSWORD)
    yield db
    db.close()
