"""The widgets of the visit page, top to bottom in reading order (VisitPage adds what they do).

One column: the forms due and the visit's photos side by side on one row, then the
open form, the issues to fix and the command buttons; Tab follows the same order.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
)

from ui.forms import FormWidget
from ui.forms.marks import WARNING, Mark
from ui.forms.media import PhotoField
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.base import Page
from ui.pages.commands import announce, chain_tab_order
from ui.session import AppSession


class VisitView(Page):
    """The visit page's widgets: heading, forms due, photos, the open form, issues, commands."""

    title = QT_TRANSLATE_NOOP("VisitView", "走访")

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.entry_list = QListWidget(self)
        self.entry_list.setAccessibleName(self.tr("本次要填的表"))
        self.entry_list.setMaximumHeight(self.fontMetrics().height() * 5)
        entries_label = QLabel(self.tr("本次要填的表(&F)"), self)
        entries_label.setBuddy(self.entry_list)
        entries = QVBoxLayout()
        entries.addWidget(entries_label)
        entries.addWidget(self.entry_list)
        entries.addStretch(1)
        self.photo_box = QVBoxLayout()
        self.photo_box.addWidget(QLabel(self.tr("走访照片"), self))
        self.photo_box.addStretch(1)
        self.photos: PhotoField | None = None
        top = QHBoxLayout()  # one row, so that the reading order stays top to bottom
        top.addLayout(entries, 1)
        top.addLayout(self.photo_box, 1)

        self.form_title = QLabel(self)
        self.form_title.setWordWrap(True)
        self.form_title.setFont(font)
        self.reason = Mark(WARNING, self)
        self.stack = QStackedWidget(self)
        self.placeholder = QLabel(self.tr("请在上方选择要填写的表"), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.placeholder)
        self.issues_label = QLabel(self.tr("需要处理的问题(&I)"), self)
        self.issue_list = QListWidget(self)
        self.issue_list.setAccessibleName(self.tr("需要处理的问题"))
        self.issue_list.setMaximumHeight(self.fontMetrics().height() * 8)
        self.issues_label.setBuddy(self.issue_list)
        for widget in (self.issues_label, self.issue_list):
            widget.hide()
        self.buttons: dict[str, QPushButton] = {}
        self.row = QHBoxLayout()

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addLayout(top)
        layout.addWidget(self.form_title)
        layout.addWidget(self.reason)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.issues_label)
        layout.addWidget(self.issue_list)
        layout.addLayout(self.row)

    def shown_form(self) -> FormWidget | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, FormWidget) else None

    def fix_tab_order(self) -> None:
        """Tab in reading order: forms, photos, the open form, the issues, the buttons."""
        photos = self.photos.controls() if self.photos is not None else []
        form = self.shown_form()
        chain_tab_order(
            [self.entry_list, *photos, *(form.controls() if form else []), self.issue_list,
             *self.buttons.values()]
        )  # fmt: skip

    def announce(self, text: str, *, speak: bool = True) -> None:
        """Show `text` in the status line and have a screen reader say it."""
        announce(self.status, text, speak=speak)
