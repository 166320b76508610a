"""The keyboard, tested on every page of the real window: Tab stays in the page, no two
actions of one screen share a key, Enter and Ctrl+Enter do what the screen says."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store.database import Database
from app.store.registry import Household
from app.store.work import RenovationCase
from tests.ui.visit_support import candidates, settle
from ui.main_window import DETAIL_PAGES, PAGES, MainWindow
from ui.pages.base import Page
from ui.pages.visit import VisitPage
from ui.preferences import Preferences
from ui.session import AppSession


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield


def make_window(qtbot: QtBot, db: Database, user: str) -> MainWindow:
    win = MainWindow(AppSession(db, user), Preferences())
    qtbot.addWidget(win)
    win.resize(1300, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


def records(db: Database) -> tuple[str, str, str]:
    """A household whose member has a Form A to fill, that member, and a renovation case."""
    found = candidates(db)[0]
    with db.session() as s:
        case_id = s.scalars(select(RenovationCase.id).order_by(RenovationCase.id)).first()
        assert case_id is not None
        assert s.get(Household, found.household_id) is not None
    return found.household_id, found.member, case_id


def open_every_page(
    qtbot: QtBot, db: Database, user: str = "demo"
) -> Iterator[tuple[MainWindow, str, Page]]:
    """Every page of the window, shown with a record where it is about one, loaded."""
    household_id, member, case_id = records(db)
    window = make_window(qtbot, db, user if user != "member" else member)
    record = {"household": household_id, "visit": household_id, "case": case_id}
    for name in [n for n, *_ in PAGES] + list(DETAIL_PAGES):
        if window.page(name) is None:
            continue  # a page this build or this role does not have
        window.open_page(name, record.get(name, ""))
        page = window.current_page()
        assert page is not None
        settle()
        if isinstance(page, VisitPage) and user == "member":
            wait_for_form(qtbot, page)  # the member's form opens: its controls count too
        settle()
        yield window, name, page


def wait_for_form(qtbot: QtBot, page: VisitPage) -> None:
    qtbot.waitUntil(lambda: page.current_form() is not None, timeout=15_000)


def focusable(page: QWidget) -> list[QWidget]:
    """The page's widgets that Tab may stop on."""
    return [
        w
        for w in page.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]


@pytest.mark.parametrize("user", ["demo", "member"])
def test_tab_and_shift_tab_stay_within_the_page(
    qtbot: QtBot, district: Database, user: str
) -> None:
    for window, name, page in open_every_page(qtbot, district, user):
        stops = focusable(page)
        if not stops:
            continue
        for key, modifier in (
            (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
            (Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier),
        ):
            stops[0].setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
            seen: set[QWidget] = set()
            for _ in range(len(stops) + 3):
                current = QApplication.focusWidget()
                assert current is not None, (name, key)
                assert page.isAncestorOf(current), (name, user, key, type(current).__name__,
                                                    current.accessibleName())  # fmt: skip
                seen.add(current)
                qtbot.keyClick(current, key, modifier)
            assert window.current_page() is page, name
            assert len(seen) > 1 or len(stops) == 1, name  # Tab moves, it is not swallowed
    settle()


def test_f6_reaches_the_page_list_and_tab_goes_back_into_the_page(
    qtbot: QtBot, district: Database
) -> None:
    window = make_window(qtbot, district, "demo")
    window.open_page("households")
    page = window.current_page()
    assert page is not None
    settle()
    page.search_edit.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert window.nav.hasFocus()
    assert window.current_page() is page  # reaching the list opens nothing
    qtbot.keyClick(window.nav, Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not None and page.isAncestorOf(focus)
    settle()
