"""The 统计 page's list of figures: the progress first, then the statistics, under headings."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSizePolicy, QWidget

from app.reports.figure import Figure
from ui.i18n import QT_TRANSLATE_NOOP

#: the entry of the persons still due (a village only)
DUE = "due"
#: the headings of the two parts (translated under FigureList when shown)
PROGRESS = QT_TRANSLATE_NOOP("FigureList", "进度")
STATISTICS = QT_TRANSLATE_NOOP("FigureList", "统计")
#: the list is as wide as its longest title, within these many characters (longer ones wrap)
LEAST_CHARS, MOST_CHARS = 8, 14


class FigureList(QListWidget):
    """Each entry is a figure (by its key) or the persons due; the headings 进度 and 统计 are
    shown but never chosen: the arrow keys pass over them, a screen reader hears the list's
    description instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setWordWrap(True)

    def set_entries(
        self, due: int | None, progress: Sequence[Figure], statistics: Sequence[Figure]
    ) -> None:
        """The entries of one reading (`due`: how many persons are due, None: no such list);
        no signal while they change."""
        self.blockSignals(True)
        self.clear()
        if due is not None or progress:
            self._heading(self.tr(PROGRESS))
        if due is not None:
            self._entry(DUE, self.tr("待调查的人（%d 人）") % due)
        for figure in progress:
            self._entry(figure.key, figure.title)
        if statistics:
            self._heading(self.tr(STATISTICS))
        for figure in statistics:
            self._entry(figure.key, figure.title)
        self.blockSignals(False)
        self._fit()

    def _entry(self, key: str, title: str) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.addItem(item)

    def _heading(self, title: str) -> None:
        item = QListWidgetItem(title)
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # never current: the arrows pass over it
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        # in the text's own colour, not the faint one of a disabled entry
        item.setForeground(self.palette().color(QPalette.ColorRole.Text))
        self.addItem(item)

    def key_at(self, row: int) -> str:
        """The key of the entry on `row` ("" for a heading or no entry)."""
        item = self.item(row)
        key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return str(key) if key else ""

    def keys(self) -> list[str]:
        """Every entry's key, in the order of the list."""
        return [k for k in (self.key_at(r) for r in range(self.count())) if k]

    def current_key(self) -> str:
        return self.key_at(self.currentRow())

    def row_of(self, key: str) -> int:
        return next((r for r in range(self.count()) if key and self.key_at(r) == key), -1)

    def _fit(self) -> None:
        unit = self.fontMetrics().horizontalAdvance("汉")
        wanted = self.sizeHintForColumn(0) + unit
        frame = self.frameWidth() * 2 + self.verticalScrollBar().sizeHint().width()
        self.setFixedWidth(min(max(wanted, unit * LEAST_CHARS), unit * MOST_CHARS) + frame)
