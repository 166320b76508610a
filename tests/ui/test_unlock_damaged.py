"""A database file with a damaged page, unlocked through the real unlock dialog: the damage is
found at unlock and the dialog says, step by step, what to do (never a traceback); the
steps it gives for a backup copy do open the program again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.store.database import PAGE_BYTES, Database, backup_copy
from tests.conftest import PASSWORD
from ui.main import open_for_user
from ui.unlock import UnlockDialog

WAIT = 30000


@pytest.fixture
def laptop_file(district_file: Path, tmp_path: Path) -> Path:
    """A copy of the demo district, under the program's own file name."""
    target = tmp_path / "fieldvisit.db"
    for suffix in ("", ".keyinfo"):
        shutil.copy2(f"{district_file}{suffix}", f"{target}{suffix}")
    return target


def damage(path: Path, page: int) -> None:
    """Overwrite bytes in the middle of page `page` (1 is the first), as a bad disk would."""
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * PAGE_BYTES + PAGE_BYTES // 2)
        handle.write(os.urandom(64))


def pages(path: Path) -> int:
    return path.stat().st_size // PAGE_BYTES


def unlock(qtbot: QtBot, path: Path, password: str = PASSWORD) -> UnlockDialog:
    """The unlock dialog, with the password typed and 解锁 pressed; it has answered."""
    dialog = UnlockDialog(lambda u, p: open_for_user(path, u, p), user="demo")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: bool(dialog.error_label.text()) or dialog.database is not None, timeout=WAIT
    )
    return dialog


@pytest.mark.parametrize("where", ["middle", "first"])
def test_a_damaged_page_is_found_at_unlock_and_the_dialog_says_what_to_do(
    qtbot: QtBot, laptop_file: Path, where: str
) -> None:
    damage(laptop_file, pages(laptop_file) // 2 if where == "middle" else 1)

    dialog = unlock(qtbot, laptop_file)

    text = dialog.error_label.text()
    assert dialog.database is None and dialog.isVisible()
    assert text.startswith("数据库文件已损坏")  # not 密码错误, though the first page fails
    assert "没有它的备份" in text and "从服务器重新登录" in text
    assert str(laptop_file.parent) in text and "不要删除" in text
    assert "Traceback" not in text and "sqlite" not in text.lower()
    assert dialog.error_icon.isVisible()


def test_a_wrong_password_on_a_damaged_file_is_still_a_wrong_password(
    qtbot: QtBot, laptop_file: Path
) -> None:
    damage(laptop_file, pages(laptop_file) // 2)
    dialog = unlock(qtbot, laptop_file, "not the password")
    assert dialog.error_label.text() == "密码错误"


def test_the_steps_given_for_a_backup_open_the_program_again(
    qtbot: QtBot, laptop_file: Path
) -> None:
    backup = backup_copy(laptop_file, "rev0009")
    damage(laptop_file, pages(laptop_file) // 3)

    text = unlock(qtbot, laptop_file).error_label.text()

    assert text.startswith("数据库文件已损坏") and backup.name in text
    assert f"{laptop_file.name}.damaged" in text
    # the member does as told: the damaged file aside, the backup and its .keyinfo copied
    laptop_file.rename(laptop_file.with_name(f"{laptop_file.name}.damaged"))
    shutil.copy2(backup, laptop_file)
    shutil.copy2(f"{backup}.keyinfo", f"{laptop_file}.keyinfo")
    dialog = unlock(qtbot, laptop_file)
    assert isinstance(dialog.database, Database)
    dialog.database.close()
