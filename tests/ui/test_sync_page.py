"""The sync page against a real server process: sync, the receipt, a conflict resolved."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.services.registry import Registry
from app.store.database import Database
from app.store.registry import Household
from sync.server.db import ServerDatabase
from tests.sync.laptops import Wire, make_laptop, op, sync
from tests.sync.servers import ALICE_VILLAGE, ServerProcess
from ui.pages.sync import SyncPage
from ui.session import AppSession

WAIT_MS = 60_000


@pytest.fixture
def alice(running: tuple[ServerProcess, ServerDatabase], tmp_path: Path) -> Iterator[Database]:
    db = make_laptop(running[0], tmp_path / "alice.db", "alice")
    yield db
    db.close()


def press_sync(qtbot: QtBot, page: SyncPage) -> None:
    page.sync_button.click()
    qtbot.waitUntil(lambda: page.job is None, timeout=WAIT_MS)


def test_sync_shows_the_receipt_and_resolves_a_conflict(
    qtbot: QtBot, running: tuple[ServerProcess, ServerDatabase], alice: Database
) -> None:
    process, database = running
    hid, _ = Registry(alice, "alice").add_household(
        {"area_code": ALICE_VILLAGE, "address": "南山路1号", "head_name": "柴进"}
    )
    sync(alice)
    rev = Wire(process, "alice").pull_all()[0][hid]["rev"]
    Wire(process, "rita").push(op("household", hid, rev, {"phone": "13957400001"}))
    Registry(alice, "alice").update_household(hid, {"phone": "13957400002"})

    page = SyncPage(AppSession(alice, "alice"))
    qtbot.addWidget(page)
    assert process.url in page.server.text()
    press_sync(qtbot, page)
    assert page.message.text() == "同步完成"
    assert "冲突：1 项" in page.receipt.toPlainText()
    table = page.conflicts.conflict_table
    assert table.rowCount() == 1
    cells = [table.item(0, c) for c in (1, 2, 3)]
    assert [c.text() if c else "" for c in cells] == ["phone", "13957400002", "13957400001"]

    table.selectRow(0)
    page.conflicts.resolve("mine")
    assert table.rowCount() == 0
    press_sync(qtbot, page)
    assert page.message.text() == "同步完成"
    with database.read() as s:
        assert s.scalar(select(Household.phone).where(Household.id == hid)) == "13957400002"


def test_a_stopped_server_is_reported_and_nothing_is_lost(
    qtbot: QtBot, running: tuple[ServerProcess, ServerDatabase], alice: Database
) -> None:
    process, _database = running
    Registry(alice, "alice").add_household({"area_code": ALICE_VILLAGE, "head_name": "柴进"})
    # the program retries each request, then the sync after 5, 20 and 60 s before giving up:
    # the same path with short waits
    page = SyncPage(AppSession(alice, "alice"), pauses=(0.05, 0.1), backoff=0.01)
    qtbot.addWidget(page)
    process.stop()
    press_sync(qtbot, page)
    assert "无法连接服务器" in page.message.text()
    assert "结果：未完成" in page.receipt.toPlainText()
    process.start()
    press_sync(qtbot, page)
    assert page.message.text() == "同步完成" and "发送修改：1 项" in page.receipt.toPlainText()


def test_a_damaged_photo_is_named_and_photo_progress_is_in_megabytes(
    qtbot: QtBot, alice: Database
) -> None:
    """The sync goes through with a damaged photo, says so, and counts photos in bytes."""
    from tests.sync.test_blobs import photo
    from tests.sync.test_damaged_photos import damage

    big_sha, _big = photo(alice, 1_500_000)
    bad_sha, _bad = photo(alice, 30_000)
    damage(alice, bad_sha)
    page = SyncPage(AppSession(alice, "alice"))
    qtbot.addWidget(page)
    seen: list[str] = []
    page.relay.stage.connect(lambda *_a: seen.append(page.stage.text()))
    press_sync(qtbot, page)
    assert page.message.text() == "同步完成；有 1 张照片已损坏，未上传，请看回执"
    assert "照片损坏　户（照片路30000号）的照片" in page.receipt.toPlainText()
    shown = [text for text in seen if text.startswith("上传照片")]
    assert shown[-1] == "上传照片 1.5 MB / 1.5 MB", shown
    # the large photo moves the text while it goes, chunk by chunk
    parts = [float(text.split()[1]) for text in shown]
    assert any(0 < part < 1.5 for part in parts), shown
    assert alice.blobs.has(big_sha) and alice.blobs.is_set_aside(bad_sha)
