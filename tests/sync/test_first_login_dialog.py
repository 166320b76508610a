"""A new laptop's first sign-in from the program: a real server on 127.0.0.1, a real dialog."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.store.database import Database
from sync.server.db import ServerDatabase
from tests.sync.servers import PASSWORDS, ServerProcess
from ui.first_login import FirstLoginDialog


def test_first_login_makes_the_database_and_opens_it(
    qtbot: QtBot, server: tuple[ServerProcess, ServerDatabase], tmp_path: Path
) -> None:
    process, _database = server
    path = tmp_path / "laptop" / "fieldvisit.db"
    dialog = FirstLoginDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.server_edit.setText(process.url)
    qtbot.keyClicks(dialog.user_edit, "alice")
    dialog.password_edit.setText("not her password")
    dialog.login()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=30000)
    assert dialog.error_icon.isVisible() and dialog.error_label.text()
    assert not path.exists()  # a refused sign-in makes nothing

    dialog.password_edit.setText(PASSWORDS["alice"])
    with qtbot.waitSignal(dialog.accepted, timeout=60000):
        dialog.login()
    assert dialog.user == "alice" and dialog.database is not None
    dialog.database.close()
    # later the laptop opens offline with the same password
    reopened = Database.open(path, PASSWORDS["alice"])
    reopened.close()


def test_empty_fields_are_named(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = FirstLoginDialog(tmp_path / "x.db")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.server_edit.clear()
    dialog.login()
    assert "服务器地址" in dialog.error_label.text() and "用户名" in dialog.error_label.text()
