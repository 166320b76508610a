"""Choices: one (radio buttons, the arrows move between them) or several (check boxes,
where the item's `none` option unticks the others and back)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QRadioButton,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

from app.forms.definition import Item, Option
from ui.forms.fields import Field, options_of


def _grid_columns(options: tuple[Option, ...]) -> int:
    longest = max((len(o.label) for o in options), default=0)
    if len(options) <= 4 and longest <= 6:
        return len(options)
    return 2 if longest <= 10 else 1


class _ButtonsField(Field):
    """Choices as buttons laid out in reading order (left to right, then down)."""

    def __init__(self, item: Item, exclusive: bool, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        # radio buttons share one tab stop (the arrows move inside); check boxes are not
        # grouped, so that Tab visits each of them
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QAbstractButton] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        options = options_of(item)
        columns = max(1, _grid_columns(options))
        for index, option in enumerate(options):
            text = f"{option.code} {option.label}"
            button: QAbstractButton = (
                QRadioButton(text, self) if exclusive else QCheckBox(text, self)
            )
            if exclusive:
                self.group.addButton(button)
            self.buttons[option.code] = button
            # left-aligned at its own size: a click beside the text does not choose it
            layout.addWidget(button, index // columns, index % columns, Qt.AlignmentFlag.AlignLeft)
        filler = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        layout.addItem(filler, 0, columns)

    def controls(self) -> list[QWidget]:
        return list(self.buttons.values())

    def focus_target(self) -> QWidget:
        checked = next((b for b in self.buttons.values() if b.isChecked()), None)
        return checked if checked is not None else super().focus_target()

    def describe(self, name: str, description: str) -> None:
        """Each button reads its own text (what a sighted helper sees); the question is the
        group's name and starts each button's description."""
        self.setAccessibleName(name)
        for button in self.buttons.values():
            button.setAccessibleDescription("\n".join(p for p in (name, description) if p))


class ChoiceField(_ButtonsField):
    """One choice (single, yes/no) as radio buttons; the arrow keys move between them."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(item, True, parent)
        self.group.idToggled.connect(self._toggled)

    def _toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._emit()

    def value(self) -> Any:
        return next((c for c, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, value: Any) -> None:
        self._setting = True
        try:
            self.group.setExclusive(False)
            for code, button in self.buttons.items():
                button.setChecked(code == str(value) if value is not None else False)
            self.group.setExclusive(True)
        finally:
            self._setting = False


class MultiField(_ButtonsField):
    """Several choices as check boxes; the item's `none` option unticks the others and back."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(item, False, parent)
        for code, button in self.buttons.items():
            button.toggled.connect(lambda checked, code=code: self._toggled(code, checked))

    def _toggled(self, code: str, checked: bool) -> None:
        if self._setting:
            return
        none = self.item.none
        if checked and none is not None:
            others = [c for c in self.buttons if c != none] if code == none else [none]
            self._setting = True
            try:
                for other in others:
                    self.buttons[other].setChecked(False)
            finally:
                self._setting = False
        self._emit()

    def value(self) -> Any:
        codes = [c for c, b in self.buttons.items() if b.isChecked()]
        return codes or None

    def set_value(self, value: Any) -> None:
        chosen = {str(v) for v in value} if isinstance(value, list) else set()
        self._setting = True
        try:
            for code, button in self.buttons.items():
                button.setChecked(code in chosen)
        finally:
            self._setting = False
