"""First sign-in on a new laptop: the server, the user name and password; then the first pull.

The password the user types becomes the key of the laptop's encrypted database, so
later the laptop unlocks offline with the same password.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ui import worker
from ui.announce import MessageLine
from ui.theme import fit_dialog

if TYPE_CHECKING:
    from app.store.database import Database

DEFAULT_SERVER = "http://127.0.0.1:8765"


class FirstLoginDialog(QDialog):
    """Sign in to the district server once, with the network; the data comes down to keep."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("首次登录"))
        self.db_path = db_path
        self.database: Database | None = None
        self.user = ""
        self._job: worker.Job | None = None
        intro = QLabel(
            self.tr(
                "本机还没有数据。请连接网络，用区残联分配的账号登录服务器；"
                "登录后会下载您负责区域的数据，以后不联网也能用同一密码打开。"
            )
        )
        intro.setWordWrap(True)
        self.server_edit = QLineEdit(DEFAULT_SERVER)
        self.server_edit.setAccessibleName(self.tr("服务器地址"))
        self.user_edit = QLineEdit()
        self.user_edit.setAccessibleName(self.tr("用户名"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("密码"))
        form = QFormLayout()
        for text, edit in (
            (self.tr("服务器(&V)："), self.server_edit),
            (self.tr("用户名(&U)："), self.user_edit),
            (self.tr("密码(&P)："), self.password_edit),
        ):
            label = QLabel(text)
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("下载进度"))
        self.progress.hide()
        self.error_icon = QLabel()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.error_icon.setPixmap(icon.pixmap(20, 20))
        self.error_label = MessageLine(urgent=True)
        row = QHBoxLayout()
        row.addWidget(self.error_icon)
        row.addWidget(self.error_label, 1)
        self._show_error("")
        self.buttons = QDialogButtonBox()
        self.login_button = self.buttons.addButton(
            self.tr("登录并下载(&L)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.login_button.setAccessibleDescription(self.tr("登录并下载数据"))
        self.login_button.setDefault(True)
        self.restore_button = self.buttons.addButton(
            self.tr("从备份恢复(&R)…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.setAccessibleDescription(self.tr("用U盘上的备份文件恢复本机数据"))
        self.restore_button.clicked.connect(self.restore)
        self.buttons.addButton(self.tr("退出(&Q)"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.login)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.user_edit.setFocus()
        fit_dialog(self, 26)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_icon.setVisible(bool(text))
        self.error_label.setVisible(bool(text))

    def login(self) -> None:
        if self._job is not None:
            return
        server = self.server_edit.text().strip()
        user = self.user_edit.text().strip()
        password = self.password_edit.text()
        missing = [
            name
            for name, value in (
                (self.tr("服务器地址"), server),
                (self.tr("用户名"), user),
                (self.tr("密码"), password),
            )
            if not value
        ]
        if missing:
            self._show_error(self.tr("请填写：%s") % "、".join(missing))
            return
        self._show_error("")
        self.login_button.setEnabled(False)
        self.progress.show()
        self.progress.setRange(0, 0)
        path = self.db_path

        def work(report: worker.Progress) -> Database:
            from sync.client import first_login

            path.parent.mkdir(parents=True, exist_ok=True)
            return first_login(
                server,
                user,
                password,
                path,
                progress=lambda _stage, done, total: report(done, total),
            )

        job = worker.Job(work)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(lambda db: self._done(user, db))
        job.signals.failed.connect(self._failed)
        self._job = worker.start(job)

    def restore(self) -> None:
        """A new laptop whose data comes from a backup file instead of the server."""
        from ui.backup_dialogs import RestoreDialog

        if self._job is not None:
            return
        dialog = RestoreDialog(self.db_path, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.database is not None:
            self.database, self.user = dialog.database, dialog.user
            self.accept()

    def _progress(self, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _done(self, user: str, db: Database) -> None:
        self._job = None
        self.database = db
        self.user = user
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._job = None
        self.progress.hide()
        self.login_button.setEnabled(True)
        self._show_error(str(error))
        if self.db_path.exists():
            # the first pull broke off after the database was made: unlocking it and
            # syncing later resumes where it stopped
            self._show_error(
                str(error) + self.tr("\n本机数据库已建立；重新打开程序、解锁后同步即可继续下载。")
            )
