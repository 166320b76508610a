"""The editor of a repeat item: a table view with add and remove row buttons."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
)
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.forms.definition import CHOICE_TYPES, Item
from app.forms.engine import FormIssue
from ui.forms.attachments import AttachmentStore
from ui.forms.fields import PATTERNS, Field, options_of
from ui.forms.media import PHOTO_FILTER
from ui.forms.repeat import RawRole, RepeatModel

Index = QModelIndex | QPersistentModelIndex


class CellDelegate(QStyledItemDelegate):
    """Editors of a cell: a list of the options for a choice, a validated line otherwise."""

    def __init__(self, model: RepeatModel) -> None:
        super().__init__(model)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = self.model.columns[index.column()]
        editor: QWidget
        if column.type in CHOICE_TYPES:
            combo = QComboBox(parent)
            combo.addItem("", None)
            for choice in options_of(column):
                combo.addItem(f"{choice.code} {choice.label}", choice.code)
            editor = combo
        else:
            line = QLineEdit(parent)
            pattern = PATTERNS.get(column.type)
            if pattern:
                line.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), line))
            editor = line
        editor.setAccessibleName(self.tr("第%d行 %s") % (index.row() + 1, column.title))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        raw = index.data(RawRole)
        if isinstance(editor, QComboBox):
            position = editor.findData(None if raw is None else str(raw))
            editor.setCurrentIndex(max(0, position))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), RawRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())


class RepeatField(Field):
    """A table of rows with buttons to add and remove rows (and add photos to a row)."""

    def __init__(
        self,
        item: Item,
        store: AttachmentStore | None,
        editable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(item, parent)
        self.store = store
        self.editable = editable
        self.dialog: QFileDialog | None = None
        self.model = RepeatModel(item, editable, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(CellDelegate(self.model))
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        triggers = QAbstractItemView.EditTrigger
        self.view.setEditTriggers(
            triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
            if editable
            else triggers.NoEditTriggers
        )
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setMinimumHeight(self.fontMetrics().height() * 9)
        self.model.edited.connect(self._emit)
        self.add_button = QPushButton(self.tr("添加一行"), self)
        self.remove_button = QPushButton(self.tr("删除所选行"), self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.photo_buttons: list[tuple[QPushButton, str]] = []
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        for column in self.model.columns:
            if column.type == "photo":
                button = QPushButton(self.tr("为所选行添加%s…") % column.label, self)
                button.clicked.connect(lambda _c=False, name=column.name: self._add_photo(name))
                row.addWidget(button)
                self.photo_buttons.append((button, column.name))
        row.addStretch(1)
        for button in self._buttons():
            button.setVisible(editable)
            button.setEnabled(editable and (store is not None or button in self._row_buttons()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(row)

    def _row_buttons(self) -> list[QPushButton]:
        return [self.add_button, self.remove_button]

    def _buttons(self) -> list[QPushButton]:
        return self._row_buttons() + [b for b, _ in self.photo_buttons]

    def value(self) -> Any:
        return self.model.answer()

    def set_value(self, value: Any) -> None:
        self.model.set_rows(value)
        self._update_buttons()

    def controls(self) -> list[QWidget]:
        if not self.editable:
            return [self.view]
        return [self.view, *self._buttons()]

    def describe(self, name: str, description: str) -> None:
        self.view.setAccessibleName(name)
        self.view.setAccessibleDescription(description)
        # the buttons read their own text; the item they act on is their description
        for button in (self.add_button, self.remove_button, *(b for b, _ in self.photo_buttons)):
            button.setAccessibleDescription(name)

    def update_evaluation(
        self, values: Any, relevance: list[dict[str, bool]], issues: list[FormIssue]
    ) -> None:
        self.model.update_evaluation(values, relevance, issues)

    def _update_buttons(self) -> None:
        most = self.item.max_rows
        self.add_button.setEnabled(self.editable and (most is None or len(self.model.rows) < most))
        self.remove_button.setEnabled(self.editable and bool(self.model.rows))

    def add_row(self) -> None:
        row = self.model.add_row()
        self._update_buttons()
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.setFocus()

    def remove_row(self) -> None:
        current = self.view.currentIndex()
        if current.isValid():
            self.model.remove_row(current.row())
        self._update_buttons()

    def _add_photo(self, name: str) -> None:
        row = self.view.currentIndex().row()
        if row < 0 or self.store is None:
            return
        store = self.store
        shown = QCoreApplication.translate("PhotoField", PHOTO_FILTER)  # as photo fields say it
        self.dialog = QFileDialog(self, self.tr("选择照片"), "", shown)
        self.dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)

        def stored(attachment_id: str | None, _why: str) -> None:
            if attachment_id is not None and row < len(self.model.rows):
                self.model.on_cell(row, name, lambda ids: [*(ids or []), attachment_id])

        def chosen(paths: list[str]) -> None:
            for path in paths:
                store.store_photo(path, stored)

        self.dialog.filesSelected.connect(chosen)
        self.dialog.open()
