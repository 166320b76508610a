"""The 管理 page against a real server process: a member added, moved and revoked from the
program, and the member's laptop following each change at its next sync."""

from __future__ import annotations

import csv
import uuid
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store import account_lock
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.registry import Household
from sync.client import first_login
from sync.server.db import ServerDatabase
from sync.transport import Unauthorized
from tests.sync.laptops import Wire, household, op, sync
from tests.sync.servers import BOB_VILLAGE, MOLLY_VILLAGE, ServerProcess
from tests.sync.test_roster_import import EXPECTED, write_sheet
from ui.pages.admin import AdminPage
from ui.session import AppSession

WAIT_MS = 60_000


def households(db: Database) -> set[str]:
    with db.session() as s:
        return set(s.scalars(select(Household.id)))


def idle(qtbot: QtBot, page: AdminPage) -> None:
    qtbot.waitUntil(lambda: not page.users.link.busy, timeout=WAIT_MS)


def test_a_member_added_moved_and_revoked_from_the_program(
    qtbot: QtBot, running: tuple[ServerProcess, ServerDatabase], ada: Database, tmp_path: Path
) -> None:
    process, _database = running
    molly_home, bob_home = str(uuid.uuid4()), str(uuid.uuid4())
    Wire(process, "ada").push(
        op("household", molly_home, 0, household(MOLLY_VILLAGE, address="南山路1号")),
        op("household", bob_home, 0, household(BOB_VILLAGE, address="北山路2号")),
    )
    page = AdminPage(AppSession(ada, "ada"))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    idle(qtbot, page)
    users = page.users
    assert {u.username for u in users.users} >= {"alice", "ada"}

    # the admin adds mia, a member for molly's village, chosen on the area tree
    users.search.setText(MOLLY_VILLAGE)
    users.tree.choose([MOLLY_VILLAGE])
    qtbot.keyClicks(users.new_name, "mia")
    users.new_display.setText("米娅")
    users.add_button.click()
    idle(qtbot, page)
    password = users.password_shown.text()
    assert len(password) == 10 and users.password_shown.isVisible()
    assert users.current() == "mia"

    # mia's first sign-in pulls that village, not bob's
    mia = first_login(process.url, "mia", password, tmp_path / "mia.db", kdf=FAST_TEST_KDF)
    assert households(mia) == {molly_home}

    # the admin moves mia to bob's village; her next sync re-scopes
    users.search.setText("330213002")
    users.tree.choose([BOB_VILLAGE])
    users.areas_button.click()
    idle(qtbot, page)
    assert next(u for u in users.users if u.username == "mia").areas == [BOB_VILLAGE]
    sync(mia)
    assert bob_home in households(mia)

    # the admin revokes mia's laptop, after saying yes: its next sync is refused
    page.show_tab(page.devices)
    devices = page.devices
    qtbot.waitUntil(lambda: any(d.username == "mia" for d in devices.devices), timeout=WAIT_MS)
    devices.table.selectRow(next(i for i, d in enumerate(devices.devices) if d.username == "mia"))
    devices.reason.setText("电脑丢失")
    devices.revoke_button.click()
    assert devices.confirm_box is not None
    devices.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not devices.link.busy, timeout=WAIT_MS)
    mine = next(d for d in devices.devices if d.username == "mia")
    assert mine.revoked_at is not None and mine.revoked_by == "ada"
    with pytest.raises(Unauthorized):
        sync(mia)
    assert account_lock.locked(mia) == "auth.revoked"  # the laptop locks her data
    mia.close()


def test_a_revocation_is_asked_first_and_no_means_nothing_is_sent(
    qtbot: QtBot, running: tuple[ServerProcess, ServerDatabase], ada: Database
) -> None:
    page = AdminPage(AppSession(ada, "ada"))
    qtbot.addWidget(page)
    page.show()
    page.show_tab(page.devices)
    devices = page.devices
    qtbot.waitUntil(lambda: bool(devices.devices) and not devices.link.busy, timeout=WAIT_MS)
    devices.table.selectRow(0)
    devices.revoke_button.click()
    assert devices.confirm_box is not None
    devices.confirm_box.button(QMessageBox.StandardButton.No).click()
    assert not devices.link.busy and devices.devices[0].revoked_at is None


def test_the_users_are_disabled_and_enabled_and_a_password_reset_once(
    qtbot: QtBot, running: tuple[ServerProcess, ServerDatabase], ada: Database, tmp_path: Path
) -> None:
    process, _database = running
    page = AdminPage(AppSession(ada, "ada"))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    idle(qtbot, page)
    users = page.users
    users.table.selectRow(next(i for i, u in enumerate(users.users) if u.username == "bob"))
    users.password_button.click()
    idle(qtbot, page)
    password = users.password_shown.text()
    bob = first_login(process.url, "bob", password, tmp_path / "bob.db", kdf=FAST_TEST_KDF)
    users.active_button.click()
    idle(qtbot, page)
    assert not next(u for u in users.users if u.username == "bob").active
    with pytest.raises(Unauthorized):
        sync(bob)
    users.active_button.click()
    idle(qtbot, page)
    assert next(u for u in users.users if u.username == "bob").active
    # the role: bob becomes a reviewer
    users.role.setCurrentIndex(1)
    users.role_button.click()
    idle(qtbot, page)
    assert next(u for u in users.users if u.username == "bob").role == "reviewer"
    bob.close()


def test_offline_the_page_says_so_and_sends_nothing(qtbot: QtBot, district: Database) -> None:
    page = AdminPage(AppSession(district, "demo"))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    assert "尚未连接服务器" in page.users.link.message.text()
    page.users.refresh_button.click()
    assert not page.users.link.busy and page.users.users == []


def test_a_roster_import_shows_its_refused_rows_and_saves_them_as_a_sheet(
    qtbot: QtBot, running: tuple[ServerProcess, ServerDatabase], ada: Database, tmp_path: Path
) -> None:
    page = AdminPage(AppSession(ada, "ada"))
    qtbot.addWidget(page)
    page.show()
    page.show_tab(page.imports)
    imports = page.imports
    assert not imports.month.isVisible()  # a roster has no month
    imports.file.setText(str(write_sheet(tmp_path / "roster.xlsx")))
    imports.import_button.click()
    qtbot.waitUntil(lambda: imports.answer is not None, timeout=WAIT_MS)
    refused = [(int(imports.model.index(r, 0).data()), imports.model.index(r, 1).data())
               for r in range(imports.model.rowCount())]  # fmt: skip
    assert refused == EXPECTED
    assert "已导入：2 户，3 人；拒绝 4 行" in imports.summary.toPlainText()
    imports.save_report(tmp_path / "refused.xlsx")
    sheet = load_workbook(tmp_path / "refused.xlsx").active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["行号", "原因", "说明", "该行内容"]
    assert [(int(r[0]), r[1]) for r in rows[1:]] == EXPECTED
    imports.save_report(tmp_path / "refused.csv")
    with (tmp_path / "refused.csv").open(encoding="utf-8-sig") as handle:
        assert [row[0] for row in csv.reader(handle)][1:] == ["4", "5", "6", "7"]

    # a change list needs a month written as 2026-11: a bad one is refused before sending
    imports.kind.setCurrentIndex(1)
    assert imports.month.isVisible() and imports.source.isVisible()
    imports.month.setText("2026-13")
    imports.import_button.click()
    assert not imports.link.busy and "2026-13" in imports.link.message.text()

    # the import is in the audit log, found by its action; the admin's rows by their name
    page.show_tab(page.audit)
    audit = page.audit
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0 and not audit.link.busy, timeout=WAIT_MS)
    assert audit.action.currentText() == "全部操作"
    audit.action.setCurrentIndex(audit.action.findData("import_roster"))
    assert audit.action.currentText() == "导入花名册"
    audit.search_button.click()
    qtbot.waitUntil(lambda: not audit.link.busy, timeout=WAIT_MS)
    assert audit.model.rowCount() == 1 and "roster.xlsx" in audit.model.index(0, 3).data()
    assert audit.model.index(0, 2).data() == "导入花名册"
    assert "文件：roster.xlsx" in audit.model.index(0, 3).data()
    audit.action.setCurrentIndex(0)
    audit.user.setText("ada")
    audit.search_button.click()
    qtbot.waitUntil(lambda: not audit.link.busy, timeout=WAIT_MS)
    users = {audit.model.index(r, 1).data() for r in range(audit.model.rowCount())}
    assert users == {"ada"}
    audit.until.setText("2026-13-05")  # a day that is none: said, naming it, nothing sent
    audit.search_button.click()
    assert not audit.link.busy and "2026-13-05" in audit.link.message.text()
    assert audit.until.hasFocus() or not audit.isActiveWindow()


def test_every_column_of_a_refused_row_is_named_as_the_server_names_it() -> None:
    """A refused row's cells are shown by their columns' names (身份证号, not id_number)."""
    from sync.server import changes_sheet, roster_sheet
    from ui.pages.admin_imports import COLUMNS

    for names in (roster_sheet.COLUMN_NAMES, changes_sheet.COLUMN_NAMES):
        assert {field: COLUMNS.get(field) for field in names} == names


def test_every_refusal_reason_of_the_server_has_words_in_the_program() -> None:
    from sync.server import changes, roster
    from ui.pages.admin_imports import REASONS

    for reasons in (roster.REASONS, changes.REASONS):
        assert {code: REASONS.get(code) for code in reasons} == reasons


def test_a_server_that_cannot_be_reached_is_said_and_nothing_is_lost(
    qtbot: QtBot, running: tuple[ServerProcess, ServerDatabase], ada: Database
) -> None:
    running[0].stop()
    page = AdminPage(AppSession(ada, "ada"))
    qtbot.addWidget(page)
    page.show()
    page.users.new_name.setText("mia")
    page.activate()
    idle(qtbot, page)
    assert page.users.link.message.text().startswith("无法连接服务器")
    page.users.tree.choose([MOLLY_VILLAGE])
    page.users.add_button.click()
    idle(qtbot, page)
    assert page.users.link.message.text().startswith("无法连接服务器")
    assert page.users.new_name.text() == "mia"  # what was typed stays for the next try
    page.users.new_name.setText("米娅")  # the server takes letters and digits only: said first
    page.users.add_button.click()
    assert not page.users.link.busy and "用户名只能由" in page.users.link.message.text()


def test_the_page_s_username_rule_is_the_server_s() -> None:
    from sync.admin_protocol import USERNAME
    from ui.pages.admin_users import USERNAME as PAGE_USERNAME

    assert PAGE_USERNAME.pattern == USERNAME
