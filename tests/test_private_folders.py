"""Tests never touch the user's own folders: settings, data and cache land in the session's
private root, in this process and in every program a test starts."""

from __future__ import annotations

import json
import os
import pwd
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from pytestqt.qtbot import QtBot

from tests.conftest import ISOLATION
from tests.private_folders import Snapshot
from ui import preferences
from ui.main import data_folder
from ui.preferences import Preferences

ROOT = Path(__file__).resolve().parents[1]


def inside(path: str | Path, folder: Path) -> bool:
    return Path(path).resolve().is_relative_to(folder.resolve())


def outside_real_folders(path: str | Path) -> bool:
    return not any(inside(path, real) for real in ISOLATION.real)


def test_the_session_has_its_own_home_and_folders() -> None:
    assert ISOLATION.made_here and ISOLATION.real
    assert inside(Path.home(), ISOLATION.root)
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        assert inside(os.environ[variable], ISOLATION.root), variable
    # the run watches the user's real folders (the session-finish check)
    real_home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    for rel in (".config", ".local/share", ".cache"):
        assert real_home / rel / "Fieldvisit" in ISOLATION.real


def test_the_program_s_preferences_land_in_the_private_folder(qtbot: QtBot) -> None:
    preferences.save(Preferences(text_size=200, high_contrast=True))
    written = Path(QSettings(preferences.ORGANISATION, preferences.APPLICATION).fileName())
    assert written.is_file()
    assert inside(written, ISOLATION.root) and outside_real_folders(written)
    assert preferences.load().text_size == 200


def test_each_test_starts_from_default_preferences() -> None:
    # the test before saved 200 % in high contrast
    assert preferences.load() == Preferences()


def test_data_and_qt_standard_folders_are_private() -> None:
    assert inside(data_folder(), ISOLATION.root) and outside_real_folders(data_folder())
    for location in (
        QStandardPaths.StandardLocation.AppDataLocation,
        QStandardPaths.StandardLocation.GenericConfigLocation,
        QStandardPaths.StandardLocation.CacheLocation,
    ):
        path = QStandardPaths.writableLocation(location)
        assert inside(path, ISOLATION.root) and outside_real_folders(path), location


CHILD = """
import json
from PySide6.QtCore import QSettings
from ui import preferences
from ui.main import data_folder
preferences.save(preferences.Preferences(text_size=175))
print(json.dumps({
    "settings": QSettings(preferences.ORGANISATION, preferences.APPLICATION).fileName(),
    "data": str(data_folder()),
}))
"""


def test_a_program_started_by_a_test_inherits_the_private_folders() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=120,
    )
    where = json.loads(result.stdout.strip().splitlines()[-1])
    for path in where.values():
        assert inside(path, ISOLATION.root) and outside_real_folders(path), path
    assert Path(where["settings"]).is_file()


def test_the_check_sees_a_change_in_a_watched_folder(tmp_path: Path) -> None:
    watched = tmp_path / "Fieldvisit"
    watched.mkdir()
    (watched / "Fieldvisit.conf").write_text("[prefs]\ntext_size=100\n", encoding="utf-8")
    before = Snapshot.take([watched, tmp_path / "absent"])
    assert before.changes(Snapshot.take([watched])) == []
    (watched / "Fieldvisit.conf").write_text("[prefs]\ntext_size=200\nhigh_contrast=true\n")
    (watched / "new.db").write_bytes(b"x")
    changes = before.changes(Snapshot.take([watched]))
    assert f"new: {watched / 'new.db'}" in changes
    assert any(c.startswith("changed:") and c.endswith("Fieldvisit.conf") for c in changes)
