"""A repeat item (a table of rows, e.g. the household members) as an editable table model."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QApplication, QStyle

from app.domain.identity import normalize_resident_id
from app.forms.definition import CHOICE_TYPES, NUMBER_TYPES, Item
from app.forms.engine import FormIssue
from ui.forms.fields import options_of, parse_number, show_number

Index = QModelIndex | QPersistentModelIndex
#: the raw answer of a cell (a code for a choice), for editors
RawRole = Qt.ItemDataRole.UserRole + 1


def column_items(repeat: Item) -> list[Item]:
    return [c for c in repeat.items if c.type != "note"]


def is_typed(column: Item) -> bool:
    """A cell the member types or chooses in the table itself."""
    return column.is_input and not column.readonly and column.type not in ("photo", "signature")


def show_cell(column: Item, value: Any) -> str:
    """A cell's answer in words (photos and signatures: RepeatModel counts them)."""
    if value is None or value == "" or value == []:
        return ""
    if column.type in CHOICE_TYPES:
        labels = {o.code: o.label for o in options_of(column)}
        return f"{value} {labels.get(str(value), '')}".strip()
    if column.type in NUMBER_TYPES:
        return show_number(value) + (column.unit or "")
    return str(value)


def parse_cell(column: Item, text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    if column.type in NUMBER_TYPES:
        return parse_number(column.type, text)
    if column.type == "id_number":
        return normalize_resident_id(text)
    return text


class RepeatModel(QAbstractTableModel):
    """The rows of one repeat: each a dict of its columns' answers (ids and values, no rules)."""

    #: the member changed a cell, added or removed a row
    edited = Signal()

    def __init__(self, repeat: Item, editable: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.repeat = repeat
        self.columns = column_items(repeat)
        self.editable = editable
        self.rows: list[dict[str, Any]] = []
        self.relevance: list[dict[str, bool]] = []
        self.issues: dict[tuple[int, str], FormIssue] = {}

    # -- Qt's model interface ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def _applies(self, row: int, name: str) -> bool:
        return row >= len(self.relevance) or self.relevance[row].get(name, True)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), self.columns[index.column()]
        value = self.rows[row].get(column.name)
        applies = self._applies(row, column.name)
        issue = self.issues.get((row, column.name))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            shown = self._shown(column, value) if applies else self.tr("不适用")
            if role == Qt.ItemDataRole.AccessibleTextRole and issue is not None:
                said = self.tr("%s（错误：%s）") if issue.is_error else self.tr("%s（提醒：%s）")
                return said % (shown, issue.message)
            return shown
        if role == Qt.ItemDataRole.EditRole:
            return "" if value is None else str(show_number(value))
        if role == RawRole:
            return value
        if role == Qt.ItemDataRole.ToolTipRole and issue is not None:
            return issue.message
        if role == Qt.ItemDataRole.DecorationRole and issue is not None:
            pixmap = (
                QStyle.StandardPixmap.SP_MessageBoxCritical
                if issue.is_error
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            return QApplication.style().standardIcon(pixmap)
        return None

    def _shown(self, column: Item, value: Any) -> str:
        if column.type in ("photo", "signature") and value not in (None, "", []):
            return self.tr("%n 张", "", len(value) if isinstance(value, list) else 1)
        return show_cell(column, value)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.columns):
                return None
            column = self.columns[section]
            return column.label if role == Qt.ItemDataRole.DisplayRole else column.title
        return str(section + 1) if 0 <= section < len(self.rows) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if self.editable and is_typed(column) and self._applies(index.row(), column.name):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role not in (Qt.ItemDataRole.EditRole, RawRole):
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable and role != RawRole:
            return False
        column = self.columns[index.column()]
        parsed = value if role == RawRole else parse_cell(column, str(value or ""))
        row = self.rows[index.row()]
        if row.get(column.name) == parsed:
            return False
        if parsed is None:
            row.pop(column.name, None)
        else:
            row[column.name] = parsed
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    # -- the form's interface ------------------------------------------------------------

    def set_rows(self, rows: Any) -> None:
        self.beginResetModel()
        source = rows if isinstance(rows, list) else []
        self.rows = [copy.deepcopy(dict(r)) for r in source if isinstance(r, dict)]
        self.relevance = []
        self.issues = {}
        self.endResetModel()

    def answer(self) -> list[dict[str, Any]]:
        return copy.deepcopy(self.rows)

    def add_row(self) -> int:
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append({})
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            if row < len(self.relevance):
                del self.relevance[row]
            self.endRemoveRows()
            self.edited.emit()

    def update_evaluation(
        self, values: Any, relevance: list[dict[str, bool]], issues: list[FormIssue]
    ) -> None:
        """Calculated cells, which cells apply, and the issues per cell, from the engine."""
        calculated = [c.name for c in self.columns if c.calculate is not None]
        evaluated = values if isinstance(values, list) else []
        for row, source in zip(self.rows, evaluated, strict=False):
            for name in calculated:
                if source.get(name) is None:
                    row.pop(name, None)
                else:
                    row[name] = source[name]
        self.relevance = relevance
        self.issues = {(i.row, i.item): i for i in issues if i.row is not None}
        if self.rows:
            last = self.index(len(self.rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def on_cell(self, row: int, name: str, change: Callable[[Any], Any]) -> None:
        """Replace a cell's answer by `change(answer)` (a photo added to a row)."""
        column = next(i for i, c in enumerate(self.columns) if c.name == name)
        self.setData(self.index(row, column), change(self.rows[row].get(name)), RawRole)
