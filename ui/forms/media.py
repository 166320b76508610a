"""Photo and signature items: attachments stored off the UI thread, the answer keeps their ids."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.forms.definition import Item
from ui.announce import MessageLine
from ui.forms.attachments import AttachmentStore
from ui.forms.fields import Field
from ui.forms.signature import SignaturePad
from ui.i18n import QT_TRANSLATE_NOOP

SIGNATURE_SAVE_DELAY_MS = 700
#: the files a photo field offers (translated by PhotoField.tr, or under its context)
PHOTO_FILTER = QT_TRANSLATE_NOOP(
    "PhotoField", "照片 (*.jpg *.jpeg *.png *.bmp *.gif *.tif *.tiff *.webp)"
)


class StoredField(Field):
    """A field whose answer is stored first as attachments: counts the saves in flight."""

    #: every save in flight has ended (the answer is final)
    settled = Signal()

    def __init__(
        self,
        item: Item,
        store: AttachmentStore | None,
        editable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(item, parent)
        self.store = store
        self.editable = editable and store is not None
        self.pending = 0
        self.status = MessageLine(self)

    def flush(self) -> None:
        """Start any save still waiting (before the form is saved)."""

    def _started(self) -> None:
        self.pending += 1

    def _ended(self) -> None:
        self.pending -= 1
        if self.pending == 0:
            self.settled.emit()


class SignatureField(StoredField):
    """A signature pad with a clear button; the signature is saved as a PNG attachment."""

    by_keyboard = False

    def __init__(
        self,
        item: Item,
        store: AttachmentStore | None,
        editable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(item, store, editable, parent)
        self._id: str | None = None
        self._request = 0
        self.pad = SignaturePad(self)
        self.clear_button = QPushButton(self.tr("清除签字"), self)
        self.clear_button.setVisible(self.editable)
        self.clear_button.clicked.connect(self.clear)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SIGNATURE_SAVE_DELAY_MS)
        self._timer.timeout.connect(self._save)
        self.pad.stroke_finished.connect(self._timer.start)
        if not self.editable:
            self.pad.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pad)
        layout.addLayout(row)
        self._show_status(speak=False)

    def _show_status(self, text: str = "", *, speak: bool = True) -> None:
        if not text:
            text = self.tr("已签字") if self._id else self.tr("未签字")
        self.status.show_message(text, speak=speak)
        self.pad.setAccessibleDescription(text)

    def value(self) -> Any:
        return self._id

    def set_value(self, value: Any) -> None:
        self._id = str(value) if value else None
        image: QImage | None = None
        if self._id and self.store is not None:
            data = self.store.load(self._id)
            image = QImage.fromData(data) if data else None
        self.pad.show_saved(image if image is not None and not image.isNull() else None)
        missing = self._id is not None and image is None
        self._show_status(self.tr("已签字（签字图片不在本机）") if missing else "", speak=False)

    def controls(self) -> list[QWidget]:
        return [self.clear_button] if self.editable else []

    def describe(self, name: str, description: str) -> None:
        self.pad.setAccessibleName(self.tr("%s：签字板") % name)
        self.clear_button.setAccessibleDescription("\n".join(p for p in (name, description) if p))

    def clear(self) -> None:
        self._timer.stop()
        self._request += 1  # a save still running is no longer wanted
        self.pad.clear()
        self._id = None
        self._show_status()
        self._emit()

    def flush(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._save()

    def _save(self) -> None:
        if not self.pad.strokes or self.store is None:
            return
        self._request += 1
        request = self._request
        self._started()
        self._show_status(self.tr("正在保存签字…"))
        self.store.store_signature(self.pad.to_png(), lambda i, why: self._saved(request, i, why))

    def _saved(self, request: int, attachment_id: str | None, why: str) -> None:
        if request == self._request:
            if attachment_id is None:
                self._show_status(self.tr("签字没有保存：%s") % why)
            else:
                self._id = attachment_id
                self._show_status(self.tr("已签字，已保存"))
                self._emit()
        self._ended()


class PhotoField(StoredField):
    """Photos added from files (reduced on import); the answer is the list of their ids."""

    def __init__(
        self,
        item: Item,
        store: AttachmentStore | None,
        editable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(item, store, editable, parent)
        self._ids: list[str] = []
        self.dialog: QFileDialog | None = None
        self.list = QListWidget(self)
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self._size_to_font()
        self.add_button = QPushButton(self.tr("添加照片…"), self)
        self.remove_button = QPushButton(self.tr("移除所选照片"), self)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_button, self.remove_button):
            button.setVisible(self.editable)
        #: the buttons side by side (a narrow column may set it top to bottom)
        self.button_row = QHBoxLayout()
        self.button_row.addWidget(self.add_button)
        self.button_row.addWidget(self.remove_button)
        self.button_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(self.button_row)
        # a line of its own: beside the buttons a narrow column squeezed it to a character a line
        layout.addWidget(self.status)
        self._refill()

    def _size_to_font(self) -> None:
        side = max(64, self.fontMetrics().height() * 3)
        self.list.setIconSize(QSize(side, side))
        self.list.setFixedHeight(side + self.fontMetrics().height() * 2)

    def changeEvent(self, event: QEvent) -> None:
        # the text size changed in 设置 (not while the field is being built)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "list"):
            self._size_to_font()
        super().changeEvent(event)

    def value(self) -> Any:
        return list(self._ids) or None

    def set_value(self, value: Any) -> None:
        ids = value if isinstance(value, list) else [value] if value else []
        self._ids = [str(v) for v in ids]
        self._refill()

    def controls(self) -> list[QWidget]:
        return [self.list, self.add_button, self.remove_button] if self.editable else [self.list]

    def describe(self, name: str, description: str) -> None:
        self.list.setAccessibleName(self.tr("%s：已添加的照片") % name)
        self.list.setAccessibleDescription(description)
        # the buttons read their own text; the item they act on is their description
        self.add_button.setAccessibleDescription(
            self.tr("%s：从文件选择照片，导入时缩小到1600像素") % name
        )
        self.remove_button.setAccessibleDescription(name)

    def _refill(self, *, speak: bool = False) -> None:
        self.list.clear()
        for number, attachment_id in enumerate(self._ids, start=1):
            entry = QListWidgetItem(self.tr("照片 %d") % number)
            data = self.store.load(attachment_id) if self.store is not None else None
            pixmap = QPixmap()
            if data and pixmap.loadFromData(data):
                entry.setIcon(QIcon(pixmap))
            else:
                entry.setText(self.tr("照片 %d（不在本机）") % number)
            entry.setData(Qt.ItemDataRole.UserRole, attachment_id)
            self.list.addItem(entry)
        self.remove_button.setEnabled(bool(self._ids))
        count = self.tr("共 %d 张") % len(self._ids) if self._ids else self.tr("没有照片")
        self.status.show_message(count, speak=speak)

    def choose_files(self) -> None:
        """Open the file dialog (not modal: the program keeps working while it is open)."""
        self.dialog = QFileDialog(self, self.tr("选择照片"), "", self.tr(PHOTO_FILTER))
        self.dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        self.dialog.filesSelected.connect(self.add_files)
        self.dialog.open()

    def add_files(self, paths: list[str]) -> None:
        if self.store is None:
            return
        for path in paths:
            self._started()
            self.status.setText(self.tr("正在缩小并保存照片…"))
            self.store.store_photo(path, self._stored)

    def _stored(self, attachment_id: str | None, why: str) -> None:
        if attachment_id is None:
            self._refill()
            self.status.setText(self.tr("照片没有保存：%s") % why)
        else:
            self._ids.append(attachment_id)
            self._refill(speak=True)
            self._emit()
        self._ended()

    def remove_selected(self) -> None:
        chosen = {str(i.data(Qt.ItemDataRole.UserRole)) for i in self.list.selectedItems()}
        if not chosen:
            return
        self._ids = [i for i in self._ids if i not in chosen]
        self._refill(speak=True)
        self._emit()
