"""文件 → 发布表单或设置… (the admin): choose a YAML file and publish it to every laptop
through the server; a broken file is refused with the loader's message; offline says so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ui.session import AppSession

ADMIN = "admin"


class PublishAction(QObject):
    """Publishes a chosen file on a worker; says the outcome in a message box."""

    #: a publication the server took (its PublicationInfo), new or the same again
    published = Signal(object)
    #: the outcome said, each time (the 发布 tab repeats it on its message line)
    outcome = Signal(str)

    def __init__(self, session: AppSession, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.window = parent
        #: the last outcome said (for the tests, and the status bar)
        self.said = ""

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("发布表单或设置"),
            "",
            self.tr("表单或设置文件 (*.yaml *.yml)"),
        )
        if name:
            self.publish(Path(name))

    def publish(self, path: Path) -> Any:
        """Send the file on a worker; offline or signed out, say so and send nothing."""
        from sync.publishing import publish_file
        from ui.pages.admin_link import offline_reason

        db = self.session.db
        offline = offline_reason(db)
        if offline:
            self._say(QMessageBox.Icon.Warning, self.tr("未发布：%1").replace("%1", offline))
            return None
        return self.session.run(
            lambda _report: publish_file(db, path), self._done, self._failed, owner=self
        )

    def _done(self, info: Any) -> None:
        if info.kind == "form":
            what = (
                self.tr("表单 %1 版本 %2").replace("%1", info.form_id).replace("%2", info.version)
            )
        else:
            what = self.tr("设置第 %1 版").replace("%1", info.version)
        if info.new:
            text = self.tr("已发布%1，各笔记本下次同步时收到。").replace("%1", what)
        else:
            text = self.tr("%1 已发布过，内容相同，未改动。").replace("%1", what)
        self._say(QMessageBox.Icon.Information, text)
        self.published.emit(info)

    def _failed(self, error: Exception) -> None:
        from sync.transport import NetworkError

        if isinstance(error, NetworkError):
            text = self.tr("现在连不上服务器（离线），未发布。请联网后再试。")
        else:
            text = self.tr("未发布：%1").replace("%1", str(error))
        self._say(QMessageBox.Icon.Warning, text)

    def _say(self, icon: QMessageBox.Icon, text: str) -> None:
        self.said = text
        self.outcome.emit(text)
        box = QMessageBox(icon, self.tr("发布表单或设置"), text, parent=self.window)
        box.setAccessibleName(self.tr("发布结果"))
        box.open()
