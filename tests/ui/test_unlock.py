"""The unlock screen: wrong password says 密码错误 and stays; the right one opens."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.store.database import Database
from tests.conftest import PASSWORD
from ui.main import UnknownUser, open_for_user
from ui.unlock import UnlockDialog

#: an attempt runs in the shared thread pool, which on a loaded machine may still be busy
#: with the jobs of earlier tests: wait for the attempt to end, however long that takes
ATTEMPT_MS = 60_000


def attempt(qtbot: QtBot, dialog: UnlockDialog) -> None:
    """Press 解锁 and wait until the attempt has ended (opened or refused)."""
    dialog.unlock()
    qtbot.waitUntil(lambda: not dialog._opening, timeout=ATTEMPT_MS)


def test_wrong_password_then_right_password(qtbot: QtBot, district_file: Path) -> None:
    opened: list[Database] = []

    def opener(user: str, password: str) -> Database:
        db = open_for_user(district_file, user, password)
        opened.append(db)
        return db

    dialog = UnlockDialog(opener, user="demo")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password_edit, "wrong password")
    attempt(qtbot, dialog)
    assert dialog.error_label.text() == "密码错误"
    assert dialog.error_label.isVisible() and dialog.error_icon.isVisible()
    assert dialog.result() == 0 and dialog.isVisible()

    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=ATTEMPT_MS):
        dialog.unlock()
    assert dialog.database is opened[0] and dialog.user == "demo"
    dialog.database.close()


def test_unknown_user_is_refused(qtbot: QtBot, district_file: Path) -> None:
    dialog = UnlockDialog(lambda u, p: open_for_user(district_file, u, p), user="nobody")
    qtbot.addWidget(dialog)
    dialog.password_edit.setText(PASSWORD)
    attempt(qtbot, dialog)
    assert dialog.error_label.text().startswith(UnknownUser.user_message)
    assert "nobody" in dialog.error_label.text()


def test_empty_password_is_asked_for(qtbot: QtBot, district_file: Path) -> None:
    dialog = UnlockDialog(lambda u, p: open_for_user(district_file, u, p), user="demo")
    qtbot.addWidget(dialog)
    dialog.unlock()
    assert dialog.error_label.text() == "请输入密码"
