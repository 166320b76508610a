"""The task list (变动核对): the month's verification tasks, filtered by month and state, due
first; the open task beside what the registry says; its outcome recorded in a dialog.

Enter on a task opens the person's household; Ctrl+E records the outcome; Ctrl+B reports
a change the member found on a visit (the same task of the month, source 专职委员).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import or_, select

from app.domain import tasks as rules
from app.domain.codes import load_code_lists
from app.services.changed import Changed
from app.services.task_views import TaskDetail, TaskRow, label, months
from app.services.tasks import NEW_HOUSEHOLD, Tasks
from app.store.database import Database
from app.store.registry import Area, Household
from ui.announce import MessageLine
from ui.fields_dialog import Field, FieldsDialog
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.base import Page
from ui.pages.commands import add_command, chain_tab_order
from ui.pages.task_outcome import OutcomeDialog
from ui.pages.task_sides import TaskSides
from ui.rows_model import RowsModel, rows_view
from ui.session import AppSession

HEADERS = (
    QT_TRANSLATE_NOOP("TasksPage", "到期日"),
    QT_TRANSLATE_NOOP("TasksPage", "村/社区"),
    QT_TRANSLATE_NOOP("TasksPage", "姓名"),
    QT_TRANSLATE_NOOP("TasksPage", "变动"),
    QT_TRANSLATE_NOOP("TasksPage", "来源"),
    QT_TRANSLATE_NOOP("TasksPage", "状态"),
    QT_TRANSLATE_NOOP("TasksPage", "月份"),
)
#: the state filter: (its text, the states it keeps)
STATE_FILTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (QT_TRANSLATE_NOOP("TasksPage", "待办（待核实、已退回）"), (rules.OPEN, rules.RETURNED)),
    (QT_TRANSLATE_NOOP("TasksPage", "全部状态"), ()),
    (QT_TRANSLATE_NOOP("TasksPage", "待核实"), (rules.OPEN,)),
    (QT_TRANSLATE_NOOP("TasksPage", "已退回"), (rules.RETURNED,)),
    (QT_TRANSLATE_NOOP("TasksPage", "待审核"), (rules.SUBMITTED,)),
    (QT_TRANSLATE_NOOP("TasksPage", "已通过"), (rules.ACCEPTED,)),
)
MOST_HOUSEHOLDS = 3000
translate = QCoreApplication.translate


def households_of(db: Database, prefixes: Sequence[str]) -> list[tuple[str, str]]:
    """The households a person may move to: (id, "village address head")."""
    query = (
        select(Household.id, Area.name, Household.address, Household.head_name)
        .join(Area, Area.code == Household.area_code)
        .where(Household.deleted.is_(False))
        .order_by(Household.area_code, Household.address)
        .limit(MOST_HOUSEHOLDS)
    )
    if prefixes:
        query = query.where(or_(*(Household.area_code.startswith(p) for p in prefixes)))
    with db.session() as s:
        return [
            (hid, f"{village} {address} {head}") for hid, village, address, head in s.execute(query)
        ]


def villages_of(db: Database, prefixes: Sequence[str]) -> list[tuple[str, str]]:
    """A new household in a village of the user's towns: (NEW_HOUSEHOLD + code, label)."""
    towns = {p[:9] for p in prefixes}
    query = select(Area.code, Area.name).where(Area.level == "village", Area.deleted.is_(False))
    if towns:
        query = query.where(or_(*(Area.code.startswith(t) for t in towns)))
    with db.session() as s:
        rows = s.execute(query.order_by(Area.code)).all()
    return [
        (NEW_HOUSEHOLD + code, translate("TasksPage", "%s 的新户") % name) for code, name in rows
    ]


def report_dialog(name: str, parent: QWidget | None) -> FieldsDialog:
    """Ask for a change the member found: what, on which day, and a note."""

    def not_future(text: str) -> str | None:
        if text > date.today().isoformat():
            return translate("TasksPage", "变动日期不能晚于今天")
        return None

    kinds = [(item.code, item.label) for item in load_code_lists()["change_kind"]]
    fields = [
        Field("kind", translate("TasksPage", "变动类型"), "choice", kinds),
        Field("event_date", translate("TasksPage", "变动日期"), "date", check=not_future),
        Field("detail", translate("TasksPage", "说明")),
    ]
    title = translate("TasksPage", "报告变动：%s") % name
    return FieldsDialog(title, fields, {"event_date": date.today()}, parent)


class TasksPage(Page):
    """The monthly verification tasks of the user's areas."""

    title = QT_TRANSLATE_NOOP("TasksPage", "变动核对")

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        self.tasks = Tasks(session.db, session.username, session.role)
        self.rows: list[TaskRow] = []
        self.detail: TaskDetail | None = None
        self.dialog: OutcomeDialog | FieldsDialog | None = None
        self._wanted = ""
        self.status = MessageLine(self)
        # the containers first: the controls are made inside them in reading order
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        side = QWidget(self)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        self.month = QComboBox(side)
        self.month.setAccessibleName(self.tr("月份"))
        self.month.addItem(self.tr("全部月份"), "")
        self.state = QComboBox(side)
        self.state.setAccessibleName(self.tr("状态"))
        for text, _states in STATE_FILTERS:
            self.state.addItem(self.tr(text))
        if session.role != "member":
            self.state.setCurrentIndex(1)
        filters = QFormLayout()  # one filter a row: at 200 % two in a row were too wide
        for text, combo in (
            (self.tr("月份(&M)："), self.month),
            (self.tr("状态(&T)："), self.state),
        ):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
            label = QLabel(text, side)
            label.setBuddy(combo)
            filters.addRow(label, combo)
        column.addLayout(filters)
        table_label = QLabel(self.tr("核对任务(&K)"), side)
        column.addWidget(table_label)
        self.model = RowsModel([self.tr(h) for h in HEADERS], self)
        self.table = rows_view(self.tr("核对任务"), self.model)
        column.addWidget(self.table, 1)
        self.table.setAccessibleDescription(self.tr("按到期日排列；回车打开此人所在的户"))
        self.table.activated.connect(lambda _index: self.open_person())
        self.table.selectionModel().selectionChanged.connect(self._selected)
        table_label.setBuddy(self.table)
        self.splitter.addWidget(side)  # (no scrolled panel: the list keeps the page's height)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, keys, slot in (
            ("outcome", self.tr("核实(&E)…"), ["Ctrl+E"], self.ask_outcome),
            ("report", self.tr("报告变动(&B)…"), ["Ctrl+B"], self.ask_report),
            ("person", self.tr("打开此人(&O)"), ["Ctrl+O"], self.open_person),
            ("refresh", self.tr("刷新(&U)"), ["F5"], self.refresh),
        ):
            button = add_command(self, text, [QKeySequence(k) for k in keys], slot, row)
            assert button is not None
            self.buttons[key] = button
        row.insertStretch(3, 1)
        # made after the list (the order Tab and a screen reader's walk start from)
        self.sides = TaskSides(self)
        self.splitter.addWidget(self.sides)
        # the list three fifths (see showEvent): at 200 % it was cut to its first two columns
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self._sized = False
        self.splitter.setCollapsible(1, False)
        side.lower()  # first among the splitter's children: where a walk of the page starts
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(row)
        chain_tab_order([self.month, self.state, self.table, *self.sides.views(),
                         *self.buttons.values()])  # fmt: skip
        self.month.currentIndexChanged.connect(lambda _i: self.refresh())
        self.state.currentIndexChanged.connect(lambda _i: self.refresh())
        self._show_detail(None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            width = sum(self.splitter.sizes())
            self.splitter.setSizes([width * 3 // 5, width - width * 3 // 5])

    # -- the list ----------------------------------------------------------------------------

    def activate(self, record_id: str = "") -> None:
        """Show the tasks (and select `record_id` when given), the focus on the list."""
        self._wanted = record_id
        if record_id:
            self.state.blockSignals(True)
            self.state.setCurrentIndex(1)  # every state: the task is shown whatever its state
            self.state.blockSignals(False)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh()

    def refresh(self) -> None:
        tasks, prefixes = self.tasks, self.session.scope_prefixes
        month = str(self.month.currentData() or "")
        states = STATE_FILTERS[max(0, self.state.currentIndex())][1]
        db = self.session.db

        def load(_report: Any) -> tuple[list[TaskRow], list[str]]:
            with db.session() as s:
                known = months(s)
            return tasks.rows(prefixes, month=month, states=states), known

        self.session.run(load, self._loaded, self._failed, owner=self)

    def _loaded(self, found: tuple[list[TaskRow], list[str]]) -> None:
        rows, known = found
        self._fill_months(known)
        current = self.detail.task_id if self.detail else self._wanted
        self._wanted = ""
        self.rows = rows
        today = date.today()
        self.model.set_rows([(r.task_id, self._cells(r, today)) for r in rows])
        overdue = sum(1 for r in rows if r.overdue)
        self.announce(self.tr("共 %d 条核对任务，逾期 %d 条") % (len(rows), overdue), speak=False)
        index = next((i for i, r in enumerate(rows) if r.task_id == current), 0 if rows else -1)
        self.detail = None
        if index >= 0:
            self.table.selectRow(index)
        else:
            self._show_detail(None)

    def _cells(self, row: TaskRow, today: date) -> list[str]:
        due = row.due_date.isoformat() if row.due_date else ""
        if row.overdue:
            due = self.tr("%s（逾期）") % due
        return [due, row.village, row.name, row.kinds, row.source, row.state_label, row.month]

    def _fill_months(self, known: list[str]) -> None:
        chosen = self.month.currentData()
        if [self.month.itemData(i) for i in range(1, self.month.count())] == known:
            return
        self.month.blockSignals(True)
        self.month.clear()
        self.month.addItem(self.tr("全部月份"), "")
        for month in known:
            self.month.addItem(month, month)
        self.month.setCurrentIndex(max(0, self.month.findData(chosen)))
        self.month.blockSignals(False)

    def current(self) -> TaskRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        row = self.current()
        if row is None:
            return
        tasks, task_id = self.tasks, row.task_id
        self.session.run(lambda _r: tasks.detail(task_id), self._show_detail, self._failed,
                         owner=self)  # fmt: skip

    def _show_detail(self, detail: TaskDetail | None) -> None:
        self.detail = detail
        self.sides.show_detail(detail)
        member = self.session.role == "member"
        can_record = detail is not None and member and detail.state in rules.TO_DO
        self.buttons["outcome"].setEnabled(can_record)
        self.buttons["report"].setEnabled(detail is not None and member)
        self.buttons["person"].setEnabled(detail is not None)

    def open_person(self) -> None:
        """Open the household of the selected task's person (Enter)."""
        row = self.current()
        if row is not None:
            self.navigate.emit("household", row.household_id)

    # -- the outcome -------------------------------------------------------------------------

    def ask_outcome(self) -> None:
        """Open the outcome dialog of the selected task (Ctrl+E)."""
        detail = self.detail
        if detail is None or not self.buttons["outcome"].isEnabled():
            return
        moving = any(r.get("kind") in rules.MOVES for r in detail.rows)
        households = households_of(self.session.db, self.session.scope_prefixes)
        households = [(h, t) for h, t in households if h != detail.household_id]
        households += villages_of(self.session.db, self.session.scope_prefixes)
        tasks, task_id = self.tasks, detail.task_id
        heading = self.tr("%s（%s）：%s") % (
            detail.name,
            detail.village,
            self.tr("；").join(
                rules_label(r.get("kind", "")) + " " + str(r.get("event_date") or "")
                for r in detail.rows
            ),
        )
        dialog = OutcomeDialog(
            heading,
            lambda outcome, household: tasks.propose(task_id, outcome, move_to=household or None),
            households,
            self,
            moving=moving,
        )
        dialog.accepted.connect(lambda: self._record(task_id, dialog.values()))
        self.dialog = dialog
        dialog.open()

    def _record(self, task_id: str, values: dict[str, Any]) -> None:
        tasks = self.tasks
        self.session.run(
            lambda _r: tasks.record(task_id, **values),
            lambda changed: self._done(changed, self.tr("核实结果已提交，等待审核")),
            self._failed,
        )

    def ask_report(self) -> None:
        """Report a change found on a visit about the selected task's person (Ctrl+B)."""
        detail = self.detail
        if detail is None or not self.buttons["report"].isEnabled():
            return
        dialog = report_dialog(detail.name, self)
        person_id = detail.person_id
        dialog.accepted.connect(lambda: self._report(person_id, dialog.values()))
        self.dialog = dialog
        dialog.open()

    def _report(self, person_id: str, values: dict[str, Any]) -> None:
        tasks = self.tasks
        self.session.run(
            lambda _r: tasks.report(person_id, [values])[1],
            lambda changed: self._done(changed, self.tr("变动已报告，列入本月核对任务")),
            self._failed,
        )

    def _done(self, changed: Changed, text: str) -> None:
        self.announce(text)
        self.session.announce(changed)  # the list reads itself again (on_changed)

    def on_changed(self, changed: Changed) -> None:
        if self.isVisible() and changed:
            self.refresh()

    def announce(self, text: str, *, speak: bool = True) -> None:
        self.status.show_message(text, speak=speak)

    def _failed(self, exc: Exception) -> None:
        message = getattr(exc, "user_message", "") or str(exc)
        self.announce(self.tr("出错了：%s") % message)


def rules_label(kind: object) -> str:
    return label("change_kind", str(kind))
