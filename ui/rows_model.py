"""A small read-only table model: ids and display rows, for the detail pages' lists."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex
#: rows of one line a page's main list keeps room for, at any text size (at 200 % on a
#: 1366×768 screen the 管理 users tab had room for three; tests/ui/test_low_vision.py)
MAIN_LIST_ROWS = 5


class RowsModel(QAbstractTableModel):
    """Rows of text under headers, each row with the id of the record it shows."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[str, list[str]]] = []
        self._tips: Mapping[tuple[int, int], str] = {}

    def set_rows(
        self,
        rows: Sequence[tuple[str, Sequence[Any]]],
        tips: Mapping[tuple[int, int], str] | None = None,
    ) -> None:
        """Show `rows`; `tips` gives a cell (row, column) a tooltip of its own (what it
        stands for in full), where the cell's text is not enough."""
        self.beginResetModel()
        self._rows = [(rid, ["" if v is None else str(v) for v in values]) for rid, values in rows]
        self._tips = dict(tips or {})
        self.endResetModel()

    def record_id(self, row: int) -> str:
        return self._rows[row][0]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        values = self._rows[index.row()][1]
        if not 0 <= index.column() < len(values):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips.get((index.row(), index.column()), values[index.column()])
        if role == Qt.ItemDataRole.DisplayRole:
            return values[index.column()]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("%s：%s") % (self._headers[index.column()], values[index.column()])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None


def fit_columns(view: QTableView, widths_in_chars: Sequence[int]) -> None:
    """Column widths in characters of the current font, so that large text still fits."""
    metrics = view.fontMetrics()
    unit = metrics.horizontalAdvance("汉")
    model = view.model()
    for column, chars in enumerate(widths_in_chars):
        header = str(model.headerData(column, Qt.Orientation.Horizontal) or "") if model else ""
        needed = metrics.horizontalAdvance(header) + unit
        view.setColumnWidth(column, max(chars * unit, needed))


def rows_view(
    name: str,
    model: QAbstractTableModel,
    *,
    min_height: int | None = None,
    main: bool = False,
    word_wrap: bool = False,
    parent: QWidget | None = None,
) -> QTableView:
    """A read-only table of a detail page: whole rows selected, columns sized to the text.
    Give the `parent` when controls follow it: Tab then reaches it in its place (a table
    parented later, by a layout, comes after every control made before that). A `main` list
    (what the page is for) keeps room for MAIN_LIST_ROWS rows at any text size."""
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setWordWrap(word_wrap)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(40)  # size by the first rows only
    if min_height is not None:
        view.setMinimumHeight(min_height)
    if main:
        RoomForRows(view)
    return view


class RoomForRows(QObject):
    """Keeps a list's minimum height at `rows` rows of one line (and its header) at the text
    size in use: the page around it scrolls rather than squeeze the list to a few rows."""

    def __init__(self, view: QAbstractItemView, rows: int = MAIN_LIST_ROWS) -> None:
        super().__init__(view)
        self.view = view
        self.rows = rows
        view.installEventFilter(self)
        self.apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.apply()
        return False

    def apply(self) -> None:
        view = self.view
        row = view.fontMetrics().lineSpacing() + 8
        header = 0
        if isinstance(view, QTableView):
            row = max(row, view.verticalHeader().defaultSectionSize())
            if not view.horizontalHeader().isHidden():
                header = view.horizontalHeader().sizeHint().height()
        scrollbar = view.horizontalScrollBar().sizeHint().height()
        view.setMinimumHeight(header + self.rows * row + scrollbar + 2 * view.frameWidth())
