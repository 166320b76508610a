"""Messages a screen reader says: status and error lines, errors on a field, all through `say`.

A message that is only shown is missed by a blind member: the focus stays where it
was, so nothing is read. Every status or error message of the program is therefore
shown in a `MessageLine` (whose text is said whenever it changes) or said with `say`
(an announcement: Qt's QAccessibleAnnouncementEvent, read by Orca through AT-SPI
without moving the focus). `spoken` hears every message said, so that tests can
count them; Qt sends nothing to a screen reader while none is running.

An error that appears while the user types is only shown (and put first in the field's
description) until the user leaves the field: said on every key, it would drown the
typing. An error that follows a choice (a click, an arrow key) is said at once.

Qt's widgets have no `invalid` accessible state that a program can set (their
interfaces compute their states themselves, and replacing a line edit's interface
loses its text), so a field with an error says so at the start of its description,
carries the `invalid` property (for style sheets and tests) and has the error said.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QAbstractSpinBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

#: the dynamic property of a field whose answer has an error
INVALID = "invalid"


class Spoken(QObject):
    """Every message said to a screen reader: (the widget it is about, the text, urgent)."""

    said = Signal(QObject, str, bool)


spoken = Spoken()


def say(about: QObject, text: str, *, urgent: bool = False) -> None:
    """Have a screen reader say `text` now, without moving the focus (urgent: interrupt)."""
    if not text:
        return
    event = QAccessibleAnnouncementEvent(about, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if urgent
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
    spoken.said.emit(about, text, urgent)


class MessageLine(QLabel):
    """A status or error line: each text it is given is shown and said (urgent: errors
    interrupt; with `repeat` False, as for checks while typing, only a changed text)."""

    def __init__(
        self, parent: QWidget | None = None, *, urgent: bool = False, repeat: bool = True
    ) -> None:
        super().__init__(parent)
        self.urgent = urgent
        self.repeat = repeat
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def setText(self, text: str) -> None:
        """Show `text` and say it: the way every caller's message reaches a screen reader."""
        self.show_message(text)

    def show_message(self, text: str, *, speak: bool = True) -> None:
        """Show `text`; say it too, unless `speak` is False (a passing "正在…" line)."""
        changed = text != self.text()
        super().setText(text)
        if speak and (changed or self.repeat):
            say(self, text, urgent=self.urgent)


class SaidOnLeaving(QObject):
    """Says a typed field's error when the user leaves the field: while typing, the error
    (which often quotes what is typed) changes with each key and is only shown."""

    def __init__(self, field: QWidget, message: Callable[[], str]) -> None:
        super().__init__(field)
        self.field = field
        self.message = message
        self.said = ""
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.FocusOut:
            text = self.message()
            if text and text != self.said:
                say(self.field, text)  # polite: after the name of the field now focused
            self.said = text
        return False


def typed(widget: QWidget) -> bool:
    """A field the user types into (its error is said on leaving, see SaidOnLeaving)."""
    return isinstance(widget, QLineEdit | QAbstractSpinBox | QPlainTextEdit)


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Mark a field as having an error or not (its description says which error)."""
    if bool(widget.property(INVALID)) != invalid:
        widget.setProperty(INVALID, invalid)
