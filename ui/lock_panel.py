"""What the main window shows while locked: the password opens it again.

Locked because the server stopped this user or laptop (`ui.account_stop`), it says why and
what to do; the unlock then asks the server first, and asks for the server's password too
when an admin reset it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.announce import MessageLine

#: (password, server password or "") -> True: unlocked, False: wrong password, None: the
#: server is being asked (the window calls `answered` when it has said)
Unlocker = Callable[[str, str], bool | None]


class LockPanel(QWidget):
    """The password field, the lock's message and, when asked, the server's password."""

    def __init__(self, on_unlock: Unlocker) -> None:
        super().__init__()
        self.on_unlock = on_unlock
        self.message = MessageLine()  # said when the window locks
        self.message.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("密码"))
        label = QLabel(self.tr("密码(&P)："))
        label.setBuddy(self.password)
        self.server = QLineEdit()
        self.server.setEchoMode(QLineEdit.EchoMode.Password)
        self.server.setAccessibleName(self.tr("服务器密码（管理员告知的新密码）"))
        server_label = QLabel(self.tr("服务器密码(&S)："))
        server_label.setBuddy(self.server)
        self.error = MessageLine(urgent=True)
        self.error.setWordWrap(True)
        self.button = QPushButton(self.tr("解锁(&O)"))
        self.button.clicked.connect(self._try)
        self.password.returnPressed.connect(self._try)
        self.server.returnPressed.connect(self._try)
        self.form = QFormLayout()
        self.form.addRow(label, self.password)
        self.form.addRow(server_label, self.server)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addLayout(self.form)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error)
        layout.addStretch(2)
        self.asking = False  # the server is being asked
        self.reset()

    def reset(self) -> None:
        """The idle lock's panel: the password only."""
        self.message.show_message(
            self.tr("已锁定。请输入密码解锁；正在进行的工作已保存。"), speak=False
        )
        self.form.setRowVisible(self.server, False)
        self.server.clear()
        self.error.clear()

    def show_stopped(self, text: str) -> None:
        """Locked because the server stopped the user or laptop: `text` says why."""
        self.message.show_message(text, speak=False)

    def _server_asked(self) -> bool:
        return self.form.isRowVisible(self.server)

    def _try(self) -> None:
        if self.asking:
            return
        server = self.server.text() if self._server_asked() else ""
        if self._server_asked() and not server:
            self.error.setText(self.tr("⚠ 请输入服务器密码（管理员告知的新密码）"))
            self.server.setFocus()
            return
        result = self.on_unlock(self.password.text(), server)
        if result is None:
            self.asking = True
            self.button.setEnabled(False)
            self.error.show_message(self.tr("正在向服务器确认账号……"), speak=False)
        elif result:
            self.password.clear()
            self.reset()
        else:
            self.error.setText(self.tr("⚠ 密码错误"))
            self.password.selectAll()
            self.password.setFocus()

    def answered(self, text: str, *, server_wanted: bool = False) -> None:
        """The server's answer: `text` says why the lock stays ("" : unlocked); with
        `server_wanted`, the server's password is asked for."""
        self.asking = False
        self.button.setEnabled(True)
        if not text:
            self.password.clear()
            self.reset()
            return
        self.error.setText(f"⚠ {text}")
        if server_wanted:
            self.form.setRowVisible(self.server, True)
            self.server.selectAll()
            self.server.setFocus()
        else:
            self.password.selectAll()
            self.password.setFocus()
