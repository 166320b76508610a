"""The review page: a reviewer's queue of submitted responses, each opened read-only beside
last year's answers, accepted (Ctrl+Enter) or returned to the member with a reason."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import workflow
from app.forms.engine import FormEngine
from app.services.changed import Changed
from ui.announce import MessageLine
from ui.dialog_keys import submit_on_ctrl_enter
from ui.forms import FormWidget
from ui.forms.attachments import SessionAttachments
from ui.forms.marks import WARNING, Mark
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.base import Page
from ui.pages.commands import add_command, chain_tab_order
from ui.pages.review_queue import (
    QueueRow,
    ReviewDetail,
    ReviewQueueModel,
    load_detail,
    submitted,
)
from ui.pages.side_panel import SidePanel
from ui.pages.subsidy_panel import warning_text
from ui.pages.task_review import TaskReview
from ui.print_commands import PrintCommands, ResponseCopies
from ui.session import AppSession
from ui.theme import mark_heading

REVIEWERS = (workflow.REVIEWER, workflow.ADMIN)


class ReturnDialog(QDialog):
    """Asks why a response goes back to its member; "退回" stays disabled until a reason."""

    def __init__(self, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("退回给专职委员"))
        label = QLabel(self.tr("退回 %s 的原因(&R)：") % who, self)
        label.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setAccessibleName(self.tr("退回原因"))
        self.reason.setAccessibleDescription(self.tr("必填：专职委员会看到这段说明"))
        self.reason.setTabChangesFocus(True)
        label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton(
            self.tr("退回(&T)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        submit_on_ctrl_enter(self, self.ok)  # Enter starts a new line of the reason
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        self.ok.setEnabled(bool(self.text()))

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def accept(self) -> None:
        if self.text():  # the button is disabled without a reason; Enter too
            super().accept()


class ReviewPage(Page):
    """Submitted responses of the reviewer's areas: open one, accept it or return it."""

    title = QT_TRANSLATE_NOOP("ReviewPage", "审核")

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        self.detail: ReviewDetail | None = None
        self.form: FormWidget | None = None
        self.dialog: ReturnDialog | None = None
        self._wanted = ""
        self.allowed = session.role in REVIEWERS
        self.status = MessageLine(self)
        self.model = ReviewQueueModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("待审核的表"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        queue_label = QLabel(self.tr("待审核(&Q)"), self)
        queue_label.setBuddy(self.table)

        self.heading = QLabel(self)
        mark_heading(self.heading)
        self.heading.setWordWrap(True)
        self.confirmed = Mark(WARNING, self)
        # the person's subsidy checks, beside the response (read with it, not said at once)
        self.subsidy_warnings = Mark(WARNING, self, spoken=False)
        self.differences = QListWidget(self)
        self.differences.setAccessibleName(self.tr("与去年不同的答案"))
        self.differences.setWordWrap(True)
        self.differences.itemActivated.connect(self._go_to_difference)
        differences_label = QLabel(self.tr("与去年不同的答案(&D)"), self)
        differences_label.setBuddy(self.differences)
        self.stack = QStackedWidget(self)
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack.addWidget(self.placeholder)

        # the queue and the differences in a column left of the form, which keeps the
        # height (a splitter: the member can widen either, and move the line between the
        # queue and the differences: at 200 % each had room for three rows);
        # the reading order is the tab order
        queue_part, differences_part = QWidget(self), QWidget(self)
        for part, label, view in (
            (queue_part, queue_label, self.table),
            (differences_part, differences_label, self.differences),
        ):
            column = QVBoxLayout(part)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(label)
            column.addWidget(view, 1)
        self.side_split = QSplitter(Qt.Orientation.Vertical, self)
        self.side_split.addWidget(queue_part)
        self.side_split.addWidget(differences_part)
        self.side_split.setChildrenCollapsible(False)
        # the queue three quarters: it is what is worked through (sizes are shares at first);
        # the differences may be moved down to two lines
        self.differences.setMinimumHeight(2 * (self.fontMetrics().lineSpacing() + 8))
        self.side_split.setSizes([3000, 1000])
        self.side_split.setStretchFactor(0, 3)
        self.side_split.setStretchFactor(1, 1)
        side = self.side_split
        form_column = QWidget(self)
        column = QVBoxLayout(form_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.confirmed)
        column.addWidget(self.subsidy_warnings)
        column.addWidget(self.stack, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(SidePanel(side, self, chars=18))
        self.splitter.addWidget(form_column)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        # the outcomes of the monthly tasks, in a tab of their own: the same keys act there
        self.task_review = TaskReview(session, self)
        self.task_review.selected.connect(self._task_selected)
        self.task_review.said.connect(self.announce)
        self.tabs = QTabWidget(self)
        self.tabs.setUsesScrollButtons(False)  # two tabs always fit: the arrows never show
        for arrow in self.tabs.tabBar().findChildren(QToolButton):
            arrow.setAccessibleName("")  # Qt's English "Scroll Left" on a button never shown
        self.tabs.addTab(self.splitter, self.tr("调查表(&B)"))
        self.tabs.addTab(self.task_review, self.tr("变动核对(&C)"))
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, keys, slot in (
            ("accept", self.tr("通过(&A)"), ["Ctrl+Return", "Ctrl+Enter"], self.accept),
            ("return", self.tr("退回(&R)…"), ["Ctrl+R"], self.ask_return),
            ("refresh", self.tr("刷新(&U)"), ["F5"], self.refresh),
        ):
            button = add_command(self, text, [QKeySequence(k) for k in keys], slot, row)
            assert button is not None
            self.buttons[key] = button
        row.insertStretch(2, 1)
        # the open response's two copies on paper (issue 17)
        self.printing = PrintCommands(session, self)
        self.copies = ResponseCopies(self.printing, self.shown_response, row, self)
        self.buttons["print_own_file"], self.buttons["print_shared"] = self.copies.buttons
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(row)
        self._show_detail(None)
        self.chain_keys()

    # -- the queue ------------------------------------------------------------------------

    def activate(self, record_id: str = "") -> None:
        """Show the queue (and open `record_id` when given)."""
        self._wanted = record_id
        self.refresh()

    def refresh(self) -> None:
        if not self.allowed:
            self.announce(self.tr("只有审核员和管理员可以审核"))
            return
        db, prefixes = self.session.db, self.session.scope_prefixes
        self.session.run(lambda _r: submitted(db, prefixes), self._loaded, self._failed)
        self.task_review.refresh()

    def _loaded(self, rows: list[QueueRow]) -> None:
        current = self.detail.response_id if self.detail else self._wanted
        self.model.set_rows(rows)
        self.announce(self.tr("待审核 %d 份") % len(rows), speak=False)
        row = self.model.row_of(current) if current else -1
        if row < 0 and self.model.rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        else:
            self._show_detail(None)

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        rid = self.model.rows[rows[0].row()].response_id
        if self.detail is not None and self.detail.response_id == rid:
            return
        responses = self.session.responses
        self.session.run(lambda _r: load_detail(responses, rid), self._show_detail, self._failed)

    def _show_detail(self, detail: ReviewDetail | None) -> None:
        if self.form is not None:
            self.stack.removeWidget(self.form)
            self.form.deleteLater()
            self.form = None
        self.detail = detail
        self.differences.clear()
        has = detail is not None
        self.buttons["accept"].setEnabled(has and self.allowed)
        self.buttons["return"].setEnabled(has and self.allowed)
        self.copies.update()
        if hasattr(self, "tabs") and self.on_tasks():
            self._tab_changed()  # the buttons are the shown task's
        if detail is None:
            self.heading.clear()
            self.confirmed.set_text("")
            self.subsidy_warnings.set_text("")
            self.placeholder.setText(self.tr("没有选中的表") if self.allowed else "")
            self.stack.setCurrentWidget(self.placeholder)
            return
        row = self.model.rows[self.model.row_of(detail.response_id)]
        self.heading.setText(
            self.tr("%s · %s · %s（%s）")
            % (row.village, row.name, detail.form.title, row.survey_round)
        )
        confirmed = self.tr("；").join(detail.confirmed_warnings)
        self.confirmed.set_text(self.tr("填表人已确认的提醒：%s") % confirmed if confirmed else "")
        self.subsidy_warnings.set_text(warning_text(self.session, response_id=detail.response_id))
        store = SessionAttachments(self.session, "form_response", detail.response_id)
        self.form = FormWidget(detail.form, FormEngine(detail.form), detail.context,
                               detail.answers, detail.last or {}, False,
                               attachments=store)  # fmt: skip
        self.stack.addWidget(self.form)
        self.stack.setCurrentWidget(self.form)
        for difference in detail.differences:
            item = detail.form.items[difference.item]
            before = self.form.text_of(item, difference.before)
            after = self.form.text_of(item, difference.after)
            self.differences.addItem(
                self.tr("%s：去年 %s → 今年 %s") % (difference.title, before, after)
            )
            self.differences.item(self.differences.count() - 1).setData(
                Qt.ItemDataRole.UserRole, difference.item
            )
        if not detail.differences:
            self.differences.addItem(self.tr("与去年相同，没有不同的答案"))
        self.chain_keys()

    def chain_keys(self) -> None:
        """Tab from the tab bar: the shown tab's controls in reading order, then the buttons
        below both tabs (Qt skips the hidden tab's)."""
        form = self.form.controls() if self.form is not None else []
        chain_tab_order([self.tabs.tabBar(), self.table, self.differences, *form,
                         *self.task_review.controls(), *self.buttons.values()])  # fmt: skip

    def shown_response(self) -> tuple[str, str] | None:
        """The response open for review: (its id, its state)."""
        detail = self.detail
        return (detail.response_id, detail.state) if detail is not None else None

    def _go_to_difference(self, item: object) -> None:
        name = getattr(item, "data", lambda _r: None)(Qt.ItemDataRole.UserRole)
        if self.form is not None and name:
            self.form.focus_item(str(name))

    # -- accept and return ------------------------------------------------------------------

    def on_tasks(self) -> bool:
        """Whether the tab of task outcomes is shown (the keys then act on its task)."""
        return self.tabs.currentWidget() is self.task_review

    def _task_selected(self, has: bool) -> None:
        if self.on_tasks():
            self.buttons["accept"].setEnabled(has and self.allowed)
            self.buttons["return"].setEnabled(has and self.allowed)

    def _tab_changed(self) -> None:
        if self.on_tasks():
            self._task_selected(self.task_review.detail is not None)
            self.buttons["print_own_file"].setEnabled(False)
            self.buttons["print_shared"].setEnabled(False)
        else:
            has = self.detail is not None and self.allowed
            self.buttons["accept"].setEnabled(has)
            self.buttons["return"].setEnabled(has)
            self.copies.update()

    def accept(self) -> None:
        """Accept the open response (Ctrl+Enter), or the shown task outcome."""
        if self.on_tasks():
            if self.allowed:
                self.task_review.accept()
            return
        if self.detail is None or not self.allowed:
            return
        rid, responses = self.detail.response_id, self.session.responses
        self.session.run(
            lambda _r: responses.accept(rid),
            lambda changed: self._reviewed(rid, changed, self.tr("已通过")),
            self._failed,
        )

    def ask_return(self) -> None:
        """Ask for the reason, then return the open response (or task outcome) to its member."""
        if self.on_tasks():
            if self.allowed and self.task_review.detail is not None:
                self.dialog = ReturnDialog(self.task_review.heading(), self)
                dialog = self.dialog
                self.dialog.accepted.connect(lambda: self.task_review.return_(dialog.text()))
                self.dialog.open()
            return
        if self.detail is None or not self.allowed:
            return
        rid = self.detail.response_id
        self.dialog = ReturnDialog(self.heading.text(), self)
        self.dialog.accepted.connect(lambda: self._return(rid, self.dialog))
        self.dialog.open()

    def _return(self, rid: str, dialog: ReturnDialog | None) -> None:
        reason = dialog.text() if dialog is not None else ""
        responses = self.session.responses
        self.session.run(
            lambda _r: responses.return_to_member(rid, reason),
            lambda changed: self._reviewed(rid, changed, self.tr("已退回")),
            self._failed,
        )

    def _reviewed(self, rid: str, changed: Changed, verdict: str) -> None:
        row = self.model.row_of(rid)
        name = self.model.rows[row].name if row >= 0 else ""
        # the form goes away: the focus moves once, now, to the queue (which stays)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_detail(None)
        self.model.remove(rid)
        self.session.announce(changed | Changed(responses=frozenset({rid})))
        self.announce(self.tr("%s：%s；还有 %d 份待审核") % (verdict, name, len(self.model.rows)))
        if self.model.rows:
            self.table.selectRow(min(row, len(self.model.rows) - 1))
        else:
            self._show_detail(None)

    def on_changed(self, changed: Changed) -> None:
        """Responses submitted by a sync appear in the queue when the page is shown again."""

    def announce(self, text: str, *, speak: bool = True) -> None:
        self.status.show_message(text, speak=speak)

    def _failed(self, exc: Exception) -> None:
        message = getattr(exc, "user_message", "") or str(exc)
        self.announce(self.tr("出错了：%s") % message)
