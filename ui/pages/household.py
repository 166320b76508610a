"""The household page: facts, members with certificates and subsidies, forms, visits, photos.

The subsidies of the selected person, with their steps, are `ui.pages.subsidy_panel`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import renovation as case_rules
from app.domain import workflow
from app.domain.codes import load_code_lists
from app.domain.issues import ValidationFailed
from app.domain.masking import mask_id
from app.domain.money import yuan_text
from app.services import audit
from app.services.changed import Changed
from app.services.tasks import Tasks
from app.services.visits import Visits
from app.store.household_view import HouseholdView, age_today, household_view
from app.store.registry import Household, Person
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.base import Page
from ui.pages.household_dialogs import cancel_dialog, household_dialog, person_dialog, plan_dialog
from ui.pages.registry_actions import RegistryActions
from ui.pages.subsidy_panel import SubsidyPanel
from ui.pages.tasks import report_dialog
from ui.print_commands import PrintCommands, ResponseCopies
from ui.rows_model import RowsModel, rows_view
from ui.session import AppSession
from ui.theme import mark_heading
from ui.timefmt import local_text

# The texts of the tables below are translated by HouseholdPage.tr when shown.
FORM_NAMES = {
    "dynamic-update": QT_TRANSLATE_NOOP("HouseholdPage", "动态更新调查（A表）"),
    "income-monitoring": QT_TRANSLATE_NOOP("HouseholdPage", "收入状况监测（B表）"),
}
VISIT_STATES = {
    "planned": QT_TRANSLATE_NOOP("HouseholdPage", "已计划"),
    "made": QT_TRANSLATE_NOOP("HouseholdPage", "已走访"),
    "cancelled": QT_TRANSLATE_NOOP("HouseholdPage", "已取消"),
}
MEMBER_HEADERS = (
    QT_TRANSLATE_NOOP("HouseholdPage", "姓名"),
    QT_TRANSLATE_NOOP("HouseholdPage", "与户主关系"),
    QT_TRANSLATE_NOOP("HouseholdPage", "身份证号"),
    QT_TRANSLATE_NOOP("HouseholdPage", "年龄"),
    QT_TRANSLATE_NOOP("HouseholdPage", "残疾类别"),
    QT_TRANSLATE_NOOP("HouseholdPage", "等级"),
    QT_TRANSLATE_NOOP("HouseholdPage", "残疾人证号"),
    QT_TRANSLATE_NOOP("HouseholdPage", "补贴"),
    QT_TRANSLATE_NOOP("HouseholdPage", "状态"),
)
HISTORY_HEADERS = (
    QT_TRANSLATE_NOOP("HouseholdPage", "记录"),
    QT_TRANSLATE_NOOP("HouseholdPage", "证号"),
    QT_TRANSLATE_NOOP("HouseholdPage", "类别和等级"),
    QT_TRANSLATE_NOOP("HouseholdPage", "起"),
    QT_TRANSLATE_NOOP("HouseholdPage", "止"),
    QT_TRANSLATE_NOOP("HouseholdPage", "状态"),
)
FORM_HEADERS = (
    QT_TRANSLATE_NOOP("HouseholdPage", "表单"),
    QT_TRANSLATE_NOOP("HouseholdPage", "年度"),
    QT_TRANSLATE_NOOP("HouseholdPage", "对象"),
    QT_TRANSLATE_NOOP("HouseholdPage", "状态"),
)
VISIT_HEADERS = (
    QT_TRANSLATE_NOOP("HouseholdPage", "计划日期"),
    QT_TRANSLATE_NOOP("HouseholdPage", "状态"),
    QT_TRANSLATE_NOOP("HouseholdPage", "走访人"),
    QT_TRANSLATE_NOOP("HouseholdPage", "备注"),
)
PHOTO_HEADERS = (
    QT_TRANSLATE_NOOP("HouseholdPage", "种类"),
    QT_TRANSLATE_NOOP("HouseholdPage", "标记"),
    QT_TRANSLATE_NOOP("HouseholdPage", "说明"),
    QT_TRANSLATE_NOOP("HouseholdPage", "时间"),
)
CASE_HEADERS = (
    QT_TRANSLATE_NOOP("HouseholdPage", "年度"),
    QT_TRANSLATE_NOOP("HouseholdPage", "状态"),
    QT_TRANSLATE_NOOP("HouseholdPage", "预算"),
    QT_TRANSLATE_NOOP("HouseholdPage", "上限"),
)
#: the facts of the household, in order: (label, attribute shown)
FACT_LABELS = (
    QT_TRANSLATE_NOOP("HouseholdPage", "现居住地址"),
    QT_TRANSLATE_NOOP("HouseholdPage", "户籍地址"),
    QT_TRANSLATE_NOOP("HouseholdPage", "户口性质"),
    QT_TRANSLATE_NOOP("HouseholdPage", "户主身份证号"),
    QT_TRANSLATE_NOOP("HouseholdPage", "联系电话"),
    QT_TRANSLATE_NOOP("HouseholdPage", "困难类型"),
    QT_TRANSLATE_NOOP("HouseholdPage", "一户多残编码"),
)


def _label(list_id: str, code: str) -> str:
    items = load_code_lists()[list_id]
    return items.label(code) if code in items else code


def _table(name: str, model: RowsModel) -> QTableView:
    return rows_view(name, model, min_height=110)


class HouseholdPage(Page):
    """One household: what the registry knows, what is due, what was done."""

    title = QT_TRANSLATE_NOOP("HouseholdPage", "户详情")

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        self.household_id = ""
        self.view: HouseholdView | None = None
        self.heading = QLabel()
        mark_heading(self.heading)
        self.facts = QFormLayout()
        facts_box = QGroupBox(self.tr("户信息"))
        facts_box.setLayout(self.facts)

        self.members = RowsModel([self.tr(h) for h in MEMBER_HEADERS])
        self.members_view = _table(self.tr("残疾人"), self.members)
        self.history = RowsModel([self.tr(h) for h in HISTORY_HEADERS])
        self.history_view = _table(self.tr("证件记录"), self.history)
        self.subsidies = SubsidyPanel(session, self)
        self.forms = RowsModel([self.tr(h) for h in FORM_HEADERS])
        self.forms_view = _table(self.tr("调查表"), self.forms)
        self.visits = RowsModel([self.tr(h) for h in VISIT_HEADERS])
        self.visits_view = _table(self.tr("走访记录"), self.visits)
        self.photos = RowsModel([self.tr(h) for h in PHOTO_HEADERS])
        self.photos_view = _table(self.tr("照片和附件"), self.photos)
        self.cases = RowsModel([self.tr(h) for h in CASE_HEADERS])
        self.cases_view = _table(self.tr("无障碍改造个案"), self.cases)
        self.members_view.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._show_history(current.row())
        )
        self.cases_view.activated.connect(
            lambda index: self.navigate.emit("case", self.cases.record_id(index.row()))
        )
        # the selected form's two copies on paper (issue 17)
        self.printing = PrintCommands(session, self)
        form_prints = QHBoxLayout()
        self.form_copies = ResponseCopies(self.printing, self.selected_response, form_prints, self)
        form_prints.addStretch(1)
        self.forms_view.selectionModel().currentRowChanged.connect(
            lambda _current, _previous: self.form_copies.update()
        )

        self.buttons: list[QPushButton] = []
        # (button text, description, slot)
        actions: tuple[tuple[str, str, Callable[[], object]], ...] = (
            (
                QT_TRANSLATE_NOOP("HouseholdPage", "开始走访(&W)"),
                QT_TRANSLATE_NOOP("HouseholdPage", "为本户开始走访"),
                self.start_visit,
            ),
            (
                QT_TRANSLATE_NOOP("HouseholdPage", "计划走访(&J)…"),
                QT_TRANSLATE_NOOP("HouseholdPage", "计划一次走访"),
                self.plan_visit,
            ),
            (
                QT_TRANSLATE_NOOP("HouseholdPage", "修改户信息(&E)…"),
                QT_TRANSLATE_NOOP("HouseholdPage", "修改本户的地址、电话、困难类型"),
                self.edit_household,
            ),
            (
                QT_TRANSLATE_NOOP("HouseholdPage", "修改人员信息(&M)…"),
                QT_TRANSLATE_NOOP("HouseholdPage", "修改所选残疾人的联系方式等"),
                self.edit_person,
            ),
            (
                QT_TRANSLATE_NOOP("HouseholdPage", "注销人员(&C)…"),
                QT_TRANSLATE_NOOP("HouseholdPage", "注销所选残疾人（死亡、户口迁出等）"),
                self.cancel_person,
            ),
            (
                QT_TRANSLATE_NOOP("HouseholdPage", "报告变动(&H)…"),
                QT_TRANSLATE_NOOP(
                    "HouseholdPage", "报告走访时发现的变动（死亡、迁居等），列入本月核对任务"
                ),
                self.report_change,
            ),
            (
                QT_TRANSLATE_NOOP("HouseholdPage", "显示完整证件号(&I)"),
                QT_TRANSLATE_NOOP("HouseholdPage", "显示所选残疾人的完整身份证号（记入日志）"),
                self.reveal_id,
            ),
            (
                QT_TRANSLATE_NOOP("HouseholdPage", "返回列表(&B)"),
                QT_TRANSLATE_NOOP("HouseholdPage", "返回户列表"),
                lambda: self.navigate.emit("households", ""),
            ),
        )
        row = QGridLayout()
        for index, (text, description, slot) in enumerate(actions):
            button = QPushButton(self.tr(text))
            button.setAccessibleDescription(self.tr(description))
            button.clicked.connect(slot)
            row.addWidget(button, index // 4, index % 4)
            self.buttons.append(button)
        self.upkeep = RegistryActions(session, lambda: self.household_id, self._selected_person)
        back = QShortcut(QKeySequence("Alt+Left"), self)
        back.activated.connect(lambda: self.navigate.emit("households", ""))

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.heading)
        layout.addLayout(row)
        layout.addWidget(self.upkeep)
        layout.addWidget(facts_box)
        for title, view in (
            (QT_TRANSLATE_NOOP("HouseholdPage", "残疾人(&R)"), self.members_view),
            (QT_TRANSLATE_NOOP("HouseholdPage", "证件记录"), self.history_view),
            (QT_TRANSLATE_NOOP("HouseholdPage", "调查表(&D)"), self.forms_view),
            (QT_TRANSLATE_NOOP("HouseholdPage", "走访记录"), self.visits_view),
            (QT_TRANSLATE_NOOP("HouseholdPage", "照片和附件"), self.photos_view),
            (QT_TRANSLATE_NOOP("HouseholdPage", "无障碍改造个案(&A)"), self.cases_view),
        ):
            label = QLabel(self.tr(title))
            label.setBuddy(view)
            layout.addWidget(label)
            layout.addWidget(view)
            if view is self.forms_view:
                layout.addLayout(form_prints)
            if view is self.history_view:
                layout.addWidget(self.subsidies)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- showing -----------------------------------------------------------------------

    def activate(self, record_id: str = "") -> None:
        """Show a household, or the household of a person (that person selected)."""
        person_id = ""
        if record_id:
            with self.session.db.session() as s:
                person = s.get(Person, record_id) if s.get(Household, record_id) is None else None
                if person is not None:
                    person_id, record_id = person.id, person.household_id
            self.household_id = record_id
            audit.record(self.session.db, self.session.username, "view", "household", record_id)
        self.reload()
        if person_id and self.view is not None:
            row = next(
                (i for i, pv in enumerate(self.view.persons) if pv.person.id == person_id), 0
            )
            self.members_view.selectRow(row)
            self._show_history(row)
        self.buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        with self.session.db.session() as s:
            self.view = household_view(s, self.household_id)
        view = self.view
        if view is None:
            self.heading.setText(self.tr("没有这一户"))
            return
        h = view.household
        self.heading.setText(self.tr("户主 %s · %s %s") % (h.head_name, view.town, view.village))
        while self.facts.rowCount():
            self.facts.removeRow(0)
        listed = self.tr("、")  # between the items of a list
        hardship = listed.join(_label("hardship", c) for c in h.hardship or []) or self.tr("无")
        values = (
            h.address,
            h.registered_address,
            _label("hukou_type", h.hukou_type) if h.hukou_type else "",
            mask_id(h.head_id_number),
            h.phone,
            hardship,
            h.multi_disability_code,
        )
        for label, value in zip(FACT_LABELS, values, strict=True):
            text = QLabel(value or self.tr("（未填）"))
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setAccessibleDescription(self.tr(label))  # the value is what is read
            text.setWordWrap(True)
            self.facts.addRow(self.tr("%s：") % self.tr(label), text)
        self.members.set_rows(
            [
                (
                    pv.person.id,
                    [
                        pv.person.name,
                        _label("relation", pv.person.relation),
                        mask_id(pv.person.id_number),
                        age_today(pv.person),
                        _label("disability_category", pv.person.category),
                        pv.person.grade,
                        mask_id(pv.person.cert_number),
                        listed.join(
                            _label("subsidy_kind", s.kind)
                            for s in pv.subsidies
                            if s.status == "active"
                        )
                        or self.tr("无"),
                        _label("person_status", pv.person.status),
                    ],
                )
                for pv in view.persons
            ]
        )
        if view.persons:
            self.members_view.selectRow(0)
            self._show_history(0)
        self.forms.set_rows(
            [
                (
                    r.id,
                    [
                        self.tr(FORM_NAMES.get(r.form_id, r.form_id)),
                        r.survey_round,
                        r.person_name,
                        workflow.STATE_LABELS.get(r.state, r.state),
                    ],
                )
                for r in view.responses
            ]
        )
        if view.responses:
            self.forms_view.selectRow(0)
        self.form_copies.update()
        self.visits.set_rows(
            [
                (
                    v.id,
                    [
                        v.planned_date or "",
                        self.tr(VISIT_STATES.get(v.state, v.state)),
                        v.member,
                        v.note,
                    ],
                )
                for v in view.visits
            ]
        )
        self.photos.set_rows(
            [(a.id, [a.kind, a.tag, a.caption, local_text(a.taken_at)]) for a in view.attachments]
        )
        self.cases.set_rows(
            [
                (
                    c.id,
                    [
                        c.year,
                        case_rules.STATE_LABELS.get(c.state, c.state),
                        yuan_text(c.total_fen, grouped=True),
                        yuan_text(c.cap_fen, grouped=True),
                    ],
                )
                for c in view.cases
            ]
        )

    def _show_history(self, row: int) -> None:
        if self.view is None or not 0 <= row < len(self.view.persons):
            self.history.set_rows([])
            self.subsidies.show_person(None, None, [])
            return
        pv = self.view.persons[row]
        self.subsidies.show_person(pv.person, self.view.household, pv.subsidies)
        rows = [
            (
                c.id,
                [
                    self.tr("残疾人证"),
                    mask_id(c.cert_number),
                    self.tr("%s类%s级") % (c.category, c.grade),
                    c.valid_from or "",
                    c.valid_to or "",
                    self.tr("现行") if c.valid_to is None else self.tr("历史"),
                ],
            )
            for c in pv.certificates
        ]
        self.history.set_rows(rows)

    def selected_response(self) -> tuple[str, str] | None:
        """The form response selected in the forms table: (its id, its state)."""
        rows = self.forms_view.selectionModel().selectedRows()
        if self.view is None or not rows:
            return None
        rid = self.forms.record_id(rows[0].row())
        state = next((r.state for r in self.view.responses if r.id == rid), "")
        return (rid, state) if rid else None

    def selected_person_id(self) -> str | None:
        rows = self.members_view.selectionModel().selectedRows()
        return self.members.record_id(rows[0].row()) if rows else None

    def _selected_person(self) -> Person | None:
        person_id = self.selected_person_id()
        if self.view is None or person_id is None:
            return None
        return next((pv.person for pv in self.view.persons if pv.person.id == person_id), None)

    def on_changed(self, changed: Changed) -> None:
        if self.household_id and self.household_id in changed.households:
            self.reload()

    # -- actions -------------------------------------------------------------------------

    def _run(self, action: object) -> None:
        try:
            changed = action()  # type: ignore[operator]
        except ValidationFailed as exc:
            QMessageBox.warning(self, self.tr("没有保存"), str(exc))
            return
        if isinstance(changed, tuple):
            changed = changed[1]
        self.session.announce(changed)

    def start_visit(self) -> None:
        self.navigate.emit("visit", self.household_id)

    def plan_visit(self) -> None:
        dialog = plan_dialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            visits = Visits(self.session.db, self.session.username)
            self._run(lambda: visits.plan(self.household_id, values["day"], values["note"]))

    def edit_household(self) -> None:
        if self.view is None:
            return
        dialog = household_dialog(self.view.household, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            self._run(lambda: self.session.registry.update_household(self.household_id, values))

    def _person(self) -> object | None:
        person_id = self.selected_person_id()
        if self.view is None or person_id is None:
            QMessageBox.information(
                self, self.tr("请先选择"), self.tr("请先在残疾人列表中选择一人")
            )
            return None
        return next(pv.person for pv in self.view.persons if pv.person.id == person_id)

    def edit_person(self) -> None:
        person = self._person()
        if person is None:
            return
        dialog = person_dialog(person, self)  # type: ignore[arg-type]
        if dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            pid = person.id  # type: ignore[attr-defined]
            self._run(lambda: self.session.registry.update_person(pid, values))

    def cancel_person(self) -> None:
        person = self._person()
        if person is None:
            return
        dialog = cancel_dialog(person, self)  # type: ignore[arg-type]
        if dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            pid = person.id  # type: ignore[attr-defined]
            self._run(
                lambda: self.session.registry.cancel_person(pid, values["reason"], values["on"])
            )

    def report_change(self) -> None:
        """Report a change found on the visit about the chosen person (the month's task)."""
        person = self._person()
        if person is None:
            return
        dialog = report_dialog(person.name, self)  # type: ignore[attr-defined]
        if dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            pid = person.id  # type: ignore[attr-defined]
            tasks = Tasks(self.session.db, self.session.username, self.session.role)
            self._run(lambda: tasks.report(pid, [values]))

    def reveal_id(self) -> None:
        person = self._person()
        if person is None:
            return
        pid = person.id  # type: ignore[attr-defined]
        audit.record(
            self.session.db, self.session.username, "view", "person", pid, {"shown": "id_number"}
        )
        QMessageBox.information(
            self,
            self.tr("完整证件号"),
            self.tr("%s\n身份证号：%s\n残疾人证号：%s")
            % (person.name, person.id_number, person.cert_number),  # type: ignore[attr-defined]
        )
