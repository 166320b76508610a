"""Text size and the high-contrast theme, applied to the whole application."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from ui.preferences import Preferences

BASE_POINT_SIZE = 10.5


def apply(app: QApplication, preferences: Preferences, family: str | None = None) -> None:
    """Set the application font size and palette from the preferences."""
    font = QFont(app.font())
    if family:  # first in the chain; the fallback families (rare hanzi) stay after it
        font.setFamilies([family, *(f for f in app.font().families() if f != family)])
    font.setPointSizeF(BASE_POINT_SIZE * preferences.text_size / 100)
    app.setFont(font)
    app.setPalette(high_contrast_palette() if preferences.high_contrast else standard_palette())


def standard_palette() -> QPalette:
    return QApplication.style().standardPalette()


def high_contrast_palette() -> QPalette:
    """White on black with yellow selection: readable for low vision (WCAG AAA contrast)."""
    palette = QPalette()
    black, white, yellow = QColor("#000000"), QColor("#ffffff"), QColor("#ffff00")
    for role, colour in (
        (QPalette.ColorRole.Window, black),
        (QPalette.ColorRole.WindowText, white),
        (QPalette.ColorRole.Base, black),
        (QPalette.ColorRole.AlternateBase, QColor("#1a1a1a")),
        (QPalette.ColorRole.Text, white),
        (QPalette.ColorRole.Button, black),
        (QPalette.ColorRole.ButtonText, white),
        (QPalette.ColorRole.Highlight, yellow),
        (QPalette.ColorRole.HighlightedText, black),
        (QPalette.ColorRole.ToolTipBase, black),
        (QPalette.ColorRole.ToolTipText, white),
        (QPalette.ColorRole.PlaceholderText, QColor("#dddddd")),
        (QPalette.ColorRole.Link, QColor("#66ccff")),
    ):
        palette.setColor(role, colour)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#aaaaaa"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#aaaaaa"))
    return palette
