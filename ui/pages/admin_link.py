"""The 管理 pages' one way to the server: the admin client of this laptop's sign-in, off the
UI thread, with a busy bar and every failure said in Chinese; offline, nothing is sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QProgressBar, QWidget

from app.store import syncing
from app.store.database import Database
from ui.announce import MessageLine
from ui.session import AppSession

if TYPE_CHECKING:
    from sync.admin_client import AdminClient


class Offline(Exception):
    """The laptop has no server to ask (no address, or not signed in there)."""


def offline_reason(db: Database) -> str:
    """Why the laptop cannot ask its server (no address, not signed in), or ""."""
    if not syncing.state(db).get("server_url"):
        return AdminLink.tr_offline()
    if not syncing.token(db):
        return AdminLink.tr_signed_out()
    return ""


def open_client(session: AppSession) -> AdminClient:
    """The admin client of the server this laptop syncs with, signed in as its user."""
    from sync.admin_client import AdminClient

    reason = offline_reason(session.db)
    if reason:
        raise Offline(reason)
    url = syncing.state(session.db).get("server_url", "")
    return AdminClient(url, syncing.token(session.db) or "", retries=1, backoff=0.2)


class AdminLink(QWidget):
    """A busy bar and a message line; `call` runs one request of a page's tab."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("管理操作进度"))
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.hide()
        self.message = MessageLine(self)
        self.message.setWordWrap(True)
        self.busy = False

    @staticmethod
    def tr_offline() -> str:
        return QCoreApplication.translate(
            "AdminLink", "本机尚未连接服务器：管理功能需要连接服务器，现在不能使用"
        )

    @staticmethod
    def tr_signed_out() -> str:
        return QCoreApplication.translate(
            "AdminLink", "本机尚未登录服务器：请先在“同步”页登录，管理功能现在不能使用"
        )

    def online(self) -> bool:
        """Whether the laptop has a server to ask; if not, the message says so."""
        reason = offline_reason(self.session.db)
        if reason:
            self.message.setText(reason)
        return not reason

    def call(
        self,
        work: Callable[[AdminClient], Any],
        done: Callable[[Any], None],
        doing: str,
        *,
        failed: Callable[[Exception], None] | None = None,
    ) -> bool:
        """Run `work(client)` off the UI thread; `done(result)` on the UI thread. Offline or
        while another request runs: nothing is sent (False)."""
        if self.busy or not self.online():
            return False
        session = self.session

        def job(_report: Any) -> Any:
            client = open_client(session)
            try:
                return work(client)
            finally:
                client.close()

        def finished(result: Any) -> None:
            self._idle()
            self.message.setText("")
            done(result)

        def error(exc: Exception) -> None:
            self._idle()
            self.message.setText(self.said(exc))
            if failed is not None:
                failed(exc)

        self.busy = True
        self.bar.show()
        self.message.setText(doing)
        session.run(job, finished, error, owner=self)
        return True

    def _idle(self) -> None:
        self.busy = False
        self.bar.hide()

    def said(self, exc: Exception) -> str:
        """The Chinese message for a failed request."""
        from sync.transport import NetworkError, SyncError

        if isinstance(exc, NetworkError):
            return self.tr("无法连接服务器，管理功能现在不能使用；请检查网络后再试")
        if isinstance(exc, Offline | SyncError):
            return str(exc)
        return self.tr("管理操作出错：%s") % exc
