"""One item of a form on screen: its paper number and label, its editor, and its marks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from app.forms.definition import Item
from app.forms.engine import FormIssue
from ui.announce import SaidOnLeaving, mark_invalid, say, typed
from ui.forms.attachments import AttachmentStore
from ui.forms.choices import ChoiceField, MultiField
from ui.forms.fields import Field, GpsField, LineField, ShownField
from ui.forms.marks import CHANGED, ERROR, LAST, WARNING, Mark
from ui.forms.media import PhotoField, SignatureField
from ui.forms.table import RepeatField


def field_for(
    item: Item, store: AttachmentStore | None, editable: bool, show: Callable[[Any], str]
) -> Field | None:
    """The editor of an item: by type; a shown text when not editable or calculated."""
    if item.type == "note":
        return None
    if item.type == "repeat":
        return RepeatField(item, store, editable)
    if item.type == "photo":
        return PhotoField(item, store, editable)
    if item.type == "signature":
        return SignatureField(item, store, editable)
    if not editable or item.calculate is not None:
        return ShownField(item, show)
    if item.type in ("single", "yesno"):
        return ChoiceField(item)
    if item.type == "multi":
        return MultiField(item)
    if item.type == "gps":
        return GpsField(item)
    return LineField(item)


def is_optional(item: Item) -> bool:
    typed = item.is_input and not item.readonly
    return item.required is False and typed


class ItemRow(QWidget):
    """The title (a buddy of the editor), help, editor, and the error/warning/change marks."""

    #: the member typed the note that explains a change from last year
    note_edited = Signal(str)

    def __init__(self, item: Item, field: Field | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.field = field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        title = item.title + (self.tr("（选填）") if is_optional(item) else "")
        self.title = QLabel(title, self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        if field is not None:
            font = QFont(self.title.font())
            font.setBold(True)
            self.title.setFont(font)
            self.title.setBuddy(field.focus_target())
        layout.addWidget(self.title)
        self.help = QLabel(item.help, self)
        self.help.setWordWrap(True)
        self.help.setVisible(bool(item.help))
        layout.addWidget(self.help)
        if field is not None:
            layout.addWidget(field)
        self.last_mark = Mark(LAST, self)
        # said by set_marks, and only while the member is on the item
        self.error_mark = Mark(ERROR, self, spoken=False)
        self.warning_mark = Mark(WARNING, self, spoken=False)
        self.changed_mark = Mark(CHANGED, self)
        for mark in (self.last_mark, self.error_mark, self.warning_mark, self.changed_mark):
            layout.addWidget(mark)
        self._described: tuple[str, str] | None = None
        self.note_edit: QLineEdit | None = None
        if item.note_on_change and field is not None and field.controls():
            self.note_edit = QLineEdit(self)
            self.note_edit.setPlaceholderText(self.tr("与去年不同时，请说明原因"))
            self.note_edit.setAccessibleName(self.tr("%s：变化说明") % item.title)
            self.note_edit.textChanged.connect(self.note_edited)
            self.note_edit.hide()
            layout.addWidget(self.note_edit)
        for control in self.controls():
            if typed(control):
                SaidOnLeaving(control, self.issues_text)
        self._describe()

    def controls(self) -> list[QWidget]:
        """The focusable controls of the item, in reading order."""
        found = self.field.controls() if self.field is not None else []
        return found + ([self.note_edit] if self.note_edit is not None else [])

    def set_marks(
        self, issues: Sequence[FormIssue], changed_from: str | None, last: str | None = None
    ) -> None:
        """Errors and warnings, last year's answer when it changed, or last year's as a hint."""
        prefix = self.item.title + "："  # the title is right above: say it once
        errors = [i.message.removeprefix(prefix) for i in issues if i.is_error]
        warnings = [i.message.removeprefix(prefix) for i in issues if not i.is_error]
        before = (self.error_mark.shown_text(), self.warning_mark.shown_text())
        for control in self.controls():
            mark_invalid(control, bool(errors))
        self.error_mark.set_text("\n".join(self.tr("错误：%s") % m for m in errors))
        self.warning_mark.set_text("\n".join(self.tr("提醒：%s") % m for m in warnings))
        self.changed_mark.set_text(
            self.tr("与去年不同：去年为 %s") % changed_from if changed_from is not None else ""
        )
        self.last_mark.set_text(self.tr("去年：%s") % last if last is not None else "")
        if self.note_edit is not None:
            self.note_edit.setVisible(changed_from is not None or bool(self.note_edit.text()))
        self._describe()
        after = (self.error_mark.shown_text(), self.warning_mark.shown_text())
        if after != before and any(after):
            self._announce(after, errors=bool(errors))

    def marks_text(self) -> str:
        marks = (self.error_mark, self.warning_mark, self.changed_mark, self.last_mark)
        return "\n".join(t for t in (m.shown_text() for m in marks) if t)

    def _describe(self) -> None:
        """Name and describe the controls (errors first): only when that changed, so that a
        key typed does not tell a screen reader of a change that is none."""
        if self.field is None:
            return
        parts = [self.marks_text(), self.item.help]
        described = (self.item.title, "\n".join(p for p in parts if p))
        if described != self._described:
            self._described = described
            self.field.describe(*described)

    def issues_text(self) -> str:
        """The error and warning shown under the item."""
        marks = (self.error_mark.shown_text(), self.warning_mark.shown_text())
        return "\n".join(m for m in marks if m)

    def _announce(self, marks: tuple[str, str], *, errors: bool) -> None:
        """Say a new error or warning once, while the member is on the item: at once after a
        choice, on leaving the field while typing (when every item is checked at once, the
        list of issues says them instead)."""
        focused = next((c for c in self.controls() if c.hasFocus()), None)
        if focused is not None and not typed(focused):
            say(focused, "\n".join(m for m in marks if m), urgent=errors)
