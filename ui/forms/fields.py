"""Editors of one answer, by item type: line edits with validators; choices are in choices.py.

Each editor reads and writes the answer as the form engine stores it (a code for a
choice, a list of codes for a multi, a number for numbers, text otherwise) and
emits `edited` only when the member changed it, never when the form set it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from app.forms.definition import YESNO_OPTIONS, Item, Option
from ui.i18n import QT_TRANSLATE_NOOP

# What a member may type, per type; the engine checks the finished answer.
PATTERNS = {
    "integer": r"-?\d{0,9}",
    "decimal": r"-?\d{0,9}(\.\d{0,4})?",
    "money": r"-?\d{0,9}(\.\d{0,2})?",
    "date": r"\d{0,4}(-\d{0,2}(-\d{0,2})?)?",
    "phone": r"[0-9\- ]{0,20}",
    "id_number": r"\d{0,17}[0-9xX]?",
    "area": r"\d{0,12}",
    "gps": r"-?\d{0,3}(\.\d{0,7})?",
}
#: what to type, per type (translated by LineField.tr when shown)
HINTS = {
    "date": QT_TRANSLATE_NOOP("LineField", "年-月-日，例如 2026-03-01"),
    "phone": QT_TRANSLATE_NOOP("LineField", "11位手机号，或带区号的固定电话"),
    "id_number": QT_TRANSLATE_NOOP("LineField", "18位公民身份号码"),
    "area": QT_TRANSLATE_NOOP("LineField", "12位统计用区划代码"),
    "money": QT_TRANSLATE_NOOP("LineField", "单位：元"),
}
WIDE_TYPES = frozenset({"text"})


def options_of(item: Item) -> tuple[Option, ...]:
    if item.type == "yesno" and not item.options:
        return tuple(Option(code, label) for code, label in YESNO_OPTIONS)
    return item.options


def parse_number(kind: str, text: str) -> Any:
    """The typed text as the engine stores it: a number, or the text when it is not one yet."""
    if kind == "integer":
        try:
            return int(text)
        except ValueError:
            return text
    try:
        return float(text)
    except ValueError:
        return text


def show_number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


class Field(QWidget):
    """The editor of one answer."""

    edited = Signal()
    #: the keyboard can give the answer (a signature it cannot)
    by_keyboard = True

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self._setting = False

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def controls(self) -> list[QWidget]:
        """The focusable controls, in reading order."""
        return []

    def focus_target(self) -> QWidget:
        controls = self.controls()
        return controls[0] if controls else self

    def describe(self, name: str, description: str) -> None:
        """Accessible name and description of the controls (name: number and label)."""
        for control in self.controls():
            control.setAccessibleName(name)
            control.setAccessibleDescription(description)

    def _emit(self) -> None:
        if not self._setting:
            self.edited.emit()


class LineField(Field):
    """Text, numbers, dates, phones, ID numbers, area codes: a line edit with a validator."""

    def __init__(self, item: Item, parent: QWidget | None = None, *, typed: bool = True) -> None:
        super().__init__(item, parent)
        self.edit = QLineEdit(self)
        pattern = PATTERNS.get(item.type)
        if pattern and typed:
            expression = QRegularExpression(pattern)
            self.edit.setValidator(QRegularExpressionValidator(expression, self.edit))
        if typed and item.type in HINTS:
            self.edit.setPlaceholderText(self.tr(HINTS[item.type]))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        wide = item.type in WIDE_TYPES or not typed  # a shown answer may be long words
        layout.addWidget(self.edit, 1 if wide else 0)
        if item.unit and typed:  # a shown answer has its unit in its text
            layout.addWidget(QLabel(item.unit, self))
        layout.addStretch(0 if wide else 1)
        if not wide:  # room for an ID number and for the hint of what to type
            metrics = self.edit.fontMetrics()
            hint = metrics.horizontalAdvance(self.edit.placeholderText()) + metrics.height()
            self.edit.setMinimumWidth(max(metrics.horizontalAdvance("0" * 24), hint))
        self.edit.textChanged.connect(lambda _text: self._emit())

    def value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return None
        if self.item.type in ("integer", "decimal", "money"):
            return parse_number(self.item.type, text)
        if self.item.type == "id_number":
            return text.upper()
        return text

    def set_value(self, value: Any) -> None:
        self._setting = True
        try:
            self.edit.setText(show_number(value))
        finally:
            self._setting = False

    def controls(self) -> list[QWidget]:
        return [self.edit]


class ShownField(LineField):
    """A read-only answer (a fact from the registry, a calculation, a response under review)."""

    def __init__(
        self, item: Item, show: Callable[[Any], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(item, parent, typed=False)
        self._show = show
        self._value: Any = None
        self.edit.setReadOnly(True)

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = value
        self._setting = True
        try:
            self.edit.setText(self._show(value))
        finally:
            self._setting = False


class GpsField(Field):
    """A position as two numbers, latitude and longitude, typed by the member."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edits: list[QLineEdit] = []
        for caption in (self.tr("纬度"), self.tr("经度")):
            edit = QLineEdit(self)
            edit.setValidator(
                QRegularExpressionValidator(QRegularExpression(PATTERNS["gps"]), edit)
            )
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("0" * 14))
            label = QLabel(caption, self)
            label.setBuddy(edit)
            layout.addWidget(label)
            layout.addWidget(edit)
            edit.textChanged.connect(lambda _t: self._emit())
            self.edits.append(edit)
        layout.addStretch(1)

    def value(self) -> Any:
        texts = [e.text().strip() for e in self.edits]
        if not any(texts):
            return None
        lat, lon = (parse_number("decimal", t) if t else None for t in texts)
        return {"lat": lat, "lon": lon}

    def set_value(self, value: Any) -> None:
        values = value if isinstance(value, dict) else {}
        self._setting = True
        try:
            for edit, key in zip(self.edits, ("lat", "lon"), strict=True):
                edit.setText(show_number(values.get(key)))
        finally:
            self._setting = False

    def controls(self) -> list[QWidget]:
        return list(self.edits)

    def describe(self, name: str, description: str) -> None:
        for edit, part in zip(self.edits, (self.tr("纬度"), self.tr("经度")), strict=True):
            edit.setAccessibleName(self.tr("%s：%s") % (name, part))
            edit.setAccessibleDescription(description)
