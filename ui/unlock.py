"""The first screen: user name and password open the user's encrypted database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.store.errors import DamagedDatabase, StoreError
from ui import worker
from ui.account_stop import AccountLocked
from ui.announce import MessageLine
from ui.theme import fit_dialog

if TYPE_CHECKING:
    from app.store.database import Database

#: opens the database for (user, password), or (user, password, server password) when the
#: server asks for the password an admin reset (`ui.account_stop`)
Opener = Callable[..., "Database"]


class UnlockDialog(QDialog):
    """Asks for the user name and password; the slow key derivation runs off the UI thread."""

    def __init__(
        self,
        opener: Opener,
        *,
        user: str = "",
        restore_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("解锁"))
        self.opener = opener
        self.database: Database | None = None
        self.user = ""
        self._job: worker.Job | None = None
        self._opening = False

        intro = QLabel(self.tr("请输入用户名和密码以打开本机的加密数据库。"))
        intro.setWordWrap(True)
        self.user_edit = QLineEdit(user)
        self.user_edit.setAccessibleName(self.tr("用户名"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("密码"))
        form = QFormLayout()
        user_label = QLabel(self.tr("用户名(&U)："))
        user_label.setBuddy(self.user_edit)
        password_label = QLabel(self.tr("密码(&P)："))
        password_label.setBuddy(self.password_edit)
        form.addRow(user_label, self.user_edit)
        form.addRow(password_label, self.password_edit)
        # asked only when the server refuses the laptop's password: an admin reset it
        self.server_edit = QLineEdit()
        self.server_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.server_edit.setAccessibleName(self.tr("服务器密码（管理员告知的新密码）"))
        self.server_label = QLabel(self.tr("服务器密码(&S)："))
        self.server_label.setBuddy(self.server_edit)
        form.addRow(self.server_label, self.server_edit)
        self.form = form
        form.setRowVisible(self.server_edit, False)

        # an error shows an icon and words, never colour alone
        self.error_icon = QLabel()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.error_icon.setPixmap(icon.pixmap(20, 20))
        self.error_label = MessageLine(urgent=True)
        error_row = QHBoxLayout()
        error_row.addWidget(self.error_icon)
        error_row.addWidget(self.error_label, 1)
        self._show_error("")

        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton(
            self.tr("解锁(&O)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.unlock_button.setDefault(True)
        #: where a backup is restored to (the database this screen unlocks); None: no 恢复
        self.restore_path = restore_path
        if restore_path is not None:
            self.restore_button = self.buttons.addButton(
                self.tr("从备份恢复(&R)…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.restore_button.clicked.connect(self.restore)
        self.buttons.addButton(self.tr("退出(&Q)"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.unlock)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(error_row)
        layout.addWidget(self.buttons)
        (self.password_edit if user else self.user_edit).setFocus()
        fit_dialog(self, 22)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_icon.setVisible(bool(text))
        self.error_label.setVisible(bool(text))

    def _busy(self, busy: bool) -> None:
        # read-only rather than disabled: a disabled field would hand the keyboard focus
        # to the next button, and a hurried Enter would then press "退出"
        self._opening = busy
        self.user_edit.setReadOnly(busy)
        self.password_edit.setReadOnly(busy)
        self.server_edit.setReadOnly(busy)
        self.unlock_button.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def unlock(self) -> None:
        if self._opening:
            return
        user = self.user_edit.text().strip()
        password = self.password_edit.text()
        if not user:
            self._show_error(self.tr("请输入用户名"))
            self.user_edit.setFocus()
            return
        if not password:
            self._show_error(self.tr("请输入密码"))
            self.password_edit.setFocus()
            return
        server = self.server_edit.text() if self.server_edit.isVisibleTo(self) else ""
        if self.server_edit.isVisibleTo(self) and not server:
            self._show_error(self.tr("请输入服务器密码（管理员告知的新密码）"))
            self.server_edit.setFocus()
            return
        self._show_error("")
        self._busy(True)
        if server:
            self._job = worker.start(
                worker.Job(lambda _report: self.opener(user, password, server))
            )
        else:
            self._job = worker.start(worker.Job(lambda _report: self.opener(user, password)))
        self._job.signals.finished.connect(lambda db: self._opened(user, db))
        self._job.signals.failed.connect(self._failed)

    def restore(self) -> None:
        """Replace this laptop's data by a backup (its own files are kept aside)."""
        from ui.backup_dialogs import RestoreDialog

        if self._opening or self.restore_path is None:
            return
        dialog = RestoreDialog(self.restore_path, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.database is not None:
            self._opened(dialog.user, dialog.database)

    def _opened(self, user: str, db: Database) -> None:
        self._busy(False)
        self.database = db
        self.user = user
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        if isinstance(error, AccountLocked) and error.password_wanted:
            self._show_error(str(error))
            self.form.setRowVisible(self.server_edit, True)
            self.server_edit.selectAll()
            self.server_edit.setFocus()
            fit_dialog(self, 22)
            return
        if isinstance(error, DamagedDatabase):
            self._show_error(self.damaged_text(error))
        elif isinstance(error, StoreError):
            self._show_error(str(error))
        else:
            self._show_error(self.tr("无法打开数据库：%s") % error)
        self.password_edit.selectAll()
        self.password_edit.setFocus()

    def damaged_text(self, error: DamagedDatabase) -> str:
        """What to do with a damaged database file, step by step, in plain words."""
        name, folder = error.path.name, str(error.path.parent)
        if error.backups:
            backup = error.backups[0].name
            return self.tr(
                "数据库文件已损坏（%s 个数据页校验失败），无法打开。请这样恢复：\n"
                "1. 点“退出”关闭程序，打开文件夹 %s；\n"
                "2. 把损坏的 %s 改名为 %s.damaged 留作备查，不要删除；\n"
                "3. 把最近的备份 %s 复制一份并改名为 %s，把它旁边的 %s.keyinfo 也复制并改名为 "
                "%s.keyinfo；\n"
                "4. 重新打开程序，用做备份时的密码解锁，再同步一次：已同步到服务器的修改会取回，"
                "备份之后未同步的修改无法恢复。"
            ) % (error.pages, folder, name, name, backup, name, backup, name)
        return self.tr(
            "数据库文件已损坏（%s 个数据页校验失败），无法打开，本机也没有它的备份。请这样恢复：\n"
            "1. 点“退出”关闭程序，打开文件夹 %s；\n"
            "2. 把损坏的 %s 和名字以 %s 开头的其他文件移到别的文件夹留作备查，不要删除；\n"
            "3. 重新打开程序，用您的账号从服务器重新登录：已同步到服务器的数据会全部重新下载。"
            "未同步的修改请联系管理员，看能否从损坏的文件中取回。"
        ) % (error.pages, folder, name, name)
