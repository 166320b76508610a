"""Low vision: every page and main dialog at 200 % text on a 1366×768 laptop screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, QSize, QThreadPool
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store.database import Database
from app.store.registry import Household, Person
from app.store.work import RenovationCase
from tests.ui.visit_support import candidates
from ui import theme
from ui.first_login import FirstLoginDialog
from ui.fonts import install_font
from ui.main_window import DETAIL_PAGES, PAGES, MainWindow
from ui.pages.case_dialogs import AssessmentDialog
from ui.pages.household_dialogs import household_dialog, person_dialog
from ui.pages.review import ReturnDialog
from ui.pages.visit import VisitPage
from ui.preferences import Preferences
from ui.session import AppSession
from ui.unlock import UnlockDialog

#: a 1366×768 screen less a 40-pixel taskbar
SCREEN = QSize(1366, 728)


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield


@pytest.fixture
def large_text() -> Iterator[QApplication]:
    """The program's own font at 200 %; the application's font as it was afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QFont(app.font())
    theme.apply(app, Preferences(text_size=200), install_font(app))
    yield app
    theme.apply(app, Preferences())
    app.setFont(before)


def settle() -> None:
    for _ in range(3):
        QThreadPool.globalInstance().waitForDone(10_000)
        QApplication.processEvents()


def in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    """Whether `widget` sits in a scrolled area inside `top` (scrolling brings it into view)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def unseen_buttons(top: QWidget, seen: QRect, origin: QWidget) -> list[str]:
    """The visible buttons of `top` (outside its scrolled areas) not wholly inside `seen`
    (a rectangle in `origin`'s coordinates)."""
    found = []
    for button in top.findChildren(QPushButton):
        if not button.isVisible() or in_scroll_area(button, top):
            continue
        where = QRect(button.mapTo(origin, button.rect().topLeft()), button.size())
        if not seen.contains(where):
            found.append(button.text())
    return found


def squeezed_labels(top: QWidget) -> list[str]:
    """Short visible texts laid out a character or two a line (more than three lines high,
    or narrower than three characters)."""
    found = []
    for label in top.findChildren(QLabel):
        text = label.text()
        if not label.isVisible() or not text:
            continue
        metrics = label.fontMetrics()
        short = len(text) <= 24 and "\n" not in text
        lines = label.heightForWidth(label.width()) if label.wordWrap() else label.height()
        tall = lines > metrics.lineSpacing() * 3.5
        narrow = label.width() < min(
            metrics.horizontalAdvance(text), metrics.horizontalAdvance("汉") * 3
        )
        if short and (tall or narrow):
            found.append(f"{text} ({label.width()}×{label.height()})")
    return found


def open_window(qtbot: QtBot, db: Database, user: str) -> MainWindow:
    window = MainWindow(AppSession(db, user), Preferences(text_size=200))
    qtbot.addWidget(window)
    window.resize(SCREEN)
    window.show()
    qtbot.waitExposed(window)
    return window


def records(db: Database) -> tuple[str, str, str, str]:
    """A household due for a visit, its village's member, a case, its town's reviewer."""
    candidate = candidates(db)[0]
    with db.session() as s:
        case_id, area = s.execute(
            select(RenovationCase.id, Household.area_code)
            .join(Household, Household.id == RenovationCase.household_id)
            .order_by(RenovationCase.id)
            .limit(1)
        ).one()
    return candidate.household_id, candidate.member, case_id, f"town{area[6:9]}"


def test_every_page_fits_a_1366x768_screen_at_200_percent(
    qtbot: QtBot, district: Database, large_text: QApplication
) -> None:
    household, member, case_id, reviewer = records(district)
    wanted = {"household": household, "visit": household, "case": case_id}
    names = [name for name, *_ in PAGES] + list(DETAIL_PAGES)
    problems: list[str] = []
    checked: list[str] = []
    for user in (member, reviewer):
        window = open_window(qtbot, district, user)
        for name in names:
            if window.page(name) is None:
                continue
            window.open_page(name, wanted.get(name, ""))
            settle()
            qtbot.wait(10)
            page = window.current_page()
            assert page is not None
            checked.append(name)
            least = window.minimumSizeHint()
            if least.width() > SCREEN.width() or least.height() > SCREEN.height():
                problems.append(f"{name}: the window needs at least {least.toTuple()}")
            if window.size() != SCREEN:
                problems.append(f"{name}: the window grew to {window.size().toTuple()}")
            frame = window.frames[name]
            seen = QRect(frame.viewport().mapTo(window, frame.viewport().rect().topLeft()),
                         frame.viewport().size())  # fmt: skip
            seen = seen.intersected(window.rect())
            for text in unseen_buttons(page, seen, window):
                problems.append(f"{name}: button {text} is out of view")
            for text in squeezed_labels(page):
                problems.append(f"{name}: label {text} is squeezed")
        window.close()
    assert {"today", "households", "household", "visit", "case", "review"} <= set(checked)
    assert problems == []


def test_the_form_gets_the_height_of_the_visit_page_and_the_side_folds_away(
    qtbot: QtBot, district: Database, large_text: QApplication
) -> None:
    household, member, _case, _reviewer = records(district)
    window = open_window(qtbot, district, member)
    window.open_page("visit", household)
    page = window.current_page()
    assert isinstance(page, VisitPage)
    qtbot.waitUntil(lambda: page.current_form() is not None, timeout=15_000)
    settle()
    assert page.stack.height() >= page.height() * 0.5, (page.stack.height(), page.height())
    finish = page.buttons["finish"]
    assert finish.isVisible() and window.rect().contains(
        QRect(finish.mapTo(window, finish.rect().topLeft()), finish.size())
    )
    width = page.stack.width()
    page.side_toggle.click()
    settle()
    assert not page.side.isVisible() and page.stack.width() > width
    assert page.side_toggle.accessibleName() == page.side_toggle.text().replace("&", "")
    page.side_toggle.click()
    assert page.side.isVisible() and page.entry_list.isVisible()


def test_review_gives_the_form_the_height(
    qtbot: QtBot, district: Database, large_text: QApplication
) -> None:
    _household, _member, _case, reviewer = records(district)
    window = open_window(qtbot, district, reviewer)
    window.open_page("review")
    page = window.current_page()
    assert page is not None
    qtbot.waitUntil(lambda: page.form is not None, timeout=15_000)  # type: ignore[attr-defined]
    settle()
    stack = page.stack  # type: ignore[attr-defined]
    assert stack.height() >= page.height() * 0.5, (stack.height(), page.height())


def dialogs(db: Database, tmp_path: Path) -> Iterator[QDialog]:
    with db.session() as s:
        household = s.scalars(select(Household).limit(1)).one()
        person = s.scalars(select(Person).limit(1)).one()
        s.expunge_all()
    yield UnlockDialog(lambda _u, _p: db, user="m001001")
    yield FirstLoginDialog(tmp_path / "new.db")
    yield household_dialog(household, None)
    yield person_dialog(person, None)
    yield ReturnDialog("张三")
    yield AssessmentDialog({})


def test_the_main_dialogs_fit_the_screen_at_200_percent(
    qtbot: QtBot, district: Database, tmp_path: Path, large_text: QApplication
) -> None:
    problems: list[str] = []
    shown = 0
    for dialog in dialogs(district, tmp_path):
        qtbot.addWidget(dialog)
        name = dialog.windowTitle() or type(dialog).__name__
        least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        if least.width() > SCREEN.width() or least.height() > SCREEN.height():
            problems.append(f"{name}: needs at least {least.toTuple()}")
        dialog.resize(dialog.size().boundedTo(SCREEN))
        dialog.show()
        qtbot.waitExposed(dialog)
        shown += 1
        seen = dialog.rect()
        for text in unseen_buttons(dialog, seen, dialog):
            problems.append(f"{name}: button {text} is out of view")
        for text in squeezed_labels(dialog):
            problems.append(f"{name}: label {text} is squeezed")
        dialog.close()
    assert shown == 6
    assert problems == []
