"""Accessibility of the form, visit and review pages: names, tab order, models, 200% text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.store.database import Database
from tests.ui.test_form_widget import LAST, form_a
from tests.ui.test_review import open_review, submitted_form_a
from tests.ui.visit_support import candidates, open_visit, settle
from ui.pages.review_queue import ReviewQueueModel, submitted
from ui.session import AppSession

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView)


def controls(root: QWidget) -> list[QWidget]:
    """Visible, enabled, focusable controls under `root`."""
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, INTERACTIVE)
        and w.isVisibleTo(root)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not isinstance(w.parentWidget(), QComboBox)
    ]


def nameless(root: QWidget) -> list[str]:
    found = []
    for widget in controls(root):
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is None or not interface.text(QAccessible.Text.Name).strip():
            found.append(f"{type(widget).__name__} {getattr(widget, 'text', str)()}")
    return found


def stop_of(widget: QWidget) -> object:
    """One tab stop per exclusive radio group (the arrows move inside it), else the widget."""
    if isinstance(widget, QRadioButton):
        group = widget.group()
        if isinstance(group, QButtonGroup) and group.exclusive():
            return group
    return widget


def tab_walk(qtbot: QtBot, root: QWidget) -> list[QWidget]:
    """Press Tab from the first control until every stop was visited (or the chain loops)."""
    wanted = controls(root)
    stops = {id(stop_of(w)) for w in wanted}
    wanted[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: wanted[0].hasFocus(), timeout=20_000)
    visited: list[QWidget] = []
    for _ in range(len(wanted) * 2 + 10):
        current = QApplication.focusWidget()
        assert current is not None
        if current in wanted and current not in visited:
            visited.append(current)
        if len({id(stop_of(w)) for w in visited}) == len(stops):
            break
        qtbot.keyClick(current, Qt.Key.Key_Tab)
    missing = stops - {id(stop_of(w)) for w in visited}
    assert not missing, [w.accessibleName() for w in wanted if id(stop_of(w)) in missing]
    return visited


def place(widget: QWidget, root: QWidget) -> tuple[QPoint, QPoint]:
    """Where a widget is: (the place of its scroll area in `root`, its place inside it);
    outside a scroll area, (its place in `root`, 0)."""
    for ancestor in ancestors(widget):
        content = ancestor.widget() if isinstance(ancestor, QScrollArea) else None
        if isinstance(ancestor, QScrollArea) and content is not None:
            inner = widget.mapTo(content, QPoint(0, 0))
            return ancestor.viewport().mapTo(root, QPoint(0, 0)), inner
        if ancestor is root:
            break
    return widget.mapTo(root, QPoint(0, 0)), QPoint(0, 0)


def ancestors(widget: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def follows(before: QPoint, after: QPoint) -> bool:
    same_row = abs(after.y() - before.y()) < 12
    return after.y() > before.y() or (same_row and after.x() > before.x())


def assert_reading_order(root: QWidget, visited: list[QWidget]) -> None:
    """Each control is below the previous one, or on the same row to its right; the content
    of a scroll area is read as one block where the area is."""
    places = [place(w, root) for w in visited]
    for (outer_a, inner_a), (outer_b, inner_b), widget in zip(
        places, places[1:], visited[1:], strict=False
    ):
        ordered = follows(inner_a, inner_b) if outer_a == outer_b else follows(outer_a, outer_b)
        assert ordered, widget.accessibleName()


@pytest.fixture
def visit_page(district: Database, qtbot: QtBot) -> Iterator[QWidget]:
    chosen = candidates(district)[0]
    page = open_visit(qtbot, AppSession(district, chosen.member), chosen.household_id)
    yield page
    settle()
    page.close()
    settle()


def test_the_review_queue_model_passes_the_model_tester(qtmodeltester, district: Database) -> None:
    model = ReviewQueueModel()
    qtmodeltester.check(model)
    rows = submitted(district, ["330213"])
    assert rows
    model.set_rows(rows)
    qtmodeltester.check(model)
    model.remove(rows[0].response_id)
    qtmodeltester.check(model)


def test_every_control_of_the_form_is_named(qtbot: QtBot) -> None:
    assert nameless(form_a(qtbot, LAST)) == []
    assert nameless(form_a(qtbot, LAST, editable=False)) == []
    radio = form_a(qtbot).rows["method"].field.buttons["1"]  # type: ignore[union-attr]
    assert QAccessible.queryAccessibleInterface(radio).text(QAccessible.Text.Name) == "1 入户"
    assert radio.accessibleDescription().startswith("调查方式")  # the question, said after
    assert radio.parentWidget().accessibleName() == "调查方式"  # the group of its choices


def test_every_control_of_the_visit_and_review_pages_is_named(
    district: Database, qtbot: QtBot, visit_page: QWidget
) -> None:
    assert nameless(visit_page) == []
    rid, _household, reviewer, _member = submitted_form_a(district)
    review = open_review(qtbot, AppSession(district, reviewer), rid)
    assert nameless(review) == []
    settle()


def test_tab_reaches_every_control_of_the_form_in_reading_order(qtbot: QtBot) -> None:
    form = form_a(qtbot, LAST)
    content = form.area.widget()
    assert content is not None
    assert_reading_order(content, tab_walk(qtbot, form))


def test_tab_reaches_every_control_of_the_visit_page_in_reading_order(
    qtbot: QtBot, visit_page: QWidget
) -> None:
    assert_reading_order(visit_page, tab_walk(qtbot, visit_page))


def test_no_label_of_the_form_is_cut_at_200_percent_text(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = QFont(app.font())
    large = QFont(normal)
    large.setPointSizeF(normal.pointSizeF() * 2)
    app.setFont(large)
    try:
        form = form_a(qtbot, LAST)
        form.resize(900, 900)
        QApplication.processEvents()
        cut = []
        for label in form.findChildren(QLabel):
            if not label.isVisibleTo(form) or not label.text():
                continue
            if label.wordWrap():
                needed = label.heightForWidth(label.width())
                if needed > label.height() + 1:
                    cut.append(label.text())
            elif label.sizeHint().width() > label.width() + 1:
                cut.append(label.text())
        assert cut == []
    finally:
        app.setFont(normal)
