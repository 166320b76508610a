"""The case page: one renovation case, its history, plan, photos, acceptance and settlement,
and the steps the user's role may take now, each asking what it needs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import renovation as rules
from app.domain.issues import ValidationFailed
from app.services import audit
from app.services.changed import Changed
from app.services.renovation import NeedsAcknowledgement
from ui.announce import MessageLine
from ui.forms.attachments import failure_text
from ui.forms.marks import ERROR, WARNING, Mark
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages import case_detail as texts
from ui.pages.base import Page
from ui.pages.case_actions import CaseActions
from ui.pages.case_dialogs import StepDialog
from ui.pages.case_photos import PhotoSection
from ui.pages.commands import chain_tab_order
from ui.print_commands import PrintCommands
from ui.rows_model import RowsModel, rows_view
from ui.session import AppSession
from ui.theme import mark_heading

# The headers of the case's tables, translated by CasePage.tr when shown.
HISTORY_HEADERS = (
    QT_TRANSLATE_NOOP("CasePage", "时间"),
    QT_TRANSLATE_NOOP("CasePage", "从"),
    QT_TRANSLATE_NOOP("CasePage", "到"),
    QT_TRANSLATE_NOOP("CasePage", "办理人"),
    QT_TRANSLATE_NOOP("CasePage", "角色"),
    QT_TRANSLATE_NOOP("CasePage", "理由"),
)
STEP_HEADERS = (
    QT_TRANSLATE_NOOP("CasePage", "环节"),
    QT_TRANSLATE_NOOP("CasePage", "时间"),
    QT_TRANSLATE_NOOP("CasePage", "录入人"),
    QT_TRANSLATE_NOOP("CasePage", "内容"),
)
PLAN_HEADERS = (
    QT_TRANSLATE_NOOP("CasePage", "代码"),
    QT_TRANSLATE_NOOP("CasePage", "项目"),
    QT_TRANSLATE_NOOP("CasePage", "类别"),
    QT_TRANSLATE_NOOP("CasePage", "数量"),
    QT_TRANSLATE_NOOP("CasePage", "单位"),
    QT_TRANSLATE_NOOP("CasePage", "单价（元）"),
    QT_TRANSLATE_NOOP("CasePage", "金额（元）"),
)
ACCEPTANCE_HEADERS = (
    QT_TRANSLATE_NOOP("CasePage", "轮次"),
    QT_TRANSLATE_NOOP("CasePage", "时间"),
    QT_TRANSLATE_NOOP("CasePage", "验收人"),
    QT_TRANSLATE_NOOP("CasePage", "各项结果"),
    QT_TRANSLATE_NOOP("CasePage", "满意度"),
    QT_TRANSLATE_NOOP("CasePage", "原因"),
    QT_TRANSLATE_NOOP("CasePage", "结果"),
)


def _table(name: str, model: RowsModel) -> QTableView:
    return rows_view(name, model, word_wrap=True)


def _fit_height(view: QTableView) -> None:
    """Tall enough for its rows (eight at most), so that the page scrolls rather than it."""
    view.resizeRowsToContents()
    rows = view.model().rowCount()
    heights = [view.rowHeight(r) for r in range(min(rows, 8))]
    line = view.fontMetrics().lineSpacing()
    body = sum(heights) + (line * 2 if not heights else 0)  # an empty table: one blank row
    view.setFixedHeight(view.horizontalHeader().sizeHint().height() + body + 8)


class CasePage(Page):
    """One renovation case: what was recorded, and the next steps as buttons."""

    title = QT_TRANSLATE_NOOP("CasePage", "无障碍改造个案")

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        self.case_id = ""
        self.detail: texts.CaseDetail | None = None
        self.dialog: StepDialog | None = None
        self.step_actions = CaseActions(self)
        self.status = MessageLine(self)
        self.heading = QLabel(self)
        mark_heading(self.heading)
        self.heading.setWordWrap(True)
        self.who = QLabel(self)
        self.who.setWordWrap(True)
        self.state = QLabel(self)
        bold = QFont(self.state.font())
        bold.setBold(True)
        self.state.setFont(bold)
        self.state.setWordWrap(True)
        self.error = Mark(ERROR, self, spoken=True)
        self.warnings = Mark(WARNING, self, spoken=False)  # shown with the case
        self.back = QPushButton(self.tr("返回个案列表(&B)"), self)
        self.back.clicked.connect(lambda: self.navigate.emit("cases", ""))
        self.household = QPushButton(self.tr("户详情(&H)"), self)
        self.household.setAccessibleDescription(self.tr("打开本户的户详情"))
        self.household.clicked.connect(self._open_household)
        QShortcut(QKeySequence("Alt+Left"), self).activated.connect(self.back.click)
        # the case's papers on paper, either copy (issue 17)
        self.printing = PrintCommands(session, self)
        self.print_papers = self.printing.case_papers_button(lambda: self.case_id, self)
        self.moves = QHBoxLayout()
        self.move_buttons: list[QPushButton] = []
        self.no_moves = QLabel(self)
        self.no_moves.setWordWrap(True)

        self.history = RowsModel([self.tr(h) for h in HISTORY_HEADERS])
        self.history_view = _table(self.tr("状态变动记录"), self.history)
        self.steps = RowsModel([self.tr(h) for h in STEP_HEADERS])
        self.steps_view = _table(self.tr("评估、施工与回访记录"), self.steps)
        self.plan = RowsModel([self.tr(h) for h in PLAN_HEADERS])
        self.plan_view = _table(self.tr("改造方案"), self.plan)
        self.total = QLabel(self)
        self.total.setWordWrap(True)
        self.over_cap = Mark(WARNING, self)
        self.photos = PhotoSection(session, self)
        self.acceptance = RowsModel([self.tr(h) for h in ACCEPTANCE_HEADERS])
        self.acceptance_view = _table(self.tr("验收记录"), self.acceptance)
        self.settlement = QLabel(self)
        self.settlement.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.household)
        top.addWidget(self.print_papers)
        top.addStretch(1)
        body = QWidget()
        layout = QVBoxLayout(body)
        for shown in (self.status, self.heading, self.who):
            layout.addWidget(shown)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.error)
        layout.addLayout(self.moves)
        layout.addWidget(self.no_moves)
        layout.addWidget(self.warnings)
        sections: tuple[tuple[str, QWidget, tuple[QWidget, ...]], ...] = (
            (QT_TRANSLATE_NOOP("CasePage", "状态变动记录(&I)"), self.history_view, ()),
            (QT_TRANSLATE_NOOP("CasePage", "评估、施工与回访记录(&X)"), self.steps_view, ()),
            (
                QT_TRANSLATE_NOOP("CasePage", "改造方案(&M)"),
                self.plan_view,
                (self.total, self.over_cap),
            ),
            (QT_TRANSLATE_NOOP("CasePage", "改造前后照片"), self.photos, ()),
            (
                QT_TRANSLATE_NOOP("CasePage", "验收记录(&Q)"),
                self.acceptance_view,
                (self.settlement,),
            ),
        )
        for title, widget, after in sections:
            caption = QLabel(self.tr(title), body)
            caption.setFont(bold)
            if isinstance(widget, QTableView):
                caption.setBuddy(widget)
            layout.addWidget(caption)
            layout.addWidget(widget)
            for extra in after:
                layout.addWidget(extra)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- showing ---------------------------------------------------------------------------

    def activate(self, record_id: str = "") -> None:
        if record_id:
            self.case_id = record_id
            self.error.set_text("")
            audit.record(self.session.db, self.session.username, "view", "renovation_case",
                         record_id)  # fmt: skip
        self.reload()
        first = self.move_buttons[0] if self.move_buttons else self.back
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        self.detail = detail = texts.load_case(self.session.db, self.case_id)
        if detail is None:
            self.heading.setText(self.tr("没有这个个案"))
            for model in (self.history, self.steps, self.plan, self.acceptance):
                model.set_rows([])
            self._show_moves([])
            return
        self.heading.setText(
            self.tr("户主 %s · %s %s · %d年度无障碍改造")
            % (detail.head_name, detail.town, detail.village, detail.year)
        )
        grade = self.tr("%s级") % detail.grade if detail.grade else self.tr("等级未登记")
        self.who.setText(
            self.tr("改造对象：%s（%s，%s）；地址：%s")
            % (detail.person_name, detail.category_label, grade, detail.address)
        )
        self.state.setText(self.tr("当前状态：%s") % texts.state_label(detail.state))
        warnings = texts.warning_texts(detail)
        self.warnings.set_text(self.tr("资格提示：") + self.tr("；").join(warnings)
                               if warnings else "")  # fmt: skip
        for model, view, rows in (
            (self.history, self.history_view, texts.history_rows(detail)),
            (self.steps, self.steps_view, texts.step_rows(detail)),
            (self.plan, self.plan_view, texts.plan_rows(detail)),
            (self.acceptance, self.acceptance_view, texts.acceptance_rows(detail)),
        ):
            model.set_rows(rows)
            _fit_height(view)
        self._show_total(detail)
        self.settlement.setText(texts.settlement_text(detail))
        self.settlement.setVisible(bool(self.settlement.text()))
        self.photos.show_case(detail)
        self._show_moves(self.step_actions.available(detail))

    def _show_total(self, detail: texts.CaseDetail) -> None:
        if not detail.plan:
            self.total.setText(
                self.tr("还没有改造方案。每户上限 %s 元。") % rules.yuan(detail.cap_fen)
            )
            self.over_cap.set_text("")
            return
        self.total.setText(
            self.tr("方案合计 %s 元，每户上限 %s 元。")
            % (rules.yuan(detail.total_fen), rules.yuan(detail.cap_fen))
        )
        over = self.tr("超过上限 %s 元") % rules.yuan(detail.total_fen - detail.cap_fen)
        reason = (
            self.tr("；超限理由：%s") % detail.override_reason if detail.override_reason else ""
        )
        self.over_cap.set_text(over + reason if detail.over_cap else "")

    def _show_moves(self, actions: list[tuple[str, str, str, Callable[[], None]]]) -> None:
        for button in self.move_buttons:
            self.moves.removeWidget(button)
            button.deleteLater()
        self.move_buttons = []
        while self.moves.count():
            self.moves.takeAt(0)
        for text, _name, description, slot in actions:  # the text is what is read
            button = QPushButton(text, self)
            button.setAccessibleDescription(description)
            button.setToolTip(description)
            button.clicked.connect(lambda _c=False, run=slot: run())
            self.moves.addWidget(button)
            self.move_buttons.append(button)
        self.moves.addStretch(1)
        steps = [b for b in self.move_buttons if b.text() != self.step_actions.photo_text]
        self.no_moves.setText("" if steps else self.tr("您现在没有可以办理的步骤。"))
        self.no_moves.setVisible(not steps)
        chain_tab_order([self.back, self.household, self.print_papers, *self.move_buttons,
                         self.history_view, self.steps_view, self.plan_view,
                         *self.photos.controls(), self.acceptance_view])  # fmt: skip

    def _open_household(self) -> None:
        if self.detail is not None:
            self.navigate.emit("household", self.detail.household_id)

    # -- running a step -----------------------------------------------------------------------

    def run_step(
        self, dialog: StepDialog, call: Callable[[dict[str, Any], str], Changed], done: str
    ) -> None:
        """Open `dialog`; each save runs `call(values, acknowledgement)` off the UI thread."""
        self.dialog = dialog
        dialog.submitted.connect(lambda: self._submit(dialog, call, done))
        dialog.open()

    def _submit(
        self, dialog: StepDialog, call: Callable[[dict[str, Any], str], Changed], done: str
    ) -> None:
        problem = getattr(dialog, "missing", lambda: "")()
        if problem:
            dialog.failed(problem)
            return
        values, acknowledgement = dialog.values(), dialog.acknowledgement()
        self.session.run(
            lambda _r: call(values, acknowledgement),
            lambda changed: self._saved(dialog, changed, done),
            lambda exc: self._refused(dialog, exc),
        )

    def _saved(self, dialog: StepDialog, changed: Changed, done: str) -> None:
        dialog.accept()
        self.dialog = None
        self.session.announce(changed | Changed(cases=frozenset({self.case_id})))
        self.status.setText(self.tr("已保存：%s") % done)
        first = self.move_buttons[0] if self.move_buttons else self.back
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refused(self, dialog: StepDialog, exc: Exception) -> None:
        if isinstance(exc, NeedsAcknowledgement):
            dialog.ask_acknowledgement(exc.issues)
        elif isinstance(exc, ValidationFailed):
            dialog.failed(str(exc))
        else:
            dialog.failed(failure_text(exc))

    def on_changed(self, changed: Changed) -> None:
        """Reload when the case or its household changed (a hidden page reloads when shown)."""
        if (
            self.isVisible()
            and self.case_id
            and (
                self.case_id in changed.cases
                or (self.detail is not None and self.detail.household_id in changed.households)
            )
        ):
            self.reload()
