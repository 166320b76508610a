"""A column of secondary lists beside a page's main area (the form): narrow, scrolled when short."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class SidePanel(QScrollArea):
    """A column beside the form: as wide as its content needs (or `chars` characters of the
    current font), scrolled when the window is short, so that the form keeps the height."""

    def __init__(self, content: QWidget, parent: QWidget | None = None, *, chars: int = 0) -> None:
        super().__init__(parent)
        self.chars = chars
        self.content = content
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)

    def sizeHint(self) -> QSize:
        content = self.content.minimumSizeHint()
        wanted = self.fontMetrics().horizontalAdvance("汉") * self.chars
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(max(content.width(), wanted) + bar, content.height())

    def minimumSizeHint(self) -> QSize:
        content = self.content.minimumSizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(content.width() + bar, super().minimumSizeHint().height())
