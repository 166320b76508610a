"""A date field whose Tab leaves it: the year, month and day are one stop, not three.

QDateEdit moves between its sections on Tab, so a member who typed a date and pressed Tab
typed the next field's text into the month. Here Tab and Shift+Tab go to the next or
previous control; the arrows (and typing a separator) move between the parts.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

DATE_FORMAT = "yyyy-MM-dd"


class DateEdit(QDateEdit):
    """A date with a calendar to pick from, yyyy-MM-dd; Tab moves on to the next field."""

    def __init__(self, day: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        day = day or date.today()
        self.setDate(QDate(day.year, day.month, day.day))

    def focusNextPrevChild(self, next: bool) -> bool:
        # QDateTimeEdit's own goes to the next part of the date: skip it
        return QWidget.focusNextPrevChild(self, next)
