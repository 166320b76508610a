"""The case page's step dialogs: what each move of a case needs, asked before it is made.

A step dialog stays open while its step is saved: a refusal shows under the fields
(icon and words) with everything typed still there, and warnings that need a recorded
reason open a box for it; the dialog closes only once the step is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain import assessment
from app.domain import renovation as rules
from app.domain.issues import Issue
from ui.date_edit import DateEdit
from ui.dialog_keys import submit_on_ctrl_enter
from ui.forms.marks import ERROR, WARNING, Mark
from ui.i18n import QT_TRANSLATE_NOOP

#: the photos PhotoDialog offers (translated by its tr())
PHOTO_FILTER = QT_TRANSLATE_NOOP(
    "PhotoDialog", "照片 (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp)"
)


def text_box(name: str, lines: int = 3) -> QPlainTextEdit:
    """A few lines of text; Tab moves on (it does not type a tab)."""
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 16)
    return box


def date_box(name: str, day: date) -> QDateEdit:
    edit = DateEdit(day)
    edit.setAccessibleName(name)
    return edit


class StepDialog(QDialog):
    """The frame of a step: fields, the warnings to acknowledge, the refusal, save and cancel."""

    #: the user asked to save: the page runs the step and calls `failed` or `accept`
    submitted = Signal()

    def __init__(self, title: str, parent: QWidget | None = None, intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        self.intro.setVisible(bool(intro))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("汉") * 32)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.warnings = Mark(WARNING, self, spoken=True)
        self.acknowledge = text_box(self.tr("确认理由"), 2)
        self.acknowledge.setAccessibleDescription(self.tr("继续办理须写明为何仍然办理"))
        self.acknowledge_label = QLabel(self.tr("确认理由(&K)："), self)
        self.acknowledge_label.setBuddy(self.acknowledge)
        self.acknowledge.hide()
        self.acknowledge_label.hide()
        self.error = Mark(ERROR, self, spoken=True)
        self.buttons = QDialogButtonBox(self)
        self.save = self.buttons.addButton(
            self.tr("保存(&S)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        submit_on_ctrl_enter(self, self.save)  # Enter starts a new line in a text box
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.intro)

    def finish_layout(self) -> None:
        """Put the shared parts below the step's own fields (subclasses call it last)."""
        if self.form.parent() is None:  # not placed by the subclass: the fields come first
            self.layout_.insertLayout(1, self.form)
        self.layout_.addWidget(self.warnings)
        self.layout_.addWidget(self.acknowledge_label)
        self.layout_.addWidget(self.acknowledge)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)
        screen = self.screen().availableGeometry().size()
        wanted = self.sizeHint().expandedTo(self.minimumSizeHint())
        self.resize(wanted.boundedTo(screen * 0.9).expandedTo(self.minimumSizeHint()))

    def add_row(self, label: str, widget: QWidget, name: str, description: str = "") -> None:
        """A labelled field; `label` carries the mnemonic, `name` is what a screen reader says."""
        widget.setAccessibleName(name)
        if description:
            widget.setAccessibleDescription(description)
            widget.setToolTip(description)
        text = QLabel(label, self)
        text.setBuddy(widget)
        text.setWordWrap(True)
        self.form.addRow(text, widget)

    def values(self) -> dict[str, Any]:
        """What the step records (subclasses)."""
        return {}

    def acknowledgement(self) -> str:
        return self.acknowledge.toPlainText().strip() if self.acknowledge.isVisible() else ""

    def _submit(self) -> None:
        self.error.set_text("")
        self._saving(True)
        self.submitted.emit()

    def _saving(self, saving: bool) -> None:
        """While the step is being saved, neither save again nor cancel (it may land)."""
        self.buttons.setEnabled(not saving)

    def reject(self) -> None:
        if self.buttons.isEnabled():  # Escape while saving waits for the outcome
            super().reject()

    def failed(self, message: str) -> None:
        """The step was refused: say why, keep what was typed, let the user fix it."""
        self._saving(False)
        self.error.set_text(self.tr("没有保存：%s") % message)

    def ask_acknowledgement(self, issues: Sequence[Issue]) -> None:
        """Show the warnings that need a recorded reason and ask for it."""
        self._saving(False)
        self.warnings.set_text(self.tr("；").join(issue.message for issue in issues))
        self.acknowledge_label.show()
        self.acknowledge.show()
        self.acknowledge.setFocus()
        self.error.set_text(self.tr("没有保存：请填写确认理由后再保存"))


class MoveDialog(StepDialog):
    """A plain move: the reason, and the details the target needs (contractor, dates ...)."""

    def __init__(
        self, state: str, target: str, title: str, intro: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent, intro)
        self.target = target
        rule = rules.CASES.rule(state, target)
        self.required = rule is not None and rule.reason_required
        self.fields: dict[str, QWidget] = {}
        today = date.today()
        # each field: key, label (with mnemonic), name, editor, description
        if target == rules.PUBLICISED:
            self._field(
                "publicity_from",
                QT_TRANSLATE_NOOP("MoveDialog", "公示开始(&1)："),
                QT_TRANSLATE_NOOP("MoveDialog", "公示开始"),
                date_box("", today),
            )
            self._field(
                "publicity_to",
                QT_TRANSLATE_NOOP("MoveDialog", "公示结束(&2)："),
                QT_TRANSLATE_NOOP("MoveDialog", "公示结束"),
                date_box("", today + timedelta(days=7)),
            )
            self._field(
                "place",
                QT_TRANSLATE_NOOP("MoveDialog", "公示地点(&3)："),
                QT_TRANSLATE_NOOP("MoveDialog", "公示地点"),
                QLineEdit(),
                QT_TRANSLATE_NOOP("MoveDialog", "村务公开栏等"),
            )
        elif target == rules.IN_CONSTRUCTION:
            self._field(
                "contractor",
                QT_TRANSLATE_NOOP("MoveDialog", "施工单位(&1)："),
                QT_TRANSLATE_NOOP("MoveDialog", "施工单位"),
                QLineEdit(),
                QT_TRANSLATE_NOOP("MoveDialog", "必填"),
            )
            self._field(
                "start",
                QT_TRANSLATE_NOOP("MoveDialog", "开工日期(&2)："),
                QT_TRANSLATE_NOOP("MoveDialog", "开工日期"),
                date_box("", today),
            )
            self._field(
                "planned_end",
                QT_TRANSLATE_NOOP("MoveDialog", "计划完工日期(&3)："),
                QT_TRANSLATE_NOOP("MoveDialog", "计划完工日期"),
                date_box("", today + timedelta(days=30)),
            )
        elif target == rules.COMPLETED:
            self._field(
                "finished",
                QT_TRANSLATE_NOOP("MoveDialog", "完工日期(&1)："),
                QT_TRANSLATE_NOOP("MoveDialog", "完工日期"),
                date_box("", today),
            )
            self._field(
                "note",
                QT_TRANSLATE_NOOP("MoveDialog", "说明(&2)："),
                QT_TRANSLATE_NOOP("MoveDialog", "说明"),
                QLineEdit(),
            )
        elif target == rules.FOLLOWED_UP:
            self._field(
                "finding",
                QT_TRANSLATE_NOOP("MoveDialog", "回访情况(&1)："),
                QT_TRANSLATE_NOOP("MoveDialog", "回访情况"),
                text_box(""),
                QT_TRANSLATE_NOOP("MoveDialog", "必填：设施是否在用、完好"),
            )
        self.reason = text_box(self.tr("理由"))
        if self.required:
            self.add_row(
                self.tr("理由（必填）(&R)："), self.reason, self.tr("理由"), self.tr("必填")
            )
        else:
            self.add_row(self.tr("理由(&R)："), self.reason, self.tr("理由"), self.tr("选填"))
        self.finish_layout()

    def _field(
        self, key: str, label: str, name: str, widget: QWidget, description: str = ""
    ) -> None:
        """A field of the move's details; the texts are translated here."""
        self.fields[key] = widget
        shown = self.tr(description) if description else ""
        self.add_row(self.tr(label), widget, self.tr(name), shown)

    def details(self) -> dict[str, Any] | None:
        """The details kept with the move, or None when the move has none."""
        if not self.fields:
            return None
        found: dict[str, Any] = {}
        for key, widget in self.fields.items():
            if isinstance(widget, QDateEdit):
                found[key] = widget.date().toString("yyyy-MM-dd")
            elif isinstance(widget, QLineEdit):
                found[key] = widget.text().strip()
            elif isinstance(widget, QPlainTextEdit):
                found[key] = widget.toPlainText().strip()
        return found

    def missing(self) -> str:
        """The first required detail left empty, as a message ("" when none)."""
        for key in ("contractor", "finding"):
            widget = self.fields.get(key)
            details = self.details() or {}
            if widget is not None and not details.get(key):
                return self.tr("必须填写%s") % widget.accessibleName()
        return ""

    def values(self) -> dict[str, Any]:
        return {"reason": self.reason.toPlainText().strip(), "details": self.details()}


class AssessmentDialog(StepDialog):
    """The home assessment: wishes, functional needs, measurements, whether the house can
    be adapted. It saves the keys of app.domain.assessment (which the print reads too)."""

    #: (code, label): the codes and labels of assessment.TOILETS, translated when shown
    TOILETS = (
        ("", QT_TRANSLATE_NOOP("AssessmentDialog", "（未查看）")),
        ("squat", QT_TRANSLATE_NOOP("AssessmentDialog", "蹲便")),
        ("seated", QT_TRANSLATE_NOOP("AssessmentDialog", "坐便")),
        ("none", QT_TRANSLATE_NOOP("AssessmentDialog", "无独立厕所")),
    )

    def __init__(self, last: dict[str, Any], parent: QWidget | None = None) -> None:
        intro = self.tr("记录入户评估。住房不宜改造时，保存后须填写确认理由。")
        super().__init__(self.tr("入户评估"), parent, intro)
        self.wishes = text_box(self.tr("改造意愿"))
        self.wishes.setPlainText(str(last.get(assessment.WISHES, "")))
        self.needs = QLineEdit(str(last.get(assessment.NEEDS, "")))
        self.door = self._measure(int(last.get(assessment.DOOR_WIDTH) or 0), 300)
        self.step = self._measure(int(last.get(assessment.STEP_HEIGHT) or 0), 200)
        self.toilet = QComboBox()
        for code, label in self.TOILETS:
            self.toilet.addItem(self.tr(label), code)
        self.toilet.setCurrentIndex(max(0, self.toilet.findData(last.get(assessment.TOILET, ""))))
        self.measurements = QLineEdit(str(last.get(assessment.MEASUREMENTS, "")))
        self.adaptable = QComboBox()
        self.adaptable.addItem(self.tr("可以改造（自有或产权人同意，非危房）"), True)
        self.adaptable.addItem(self.tr("不宜改造"), False)
        self.adaptable.setCurrentIndex(1 if last.get(assessment.HOUSE_ADAPTABLE) is False else 0)
        rows: tuple[tuple[str, str, QWidget, str], ...] = (  # label, name, editor, description
            (
                QT_TRANSLATE_NOOP("AssessmentDialog", "改造意愿(&1)："),
                QT_TRANSLATE_NOOP("AssessmentDialog", "改造意愿"),
                self.wishes,
                QT_TRANSLATE_NOOP("AssessmentDialog", "户主和残疾人希望改造什么"),
            ),
            (
                QT_TRANSLATE_NOOP("AssessmentDialog", "功能需求(&2)："),
                QT_TRANSLATE_NOOP("AssessmentDialog", "功能需求"),
                self.needs,
                QT_TRANSLATE_NOOP("AssessmentDialog", "如：轮椅进出、如厕、洗浴"),
            ),
            (
                QT_TRANSLATE_NOOP("AssessmentDialog", "门宽（厘米）(&3)："),
                QT_TRANSLATE_NOOP("AssessmentDialog", "门宽"),
                self.door,
                QT_TRANSLATE_NOOP("AssessmentDialog", "0 表示未测量"),
            ),
            (
                QT_TRANSLATE_NOOP("AssessmentDialog", "台阶高（厘米）(&4)："),
                QT_TRANSLATE_NOOP("AssessmentDialog", "台阶高"),
                self.step,
                QT_TRANSLATE_NOOP("AssessmentDialog", "0 表示未测量"),
            ),
            (
                QT_TRANSLATE_NOOP("AssessmentDialog", "厕所类型(&5)："),
                QT_TRANSLATE_NOOP("AssessmentDialog", "厕所类型"),
                self.toilet,
                "",
            ),
            (
                QT_TRANSLATE_NOOP("AssessmentDialog", "其他测量(&6)："),
                QT_TRANSLATE_NOOP("AssessmentDialog", "其他测量"),
                self.measurements,
                QT_TRANSLATE_NOOP("AssessmentDialog", "各处需改造位置的尺寸"),
            ),
            (
                QT_TRANSLATE_NOOP("AssessmentDialog", "住房可否改造(&7)："),
                QT_TRANSLATE_NOOP("AssessmentDialog", "住房可否改造"),
                self.adaptable,
                QT_TRANSLATE_NOOP("AssessmentDialog", "不宜改造须填写确认理由"),
            ),
        )
        for label, name, widget, description in rows:
            shown = self.tr(description) if description else ""
            self.add_row(self.tr(label), widget, self.tr(name), shown)
        self.finish_layout()

    @staticmethod
    def _measure(value: int, top: int) -> QSpinBox:
        box = QSpinBox()
        box.setRange(0, top)
        box.setSpecialValueText(QCoreApplication.translate("AssessmentDialog", "未测量"))
        box.setValue(value)
        return box

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            assessment.WISHES: self.wishes.toPlainText().strip(),
            assessment.NEEDS: self.needs.text().strip(),
            assessment.TOILET: self.toilet.currentData(),
            assessment.MEASUREMENTS: self.measurements.text().strip(),
            assessment.HOUSE_ADAPTABLE: bool(self.adaptable.currentData()),
        }
        for key, box in ((assessment.DOOR_WIDTH, self.door), (assessment.STEP_HEIGHT, self.step)):
            if box.value():
                found[key] = box.value()
        return found


class PhotoDialog(StepDialog):
    """Add photos from files: the item they show, before or after, the files."""

    def __init__(
        self, items: Sequence[tuple[str, str]], stage: str, parent: QWidget | None = None
    ) -> None:
        intro = self.tr("照片缩小到最长边1600像素，加密保存在本机，同步时上传。")
        super().__init__(self.tr("添加照片"), parent, intro)
        self.item = QComboBox()
        for code, name in items:
            self.item.addItem(name, code)
        self.stage = QComboBox()
        self.stage.addItem(self.tr("改造前"), "before")
        self.stage.addItem(self.tr("改造后"), "after")
        self.stage.setCurrentIndex(max(0, self.stage.findData(stage)))
        self.files = QLineEdit()
        self.files.setPlaceholderText(self.tr("照片文件，多个用分号隔开"))
        browse = QPushButton(self.tr("选择文件(&B)…"), self)
        browse.setAccessibleDescription(self.tr("选择照片文件"))
        browse.clicked.connect(self._browse)
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.files, 1)
        line.addWidget(browse)
        self.add_row(self.tr("改造项目(&1)："), self.item, self.tr("照片所示的改造项目"))
        self.add_row(self.tr("阶段(&2)："), self.stage, self.tr("改造前或改造后"))
        self.add_row(self.tr("文件(&3)："), row, self.tr("照片文件"))
        self.files.setAccessibleName(self.tr("照片文件"))
        self.finish_layout()

    def _browse(self) -> None:
        shown = self.tr(PHOTO_FILTER)
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择照片"), "", shown)
        if paths:
            self.files.setText(";".join(paths))

    def paths(self) -> list[str]:
        return [p.strip() for p in self.files.text().split(";") if p.strip()]

    def missing(self) -> str:
        """Why the files cannot be read ("" when they can)."""
        if not self.paths():
            return self.tr("请选择照片文件")
        absent = [p for p in self.paths() if not Path(p).is_file()]
        return self.tr("找不到文件：%s") % self.tr("、").join(absent) if absent else ""

    def values(self) -> dict[str, Any]:
        return {"code": self.item.currentData(), "stage": self.stage.currentData(),
                "paths": self.paths()}  # fmt: skip
