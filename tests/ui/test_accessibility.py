"""Accessibility, tested: every control named for screen readers, every page by keyboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store.database import Database
from app.store.registry import Household
from tests.ui.visit_support import each_tab
from ui.main_window import DETAIL_PAGES, PAGES, MainWindow
from ui.pages.base import Page
from ui.preferences import Preferences
from ui.session import AppSession

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox)


@pytest.fixture
def window(qtbot: QtBot, district: Database) -> MainWindow:
    win = MainWindow(AppSession(district, "demo"), Preferences())
    qtbot.addWidget(win)
    win.resize(1300, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def controls(page: QWidget) -> list[QWidget]:
    """The visible interactive controls of a page (inner parts of a combo box aside)."""
    found: list[QWidget] = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible():
            continue
        if not widget.isEnabled() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(widget.parent(), QComboBox | QAbstractSpinBox):
            continue
        if any(isinstance(a, QComboBox | QAbstractSpinBox) for a in _ancestors(widget)):
            continue
        found.append(widget)
    return found


def _ancestors(widget: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def radio_groups(widgets: list[QWidget]) -> dict[QWidget, list[QWidget]]:
    """An exclusive group of radio buttons is one Tab stop (arrows move inside it)."""
    groups: dict[QWidget, list[QWidget]] = {}
    for widget in widgets:
        group = widget.group() if isinstance(widget, QRadioButton) else None
        if group is not None and group.exclusive():
            members: list[QWidget] = [b for b in group.buttons() if b in widgets]
            for member in members:
                groups[member] = members
    return groups


def reached(widget: QWidget, visited: list[QWidget], groups: dict[QWidget, list[QWidget]]) -> bool:
    return widget in visited or any(m in visited for m in groups.get(widget, []))


def content_of(widget: QWidget, page: QWidget) -> QWidget:
    """The scrolled content a control sits in (positions there do not move with scrolling)."""
    for ancestor in _ancestors(widget):
        parent = ancestor.parentWidget()
        if parent is not None and isinstance(parent.parentWidget(), QScrollArea):
            return ancestor
        if ancestor is page:
            break
    return page


def page_names() -> list[tuple[str, str]]:
    names = [(name, "") for name, *_ in PAGES] + [(name, "record") for name in DETAIL_PAGES]
    return names


def open_each(window: MainWindow, district: Database) -> Iterator[tuple[str, Page]]:
    with district.session() as s:
        household_id = s.scalars(select(Household.id).limit(1)).one()
    for name, needs in page_names():
        if window.page(name) is None:
            continue  # a page this build does not have
        if name == "case":
            continue  # opened with a case id by its own tests
        window.open_page(name, household_id if needs else "")
        page = window.current_page()
        assert page is not None
        for tab in each_tab(page):  # every tab of the 管理 and review pages, not the first only
            yield name + tab, page


def test_every_control_of_every_page_has_an_accessible_name(
    window: MainWindow, district: Database
) -> None:
    nameless = []
    seen_pages = []
    for name, page in open_each(window, district):
        seen_pages.append(name)
        for widget in controls(page):
            interface = QAccessible.queryAccessibleInterface(widget)
            if interface is None or not interface.text(QAccessible.Text.Name).strip():
                nameless.append(f"{name}: {type(widget).__name__} {widget.objectName()}")
    assert {"today", "households", "household", "settings"} <= set(seen_pages)
    assert nameless == []


def first_after_the_tabs(qtbot: QtBot, page: QWidget, wanted: list[QWidget]) -> QWidget | None:
    """On a page with tabs, the control Tab goes to from the tab bar (where a user who chose
    a tab starts): the first of the tab in reading order."""
    bars = [b for b in page.findChildren(QTabBar) if b.isVisible()]
    if not bars:
        return None
    bars[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(bars[0].hasFocus, timeout=20_000)
    for _ in range(len(wanted) + 5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() in wanted:
            return QApplication.focusWidget()
    return None


def test_tab_reaches_every_control_of_every_page_in_reading_order(
    qtbot: QtBot, window: MainWindow, district: Database
) -> None:
    for name, page in open_each(window, district):
        wanted = controls(page)
        if not wanted:
            continue
        groups = radio_groups(wanted)
        first = first_after_the_tabs(qtbot, page, wanted) or wanted[0]
        first.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(first.hasFocus, timeout=20_000)
        visited: list[QWidget] = []
        for _ in range(len(wanted) * 2 + 10):
            current = QApplication.focusWidget()
            if current in wanted and current not in visited:
                visited.append(current)
            if all(reached(w, visited, groups) for w in wanted):
                break
            qtbot.keyClick(current, Qt.Key.Key_Tab)
        missing = [
            f"{type(w).__name__}:{w.accessibleName()}"
            for w in wanted
            if not reached(w, visited, groups)
        ]
        assert missing == [], name
        # reading order: each control is below the previous one, or to its right (on the
        # same row, or at the top of the next column: a side panel beside the form)
        positions = [w.mapTo(content_of(w, page), w.rect().topLeft()) for w in visited]
        for before, after, widget in zip(positions, positions[1:], visited[1:], strict=False):
            assert after.y() > before.y() or after.x() > before.x(), (
                name,
                widget.accessibleName(),
            )
