"""One task side by side: what the source says, what the registry says, and the outcome.

Used by the task list (the member) and by the review of outcomes (the reviewer). Each
side is a read-only list, so that a screen reader reaches every line with the arrows.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QWidget

from app.domain import tasks as rules
from app.services.task_views import TaskDetail, label

translate = QCoreApplication.translate


def yuan(fen: int) -> str:
    """Money for display: integer fen as yuan with two decimals."""
    return f"{fen // 100}.{fen % 100:02d}"


def source_lines(detail: TaskDetail) -> list[str]:
    """The task's rows as the source says them: source, change, date, name, detail."""
    lines = []
    for row in detail.rows:
        parts = [
            label("change_source", str(row.get("source", ""))),
            label("change_kind", str(row.get("kind", ""))),
            str(row.get("event_date") or translate("TaskSides", "日期不详")),
        ]
        if row.get("name"):
            parts.append(translate("TaskSides", "名单上的姓名：%s") % row["name"])
        if row.get("detail"):
            parts.append(str(row["detail"]))
        lines.append(translate("TaskSides", "，").join(parts))
    return lines or [translate("TaskSides", "（没有变动行）")]


def registry_lines(detail: TaskDetail) -> list[str]:
    """What the registry says of the person, and their subsidies."""
    lines = [
        translate("TaskSides", "姓名：%s") % detail.name,
        translate("TaskSides", "身份证号：%s") % detail.id_masked,
        translate("TaskSides", "状态：%s") % detail.status,
        translate("TaskSides", "村/社区：%s %s") % (detail.village, detail.address),
        translate("TaskSides", "残疾类别和等级：%s %s") % (detail.category, detail.grade),
    ]
    if not detail.subsidies:
        lines.append(translate("TaskSides", "补贴：无"))
    for s in detail.subsidies:
        status = label("subsidy_status", s.status)
        until = s.end_month or translate("TaskSides", "至今")
        lines.append(
            translate("TaskSides", "%s：%s，%s 起至 %s，每月 %s 元")
            % (rules.KIND_LABELS.get(s.kind, s.kind), status, s.start_month or "—", until,
               yuan(s.amount_fen))
        )  # fmt: skip
    return lines


def outcome_lines(detail: TaskDetail) -> list[str]:
    """The outcome recorded so far, and what acceptance will apply."""
    if not detail.outcome:
        lines = [translate("TaskSides", "尚未核实；到期日 %s") % (detail.due_date or "—")]
    else:
        lines = [
            translate("TaskSides", "核实结果：%s；方式：%s；日期：%s；核实人：%s")
            % (rules.OUTCOME_LABELS.get(detail.outcome, detail.outcome),
               rules.METHOD_LABELS.get(detail.method, detail.method),
               detail.checked_on or "—", detail.checked_by)
        ]  # fmt: skip
        if detail.reason:
            lines.append(translate("TaskSides", "理由或说明：%s") % detail.reason)
        for line in detail.consequences:
            lines.append(translate("TaskSides", "通过后执行：%s") % rules.describe(line))
        if detail.outcome != rules.DISPUTED and not detail.consequences:
            lines.append(translate("TaskSides", "通过后不变更登记信息"))
    if detail.returned_reason:
        lines.append(translate("TaskSides", "退回原因：%s") % detail.returned_reason)
    return lines


class TaskSides(QWidget):
    """The source's rows beside the registry's facts, and the outcome under them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = self._list(translate("TaskSides", "变动来源所说"))
        self.registry = self._list(translate("TaskSides", "登记信息"))
        self.outcome = self._list(translate("TaskSides", "核实情况"))
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, (text, view) in enumerate(
            (
                (translate("TaskSides", "来源所说(&Y)"), self.source),
                (translate("TaskSides", "登记信息(&I)"), self.registry),
            )
        ):
            heading = QLabel(text, self)
            heading.setBuddy(view)
            grid.addWidget(heading, 0, column)
            grid.addWidget(view, 1, column)
        heading = QLabel(translate("TaskSides", "核实情况(&J)"), self)
        heading.setBuddy(self.outcome)
        grid.addWidget(heading, 2, 0, 1, 2)
        grid.addWidget(self.outcome, 3, 0, 1, 2)
        grid.setRowStretch(1, 2)
        grid.setRowStretch(3, 1)

    def _list(self, name: str) -> QListWidget:
        view = QListWidget(self)
        view.setAccessibleName(name)
        view.setWordWrap(True)
        return view

    def views(self) -> list[QWidget]:
        """The lists in reading order (for the tab order)."""
        return [self.source, self.registry, self.outcome]

    def show_detail(self, detail: TaskDetail | None) -> None:
        for view, lines in (
            (self.source, source_lines(detail) if detail else []),
            (self.registry, registry_lines(detail) if detail else []),
            (self.outcome, outcome_lines(detail) if detail else []),
        ):
            _fill(view, lines)


def _fill(view: QListWidget, lines: Sequence[str]) -> None:
    view.clear()
    view.addItems(list(lines))
    if view.count():
        view.setCurrentRow(0)
