"""The review of task outcomes (审核 → 变动核对): submitted tasks of the reviewer's areas, each
shown with the source beside the registry and the consequences acceptance will apply.

The review page's own keys act here while this tab is shown: Ctrl+Enter accepts (the
consequences are applied in the same transaction), Ctrl+R returns with a reason.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from app.domain import tasks as rules
from app.services.changed import Changed
from app.services.task_views import TaskDetail, TaskRow
from app.services.tasks import Tasks
from ui.forms.marks import WARNING, Mark
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.commands import chain_tab_order
from ui.pages.side_panel import SidePanel
from ui.pages.subsidy_panel import warning_text
from ui.pages.task_sides import TaskSides
from ui.rows_model import RowsModel, rows_view
from ui.session import AppSession

HEADERS = (
    QT_TRANSLATE_NOOP("TaskReview", "村/社区"),
    QT_TRANSLATE_NOOP("TaskReview", "姓名"),
    QT_TRANSLATE_NOOP("TaskReview", "变动"),
    QT_TRANSLATE_NOOP("TaskReview", "核实结果"),
    QT_TRANSLATE_NOOP("TaskReview", "来源"),
    QT_TRANSLATE_NOOP("TaskReview", "月份"),
)


class TaskReview(QWidget):
    """Submitted task outcomes: open one, accept it (applying its consequences) or return it."""

    #: the shown task changed: True when there is one to accept or return
    selected = Signal(bool)
    #: a line for the page's status (text)
    said = Signal(str)

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = Tasks(session.db, session.username, session.role)
        self.rows: list[TaskRow] = []
        self.detail: TaskDetail | None = None
        self.model = RowsModel([self.tr(h) for h in HEADERS], self)
        self.table = rows_view(self.tr("待审核的变动核对"), self.model)
        self.table.setAccessibleDescription(self.tr("Ctrl+Enter 通过并执行处理，Ctrl+R 退回"))
        self.table.selectionModel().selectionChanged.connect(self._selected)
        label = QLabel(self.tr("待审核的核实结果(&Q)"), self)
        label.setBuddy(self.table)
        self.sides = TaskSides(self)
        side = QWidget(self)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(label)
        column.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(SidePanel(side, self, chars=26))
        splitter.addWidget(self.sides)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        # the person's subsidy checks, beside the task (read with it, not said at once)
        self.subsidy_warnings = Mark(WARNING, self, spoken=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.subsidy_warnings)
        layout.addWidget(splitter)
        chain_tab_order(self.controls())  # the side panel's scroll area moved the table last

    def controls(self) -> list[QWidget]:
        """The tab's controls in reading order."""
        return [self.table, *self.sides.views()]

    def refresh(self) -> None:
        tasks, prefixes = self.tasks, self.session.scope_prefixes
        self.session.run(lambda _r: tasks.rows(prefixes, states=[rules.SUBMITTED]), self._loaded,
                         self._failed, owner=self)  # fmt: skip

    def _loaded(self, rows: list[TaskRow]) -> None:
        current = self.detail.task_id if self.detail else ""
        self.rows = rows
        self.model.set_rows(
            [(r.task_id, [r.village, r.name, r.kinds, rules.OUTCOME_LABELS.get(r.outcome, ""),
                          r.source, r.month]) for r in rows]
        )  # fmt: skip
        index = next((i for i, r in enumerate(rows) if r.task_id == current), 0 if rows else -1)
        self.detail = None
        if index >= 0:
            self.table.selectRow(index)
        else:
            self._show(None)

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        chosen = self.table.selectionModel().selectedRows()
        if not chosen or chosen[0].row() >= len(self.rows):
            return
        tasks, task_id = self.tasks, self.rows[chosen[0].row()].task_id
        self.session.run(lambda _r: tasks.detail(task_id), self._show, self._failed, owner=self)

    def _show(self, detail: TaskDetail | None) -> None:
        self.detail = detail
        self.sides.show_detail(detail)
        shown = warning_text(self.session, person_id=detail.person_id) if detail else ""
        self.subsidy_warnings.set_text(shown)
        self.selected.emit(detail is not None and detail.state == rules.SUBMITTED)

    def heading(self) -> str:
        detail = self.detail
        return f"{detail.village} · {detail.name}" if detail else ""

    def accept(self) -> None:
        """Accept the shown outcome; its consequences are applied with it."""
        if self.detail is None:
            return
        tasks, task_id, name = self.tasks, self.detail.task_id, self.detail.name
        self.session.run(
            lambda _r: tasks.accept(task_id),
            lambda changed: self._reviewed(changed, self.tr("已通过并执行处理：%s") % name),
            self._failed,
        )

    def return_(self, reason: str) -> None:
        """Return the shown outcome to its member with `reason`; nothing else changes."""
        if self.detail is None:
            return
        tasks, task_id, name = self.tasks, self.detail.task_id, self.detail.name
        self.session.run(
            lambda _r: tasks.return_(task_id, reason),
            lambda changed: self._reviewed(changed, self.tr("已退回：%s") % name),
            self._failed,
        )

    def _reviewed(self, changed: Changed, text: str) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.detail = None
        self.said.emit(text)
        self.session.announce(changed)
        self.refresh()

    def _failed(self, exc: Exception) -> None:
        message = getattr(exc, "user_message", "") or str(exc)
        self.said.emit(self.tr("出错了：%s") % message)
