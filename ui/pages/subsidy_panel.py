"""The selected person's subsidies on the household page: every period, the warnings, the steps.

Each period shows its kind, group, months, monthly amount (yuan, from integer fen), status,
end reason, decision and the steps taken. The buttons take the step the selected period is
at, as the signed-in role may: 申请 (anyone), 受理 (member), 审核 (reviewer), 审定 (admin),
不予批准 (reviewer, admin), 停发 (reviewer, admin). `warning_text` gives the warnings line
other pages show (审核 beside a response or a task).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.domain import subsidies as rules
from app.domain import subsidy_steps as steps
from app.domain.codes import load_code_lists
from app.domain.issues import ValidationFailed
from app.domain.masking import mask_bank
from app.domain.settings import Settings, SettingsError, load_settings
from app.services.subsidies import Subsidies, settings_for, warnings
from app.store.registry import Household, Person, Subsidy
from app.store.work import FormResponse
from ui.forms.marks import WARNING, Mark
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages import subsidy_dialogs as dialogs
from ui.rows_model import RowsModel, rows_view
from ui.session import AppSession

HEADERS = (
    QT_TRANSLATE_NOOP("SubsidyPanel", "补贴"),
    QT_TRANSLATE_NOOP("SubsidyPanel", "对象组"),
    QT_TRANSLATE_NOOP("SubsidyPanel", "起始月"),
    QT_TRANSLATE_NOOP("SubsidyPanel", "停发月"),
    QT_TRANSLATE_NOOP("SubsidyPanel", "月金额（元）"),
    QT_TRANSLATE_NOOP("SubsidyPanel", "状态"),
    QT_TRANSLATE_NOOP("SubsidyPanel", "停发原因"),
    QT_TRANSLATE_NOOP("SubsidyPanel", "批准日期"),
    QT_TRANSLATE_NOOP("SubsidyPanel", "批准文号"),
    QT_TRANSLATE_NOOP("SubsidyPanel", "办理记录"),
)
#: the forward step's button text (translated when shown)
STEP_BUTTONS = {
    steps.ACCEPT: QT_TRANSLATE_NOOP("SubsidyPanel", "受理(&T)…"),
    steps.REVIEW: QT_TRANSLATE_NOOP("SubsidyPanel", "审核(&T)…"),
    steps.APPROVE: QT_TRANSLATE_NOOP("SubsidyPanel", "审定(&T)…"),
}
NO_STEP = QT_TRANSLATE_NOOP("SubsidyPanel", "办理(&T)…")
#: the steps' names as shown (app.domain.subsidy_steps.STEP_LABELS, translated when shown)
STEP_NAMES = (
    QT_TRANSLATE_NOOP("SubsidyPanel", "申请"),
    QT_TRANSLATE_NOOP("SubsidyPanel", "受理"),
    QT_TRANSLATE_NOOP("SubsidyPanel", "审核"),
    QT_TRANSLATE_NOOP("SubsidyPanel", "审定"),
    QT_TRANSLATE_NOOP("SubsidyPanel", "不予批准"),
    QT_TRANSLATE_NOOP("SubsidyPanel", "停发"),
)


def _label(list_id: str, code: str) -> str:
    items = load_code_lists()[list_id]
    return items.label(code) if code in items else code


def local_settings(area_code: str, today: date | None = None) -> Settings | None:
    """The settings of this year for the area (None when the file has none)."""
    try:
        return settings_for(load_settings(), (today or date.today()).year, area_code)
    except SettingsError:
        return None


def warning_text(
    session: AppSession, *, response_id: str = "", person_id: str = "", household_id: str = ""
) -> str:
    """The subsidy warnings of a person, a response's person or every person of a household."""
    with session.db.session() as s:
        if response_id:
            response = s.get(FormResponse, response_id)
            if response is None:
                return ""
            person_id, household_id = response.person_id or "", response.household_id
        ids = (
            [person_id]
            if person_id
            else list(
                s.scalars(
                    select(Person.id).where(
                        Person.household_id == household_id, Person.deleted.is_(False)
                    )
                )
            )
        )
        messages = [issue.message for pid in ids for issue in warnings(s, pid)]
    if not messages:
        return ""
    return QCoreApplication.translate("SubsidyPanel", "补贴提醒：%s") % "；".join(messages)


def _tr(text: str) -> str:
    return QCoreApplication.translate("SubsidyPanel", text)


def steps_text(entries: Sequence[dict[str, Any]]) -> str:
    """The steps taken, oldest first: "申请 m001001 2026-11-02；受理 …"."""
    parts = []
    for entry in entries:
        name = steps.STEP_LABELS.get(str(entry.get("step")), str(entry.get("step")))
        words = " ".join(str(entry.get(k) or "") for k in ("by", "on")).strip()
        note = str(entry.get("note") or "")
        parts.append(f"{_tr(name)} {words}" + (f"（{note}）" if note else ""))
    return QCoreApplication.translate("SubsidyPanel", "；").join(parts)


class SubsidyPanel(QWidget):
    """The subsidies of the person selected on the household page, and their steps."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.service = Subsidies(session.db, session.username, session.role)
        self.person: Person | None = None
        self.household: Household | None = None
        self.periods: list[Subsidy] = []
        self.warnings = Mark(WARNING, self, spoken=False)  # shown with the person
        self.account = QLabel(self)  # where the subsidies are paid: masked (ARCHITECTURE.md)
        self.account.setWordWrap(True)
        self.model = RowsModel([self.tr(h) for h in HEADERS])
        self.view = rows_view(self.tr("补贴记录"), self.model, min_height=110)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        # the selected period's steps in full (the table's column is cut to its width)
        self.steps = QLabel(self)
        self.steps.setWordWrap(True)
        self.steps.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label = QLabel(self.tr("补贴记录(&L)"))
        label.setBuddy(self.view)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        actions: tuple[tuple[str, str, str, Callable[[], None]], ...] = (
            (
                "apply",
                QT_TRANSLATE_NOOP("SubsidyPanel", "申请补贴(&S)…"),
                QT_TRANSLATE_NOOP("SubsidyPanel", "为所选残疾人申请生活补贴或护理补贴"),
                self.apply,
            ),
            (
                "step",
                NO_STEP,
                QT_TRANSLATE_NOOP("SubsidyPanel", "办理所选申请的下一步：受理、审核或审定"),
                self.take_step,
            ),
            (
                "refuse",
                QT_TRANSLATE_NOOP("SubsidyPanel", "不予批准(&X)…"),
                QT_TRANSLATE_NOOP("SubsidyPanel", "所选申请不予批准，须填写原因"),
                self.refuse,
            ),
            (
                "stop",
                QT_TRANSLATE_NOOP("SubsidyPanel", "停发补贴(&O)…"),
                QT_TRANSLATE_NOOP("SubsidyPanel", "停发正在发放的补贴，须填写原因和最后发放月份"),
                self.stop,
            ),
        )
        for key, text, description, slot in actions:
            button = QPushButton(self.tr(text))
            button.setAccessibleDescription(self.tr(description))
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.warnings)
        layout.addWidget(self.account)
        layout.addWidget(label)
        layout.addWidget(self.view)
        layout.addWidget(self.steps)
        layout.addLayout(row)
        self._update_buttons()

    # -- showing -------------------------------------------------------------------------

    def show_person(
        self, person: Person | None, household: Household | None, periods: Sequence[Subsidy]
    ) -> None:
        self.person, self.household = person, household
        order = {"": 1}
        self.periods = sorted(
            periods, key=lambda p: (p.kind, order.get(p.start_month, 0), p.start_month)
        )
        settings = local_settings(household.area_code) if household is not None else None
        text = ""
        if person is not None and household is not None and settings is not None:
            found = rules.checks(person, household, self.periods, settings)
            text = self.tr("补贴提醒：%s") % "；".join(i.message for i in found) if found else ""
        self.warnings.set_text(text)
        account = (
            " ".join(p for p in (person.bank_name, mask_bank(person.bank_account)) if p)
            if person is not None
            else ""
        )
        self.account.setText(self.tr("收款账户：%s") % (account or self.tr("（未登记）")))
        self.account.setVisible(person is not None)
        self.model.set_rows([(p.id, self._cells(p, settings)) for p in self.periods])
        if self.periods:
            self.view.selectRow(0)
        self._update_buttons()

    def _cells(self, p: Subsidy, settings: Settings | None) -> list[str]:
        return [
            _label("subsidy_kind", p.kind),
            rules.group_label(settings, p.kind, p.group) if p.group else "",
            p.start_month,
            p.end_month,
            rules.yuan_text(p.amount_fen) if p.amount_fen else "",
            _label("subsidy_status", p.status),
            _label("subsidy_end_reason", p.end_reason) if p.end_reason else "",
            p.decision_date.isoformat() if p.decision_date else "",
            p.decision_number,
            steps_text(list(p.steps or [])),
        ]

    def selected(self) -> Subsidy | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.periods):
            return None
        return self.periods[rows[0].row()]

    def _allowed(self, period: Subsidy | None) -> list[str]:
        if period is None:
            return []
        role = self.session.role
        return [
            s for s in steps.next_steps(period.steps, period.status) if role in steps.STEP_ROLES[s]
        ]

    def _update_buttons(self) -> None:
        active = self.person is not None and self.person.status == "active"
        period = self.selected()
        self.steps.setText(
            self.tr("办理记录：%s") % steps_text(list(period.steps or [])) if period else ""
        )
        self.steps.setVisible(period is not None)
        allowed = self._allowed(period)
        forward = next((s for s in allowed if s in STEP_BUTTONS), "")
        self.buttons["apply"].setEnabled(active)
        self.buttons["step"].setText(self.tr(STEP_BUTTONS.get(forward, NO_STEP)))
        self.buttons["step"].setEnabled(bool(forward))
        self.buttons["refuse"].setEnabled(steps.REFUSE in allowed)
        running = [p for p in self.periods if p.status in rules.RUNNING]
        may_stop = self.session.role in steps.STEP_ROLES[steps.STOP]
        self.buttons["stop"].setEnabled(bool(running) and may_stop)

    # -- the steps -----------------------------------------------------------------------

    def _run(self, action: Callable[[], Any]) -> None:
        try:
            changed = action()
        except ValidationFailed as exc:
            QMessageBox.warning(self, self.tr("没有保存"), str(exc))
            return
        if isinstance(changed, tuple):
            changed = changed[1]
        self.session.announce(changed)

    def _choices(self) -> tuple[list[tuple[str, str]], str]:
        """Every group of both subsidies this year here ("kind:group", words), the fitting one."""
        assert self.person is not None and self.household is not None
        settings = local_settings(self.household.area_code)
        if settings is None:
            return [], ""
        choices, chosen = [], ""
        for kind in rules.KINDS:
            fits = rules.qualifies(self.person, self.household, settings, kind)
            for group in settings.groups(kind):
                words = self.tr("%s · %s · %s元/月") % (
                    _label("subsidy_kind", kind),
                    rules.group_label(settings, kind, group.name),
                    rules.yuan_text(group.amount_fen),
                )
                if fits is not None and fits.name == group.name:
                    words += self.tr("（符合）")
                    chosen = chosen or f"{kind}:{group.name}"
                choices.append((f"{kind}:{group.name}", words))
        return choices, chosen

    def apply(self) -> None:
        if self.person is None or self.household is None:
            return
        choices, chosen = self._choices()
        if not choices:
            QMessageBox.information(
                self, self.tr("没有补贴设置"), self.tr("设置文件中没有本年度的补贴对象和标准")
            )
            return
        dialog = dialogs.apply_dialog(self.person.name, choices, chosen, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            kind, group = str(values["subsidy"]).split(":", 1)
            pid = self.person.id
            self._run(lambda: self.service.open_application(pid, kind, group, note=values["note"]))

    def take_step(self) -> None:
        period = self.selected()
        forward = next((s for s in self._allowed(period) if s in STEP_BUTTONS), "")
        if period is None or not forward or self.person is None:
            return
        sid, name = period.id, self.person.name
        if forward == steps.APPROVE:
            dialog = dialogs.approve_dialog(name, self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                v = dialog.values()
                self._run(
                    lambda: self.service.approve(
                        sid, v["decision_date"], v["decision_number"], v["note"]
                    )
                )
            return
        dialog = dialogs.step_dialog(self.tr(steps.STEP_LABELS[forward]), name, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            note = dialog.values()["note"]
            use_case = self.service.accept if forward == steps.ACCEPT else self.service.review
            self._run(lambda: use_case(sid, note))

    def refuse(self) -> None:
        period = self.selected()
        if period is None or self.person is None or steps.REFUSE not in self._allowed(period):
            return
        dialog = dialogs.refuse_dialog(self.person.name, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            sid, note = period.id, dialog.values()["note"]
            self._run(lambda: self.service.refuse(sid, note))

    def stop(self) -> None:
        if self.person is None:
            return
        kinds = sorted({p.kind for p in self.periods if p.status in rules.RUNNING})
        if not kinds:
            return
        dialog = dialogs.stop_dialog(self.person.name, kinds, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            v, pid = dialog.values(), self.person.id
            self._run(
                lambda: self.service.stop(
                    pid, v["kind"], v["reason"], v["last_month"], note=v["note"]
                )
            )
