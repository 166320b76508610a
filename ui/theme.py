"""Text size and the high-contrast theme, applied to the whole application."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QStyle, QWidget

from ui.preferences import Preferences
from ui.style_sheet import style_sheet

BASE_POINT_SIZE = 10.5


def apply(app: QApplication, preferences: Preferences, family: str | None = None) -> None:
    """Set the application font size, palette and style sheet from the preferences; every
    window already open follows at once."""
    font = QFont(app.font())
    if family:  # first in the chain; the fallback families (rare hanzi) stay after it
        font.setFamilies([family, *(f for f in app.font().families() if f != family)])
    font.setPointSizeF(BASE_POINT_SIZE * preferences.text_size / 100)
    sheet = style_sheet(preferences.high_contrast, font.pointSizeF())
    # Widgets under a style sheet take a new application font only when the sheet polishes
    # them again, and only if a sheet was in force when the font changed (measured: either
    # alone left an open form at the old size): the sheet, the font, the sheet again.
    app.setStyleSheet(sheet)
    app.setFont(font)
    app.setPalette(high_contrast_palette() if preferences.high_contrast else standard_palette())
    app.setStyleSheet(sheet)


def mark_heading(label: QLabel) -> None:
    """Show `label` as a heading: bold, larger than the text, following the text size
    (the style sheet sizes it: a font size set on a widget stays at the old size)."""
    label.setProperty("role", "heading")


def fit_dialog(dialog: QDialog, chars: int) -> None:
    """A dialog's first size: `chars` characters wide in the current text size, or more if its
    content needs it, within the screen. (A minimum width set in pixels would override the
    layout's own minimum: at large text the content was cut off at the right.)"""
    wanted = dialog.sizeHint().expandedTo(
        QSize(dialog.fontMetrics().horizontalAdvance("汉") * chars, 0)
    )
    dialog.resize(within_screen(dialog, wanted).expandedTo(dialog.minimumSizeHint()))


def within_screen(window: QWidget, wanted: QSize) -> QSize:
    """`wanted`, made small enough that the window with its title bar fits the free area of its
    screen (a 1366x768 laptop): a window taller than the screen hides its buttons."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return wanted
    title = window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
    free = screen.availableGeometry().size() - QSize(0, title)
    return wanted.boundedTo(free)


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
