"""Marks shown under an item: an error, a warning, a change from last year; icon AND text.

Nothing is said by colour alone: every mark has an icon of its kind and a text that
starts with its kind in words (错误 / 提醒 / 与去年不同), so it reads the same in the
high-contrast theme, in grey scale and through a screen reader.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStyle, QWidget

from ui.announce import MessageLine

ERROR = "error"
WARNING = "warning"
CHANGED = "changed"
LAST = "last"

_ICONS = {
    ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    CHANGED: QStyle.StandardPixmap.SP_MessageBoxInformation,
    LAST: QStyle.StandardPixmap.SP_FileDialogDetailedView,
}


def mark_icon(widget: QWidget, kind: str) -> QIcon:
    """The icon of a mark kind, from the current style (follows the theme)."""
    return widget.style().standardIcon(_ICONS[kind])


class Mark(QWidget):
    """One line under an item: the icon of its kind and a wrapped text; `spoken`: a new
    text is said too (a mark that reports what an action did; errors interrupt)."""

    def __init__(self, kind: str, parent: QWidget | None = None, *, spoken: bool = False) -> None:
        super().__init__(parent)
        self.kind = kind
        self.spoken = spoken
        self.icon = QLabel(self)
        self.text = MessageLine(self, urgent=kind == ERROR, repeat=False)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        if kind in (ERROR, WARNING):
            font = QFont(self.text.font())
            font.setBold(True)
            self.text.setFont(font)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.hide()

    def set_text(self, text: str) -> None:
        """Show the mark with `text`, or hide it when `text` is empty."""
        if not text:
            self.text.show_message("", speak=False)
            self.hide()
            return
        side = max(16, self.fontMetrics().height())
        self.icon.setPixmap(mark_icon(self, self.kind).pixmap(QSize(side, side)))
        self.icon.setFixedSize(side, side)
        self.text.show_message(text, speak=self.spoken)
        self.show()

    def shown_text(self) -> str:
        return self.text.text() if not self.isHidden() else ""
