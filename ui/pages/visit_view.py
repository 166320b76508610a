"""The widgets of the visit page, top to bottom in reading order (VisitPage adds what they do).

The heading; the forms due and the visit's photos in a column left of the open form (a
splitter; the column folds away with 收起表和照片); the issues to fix and the command
buttons below. Tab follows the same order.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.announce import MessageLine
from ui.forms import FormWidget
from ui.forms.marks import WARNING, Mark
from ui.forms.media import PhotoField
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.base import Page
from ui.pages.commands import chain_tab_order
from ui.pages.side_panel import SidePanel
from ui.session import AppSession
from ui.theme import mark_heading


class VisitView(Page):
    """The visit page's widgets: heading, forms due, photos, the open form, issues, commands."""

    title = QT_TRANSLATE_NOOP("VisitView", "走访")

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        self.heading = QLabel(self)
        mark_heading(self.heading)
        self.heading.setWordWrap(True)
        self.side_toggle = QPushButton(self)
        self.side_toggle.clicked.connect(self.toggle_side)
        self.status = MessageLine(self)
        self.entry_list = QListWidget(self)
        self.entry_list.setAccessibleName(self.tr("本次要填的表"))
        # a long entry wraps in the narrow column rather than hiding its state at the end
        self.entry_list.setWordWrap(True)
        self.entry_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        entries_label = QLabel(self.tr("本次要填的表(&B)"), self)
        entries_label.setBuddy(self.entry_list)
        self.photo_box = QVBoxLayout()
        self.photo_box.addWidget(QLabel(self.tr("走访照片"), self))
        self.photos: PhotoField | None = None
        side = QWidget(self)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(entries_label)
        column.addWidget(self.entry_list, 1)
        column.addLayout(self.photo_box)
        self.side = SidePanel(side, self, chars=12)

        self.form_title = QLabel(self)
        self.form_title.setWordWrap(True)
        mark_heading(self.form_title)
        self.reason = Mark(WARNING, self)
        self.stack = QStackedWidget(self)
        self.placeholder = QLabel(self.tr("请在左边选择要填写的表"), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack.addWidget(self.placeholder)
        form_column = QWidget(self)
        column = QVBoxLayout(form_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.form_title)
        column.addWidget(self.reason)
        column.addWidget(self.stack, 1)
        # the forms due and the photos beside the form, so that the form keeps the height;
        # the member can narrow them or fold them away (side_toggle)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(form_column)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)

        self.issues_label = QLabel(self.tr("需要处理的问题(&I)"), self)
        self.issue_list = QListWidget(self)
        self.issue_list.setAccessibleName(self.tr("需要处理的问题"))
        self.issues_label.setBuddy(self.issue_list)
        for widget in (self.issues_label, self.issue_list):
            widget.hide()
        self.buttons: dict[str, QPushButton] = {}
        self.row = QHBoxLayout()

        # the status (how many forms are due, what went wrong) beside the heading, not on a
        # line of its own: at 200 % each line taken from the form costs it a tenth of its height
        top = QHBoxLayout()
        top.addWidget(self.heading, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addSpacing(self.fontMetrics().horizontalAdvance("汉") // 2)
        top.addWidget(self.status, 1, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.side_toggle, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.issues_label)
        layout.addWidget(self.issue_list)
        layout.addLayout(self.row)
        self.show_side(True)
        self._size_to_font()

    def toggle_side(self) -> None:
        self.show_side(self.side.isHidden())

    def show_side(self, shown: bool) -> None:
        """Show or fold away the forms due and the photos (the form takes the room)."""
        self.side.setVisible(shown)
        text = self.tr("收起表和照片(&H)") if shown else self.tr("显示表和照片(&H)")
        self.side_toggle.setText(text)
        self.side_toggle.setAccessibleName(text.replace("&", ""))

    def _size_to_font(self) -> None:
        # at most a few lines of issues, so that the form keeps most of the height
        self.issue_list.setMaximumHeight(self.fontMetrics().height() * 4 + 8)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._size_to_font()
        super().changeEvent(event)

    def shown_form(self) -> FormWidget | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, FormWidget) else None

    def fix_tab_order(self) -> None:
        """Tab in reading order: forms, photos, the open form, the issues, the buttons."""
        photos = self.photos.controls() if self.photos is not None else []
        form = self.shown_form()
        chain_tab_order(
            [self.side_toggle, self.entry_list, *photos, *(form.controls() if form else []),
             self.issue_list, *self.buttons.values()]
        )  # fmt: skip

    def announce(self, text: str, *, speak: bool = True) -> None:
        """Show `text` in the status line and have a screen reader say it."""
        self.status.show_message(text, speak=speak)
