"""备份 from 设置 and 恢复 from the first sign-in and unlock screens, by keyboard alone; a
refused restore says what is wrong and leaves the laptop's files as they were."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.services.registry import Registry
from app.store import syncing
from app.store.backup import write_backup
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.registry import Area, Household
from tests.conftest import VILLAGE
from tests.store.test_backup import folder_bytes
from tests.ui.visit_support import type_chinese
from ui.backup_dialogs import BackupDialog, RestoreDialog
from ui.first_login import FirstLoginDialog
from ui.pages.settings import SettingsPage
from ui.preferences import Preferences
from ui.session import AppSession
from ui.unlock import UnlockDialog

#: typed with keyClicks, which takes ASCII only (STACK.md)
TYPED_PASSWORD = "usb-stick-pw-7"
WAIT_MS = 60_000


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Database]:
    db = Database.create(tmp_path / "old" / "fieldvisit.db", TYPED_PASSWORD, kdf=FAST_TEST_KDF)
    syncing.put_state(db, {"username": "alice", "client_id": "c1"})
    with db.transaction() as s:
        s.add(Area(code=VILLAGE, name="奉中社区", level="village", rev=1))
    Registry(db, "alice").add_household(
        {"area_code": VILLAGE, "address": "备份路2号", "hukou_type": "1"}
    )
    yield db
    db.close()


def households(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Household)) or 0)


def fill_in_restore(qtbot: QtBot, backup: Path, password: str) -> RestoreDialog:
    """The restore dialog that is open now, filled in and sent by keyboard."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, RestoreDialog)
    active(qtbot, dialog)
    assert dialog.focusWidget() is dialog.file_edit  # the file first
    type_chinese(dialog.file_edit, str(backup))  # the file's name is Chinese
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # 密码(&P)
    assert dialog.focusWidget() is dialog.password_edit
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    return dialog


def active(qtbot: QtBot, window: QWidget) -> None:
    """`window` shown and active (its Alt keys reach it)."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def room_for_every_line(dialog: QWidget) -> bool:
    """The dialog is as tall as its wrapped texts need at its width (a message shown
    after it opened grows it, rather than squeezing the lines above)."""
    layout = dialog.layout()
    assert layout is not None
    return dialog.height() >= layout.totalHeightForWidth(dialog.width())


def when_open(qtbot: QtBot, then: Callable[[], object]) -> list[BaseException]:
    """Run `then` once the modal dialog about to be opened is shown; what it raised (the
    dialog is then closed, so that the test goes on to report it)."""
    raised: list[BaseException] = []

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, RestoreDialog):
            QTimer.singleShot(20, poll)
            return
        try:
            then()
        except BaseException as exc:
            raised.append(exc)
            modal.reject()

    QTimer.singleShot(20, poll)
    return raised


def test_backup_from_settings_by_keyboard(qtbot: QtBot, laptop: Database, tmp_path: Path) -> None:
    page = SettingsPage(AppSession(laptop, "alice"), Preferences())
    qtbot.addWidget(page)
    page.show()
    assert page.backup_button.text() == "备份数据(&B)…"  # Alt+B
    dialog = BackupDialog(laptop, parent=page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.folder_edit
    qtbot.keyClick(dialog.folder_edit, Qt.Key.Key_Return)  # no folder yet: said, not written
    assert "请先选择" in dialog.message.text() and dialog.error_icon.isVisible()
    assert room_for_every_line(dialog)
    usb = tmp_path / "usb"
    qtbot.keyClicks(dialog.folder_edit, str(usb))
    qtbot.keyClick(dialog.folder_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=WAIT_MS)
    assert dialog.written is not None and dialog.written.parent == usb
    assert str(dialog.written) in dialog.message.text() and not dialog.error_icon.isVisible()
    assert dialog.focusWidget() is dialog.close_button


def test_a_new_laptop_restores_from_the_first_sign_in_screen(
    qtbot: QtBot, laptop: Database, tmp_path: Path
) -> None:
    backup = write_backup(laptop, tmp_path / "usb")
    first = FirstLoginDialog(tmp_path / "new" / "fieldvisit.db")
    qtbot.addWidget(first)
    active(qtbot, first)
    raised = when_open(qtbot, lambda: fill_in_restore(qtbot, backup, TYPED_PASSWORD))
    qtbot.keyClick(first, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # 从备份恢复(&R)
    assert raised == []
    qtbot.waitUntil(lambda: first.database is not None, timeout=WAIT_MS)
    assert first.user == "alice" and first.result() == FirstLoginDialog.DialogCode.Accepted
    assert first.database is not None and households(first.database) == 1
    first.database.close()


def test_a_refused_restore_says_why_and_changes_nothing(
    qtbot: QtBot, laptop: Database, tmp_path: Path
) -> None:
    backup = write_backup(laptop, tmp_path / "usb")
    target = tmp_path / "other" / "fieldvisit.db"
    other = Database.create(target, TYPED_PASSWORD, kdf=FAST_TEST_KDF)
    syncing.put_state(other, {"username": "bob"})
    other.close()
    before = folder_bytes(target.parent)
    unlock = UnlockDialog(lambda _u, _p: laptop, user="bob", restore_path=target)
    qtbot.addWidget(unlock)
    active(qtbot, unlock)

    def refused_twice() -> None:
        restore = fill_in_restore(qtbot, backup, "wrong-pw")
        qtbot.waitUntil(lambda: restore._job is None and restore.message.isVisible())
        assert restore.message.text().startswith("密码错误") and restore.error_icon.isVisible()
        assert restore.focusWidget() is restore.password_edit and restore.isVisible()
        assert folder_bytes(target.parent) == before

        restore.password_edit.setText(TYPED_PASSWORD)  # the right password, bob's laptop
        qtbot.keyClick(restore.password_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "用户 alice 的备份" in restore.message.text())
        assert "属于用户 bob" in restore.message.text()
        assert room_for_every_line(restore)  # the message of two lines squeezes nothing
        assert folder_bytes(target.parent) == before
        qtbot.keyClick(restore, Qt.Key.Key_Escape)  # back to the unlock screen

    raised = when_open(qtbot, refused_twice)
    qtbot.keyClick(unlock, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # 从备份恢复(&R)
    assert raised == []
    assert unlock.isVisible() and unlock.database is None
    assert folder_bytes(target.parent) == before


@pytest.mark.parametrize("who", ["member", "admin"])
def test_backup_is_in_the_file_menu_for_every_role(
    qtbot: QtBot, laptop: Database, district: Database, who: str
) -> None:
    """文件 → 备份数据… opens the dialog of 设置 (restore stays on the unlock screen)."""
    from PySide6.QtWidgets import QMenu

    from ui.main_window import MainWindow

    db, user = (laptop, "alice") if who == "member" else (district, "demo")
    window = MainWindow(AppSession(db, user), Preferences())
    qtbot.addWidget(window)
    window.show()
    assert window.session.role == who
    file_menu = next(a for a in window.menuBar().actions() if a.text() == "文件(&F)").menu()
    assert isinstance(file_menu, QMenu)
    backup = next(a for a in file_menu.actions() if a.text() == "备份数据(&B)…")
    backup.trigger()
    dialog = window.backup_dialog
    assert isinstance(dialog, BackupDialog) and dialog.isVisible() and dialog.db is db
    assert "从备份恢复" in " ".join(label.text() for label in dialog.findChildren(QLabel))
    dialog.reject()
