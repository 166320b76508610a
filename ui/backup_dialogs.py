"""备份 (to a folder the member chooses, a USB stick) and 恢复 (from the unlock or first
sign-in screen), both running off the UI thread (`app/store/backup.py`, `restore.py`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.store.errors import DiskFull, StoreError
from ui import worker
from ui.announce import MessageLine
from ui.i18n import QT_TRANSLATE_NOOP
from ui.theme import fit_dialog

if TYPE_CHECKING:
    from app.store.database import Database

#: the refusals of a restore, by class name, in the words of the screen
REFUSALS = {
    "BackupDamaged": QT_TRANSLATE_NOOP(
        "RestoreDialog", "备份文件不完整或已损坏，无法恢复。本机数据未作任何改动。"
    ),
    "BackupWrongPassword": QT_TRANSLATE_NOOP(
        "RestoreDialog", "密码错误：这个密码打不开此备份。本机数据未作任何改动。"
    ),
    "BackupOfAnotherUser": QT_TRANSLATE_NOOP(
        "RestoreDialog",
        "这是用户 %1 的备份，本机的数据属于用户 %2，不能恢复。本机数据未作任何改动。",
    ),
    "NewerBackup": QT_TRANSLATE_NOOP(
        "RestoreDialog", "此备份由更新版本的入户走访助手创建，请先升级程序。本机数据未作任何改动。"
    ),
}


class _Form(QDialog):
    """What both dialogs share: a path row with 浏览, an error line, a busy bar."""

    def _path_row(self, edit: QLineEdit, browse: QPushButton) -> QHBoxLayout:
        browse.setAutoDefault(False)  # Enter in the field sends the dialog, never browses
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(browse)
        return row

    def _message_row(self) -> QHBoxLayout:
        self.error_icon = QLabel()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.error_icon.setPixmap(icon.pixmap(20, 20))
        self.message = MessageLine(urgent=True)
        row = QHBoxLayout()
        row.addWidget(self.error_icon)
        row.addWidget(self.message, 1)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(QCoreApplication.translate("_Form", "进度"))
        self.progress.setRange(0, 0)
        self.progress.hide()
        self._show("")
        return row

    def _show(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.error_icon.setVisible(error and bool(text))
        layout = self.layout()
        if self.isVisible() and layout is not None:  # a message of several lines: room for it
            layout.activate()
            wanted = layout.totalHeightForWidth(self.width())
            if wanted > self.height():
                self.resize(self.width(), wanted)


class BackupDialog(_Form):
    """备份: the database, photos and key information in one file, to a chosen folder."""

    def __init__(self, db: Database, folder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("备份数据"))
        self.db = db
        self.written: Path | None = None
        self._job: worker.Job | None = None
        intro = QLabel(
            self.tr(
                "把本机的全部数据（记录、照片和密钥信息）备份成一个加密文件，"
                "存到您选择的文件夹，例如U盘。恢复时需要您的密码："
                "在程序启动时的解锁界面选择“从备份恢复”。"
            )
        )
        intro.setWordWrap(True)
        self.folder_edit = QLineEdit(folder)
        self.folder_edit.setAccessibleName(self.tr("备份到的文件夹"))
        self.browse_button = QPushButton(self.tr("选择文件夹(&B)…"))
        self.browse_button.clicked.connect(self.browse)
        form = QFormLayout()
        label = QLabel(self.tr("文件夹(&F)："))
        label.setBuddy(self.folder_edit)
        form.addRow(label, self._path_row(self.folder_edit, self.browse_button))
        message_row = self._message_row()
        self.buttons = QDialogButtonBox()
        self.backup_button = self.buttons.addButton(
            self.tr("开始备份(&S)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.backup_button.setDefault(True)
        self.close_button = self.buttons.addButton(
            self.tr("关闭(&C)"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addLayout(message_row)
        layout.addWidget(self.buttons)
        self.folder_edit.setFocus()
        fit_dialog(self, 30)

    def browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("选择备份到的文件夹"), self.folder_edit.text()
        )
        if chosen:
            self.folder_edit.setText(chosen)
        self.folder_edit.setFocus()

    def start(self) -> None:
        if self._job is not None:
            return
        folder = self.folder_edit.text().strip()
        if not folder:
            self._show(self.tr("请先选择备份到的文件夹"), error=True)
            self.folder_edit.setFocus()
            return
        self._show(self.tr("正在备份…"))
        self.backup_button.setEnabled(False)
        self.progress.show()
        db = self.db

        def work(_report: worker.Progress) -> Path:
            from app.store.backup import write_backup

            return write_backup(db, Path(folder))

        job = worker.Job(work)
        job.signals.finished.connect(self._done)
        job.signals.failed.connect(self._failed)
        self._job = worker.start(job)

    def _done(self, written: Path) -> None:
        self._job = None
        self.written = written
        self.progress.hide()
        self.backup_button.setEnabled(True)
        size = written.stat().st_size / 1_000_000
        self._show(
            self.tr("备份完成：%1（%2 MB）")
            .replace("%1", str(written))
            .replace("%2", f"{size:.1f}")
        )
        self.close_button.setFocus()

    def _failed(self, error: Exception) -> None:
        self._job = None
        self.progress.hide()
        self.backup_button.setEnabled(True)
        if isinstance(error, DiskFull):
            text = self.tr("备份没有完成：文件夹所在的磁盘或U盘空间不足。")
        else:
            text = self.tr("备份没有完成：%s") % error
        self._show(text, error=True)
        self.folder_edit.setFocus()


class RestoreDialog(_Form):
    """恢复: check a backup file whole with the password, then put it in place of this
    laptop's data (whose files are kept aside)."""

    def __init__(
        self, db_path: Path, owner: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("从备份恢复"))
        self.db_path = db_path
        self.owner = owner
        self.database: Database | None = None
        self.user = ""
        self._job: worker.Job | None = None
        intro = QLabel(
            self.tr(
                "选择备份文件，输入备份时的密码。程序先完整检查备份文件，检查通过后才替换本机数据；"
                "本机原有的数据另存在数据文件夹里，不会删除。"
            )
        )
        intro.setWordWrap(True)
        self.file_edit = QLineEdit()
        self.file_edit.setAccessibleName(self.tr("备份文件"))
        self.browse_button = QPushButton(self.tr("选择文件(&B)…"))
        self.browse_button.clicked.connect(self.browse)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("密码"))
        form = QFormLayout()
        file_label = QLabel(self.tr("备份文件(&F)："))
        file_label.setBuddy(self.file_edit)
        password_label = QLabel(self.tr("密码(&P)："))
        password_label.setBuddy(self.password_edit)
        form.addRow(file_label, self._path_row(self.file_edit, self.browse_button))
        form.addRow(password_label, self.password_edit)
        message_row = self._message_row()
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton(
            self.tr("检查并恢复(&R)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setDefault(True)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addLayout(message_row)
        layout.addWidget(self.buttons)
        self.file_edit.setFocus()
        fit_dialog(self, 30)

    def browse(self) -> None:
        from app.store.backup import SUFFIX

        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("选择备份文件"),
            self.file_edit.text(),
            self.tr("入户走访助手备份 (*%s)") % SUFFIX,
        )
        if chosen:
            self.file_edit.setText(chosen)
            self.password_edit.setFocus()
        else:
            self.file_edit.setFocus()

    def start(self) -> None:
        if self._job is not None:
            return
        chosen = self.file_edit.text().strip()
        password = self.password_edit.text()
        if not chosen or not Path(chosen).is_file():
            self._show(self.tr("请选择备份文件（找不到：%s）") % chosen, error=True)
            self.file_edit.setFocus()
            return
        if not password:
            self._show(self.tr("请输入密码"), error=True)
            self.password_edit.setFocus()
            return
        self._show(self.tr("正在检查备份文件…"))
        self.restore_button.setEnabled(False)
        self.file_edit.setReadOnly(True)
        self.password_edit.setReadOnly(True)
        self.progress.show()
        path, owner = self.db_path, self.owner

        def work(_report: worker.Progress) -> Database:
            from app.store.restore import restore_backup

            return restore_backup(Path(chosen), password, path, owner=owner)

        job = worker.Job(work)
        job.signals.finished.connect(self._done)
        job.signals.failed.connect(self._failed)
        self._job = worker.start(job)

    def _done(self, db: Database) -> None:
        from app.store import syncing

        self._job = None
        self.database = db
        self.user = syncing.state(db).get("username", "")
        self.accept()

    def refusal(self, error: Exception) -> str:
        """The words for a refused restore (what is wrong, and that nothing changed)."""
        name = type(error).__name__
        if name in REFUSALS:
            text = self.tr(REFUSALS[name])
            if name == "BackupOfAnotherUser":
                text = text.replace("%1", error.backup_user).replace("%2", error.owner)  # type: ignore[attr-defined]
            return text
        if isinstance(error, DiskFull):
            return self.tr("磁盘空间不足，无法恢复。本机数据未作任何改动。")
        if isinstance(error, StoreError):
            return str(error)
        return self.tr("无法恢复：%s。本机数据未作任何改动。") % error

    def _failed(self, error: Exception) -> None:
        self._job = None
        self.progress.hide()
        self.restore_button.setEnabled(True)
        self.file_edit.setReadOnly(False)
        self.password_edit.setReadOnly(False)
        self._show(self.refusal(error), error=True)
        self.password_edit.selectAll()
        self.password_edit.setFocus()
