"""One password for a member: the sync page's 重新登录 with a server password an admin reset
offers to make the laptop's password the same (after the laptop's current one is typed),
re-encrypting the data; a wrong current password changes nothing; the same password, or
暂不更改, leaves the laptop's as it is. Over a real server on 127.0.0.1, real widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.store.database import Database
from app.store.errors import WrongPassword
from sync.server import admin
from sync.server.db import ServerDatabase
from tests.sync.laptops import make_laptop, sync
from tests.sync.servers import PASSWORDS, ServerProcess
from tests.ui.test_sync_page import WAIT_MS
from ui.pages.sync import SyncPage
from ui.session import AppSession

RESET = "Reset-by-admin-2026"
Server = tuple[ServerProcess, ServerDatabase]


@pytest.fixture
def alice(running: Server, tmp_path: Path) -> Iterator[Database]:
    """alice's laptop, signed in to `running` (tests/ui/conftest.py) with her password."""
    db = make_laptop(running[0], tmp_path / "alice.db", "alice")
    yield db
    db.close()


def sign_in_again(qtbot: QtBot, db: Database, password: str) -> SyncPage:
    page = SyncPage(AppSession(db, "alice"))
    qtbot.addWidget(page)
    page.show()
    page.password.setText(password)
    page.login_button.click()
    assert "已重新登录" in page.message.text(), page.message.text()
    return page


def test_a_reset_server_password_is_offered_as_the_laptop_s_too(
    qtbot: QtBot, running: Server, alice: Database, tmp_path: Path
) -> None:
    _process, database = running
    admin.set_password(database, "alice", RESET)
    page = sign_in_again(qtbot, alice, RESET)
    offer = page.same_password
    assert offer is not None and offer.isVisible()
    said = offer.explanation.text()
    assert "不一样" in said and "重新加密" in said and "什么都不会丢" in said

    # a wrong laptop password: said, nothing changed
    offer.current.setText("not-the-laptop-password")
    offer.same_button.click()
    qtbot.waitUntil(lambda: "不是本机现在的密码" in offer.message.text(), timeout=WAIT_MS)
    assert offer.isVisible() and alice.opens_with(PASSWORDS["alice"])

    # the right one: the data is re-encrypted under the server's password
    offer.current.setText(PASSWORDS["alice"])
    offer.same_button.click()
    qtbot.waitUntil(lambda: not offer.isVisible(), timeout=WAIT_MS)
    assert alice.opens_with(RESET) and not alice.opens_with(PASSWORDS["alice"])
    assert "本机密码已改成和服务器一样" in page.message.text()
    sync(alice)  # the laptop keeps syncing, with its data under the one password
    path = alice.path
    alice.close()
    with pytest.raises(WrongPassword):
        Database.open(path, PASSWORDS["alice"])
    again = Database.open(path, RESET)
    again.close()


def test_later_leaves_the_laptop_password_and_the_same_password_asks_nothing(
    qtbot: QtBot, running: Server, alice: Database
) -> None:
    _process, database = running
    page = sign_in_again(qtbot, alice, PASSWORDS["alice"])
    assert page.same_password is None  # one password already: nothing to offer

    admin.set_password(database, "alice", RESET)
    page = sign_in_again(qtbot, alice, RESET)
    offer = page.same_password
    assert offer is not None and offer.isVisible()
    offer.later_button.click()
    assert not offer.isVisible()
    assert alice.opens_with(PASSWORDS["alice"]) and not alice.opens_with(RESET)
