"""A page's commands: a button with a mnemonic and a shortcut that works anywhere on the page."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QBoxLayout, QPushButton, QWidget


def add_command(
    page: QWidget,
    text: str,
    shortcuts: Sequence[QKeySequence],
    slot: Callable[[], object],
    row: QBoxLayout | None = None,
) -> QPushButton | None:
    """A command of `page`: its shortcuts work while the focus is on the page; with `row`,
    also a button (its text carries the mnemonic, its description the shortcuts)."""
    action = QAction(text, page)
    action.setShortcuts(list(shortcuts))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    page.addAction(action)
    if row is None:
        return None
    button = QPushButton(text, page)
    between = QCoreApplication.translate("commands", "，")  # between two shortcuts
    keys = between.join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts)
    hint = QCoreApplication.translate("commands", "快捷键 %s") % keys
    button.setAccessibleDescription(hint)
    button.setToolTip(hint)
    button.clicked.connect(lambda _checked=False: slot())
    row.addWidget(button)
    return button


def chain_tab_order(widgets: Sequence[QWidget]) -> None:
    """Make Tab visit `widgets` in this order (the reading order)."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
