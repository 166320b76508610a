"""An open program locks at once when the server refuses its user or laptop, over a real
socket with real widgets: the lock says why and what to do, the work in progress is saved,
the data stays encrypted; the unlock asks the server, and asks for the password an admin
reset (then the laptop's data is re-encrypted under it: one password again)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store import account_lock, syncing
from app.store.database import Database
from app.store.errors import WrongPassword
from app.store.registry import Household
from app.store.work import Visit
from sync.admin_client import AdminClient
from sync.transport import Unauthorized
from tests.sync.laptops import sync
from tests.sync.servers import PASSWORDS, ServerProcess
from tests.sync.test_account_stop import _laptop_with_a_household
from tests.ui.visit_support import type_chinese
from ui.main import open_for_user
from ui.main_window import MainWindow
from ui.pages.sync import SyncPage
from ui.pages.visit import VisitPage
from ui.preferences import Preferences
from ui.session import AppSession
from ui.unlock import UnlockDialog

Server = tuple[ServerProcess, object]
WAIT_MS = 60_000
NEW_PASSWORD = "new-from-the-admin"


@pytest.fixture
def laptop(server: Server, tmp_path: Path) -> Path:
    path = tmp_path / "alice.db"
    _laptop_with_a_household(server[0], path)
    return path


@pytest.fixture
def ada(server: Server) -> Iterator[AdminClient]:
    client = AdminClient.sign_in(server[0].url, "ada", PASSWORDS["ada"])
    yield client
    client.close()


def _open_window(qtbot: QtBot, path: Path) -> MainWindow:
    db = Database.open(path, PASSWORDS["alice"])
    window = MainWindow(AppSession(db, "alice"), Preferences())
    qtbot.addWidget(window)
    window.show()
    return window


def _household_id(db: Database) -> str:
    with db.session() as s:
        return str(s.scalars(select(Household.id)).one())


def _refused_sync(qtbot: QtBot, window: MainWindow) -> None:
    """Press 同步 on the sync page as the member would; the server refuses it."""
    window.open_page("sync")
    page = window.pages["sync"]
    assert isinstance(page, SyncPage)
    page.pauses = ()
    page.start_sync()
    qtbot.waitUntil(lambda: window.locked, timeout=WAIT_MS)


def _try_unlock(qtbot: QtBot, window: MainWindow, password: str, server: str = "") -> str:
    """Type the password (and the server's) in the lock panel and press Enter; what it says."""
    panel = window.lock_panel
    panel.password.setText(password)
    if server:
        panel.server.setText(server)
    panel._try()
    qtbot.waitUntil(lambda: not panel.asking, timeout=WAIT_MS)
    return panel.error.text()


def test_a_revoked_laptop_locks_at_once_and_unlocks_with_the_reset_password(
    qtbot: QtBot, laptop: Path, ada: AdminClient
) -> None:
    window = _open_window(qtbot, laptop)
    db = window.session.db
    household = _household_id(db)
    window.open_page("visit", household)
    visit = window.pages["visit"]
    assert isinstance(visit, VisitPage)
    qtbot.waitUntil(lambda: not visit.note.busy, timeout=WAIT_MS)
    type_chinese(visit.note.edit, "户主外出，下周再来")  # typed, not saved yet
    ada.revoke(str(syncing.state(db)["device_id"]), reason="丢失")

    _refused_sync(qtbot, window)
    # locked now, saying why and what to do; nothing of the pages reachable
    panel = window.lock_panel
    assert "此设备已被注销，请联系区残联管理员" in panel.message.text()
    assert "没有丢失" in panel.message.text()
    assert window.outer.currentWidget() is panel and not window.menuBar().isVisible()
    assert not window.body.isEnabled() and panel.password.hasFocus()
    assert account_lock.locked(db) == "auth.revoked"
    # what was typed was saved first, as the idle lock saves it
    with db.session() as s:
        notes = list(s.scalars(select(Visit.note).where(Visit.household_id == household)))
    assert notes == ["户主外出，下周再来"]

    # the right password alone does not open it: the server still refuses the laptop
    assert _try_unlock(qtbot, window, "wrong") == "⚠ 密码错误"
    said = _try_unlock(qtbot, window, PASSWORDS["alice"])
    assert "此设备已被注销" in said and window.locked
    assert not panel.form.isRowVisible(panel.server)

    # the admin resets the password: the laptop's own opens the data, the server wants the new
    ada.reset_password("alice", NEW_PASSWORD)
    said = _try_unlock(qtbot, window, PASSWORDS["alice"])
    assert "管理员告知的新密码" in said and window.locked
    assert panel.form.isRowVisible(panel.server) and panel.server.hasFocus()
    said = _try_unlock(qtbot, window, PASSWORDS["alice"], "not it")
    assert "服务器密码不对" in said and window.locked
    assert _try_unlock(qtbot, window, PASSWORDS["alice"], NEW_PASSWORD) == ""
    assert not window.locked and window.outer.currentWidget() is window.body
    assert account_lock.locked(db) == ""
    assert sync(db).status == "done"  # a new device token
    window.close()

    # one password again: the laptop's data is now under the new one
    with pytest.raises(WrongPassword):
        Database.open(laptop, PASSWORDS["alice"])
    again = Database.open(laptop, NEW_PASSWORD)
    assert _household_id(again) == household
    again.close()


def test_a_disabled_user_locks_at_once_until_the_admin_enables(
    qtbot: QtBot, laptop: Path, ada: AdminClient
) -> None:
    window = _open_window(qtbot, laptop)
    ada.set_active("alice", False)
    _refused_sync(qtbot, window)
    assert "此账号已被停用，请联系区残联管理员" in window.lock_panel.message.text()
    said = _try_unlock(qtbot, window, PASSWORDS["alice"])
    assert "此账号已被停用" in said and window.locked

    ada.set_active("alice", True)
    assert _try_unlock(qtbot, window, PASSWORDS["alice"]) == ""
    assert not window.locked
    # the idle lock afterwards is the plain one again
    window.lock()
    assert "此账号" not in window.lock_panel.message.text()
    assert _try_unlock(qtbot, window, PASSWORDS["alice"]) == ""
    assert sync(window.session.db).status == "done"
    window.close()


def test_the_unlock_screen_asks_for_the_password_an_admin_reset(
    qtbot: QtBot, laptop: Path, ada: AdminClient
) -> None:
    db = Database.open(laptop, PASSWORDS["alice"])
    ada.revoke(str(syncing.state(db)["device_id"]))
    with pytest.raises(Unauthorized):
        sync(db)
    db.close()
    ada.reset_password("alice", NEW_PASSWORD)

    dialog = UnlockDialog(functools.partial(open_for_user, laptop), user="alice")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.server_edit.isVisible()  # asked only when the server wants it
    dialog.password_edit.setText(PASSWORDS["alice"])
    dialog.unlock()
    qtbot.waitUntil(lambda: not dialog._opening, timeout=WAIT_MS)
    assert "管理员告知的新密码" in dialog.error_label.text()
    assert dialog.server_edit.isVisible() and dialog.server_edit.hasFocus()
    assert dialog.server_label.buddy() is dialog.server_edit
    assert dialog.database is None
    dialog.server_edit.setText(NEW_PASSWORD)
    dialog.unlock()
    qtbot.waitUntil(lambda: not dialog._opening, timeout=WAIT_MS)
    assert dialog.database is not None, dialog.error_label.text()
    assert account_lock.locked(dialog.database) == ""
    dialog.database.close()
    Database.open(laptop, NEW_PASSWORD).close()  # the laptop's data under the new password
