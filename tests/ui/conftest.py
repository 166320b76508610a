"""Fixtures of the UI tests: a small real district in a real encrypted database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.demo.district import build_demo_district
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from sync.server.db import ServerDatabase
from tests.conftest import PASSWORD
from tests.sync.conftest import _running
from tests.sync.laptops import make_laptop
from tests.sync.servers import ServerProcess

#: how long a wait may last when no timeout is given (pytest-qt's own is 5 s): a wait ends as
#: soon as its condition or signal comes, so this costs nothing when the test passes, and a
#: machine loaded by other work (a worker's thread pool still busy) does not fail the test
PATIENT_MS = 20_000


class PatientQtBot(QtBot):
    """pytest-qt's bot whose waits default to PATIENT_MS instead of 5 s."""

    def waitUntil(self, callback: Callable[[], bool | None], *, timeout: int = PATIENT_MS) -> None:
        super().waitUntil(callback, timeout=timeout)

    def waitSignal(self, signal: Any = None, *, timeout: int = PATIENT_MS, **options: Any) -> Any:
        return super().waitSignal(signal, timeout=timeout, **options)

    def waitSignals(self, signals: Any = None, *, timeout: int = PATIENT_MS, **options: Any) -> Any:
        return super().waitSignals(signals, timeout=timeout, **options)

    def waitExposed(self, widget: QWidget, *, timeout: int = PATIENT_MS) -> Any:
        return super().waitExposed(widget, timeout=timeout)

    def waitActive(self, widget: QWidget, *, timeout: int = PATIENT_MS) -> Any:
        return super().waitActive(widget, timeout=timeout)

    def waitCallback(self, *, timeout: int = PATIENT_MS, raising: bool | None = None) -> Any:
        return super().waitCallback(timeout=timeout, raising=raising)


@pytest.fixture(autouse=True)
def thread_pool_idle_at_start() -> None:
    """Every UI test starts with the program's thread pool idle. Jobs a finished test left
    running (a page still counting, a preview still drawing pages nobody looks at) hold
    the pool's threads, two on a two-core machine, and the next test's jobs wait behind
    them, past its waits: a print preview's page never came in 20 s in a full run (CI,
    after the 统计 and low-vision walks), and always came alone."""
    QThreadPool.globalInstance().waitForDone(60_000)


@pytest.fixture
def qtbot(qapp: QApplication, request: pytest.FixtureRequest) -> QtBot:
    """The UI tests' bot: pytest-qt's, with patient waits (see PATIENT_MS)."""
    return PatientQtBot(request)


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


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[ServerProcess, ServerDatabase]]:
    """A real server process with the five users of tests.sync.servers (ada the admin)."""
    yield from _running(f"sqlite:///{tmp_path / 'server.db'}", tmp_path)


@pytest.fixture
def ada(running: tuple[ServerProcess, ServerDatabase], tmp_path: Path) -> Iterator[Database]:
    """The admin's laptop, signed in to `running`."""
    db = make_laptop(running[0], tmp_path / "ada.db", "ada")
    yield db
    db.close()
