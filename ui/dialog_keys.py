"""Ctrl+Enter sends a dialog from anywhere in it, also from a text of several lines (where
Enter starts a new line); the button it presses says so on its face."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QDialog

from ui.i18n import QT_TRANSLATE_NOOP

#: the keys that send a dialog (the Enter of the main keyboard and of the keypad)
SUBMIT_KEYS = ("Ctrl+Return", "Ctrl+Enter")
#: the button's text with the key (translated when a dialog is made)
WITH_KEY = QT_TRANSLATE_NOOP("DialogKeys", "%s（Ctrl+Enter）")


def submit_on_ctrl_enter(dialog: QDialog, button: QAbstractButton) -> None:
    """Ctrl+Enter anywhere in `dialog` presses `button` (when it may be pressed)."""
    for key in SUBMIT_KEYS:
        shortcut = QShortcut(QKeySequence(key), dialog)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(lambda: _press(button))
    button.setText(QCoreApplication.translate("DialogKeys", WITH_KEY) % button.text())
    button.setAccessibleName("")  # read as its text, the key included


def _press(button: QAbstractButton) -> None:
    if button.isEnabled() and button.isVisible():
        button.click()
