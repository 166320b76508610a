"""The sync page: one 同步 button with progress by stage and cancel, the receipt, conflicts.

The sync runs on the worker pool (`sync.client.SyncClient`); its progress comes back
by signal. A broken-off sync resumes with the next press. Conflicts and refused
changes are in `ui.pages.sync_conflicts` below the receipt.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.changed import Changed
from app.store import syncing
from app.store.errors import StoreError
from sync.client import BYTE_STAGES, STAGES, SYNC_PAUSES, SyncClient
from sync.report import receipt_text
from sync.transport import Cancelled, SyncError, Unauthorized
from ui.announce import MessageLine
from ui.pages.base import Page
from ui.pages.sync_conflicts import ConflictsPanel
from ui.same_password import SamePasswordDialog
from ui.session import AppSession


def _megabytes(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB"


class _Relay(QObject):
    """Carries the sync's progress from the worker thread to the page."""

    stage = Signal(str, object, object)  # bytes of photos pass 2**31: not a Qt int


class SyncPage(Page):
    """Sync with the district's server; show how far it got and what came back."""

    title = "同步"

    def __init__(
        self,
        session: AppSession,
        *,
        pauses: Sequence[float] = SYNC_PAUSES,
        backoff: float = 0.5,
    ) -> None:
        super().__init__(session)
        #: a sync the network breaks off goes on by itself after these pauses (seconds);
        #: each request is retried first, waiting backoff, 2 x backoff, ... (the transport's)
        self.pauses = tuple(pauses)
        self.backoff = backoff
        self.relay = _Relay()
        self.relay.stage.connect(self._on_stage)
        self.cancel_event = threading.Event()
        self.job: Any = None
        #: the offer to make the laptop's password the server's, when last made
        self.same_password: Any = None
        self.server = QLabel()
        self.sync_button = QPushButton(self.tr("同步(&S)"))
        self.sync_button.clicked.connect(self.start_sync)
        self.cancel_button = QPushButton(self.tr("取消(&C)"))
        self.cancel_button.setAccessibleDescription(self.tr("取消同步"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_sync)
        self.stage = QLabel(self.tr("尚未开始"))
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("同步进度条"))
        self.message = MessageLine()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("密码（重新登录）"))
        self.password.setPlaceholderText(self.tr("设备被停用或登录失效时，输入密码重新登录"))
        self.login_button = QPushButton(self.tr("重新登录(&L)"))
        self.login_button.clicked.connect(self.relogin)
        self.receipt = QPlainTextEdit()
        self.receipt.setReadOnly(True)
        self.receipt.setAccessibleName(self.tr("同步回执"))
        self.print_button = QPushButton(self.tr("打印回执(&H)"))
        self.print_button.clicked.connect(self.print_receipt)
        self.conflicts = ConflictsPanel(session)
        buttons = QHBoxLayout()
        for widget in (self.sync_button, self.cancel_button, self.password, self.login_button):
            buttons.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.server)
        layout.addLayout(buttons)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addWidget(self.message)
        # the receipt and the conflicts scroll below the sync's own controls, which stay in
        # view when the text is large
        below = QWidget()
        column = QVBoxLayout(below)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("上次同步回执：")))
        column.addWidget(self.receipt, 1)
        column.addWidget(self.print_button)
        column.addWidget(self.conflicts, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(below)
        layout.addWidget(scroll, 1)
        self.refresh()

    # -- showing ---------------------------------------------------------------------------

    def activate(self, record_id: str = "") -> None:
        self.refresh()

    def refresh(self) -> None:
        state = syncing.state(self.session.db)
        url = state.get("server_url", "")
        self.server.setText(self.tr("服务器：%s") % url if url else self.tr("本机尚未连接服务器"))
        self.sync_button.setEnabled(bool(url) and self.job is None)
        last = syncing.last_receipt(self.session.db)
        self.receipt.setPlainText(receipt_text(last) if last else self.tr("还没有同步过"))
        self.conflicts.refresh()

    def _on_stage(self, stage: str, done: int, total: int) -> None:
        name = self.tr(STAGES.get(stage, stage))
        if stage in BYTE_STAGES:  # a large photo moves the bar too
            amount = f"{_megabytes(done)} / {_megabytes(total)}" if total else _megabytes(done)
        else:
            amount = f"{done}/{total}" if total else f"{done}"
        self.stage.setText(f"{name} {amount}")
        # in thousandths: a count of bytes does not fit the bar's int; 0..0: busy
        self.bar.setRange(0, 1000 if total else 0)
        self.bar.setValue(min(done, total) * 1000 // total if total else 0)

    # -- syncing ---------------------------------------------------------------------------

    def start_sync(self) -> None:
        if self.job is not None:
            return
        self.cancel_event = threading.Event()
        cancel, relay, db = self.cancel_event, self.relay, self.session.db
        pauses, backoff = self.pauses, self.backoff

        def work(_report: Any) -> set[str]:
            client = SyncClient(
                db, progress=relay.stage.emit, cancel=cancel, pauses=pauses, backoff=backoff
            )
            try:
                client.sync()
                return client.households
            finally:
                client.close()

        self.message.setText(self.tr("正在同步……"))
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.job = self.session.run(work, self._done, self._failed)

    def cancel_sync(self) -> None:
        self.cancel_event.set()
        self.cancel_button.setEnabled(False)
        self.message.setText(self.tr("正在取消……"))

    def _finish(self, text: str) -> None:
        self.job = None
        self.cancel_button.setEnabled(False)
        self.message.setText(text)
        self.refresh()

    def _done(self, households: Any) -> None:
        last = syncing.last_receipt(self.session.db)
        damaged = len((last.detail or {}).get("damaged", [])) if last else 0
        if damaged:
            text = self.tr("同步完成；有 %n 张照片已损坏，未上传，请看回执", "", damaged)
            self._finish(text)
        else:
            self._finish(self.tr("同步完成"))
        unusable = (last.detail or {}).get("definitions", []) if last else []
        if unusable:  # a program too old for what the district published: it keeps working
            self.message.setText("\n".join([self.message.text(), *map(str, unusable)]))
        self.session.announce(Changed(households=frozenset(households or ())))

    def _failed(self, error: Exception) -> None:
        if isinstance(error, Cancelled):
            self._finish(self.tr("同步已取消，下次同步会从中断处继续"))
        elif isinstance(error, Unauthorized):
            self._finish(self.tr("%s（请输入密码重新登录）") % error)
        elif isinstance(error, SyncError | StoreError):  # each says what happened, in full
            self._finish(str(error))
        else:
            self._finish(self.tr("同步出错：%s") % error)

    def relogin(self) -> None:
        password = self.password.text()
        if not password:
            return
        client = SyncClient(self.session.db)
        try:
            client.relogin(password)
        except SyncError as exc:
            self.message.setText(str(exc))
            self.session.refused(exc)  # a stopped user or laptop locks now
            return
        finally:
            client.close()
            self.password.clear()
        self.message.setText(self.tr("已重新登录，可以同步"))
        self.refresh()
        if not self.session.db.opens_with(password):
            self.offer_same_password(password)

    def offer_same_password(self, server_password: str) -> None:
        """The server's password is no longer the laptop's (an admin reset it): offer to
        make them one again, so the member keeps one password."""
        self.same_password = SamePasswordDialog(self.session, server_password, self)
        self.same_password.changed.connect(
            lambda: self.message.setText(self.tr("已重新登录；本机密码已改成和服务器一样"))
        )
        self.same_password.open()

    def print_receipt(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        self.printer = QPrinter()  # kept: the dialog uses it after this method returns
        dialog = QPrintDialog(self.printer, self)
        if dialog.exec():
            self.receipt.document().print_(self.printer)
