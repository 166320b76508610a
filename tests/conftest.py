"""Test session setup: private folders, offscreen Qt, a real encrypted database in a temporary
folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.private_folders import Snapshot, isolate

# Before anything asks Qt or platformdirs for a folder: the user's own settings, data and
# cache are never touched by a test, nor by a program a test starts (they inherit this).
ISOLATION = isolate()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QStandardPaths  # noqa: E402

QStandardPaths.setTestModeEnabled(True)

from app.services import published  # noqa: E402
from app.store.database import Database  # noqa: E402
from app.store.keys import FAST_TEST_KDF  # noqa: E402
from app.store.registry import Area  # noqa: E402

if TYPE_CHECKING:
    from tests.sync.servers import PostgresCluster

PASSWORD = "correct horse 电池 staple"
VILLAGE = "330213001001"
OTHER_VILLAGE = "330213002001"
TOWN = "330213001000"


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A throw-away PostgreSQL cluster for the session (skipped, saying why, when impossible):
    the server's tests and the figures' tests run on it."""
    from tests.sync.servers import PostgresCluster  # the server's modules: only when needed

    why = PostgresCluster.available()
    if why:
        pytest.skip(f"PostgreSQL variant skipped: {why}")
    cluster = PostgresCluster()
    cluster.start()
    yield cluster
    cluster.stop()


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


def private_settings_folder() -> Path:
    """A new folder for one test's preferences, inside the session's private root."""
    parent = ISOLATION.root / "settings"
    parent.mkdir(exist_ok=True)
    return Path(tempfile.mkdtemp(dir=parent))


@pytest.fixture(autouse=True)
def fresh_settings() -> None:
    """Each test starts from default preferences: what one test saves, the next never sees."""
    folder = str(private_settings_folder())
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, folder)


@pytest.fixture(autouse=True)
def built_in_publications_only() -> Iterator[None]:
    """What a test's laptop received from its server (forms and settings, put in use for the
    whole process) ends with the test: the next test starts from the built-in files."""
    yield
    published.forget()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if the user's real Fieldvisit folders changed while it ran."""
    if not ISOLATION.made_here:
        return
    changes = ISOLATION.before.changes(Snapshot.take(ISOLATION.real))
    if changes:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = ["the user's own Fieldvisit folders changed during the tests:", *changes]
        if reporter is not None:
            reporter.ensure_newline()
            reporter.write_line("\n".join(lines), red=True, bold=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    if ISOLATION.made_here:
        shutil.rmtree(ISOLATION.root, ignore_errors=True)
