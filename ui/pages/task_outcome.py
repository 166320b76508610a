"""The outcome of a task in the field: 属实/不属实/已更正, method, date, reason, photo, and the
proposed consequences as tick lines the member confirms in one step ("提交", Ctrl+Enter).

The dialog checks the outcome with the same rules as the service (app.domain.tasks) and
says what is missing under the fields; "提交" stays disabled until the outcome is right.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import tasks as rules
from app.domain.messages import message_for
from app.services.tasks import NEW_HOUSEHOLD
from ui.announce import MessageLine
from ui.date_edit import DateEdit
from ui.dialog_keys import submit_on_ctrl_enter
from ui.theme import fit_dialog

#: the consequences of an outcome (and of a new household): (outcome, household id) -> lines
Proposer = Callable[[str, str], list[dict[str, Any]]]


class OutcomeDialog(QDialog):
    """Record what the member found; `values()` gives it back once the dialog is accepted."""

    def __init__(
        self,
        heading: str,
        propose: Proposer,
        households: Sequence[tuple[str, str]] = (),
        parent: QWidget | None = None,
        *,
        moving: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("核实结果"))
        self._propose = propose
        self._photo: bytes | None = None
        intro = QLabel(heading, self)
        intro.setWordWrap(True)

        self.outcome = QComboBox(self)
        self.outcome.addItem(self.tr("（请选择）"), "")
        for code, text in rules.OUTCOME_LABELS.items():
            self.outcome.addItem(text, code)
        self.outcome.setAccessibleName(self.tr("核实结果"))
        self.method = QComboBox(self)
        self.method.addItem(self.tr("（请选择）"), "")
        for code, text in rules.METHOD_LABELS.items():
            self.method.addItem(text, code)
        self.method.setAccessibleName(self.tr("核实方式"))
        self.checked_on = DateEdit(date.today(), self)
        self.checked_on.setAccessibleName(self.tr("核实日期"))
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setAccessibleName(self.tr("理由或说明"))
        self.reason.setAccessibleDescription(self.tr("核实结果为“不属实”时必填"))
        self.reason.setFixedHeight(self.fontMetrics().lineSpacing() * 3)
        self.household = QComboBox(self)
        self.household.addItem(self.tr("（不迁户）"), "")
        for household_id, text in households:
            self.household.addItem(text, household_id)
        self.household.setAccessibleName(self.tr("迁入的户"))
        self.household.setAccessibleDescription(
            self.tr("区内迁居时选择此人迁入的户，或某村的新户（再填新住址）")
        )
        self.address = QLineEdit(self)
        self.address.setAccessibleName(self.tr("新住址"))
        self.address.setAccessibleDescription(self.tr("迁到新户时必填"))
        self.photo_button = QPushButton(self.tr("选择照片(&P)…"), self)
        self.photo_button.setAccessibleDescription(self.tr("可选：证明核实结果的照片"))
        self.photo_label = QLabel(self.tr("没有照片"), self)
        self.consequences = QListWidget(self)
        self.consequences.setAccessibleName(self.tr("核实后的处理"))
        self.consequences.setAccessibleDescription(
            self.tr("勾选的处理在审核员通过后执行；空格键勾选或取消")
        )
        self.consequences.setWordWrap(True)
        # a few lines at least; more as the dialog grows (at 200 % the screen is short)
        self.consequences.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.errors = MessageLine(self, repeat=False)

        form = QFormLayout()
        for text, widget in (
            (self.tr("核实结果(&O)："), self.outcome),
            (self.tr("核实方式(&M)："), self.method),
            (self.tr("核实日期(&D)："), self.checked_on),
            (self.tr("理由或说明(&R)："), self.reason),
            (self.tr("迁入的户(&H)："), self.household),
            (self.tr("新住址(&N)："), self.address),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo_button)
        photo_row.addWidget(self.photo_label, 1)
        form.addRow(QLabel(self.tr("照片："), self), photo_row)
        consequences_label = QLabel(self.tr("核实后的处理（审核通过后执行）(&C)："), self)
        consequences_label.setBuddy(self.consequences)
        consequences_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton(
            self.tr("提交(&S)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        submit_on_ctrl_enter(self, self.ok)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(consequences_label)
        layout.addWidget(self.consequences, 1)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)

        self.form = form
        self.household.setVisible(moving or bool(households))
        form.labelForField(self.household).setVisible(self.household.isVisible())
        self.address.textChanged.connect(lambda _t: self.recheck())
        self.outcome.currentIndexChanged.connect(lambda _i: self._proposal())
        self.household.currentIndexChanged.connect(lambda _i: self._proposal())
        self.method.currentIndexChanged.connect(lambda _i: self.recheck())
        self.checked_on.dateChanged.connect(lambda _d: self.recheck())
        self.reason.textChanged.connect(self.recheck)
        self.photo_button.clicked.connect(self.choose_photo)
        self._proposal()
        fit_dialog(self, 34)

    # -- the proposal and the checks -------------------------------------------------------

    def _proposal(self) -> None:
        new = str(self.household.currentData() or "").startswith(NEW_HOUSEHOLD)
        self.address.setVisible(new)
        self.form.labelForField(self.address).setVisible(new)
        outcome = str(self.outcome.currentData() or "")
        changes_things = outcome in (rules.CONFIRMED, rules.CORRECTED)  # never 不属实
        household = str(self.household.currentData() or "")
        lines = self._propose(outcome, household) if changes_things else []
        self.consequences.clear()
        for line in lines:
            item = QListWidgetItem(rules.describe(line, self._household_names()))
            item.setData(Qt.ItemDataRole.UserRole, line)
            if line.get("blocked"):  # cannot apply: shown with why, unticked, not tickable
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setCheckState(Qt.CheckState.Unchecked)
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
            self.consequences.addItem(item)
        if not lines:
            empty = (
                self.tr("不属实：不变更登记信息和补贴")
                if outcome == rules.DISPUTED
                else self.tr("没有需要执行的处理")
            )
            item = QListWidgetItem(empty)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.consequences.addItem(item)
        self.consequences.setCurrentRow(0)
        self.recheck()

    def _household_names(self) -> dict[str, str]:
        """Households by id, villages by code (for the lines that name them)."""
        return {
            str(self.household.itemData(i)).removeprefix(NEW_HOUSEHOLD): self.household.itemText(i)
            for i in range(1, self.household.count())
        }

    def chosen(self) -> list[dict[str, Any]]:
        """The consequences the member leaves ticked."""
        found = []
        for row in range(self.consequences.count()):
            item = self.consequences.item(row)
            line = item.data(Qt.ItemDataRole.UserRole)
            if line and not line.get("blocked") and item.checkState() == Qt.CheckState.Checked:
                line = dict(line)
                if line.get("action") == rules.MOVE and not line.get("household_id"):
                    line["address"] = self.address.text().strip()  # the new household's
                found.append(line)
        return found

    def recheck(self) -> bool:
        """Check the outcome as the service will; say what is missing; enable 提交."""
        issues = rules.outcome_issues(
            str(self.outcome.currentData() or ""),
            str(self.method.currentData() or ""),
            self.checked_on.date().toPython(),  # type: ignore[arg-type]
            self.reason.toPlainText(),
            consequences=self.chosen(),
            today=date.today(),
        )
        self.errors.show_message(self.tr("；").join(message_for(i) for i in issues), speak=False)
        self.ok.setEnabled(not issues)
        return not issues

    # -- the photo --------------------------------------------------------------------------

    def choose_photo(self) -> None:
        shown = self.tr("照片 (*.jpg *.jpeg *.png *.heic *.bmp)")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择照片"), "", shown)
        if path:
            self.set_photo(Path(path).read_bytes(), Path(path).name)

    def set_photo(self, data: bytes, name: str) -> None:
        self._photo = data
        self.photo_label.setText(self.tr("照片：%s") % name)

    # -- the result ------------------------------------------------------------------------

    def accept(self) -> None:
        if self.recheck():  # Enter while something is missing keeps the dialog open
            super().accept()

    def values(self) -> dict[str, Any]:
        outcome = str(self.outcome.currentData() or "")
        return {
            "outcome": outcome,
            "method": str(self.method.currentData() or ""),
            "checked_on": self.checked_on.date().toPython(),
            "reason": self.reason.toPlainText().strip(),
            "consequences": self.chosen() if outcome != rules.DISPUTED else [],
            "photo": self._photo,
        }
