"""FormWidget: a form drawn from its definition, re-evaluated on every change.

Sections are titled groups; each item shows its paper number and label, its editor,
and marks: errors and warnings as the member types (on items already touched, or on
all after `show_all_issues`), and answers that differ from last year. Items that do
not apply are hidden. With last year's answers, each section has a button that fills
it with them, so a member confirms an unchanged year instead of retyping it.
"""

from __future__ import annotations

import copy
import functools
import itertools
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.forms.context import FormContext
from app.forms.definition import FormDefinition, Item, Section
from app.forms.engine import FormEngine, FormIssue, is_empty
from ui.announce import MessageLine
from ui.forms.answer_text import answer_text, fills_from_last, without_visit_facts
from ui.forms.attachments import AttachmentStore
from ui.forms.fields import Field
from ui.forms.item_row import ItemRow, field_for
from ui.forms.media import StoredField
from ui.forms.table import RepeatField


class FormWidget(QWidget):
    """One response's answers on screen, checked by the form engine as the member types."""

    #: the member changed an answer (or confirmed a section)
    changed = Signal()
    #: every photo and signature save in flight has ended
    settled = Signal()

    def __init__(
        self,
        definition: FormDefinition,
        engine: FormEngine,
        context: FormContext,
        answers: Mapping[str, Any],
        last_answers: Mapping[str, Any] | None = None,
        editable: bool = True,
        *,
        attachments: AttachmentStore | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.definition = definition
        self.engine = engine
        self.context = context
        self.editable = editable
        self.last = dict(last_answers) if last_answers else None
        self._answers: dict[str, Any] = copy.deepcopy(dict(answers))
        self._touched: set[str] = set()
        self._show_all = not editable
        self._issues: list[FormIssue] = []
        self.rows: dict[str, ItemRow] = {}
        self.boxes: dict[str, QGroupBox] = {}
        self.confirm_buttons: dict[str, QPushButton] = {}
        self.confirm_notes: dict[str, MessageLine] = {}
        self.setAccessibleName(definition.title)

        content = QWidget()
        column = QVBoxLayout(content)
        for section in definition.sections:
            column.addWidget(self._section_box(section, attachments))
        column.addStretch(1)
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.area)
        self._set_tab_order()
        self._refresh()

    # -- building -------------------------------------------------------------------------

    def _section_box(self, section: Section, store: AttachmentStore | None) -> QGroupBox:
        box = QGroupBox(section.title)
        box.setAccessibleName(section.title)
        layout = QVBoxLayout(box)
        if self.editable and self.last is not None:
            button = QPushButton(self.tr("本部分与去年相同"), box)
            button.setAccessibleDescription(
                section.title
                + "\n"
                + self.tr(
                    "用去年的答案填写本部分；登记库的信息、今年已填的文字、日期、照片和签字不变"
                )
            )
            button.clicked.connect(lambda _c=False, sid=section.id: self.confirm_section(sid))
            note = MessageLine(box)
            top = QHBoxLayout()
            top.addWidget(button)
            top.addWidget(note, 1)
            layout.addLayout(top)
            self.confirm_buttons[section.id] = button
            self.confirm_notes[section.id] = note
        for item in section.items:
            field = self._field(item, store)
            row = ItemRow(item, field, box)
            layout.addWidget(row)
            self.rows[item.name] = row
            if field is not None:
                field.set_value(self._answers.get(item.name))
                field.edited.connect(lambda name=item.name: self._edited(name))
                if isinstance(field, StoredField):
                    field.settled.connect(self._maybe_settled)
            notes = self._answers.get("_notes") or {}
            if row.note_edit is not None:
                row.note_edit.setText(str(notes.get(item.name) or ""))
                row.note_edit.setReadOnly(not self.editable)
                row.note_edited.connect(lambda text, name=item.name: self._note(name, text))
        self.boxes[section.id] = box
        return box

    def _field(self, item: Item, store: AttachmentStore | None) -> Field | None:
        editable = self.editable and not item.readonly
        return field_for(item, store, editable, functools.partial(self.text_of, item))

    def controls(self) -> list[QWidget]:
        """Every focusable control, in reading order."""
        found: list[QWidget] = []
        for section in self.definition.sections:
            if section.id in self.confirm_buttons:
                found.append(self.confirm_buttons[section.id])
            for item in section.items:
                found += self.rows[item.name].controls()
        return found

    def _set_tab_order(self) -> None:
        controls = self.controls()
        for first, second in itertools.pairwise(controls):
            QWidget.setTabOrder(first, second)

    # -- answers ----------------------------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        """The answers as they will be saved: skipped items dropped, calculations filled."""
        return self.engine.clean(self._answers, self.context)

    def issues(self) -> list[FormIssue]:
        """Every error and warning of the answers now (shown or not yet)."""
        return list(self._issues)

    def _set(self, name: str, value: Any) -> None:
        if is_empty(value):
            self._answers.pop(name, None)
        else:
            self._answers[name] = value

    def _edited(self, name: str) -> None:
        field = self.rows[name].field
        if field is not None:
            self._set(name, field.value())
        self._touched.add(name)
        self._refresh()
        self.changed.emit()

    def _note(self, name: str, text: str) -> None:
        notes = dict(self._answers.get("_notes") or {})
        if text.strip():
            notes[name] = text.strip()
        else:
            notes.pop(name, None)
        self._set("_notes", notes)
        self._refresh()
        self.changed.emit()

    def text_of(self, item: Item, value: Any) -> str:
        """An answer in words, with the paper codes of choices: "1 入户"."""
        return answer_text(item, value)

    # -- checking ---------------------------------------------------------------------------

    def _refresh(self) -> None:
        evaluation = self.engine.evaluate(self._answers, self.context)
        self._issues = self.engine.validate(self._answers, self.context, last=self.last)
        by_item: dict[str, list[FormIssue]] = {}
        for issue in self._issues:
            by_item.setdefault(issue.item, []).append(issue)
        changed: dict[str, Any] = {}
        if self.last:
            for difference in self.engine.differences(self._answers, self.last, self.context):
                changed[difference.item] = difference.before
        for section in self.definition.sections:
            any_shown = False
            for item in section.items:
                row = self.rows[item.name]
                applies = evaluation.relevant.get(item.name, True)
                row.setVisible(applies)
                any_shown = any_shown or applies
                field = row.field
                value = evaluation.values.get(item.name)
                if isinstance(field, RepeatField):
                    relevance = evaluation.row_relevant.get(item.name, [])
                    field.update_evaluation(value, relevance, by_item.get(item.name, []))
                elif item.calculate is not None and field is not None:
                    field.set_value(value)
                shown = self._show_all or item.name in self._touched
                issues = by_item.get(item.name, []) if shown else []
                row.set_marks(issues, self._change(item, changed), self._last_hint(item))
            self.boxes[section.id].setVisible(any_shown)

    def _change(self, item: Item, changed: Mapping[str, Any]) -> str | None:
        """Last year's answer of a changed item (none for this visit's own facts)."""
        if item.name not in changed or item.visit_fact:
            return None
        if is_empty(self._answers.get(item.name)) and item.calculate is None:
            return None  # not answered yet: the hint under the item shows last year's answer
        return self.text_of(item, changed[item.name])

    def _last_hint(self, item: Item) -> str | None:
        """Last year's answer beside an item: all of them in review, else on unanswered ones."""
        if self.last is None or self.rows[item.name].field is None or item.visit_fact:
            return None  # this visit's own facts are not compared with last year's
        if self.editable and not (
            self.fills_from_last(item) and is_empty(self._answers.get(item.name))
        ):
            return None
        before = self.last.get(item.name)
        return None if self.editable and is_empty(before) else self.text_of(item, before)

    def show_all_issues(self) -> None:
        """Show the marks of every item, touched or not (before completing)."""
        self._show_all = True
        self._refresh()

    def first_issue_item(self, errors_only: bool = True) -> str | None:
        found = [i for i in self._issues if i.is_error or not errors_only]
        return found[0].item if found else None

    def focus_item(self, name: str) -> None:
        """Scroll to an item and put the focus on its editor; for an answer the keyboard
        cannot give (a signature), on the item that may stand for it (the reason for no
        signature, an item its `required` rule reads)."""
        row = self.rows.get(name)
        if row is None:
            return
        row = self._keyboard_way(row)
        self.area.ensureWidgetVisible(row)
        controls = row.controls()
        target = row.field.focus_target() if row.field is not None else None
        (target or (controls[0] if controls else row)).setFocus(Qt.FocusReason.OtherFocusReason)

    def _keyboard_way(self, row: ItemRow) -> ItemRow:
        required = row.item.required
        if row.field is None or row.field.by_keyboard or isinstance(required, bool):
            return row
        for other in self.rows.values():  # in the form's order
            field = other.field
            if other.item.name not in required.names or field is None or other.isHidden():
                continue
            if field.by_keyboard and field.controls():
                return other
        return row

    # -- confirming a section as unchanged --------------------------------------------------

    def fills_from_last(self, item: Item) -> bool:
        return fills_from_last(item)

    def confirm_section(self, section_id: str, *, speak: bool = True) -> list[str]:
        """Fill a section with last year's answers; returns the items that changed (and
        says how many, unless `speak` is False: confirming every section says it once)."""
        if self.last is None or not self.editable:
            return []
        section = next(s for s in self.definition.sections if s.id == section_id)
        filled: list[str] = []
        for item in section.items:
            if not self.fills_from_last(item):
                continue
            before = without_visit_facts(item, self.last.get(item.name))
            now = self._answers.get(item.name)
            if (item.type == "text" and not is_empty(now)) or before == now:
                continue
            self._set(item.name, copy.deepcopy(before))
            row = self.rows[item.name]
            if row.field is not None:
                row.field.set_value(before)
            filled.append(item.name)
        self._touched.update(i.name for i in section.items)
        note = self.confirm_notes.get(section_id)
        if note is not None:
            done = self.tr("已按去年填写 %d 题") % len(filled) if filled else self.tr("已确认")
            note.show_message(done, speak=speak)
        self._refresh()
        self.changed.emit()
        return filled

    def confirm_all_sections(self) -> list[str]:
        """Confirm every section that applies now (and those it opens) as unchanged."""
        filled: list[str] = []
        for section in self.definition.sections:
            if not self.boxes[section.id].isHidden():
                filled += self.confirm_section(section.id, speak=False)
        return filled

    def current_section(self) -> str | None:
        """The section holding the focus."""
        focus = self.focusWidget()
        for section_id, box in self.boxes.items():
            if focus is not None and box.isAncestorOf(focus):
                return section_id
        return None

    # -- photos and signatures ------------------------------------------------------------

    def _stored_fields(self) -> list[StoredField]:
        return [r.field for r in self.rows.values() if isinstance(r.field, StoredField)]

    def pending(self) -> int:
        """Photo and signature saves still running."""
        return sum(f.pending for f in self._stored_fields())

    def flush(self) -> None:
        """Start saving a signature that waits for the end of the pen's pause."""
        for field in self._stored_fields():
            field.flush()

    def _maybe_settled(self) -> None:
        if self.pending() == 0:
            self.settled.emit()
