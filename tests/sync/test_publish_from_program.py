"""文件 → 发布表单或设置… from the admin's laptop over a real socket: a broken file is refused
with the loader's message, a good one published (and reaches a laptop), offline says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.store import syncing
from app.store.database import Database
from sync.server import published
from sync.server.db import ServerDatabase
from tests.sync.servers import ServerProcess, free_port
from tests.sync.test_published_forms import new_version
from ui.publish_action import PublishAction
from ui.session import AppSession

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]
WAIT_MS = 60_000


def _publish(qtbot: QtBot, action: PublishAction, path: Path) -> str:
    action.said = ""
    action.publish(path)
    qtbot.waitUntil(lambda: bool(action.said), timeout=WAIT_MS)
    return action.said


def test_the_admin_publishes_from_the_program(
    qtbot: QtBot, server: Server, laptops: Laptops, tmp_path: Path
) -> None:
    process, database = server
    ada = laptops(process, "ada")
    window = QWidget()
    qtbot.addWidget(window)
    action = PublishAction(AppSession(ada, "ada"), window)
    broken = new_version(
        tmp_path, "2026.4", replace=("        type: single\n", "        type: ranking\n")
    )
    said = _publish(qtbot, action, broken)
    assert "未发布" in said and broken.name in said and "题目 method" in said
    assert "未知的题型：ranking" in said
    good = new_version(tmp_path, "2026.4", replace=("label: 调查方式", "label: 走访方式"))
    assert "已发布表单 dynamic-update 版本 2026.4" in _publish(qtbot, action, good)
    with database.read() as s:
        assert "2026.4" in {r.version for r in published.listing(s)}
    # offline: the server cannot be reached
    syncing.put_state(ada, {"server_url": f"http://127.0.0.1:{free_port()}"})
    assert "离线" in _publish(qtbot, action, good)
