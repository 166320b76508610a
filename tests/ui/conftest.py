"""Fixtures of the UI tests: a small real district in a real encrypted database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from app.demo.district import build_demo_district
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from tests.conftest import PASSWORD


@pytest.fixture(scope="session")
def district_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 600-person demo district, built once for the session (do not write to it)."""
    path = tmp_path_factory.mktemp("district") / "district.db"
    db = Database.create(path, PASSWORD, kdf=FAST_TEST_KDF)
    build_demo_district(db, persons=600, seed=7)
    db.close()
    return path


@pytest.fixture
def district(district_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the session's district, free to change."""
    import shutil

    target = tmp_path / "district.db"
    shutil.copy2(district_file, target)
    shutil.copy2(
        district_file.with_name(district_file.name + ".keyinfo"),
        target.with_name(target.name + ".keyinfo"),
    )
    db = Database.open(target, PASSWORD)
    yield db
    db.close()


@pytest.fixture(autouse=True)
def typing_works_after_the_test(qapp: QApplication) -> Iterator[None]:
    """Nothing a test's windows left application-wide (a lock's filter) eats the keyboard.

    Runs after pytest-qt closed the test's widgets: a fresh field must take what is typed.
    """
    yield
    field = QLineEdit()
    try:
        QTest.keyClicks(field, "ok")
        assert field.text() == "ok", "a window left an application-wide filter on the keyboard"
    finally:
        field.deleteLater()
