"""After the sync page's 重新登录 with a server password other than the laptop's own (an
admin reset it): offer to make the laptop's password the same, so a member keeps one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.store.errors import WrongPassword
from ui.announce import MessageLine
from ui.session import AppSession
from ui.theme import fit_dialog, within_screen


class SamePasswordDialog(QDialog):
    """Asks the laptop's current password, then re-encrypts the data under the server's."""

    #: the laptop's password is now the server's
    changed = Signal()

    def __init__(
        self, session: AppSession, server_password: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.server_password = server_password
        self.setWindowTitle(self.tr("让本机密码和服务器密码一样"))
        self.explanation = QLabel(
            self.tr(
                "刚才登录服务器用的密码，和打开这台电脑上数据用的密码不一样了"
                "（多半是管理员在服务器上重置了密码）。\n"
                "两个密码容易记混：打开程序要用本机密码，同步要用服务器密码。\n"
                "改成一样以后，打开程序和同步都用刚才输入的密码。本机的数据会用这个密码"
                "重新加密，什么都不会丢。\n"
                "请输入这台电脑现在的密码（打开程序时输入的那个）确认："
            ),
            self,
        )
        self.explanation.setWordWrap(True)
        self.current = QLineEdit(self)
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.current.setAccessibleName(self.tr("本机现在的密码"))
        label = QLabel(self.tr("本机现在的密码(&P)："), self)
        label.setBuddy(self.current)
        self.message = MessageLine()
        self.buttons = QDialogButtonBox(self)
        self.same_button = self.buttons.addButton(
            self.tr("改成一样(&G)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = self.buttons.addButton(
            self.tr("暂不更改(&N)"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.same_button.setDefault(True)
        self.same_button.clicked.connect(self.make_same)
        self.later_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(label)
        layout.addWidget(self.current)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        fit_dialog(self, 30)
        # a window does not grow for its wrapped text by itself: as tall as the text needs
        needed = layout.totalHeightForWidth(self.width())
        self.setMinimumHeight(min(needed, within_screen(self, QSize(0, needed)).height()))
        self.current.setFocus()

    def make_same(self) -> None:
        """Re-encrypt under the server's password, off the UI thread, once the laptop's
        current password is confirmed (a wrong one is said; nothing changes)."""
        current = self.current.text()
        if not current:
            self.message.setText(self.tr("请输入这台电脑现在的密码"))
            self.current.setFocus()
            return
        db, new = self.session.db, self.server_password

        def work(_progress: Any) -> None:
            db.change_password(current, new)

        self.same_button.setEnabled(False)
        self.message.setText(self.tr("正在用新密码重新加密本机数据……"))
        self.session.run(work, self._done, self._failed, owner=self)

    def _done(self, _result: Any) -> None:
        self.changed.emit()
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.same_button.setEnabled(True)
        self.current.clear()
        self.current.setFocus()
        if isinstance(error, WrongPassword):
            self.message.setText(self.tr("这不是本机现在的密码，请再输入一次；密码没有更改"))
        else:  # a disk full, a file in use: said in full (StoreError's own words)
            self.message.setText(self.tr("密码没有更改：%s") % error)
