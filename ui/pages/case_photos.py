"""The case's photos: each plan item's before and after photos side by side, and adding them.

Photos are reduced (app.services.photos) and stored encrypted off the UI thread; the
thumbnails are decrypted and scaled off the UI thread too, and only turned into
pixmaps on it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import photos
from app.services.attachments import attach
from app.services.changed import Changed
from app.store.database import Database
from app.store.errors import StoreError
from ui.pages.case_detail import STAGES, CaseDetail, Photo, item_name
from ui.session import AppSession

THUMB = QSize(160, 120)
SHOWN_STAGES = ("before", "after")
_EXIF_TAKEN = (36867, 306)  # DateTimeOriginal, DateTime


def _taken_at(data: bytes) -> datetime | None:
    """When the camera says the photo was taken (the reduced copy drops the EXIF block)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            exif = image.getexif()
            found = exif.get_ifd(0x8769).get(_EXIF_TAKEN[0]) or exif.get(_EXIF_TAKEN[1])
    except (UnidentifiedImageError, OSError):
        return None
    try:
        local = datetime.strptime(str(found), "%Y:%m:%d %H:%M:%S") if found else None
    except ValueError:
        return None
    # the camera's clock is local time; the store keeps UTC like every other time
    return local.astimezone(UTC).replace(tzinfo=None) if local else None


def store_photos(
    db: Database, user: str, case_id: str, code: str, stage: str, paths: Sequence[str]
) -> Changed:
    """Reduce every file first (a bad one stores none), then attach each to the case."""
    reduced = []
    for path in paths:
        data = Path(path).read_bytes()
        reduced.append((photos.reduce(data), _taken_at(data)))
    changed = Changed(cases=frozenset({case_id}))
    for data, taken in reduced:
        _id, news = attach(db, user, owner_entity="renovation_case", owner_id=case_id,
                           data=data, mime=photos.MIME, kind="photo", tag=stage,
                           caption=code, taken_at=taken)  # fmt: skip
        changed = changed | news
    return changed


def thumbnails(db: Database, wanted: Sequence[Photo]) -> dict[str, bytes | None]:
    """Small JPEG previews by photo id (None: the photo is not on this laptop, or damaged)."""
    found: dict[str, bytes | None] = {}
    for photo in wanted:
        try:
            with Image.open(io.BytesIO(db.blobs.get(photo.sha256))) as image:
                image.thumbnail((THUMB.width(), THUMB.height()))
                out = io.BytesIO()
                image.convert("RGB").save(out, "JPEG", quality=80)
                found[photo.id] = out.getvalue()
        except (StoreError, UnidentifiedImageError, OSError):
            found[photo.id] = None
    return found


class PhotoViewer(QDialog):
    """One photo, large."""

    def __init__(self, title: str, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        picture = QLabel(self)
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        picture.setPixmap(pixmap.scaled(QSize(900, 700), Qt.AspectRatioMode.KeepAspectRatio))
        picture.setAccessibleName(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(picture)
        layout.addWidget(buttons)


class PhotoSection(QWidget):
    """Per item (the plan's, then others with photos, then the whole home): before | after."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: CaseDetail | None = None
        self.lists: dict[tuple[str, str], QListWidget] = {}
        self.pixmaps: dict[str, QPixmap | None] = {}
        self.loading = False
        self.viewer: PhotoViewer | None = None
        self.body = QWidget(self)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.body)

    def codes(self, detail: CaseDetail) -> list[str]:
        plan = [str(line["code"]) for line in detail.plan]
        others = sorted({p.code for p in detail.photos if p.code and p.code not in plan})
        whole = [""] if any(not p.code for p in detail.photos) else []
        return plan + others + whole

    def show_case(self, detail: CaseDetail) -> None:
        self.detail = detail
        self.lists = {}
        self.body.deleteLater()
        self.body = QWidget(self)
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, 0, 0)
        codes = self.codes(detail)
        if not codes:
            empty = QLabel(self.tr("还没有照片。入户评估时可以按项目或全屋添加改造前照片。"))
            empty.setWordWrap(True)
            column.addWidget(empty)
        bold = QFont(self.font())
        bold.setBold(True)
        for code in codes:
            name = item_name(detail, code)
            heading = QLabel(name, self.body)
            heading.setFont(bold)
            column.addWidget(heading)
            row = QHBoxLayout()
            for stage in SHOWN_STAGES:
                side = QVBoxLayout()
                side.addWidget(QLabel(self.tr(STAGES[stage]), self.body))
                shown = [p for p in detail.photos if p.code == code and p.stage == stage]
                view = self._list(self.tr("%s：%s照片") % (name, self.tr(STAGES[stage])), shown)
                side.addWidget(view)
                side.addStretch(1)  # both sides start at the top, however tall the other
                row.addLayout(side, 1)
                self.lists[(code, stage)] = view
            column.addLayout(row)
        self.layout_.addWidget(self.body)
        missing = [p for p in detail.photos if p.id not in self.pixmaps]
        if missing:
            self.loading = True
            db = self.session.db
            self.session.run(lambda _r: thumbnails(db, missing), self._loaded, self._failed)

    def _list(self, name: str, shown: Sequence[Photo]) -> QListWidget:
        view = QListWidget(self.body)
        view.setAccessibleName(name)
        view.setAccessibleDescription(self.tr("回车查看大图"))
        view.setViewMode(QListView.ViewMode.IconMode)
        view.setFlow(QListView.Flow.LeftToRight)
        view.setWrapping(False)
        view.setMovement(QListView.Movement.Static)
        view.setIconSize(THUMB)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        lines = view.fontMetrics().lineSpacing()
        bar = view.style().pixelMetric(view.style().PixelMetric.PM_ScrollBarExtent)
        # room for a row of thumbnails with their time, or one line when there is none
        view.setFixedHeight(THUMB.height() + lines * 2 + bar + 24 if shown else lines * 2 + 8)
        for photo in shown:
            item = QListWidgetItem(photo.taken_at, view)
            said = self.tr("%s，%s，%s 拍摄或添加") % (name, photo.taken_at, photo.by)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, said)
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            item.setToolTip(said)
            self._set_icon(item)
        if not shown:
            item = QListWidgetItem(self.tr("（没有照片）"), view)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        view.itemActivated.connect(self._view)
        return view

    def _set_icon(self, item: QListWidgetItem) -> None:
        pixmap = self.pixmaps.get(str(item.data(Qt.ItemDataRole.UserRole)))
        if pixmap is not None:
            item.setIcon(QIcon(pixmap))

    def _loaded(self, found: dict[str, bytes | None]) -> None:
        for photo_id, data in found.items():
            pixmap = QPixmap()
            self.pixmaps[photo_id] = pixmap if data and pixmap.loadFromData(data) else None
        for view in self.lists.values():
            for row in range(view.count()):
                self._set_icon(view.item(row))
        self.loading = False

    def _failed(self, _exc: Exception) -> None:
        self.loading = False

    def _view(self, item: QListWidgetItem) -> None:
        photo_id = item.data(Qt.ItemDataRole.UserRole)
        photo = (
            next((p for p in self.detail.photos if p.id == photo_id), None) if self.detail else None
        )
        if photo is None:
            return
        try:
            data = self.session.db.blobs.get(photo.sha256)
        except StoreError:
            return
        self.viewer = PhotoViewer(str(item.data(Qt.ItemDataRole.AccessibleTextRole)), data, self)
        self.viewer.open()

    def thumbnail_count(self, code: str, stage: str) -> int:
        """How many photos of the item and stage show a picture (for tests and summaries)."""
        view = self.lists.get((code, stage))
        if view is None:
            return 0
        return sum(1 for row in range(view.count()) if not view.item(row).icon().isNull())

    def controls(self) -> list[QWidget]:
        return list(self.lists.values())
