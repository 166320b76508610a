"""A dialog of labelled fields, each checked as you type, for registry corrections.

An error shows an icon and words under its field (never colour alone) and keeps
the OK button disabled; nothing is saved until every field is right. A check across
fields (`cross`) puts its errors under the fields it names; `note` shows what the
values imply (a birth date from an ID number). With `save`, OK runs the use case and
the dialog closes only when it succeeds: a refusal is shown and said in the dialog,
under the field it names, with everything typed kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.domain.issues import ValidationFailed
from ui.announce import MessageLine, SaidOnLeaving, mark_invalid, typed
from ui.date_edit import DateEdit
from ui.dialog_keys import submit_on_ctrl_enter
from ui.theme import fit_dialog

Check = Callable[[str], str | None]  # the value -> an error message, or None
#: the values -> error messages by field key (checks that need several fields)
Cross = Callable[[Mapping[str, Any]], Mapping[str, str]]


@dataclass(frozen=True)
class Field:
    """One field of the dialog."""

    key: str
    label: str
    kind: str = "text"  # text | choice | flags | date | bool
    options: Sequence[tuple[str, str]] = ()  # (code, label) for choice and flags
    check: Check | None = None
    help: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)


#: tick boxes a row in a field of flags
FLAGS_A_ROW = 3


class FieldsDialog(QDialog):
    """Edit a few values; `values()` gives them back once the dialog is accepted."""

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        values: Mapping[str, Any],
        parent: QWidget | None = None,
        *,
        cross: Cross | None = None,
        note: Callable[[Mapping[str, Any]], str] | None = None,
        save: Callable[[dict[str, Any]], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._fields = list(fields)
        self._cross, self._note, self._save = cross, note, save
        #: what `save` returned (a use case's Changed, say)
        self.result_value: object = None
        #: errors the use case gave on saving, by field key, until that field changes
        self._refused: dict[str, str] = {}
        self._refused_values: dict[str, Any] = {}
        # said when it changes (an ID number completed gives its birth date), not per key
        self.note = MessageLine(repeat=False)
        self.note.setVisible(note is not None)
        self.problem = MessageLine(urgent=True)
        self.problem.hide()
        self._editors: dict[str, QWidget] = {}
        self._errors: dict[str, tuple[QLabel, MessageLine]] = {}
        form = QFormLayout()
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for spec in self._fields:
            editor = self._editor(spec, values.get(spec.key))
            editor.setAccessibleName(spec.label)
            if spec.help:
                editor.setToolTip(spec.help)
            label = QLabel(self.tr("%s：") % spec.label)
            label.setBuddy(editor)
            # checked as the user types: shown at once; said on leaving a typed field, at
            # once after a choice
            icon, text = QLabel(), MessageLine(repeat=False)
            icon.setPixmap(warning.pixmap(16, 16))
            icon.hide()
            text.hide()
            error_row = QHBoxLayout()
            error_row.addWidget(icon)
            error_row.addWidget(text, 1)
            box = QVBoxLayout()
            box.addWidget(editor)
            box.addLayout(error_row)
            form.addRow(label, box)
            self._editors[spec.key] = editor
            self._errors[spec.key] = (icon, text)
            if typed(editor):
                SaidOnLeaving(editor, text.text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("保存(&S)"))
        submit_on_ctrl_enter(self, ok)  # as in every dialog (Enter saves here too)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.recheck(speak=False)
        fit_dialog(self, 24)

    def _editor(self, spec: Field, value: Any) -> QWidget:
        if spec.kind == "choice":
            combo = QComboBox()
            for code, label in spec.options:
                # a code list's code is shown with its label; a "plain" choice shows words only
                shown = f"{code} {label}" if code and not spec.extra.get("plain") else label
                combo.addItem(shown, code)
            index = combo.findData(value if value is not None else "")
            combo.setCurrentIndex(max(0, index))
            combo.currentIndexChanged.connect(lambda _i: self.recheck())
            return combo
        if spec.kind == "flags":
            box = QWidget()
            grid = QGridLayout(box)  # a few a row: one long row was wider than the screen
            grid.setContentsMargins(0, 0, 0, 0)
            chosen = set(value or [])
            for index, (code, label) in enumerate(spec.options):
                tick = QCheckBox(label)
                tick.setAccessibleDescription(spec.label)
                tick.setProperty("code", code)
                tick.setChecked(code in chosen)
                grid.addWidget(tick, index // FLAGS_A_ROW, index % FLAGS_A_ROW)
            return box
        if spec.kind == "date":
            edit = DateEdit(value if isinstance(value, date) else None)
            edit.dateChanged.connect(lambda _d: self.recheck())
            return edit
        if spec.kind == "bool":
            tick = QCheckBox(spec.label)
            tick.setChecked(bool(value))
            return tick
        line = QLineEdit("" if value is None else str(value))
        line.textChanged.connect(lambda _t: self.recheck())
        return line

    def _raw(self, spec: Field) -> Any:
        editor = self._editors[spec.key]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QDateEdit):
            return editor.date().toPython()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QLineEdit):
            return editor.text().strip()
        return [t.property("code") for t in editor.findChildren(QCheckBox) if t.isChecked()]

    def recheck(self, *, speak: bool = True) -> bool:
        """Check every field; show each error under its field (said, and in the field's
        description); enable saving when all pass."""
        ok = True
        values = self.values()
        across = dict(self._cross(values)) if self._cross else {}
        if self._note is not None:
            self.note.show_message(self._note(values), speak=speak)
        for key, (value, _message) in list(self._kept_refusals(values).items()):
            if value != values.get(key):
                self._refused.pop(key, None)
        for spec in self._fields:
            message = spec.check(str(self._raw(spec))) if spec.check else None
            message = message or across.get(spec.key) or self._refused.get(spec.key)
            icon, text = self._errors[spec.key]
            editor = self._editors[spec.key]
            text.show_message(message or "", speak=speak and not typed(editor))
            icon.setVisible(bool(message))
            text.setVisible(bool(message))
            mark_invalid(editor, bool(message))
            error = self.tr("错误：%s") % message if message else ""
            editor.setAccessibleDescription("\n".join(p for p in (error, spec.help) if p))
            ok = ok and not message
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def values(self) -> dict[str, Any]:
        return {spec.key: self._raw(spec) for spec in self._fields}

    def _kept_refusals(self, values: Mapping[str, Any]) -> dict[str, tuple[Any, str]]:
        return {k: (self._refused_values.get(k), m) for k, m in self._refused.items()}

    def accept(self) -> None:
        """Save through `save` when given: on a refusal the dialog stays, input kept."""
        if self._save is None:
            super().accept()
            return
        values = self.values()
        try:
            self.result_value = self._save(values)
        except ValidationFailed as exc:
            keys = {spec.key for spec in self._fields}
            self._refused = {i.field: i.message for i in exc.issues if i.field in keys}
            self._refused_values = {k: values.get(k) for k in self._refused}
            self.problem.show()
            self.problem.show_message(self.tr("没有保存：%s") % str(exc))
            self.recheck(speak=False)
            first = next(iter(self._refused), None)
            if first is not None:
                self._editors[first].setFocus()
            return
        super().accept()

    def editor(self, key: str) -> QWidget:
        return self._editors[key]
