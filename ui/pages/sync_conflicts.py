"""Conflicts side by side (mine, the server's, what it was before) and refused changes.

A choice writes through the conflict use cases (`app.services.conflicts`), so it is
sent with the next sync; a refused change can be sent again or given up.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.issues import ValidationFailed
from app.services.conflicts import Conflicts, ConflictView, RefusedOp
from sync.report import ENTITIES
from ui.announce import MessageLine
from ui.rows_model import RoomForRows
from ui.session import AppSession

CONFLICT_COLUMNS = ("记录", "字段", "本机的值", "服务器的值", "原来的值", "谁改的")
REFUSED_COLUMNS = ("记录", "修改的字段", "服务器拒绝的原因")


def shown(value: Any) -> str:
    """A value as the member reads it."""
    if value is None:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _table(columns: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(list(columns))
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    RoomForRows(table)  # the page scrolls rather than squeeze the rows out at 200 %
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))


class ConflictsPanel(QWidget):
    """Open conflicts and refused changes of this laptop, with what can be done about them."""

    def __init__(self, session: AppSession) -> None:
        super().__init__()
        self.session = session
        self.use_cases = Conflicts(session.db, session.username)
        self.conflicts: list[ConflictView] = []
        self.refused: list[RefusedOp] = []
        self.conflict_table = _table(CONFLICT_COLUMNS, self.tr("冲突"))
        self.refused_table = _table(REFUSED_COLUMNS, self.tr("被拒绝的修改"))
        self.note = MessageLine()
        buttons = QHBoxLayout()
        for text, slot in (
            ("用本机的值(&M)", lambda: self.resolve("mine")),
            ("用服务器的值(&T)", lambda: self.resolve("theirs")),
            ("改为其他值(&E)…", lambda: self.resolve("edited")),
        ):
            button = QPushButton(self.tr(text))
            button.clicked.connect(slot)
            buttons.addWidget(button)
        refused_buttons = QHBoxLayout()
        for text, slot in (
            ("重新发送(&R)", self.resend),
            ("放弃这项修改(&D)", self.drop),
        ):
            button = QPushButton(self.tr(text))
            button.clicked.connect(slot)
            refused_buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("冲突（本机和服务器都改了同一项）：")))
        layout.addWidget(self.conflict_table, 1)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("服务器拒绝的修改（不影响其他修改）：")))
        layout.addWidget(self.refused_table, 1)
        layout.addLayout(refused_buttons)
        layout.addWidget(self.note)

    def refresh(self) -> None:
        self.conflicts = self.use_cases.open_conflicts()
        self.refused = self.use_cases.refused_ops()
        _fill(self.conflict_table, [
            [f"{ENTITIES.get(c.entity, c.entity)} {c.record_id[:8]}", c.field, shown(c.mine),
             shown(c.theirs), shown(c.base), c.username]
            for c in self.conflicts
        ])  # fmt: skip
        _fill(self.refused_table, [
            [f"{ENTITIES.get(o.entity, o.entity)} {o.record_id[:8]}", "、".join(o.fields) or "删除",
             o.reason]
            for o in self.refused
        ])  # fmt: skip

    def _selected(self, table: QTableWidget, rows: list[Any]) -> Any:
        row = table.currentRow()
        return rows[row] if 0 <= row < len(rows) else None

    def resolve(self, choice: str) -> None:
        conflict: ConflictView | None = self._selected(self.conflict_table, self.conflicts)
        if conflict is None:
            self.note.setText(self.tr("请先选中一项冲突"))
            return
        value: Any = None
        if choice == "edited":
            text, ok = QInputDialog.getText(
                self, self.tr("改为其他值"), self.tr("%s 的新值：") % conflict.field,
                text=shown(conflict.theirs),
            )  # fmt: skip
            if not ok:
                return
            value = text if isinstance(conflict.theirs, str | None) else json.loads(text)
        try:
            changed = self.use_cases.resolve(conflict.id, choice, value)
        except (ValidationFailed, ValueError) as exc:
            self.note.setText(str(exc))
            return
        self.note.setText(self.tr("已处理，下次同步时发送"))
        self.session.announce(changed)
        self.refresh()

    def resend(self) -> None:
        op: RefusedOp | None = self._selected(self.refused_table, self.refused)
        if op is not None:
            self.use_cases.resend(op.op_id)
            self.note.setText(self.tr("将在下次同步时重新发送"))
            self.refresh()

    def drop(self) -> None:
        op: RefusedOp | None = self._selected(self.refused_table, self.refused)
        if op is not None:
            self.use_cases.drop(op.op_id)
            self.note.setText(self.tr("已放弃这项修改"))
            self.refresh()
