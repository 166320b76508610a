"""Locked means locked: no action, shortcut, menu, page or dialog is reachable until the
password is given, whatever key is pressed and whatever was open."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store.database import Database
from app.store.registry import Household, Person
from app.store.work import RenovationCase
from tests.conftest import PASSWORD
from ui.fields_dialog import FieldsDialog
from ui.main_window import DETAIL_PAGES, PAGES, MainWindow
from ui.pages.household import HouseholdPage
from ui.preferences import Preferences
from ui.session import AppSession

MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
)
KEYS = [*(getattr(Qt.Key, f"Key_{c}") for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")]
PLAIN_KEYS = [
    *(getattr(Qt.Key, f"Key_F{n}") for n in range(1, 13)),
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
    Qt.Key.Key_Escape,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Alt,
]


@pytest.fixture
def window(qtbot: QtBot, district: Database) -> Iterator[MainWindow]:
    win = MainWindow(AppSession(district, "demo"), Preferences())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=20_000)
    yield win
    for widget in QApplication.topLevelWidgets():
        if widget is not win and widget.isVisible() and isinstance(widget, QDialog):
            widget.hide()


def personal_texts(db: Database) -> set[str]:
    """Every name, address, phone and ID number of the district's people."""
    found: set[str] = set()
    with db.session() as s:
        for person in s.scalars(select(Person)):
            found.update((person.name, person.id_number, person.mobile, person.bank_account))
        for household in s.scalars(select(Household)):
            found.update((household.head_name, household.address, household.phone))
    return {text for text in found if text and len(text) >= 2}


def widget_texts(widget: QWidget) -> list[str]:
    """What a sighted user sees and a screen reader reads of `widget` itself."""
    texts = [widget.accessibleName(), widget.toolTip()]
    if widget.isWindow():
        texts.append(widget.windowTitle())
    if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        texts.append(widget.text())
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        texts.append(widget.toPlainText())
    elif isinstance(widget, QComboBox):
        texts.append(widget.currentText())
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        root = widget.rootIndex()
        for row in range(min(model.rowCount(root), 200)):
            column = 0
            while (index := model.index(row, column, root)).isValid():
                texts.append(str(model.data(index) or ""))
                column += 1
    return texts


def visible_texts() -> list[str]:
    texts: list[str] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for widget in [top, *top.findChildren(QWidget)]:
            if widget.isVisible():
                texts.extend(widget_texts(widget))
    return texts


def inside(widget: QObject | None, ancestor: QWidget) -> bool:
    while widget is not None:
        if widget is ancestor:
            return True
        widget = widget.parent()
    return False


def assert_sealed(window: MainWindow, personal: set[str], what: str) -> None:
    assert window.locked and window.isVisible(), what
    for name, page in window.pages.items():
        assert not page.isVisible(), (what, name)
        assert not page.isEnabled() or not page.isVisibleTo(window), (what, name)
    assert not window.nav.isVisible() and not window.menuBar().isVisible(), what
    modal = QApplication.activeModalWidget()
    assert modal is None or inside(window.lock_panel, modal), (what, modal)
    focus = QApplication.focusWidget()
    assert focus is None or inside(focus, window.lock_panel), (what, focus)
    for top in QApplication.topLevelWidgets():
        if top.isVisible() and top is not window and not inside(window.lock_panel, top):
            assert top.windowTitle() == "已锁定" and not top.isEnabled(), (what, top)
    shown = [text for text in visible_texts() if text]
    leaks = sorted({p for p in personal for text in shown if p in text})
    assert leaks == [], (what, leaks[:5])


def press(window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """Press a key as the keyboard does: to the window that has the focus, shortcuts first."""
    target = QGuiApplication.focusWindow() or window.windowHandle()
    QTest.keyClick(target, key, modifiers)


def type_letters(window: MainWindow, letters: str) -> None:
    """Type lower-case ASCII letters through the focused window."""
    for letter in letters:
        press(window, getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.NoModifier)


def press_sequence(window: MainWindow, sequence: QKeySequence) -> None:
    for index in range(sequence.count()):
        combination = sequence[index]  # type: ignore[index]
        press(window, combination.key(), combination.keyboardModifiers())


def every_action(window: MainWindow) -> list[QAction]:
    found = {id(a): a for a in window.findChildren(QAction)}
    for widget in [window, *window.findChildren(QWidget)]:
        for action in widget.actions():
            found.setdefault(id(action), action)
    return list(found.values())


def first_household(db: Database) -> Household:
    with db.session() as s:
        household = s.scalars(
            select(Household).join(Person, Person.household_id == Household.id).limit(1)
        ).first()
        assert household is not None
        return household


def open_every_page(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    """Every page of the window made and shown once, so that all their commands exist."""
    household = first_household(db)
    with db.session() as s:
        case = s.scalars(select(RenovationCase)).first()
    records = {"household": household.id, "visit": household.id, "case": case.id if case else ""}
    for name, *_rest in PAGES:
        window.open_page(name)
    for name in DETAIL_PAGES:
        if records[name]:
            window.open_page(name, records[name])
    visit = window.pages["visit"]
    qtbot.waitUntil(lambda: bool(visit.entries), timeout=20000)  # type: ignore[attr-defined]
    window.open_page("household", household.id)


def test_no_action_shortcut_or_key_reaches_anything_while_locked(
    qtbot: QtBot, window: MainWindow, district: Database
) -> None:
    personal = personal_texts(district)
    open_every_page(qtbot, window, district)
    page = window.current_page()
    assert isinstance(page, HouseholdPage)
    # the keys do work while unlocked (else the test below would prove nothing)
    press_sequence(window, QKeySequence(QKeySequence.StandardKey.Find))
    assert window.pages["households"].search_edit.hasFocus()  # type: ignore[attr-defined]
    assert any(p in " ".join(visible_texts()) for p in personal)
    window.open_page("household", first_household(district).id)

    window.lock()
    assert_sealed(window, personal, "locked")
    actions = every_action(window)
    shortcuts = window.findChildren(QShortcut)
    assert len(actions) > 20 and shortcuts  # the window's, the menus' and every page's
    for action in actions:
        action.trigger()
        assert_sealed(window, personal, f"trigger {action.text()}")
        for sequence in action.shortcuts():
            press_sequence(window, sequence)
            assert_sealed(window, personal, f"{action.text()} {sequence.toString()}")
    for shortcut in shortcuts:
        for sequence in list(shortcut.keys()):
            press_sequence(window, sequence)
            assert_sealed(window, personal, f"shortcut {sequence.toString()}")
    for key in KEYS:
        for modifiers in MODIFIERS:
            press(window, key, modifiers)
            assert_sealed(window, personal, f"{key} {modifiers}")
    for key in PLAIN_KEYS:
        press(window, key, Qt.KeyboardModifier.NoModifier)
        assert_sealed(window, personal, f"{key}")

    # typing goes into the password field only, even when a page asks for the focus
    password = window.lock_panel.password
    password.clear()
    password.setFocus()
    window.find_household()  # as if a page asked for the search field
    search = window.pages["households"].search_edit  # type: ignore[attr-defined]
    search_text = search.text()
    type_letters(window, "abc")
    QTest.keyClicks(search, "xyz")  # even sent straight to the hidden field
    assert search.text() == search_text
    assert password.text() == "abc"
    assert_sealed(window, personal, "typing")

    password.setText(PASSWORD)
    press(window, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert not window.locked
    assert window.menuBar().isVisible() and window.current_page() is not None
    assert window.current_page().isVisible()  # type: ignore[union-attr]
    assert all(a.isEnabled() for a in window.prints.case_papers.values())
    press_sequence(window, QKeySequence(QKeySequence.StandardKey.Find))
    assert search.hasFocus()


def while_dialog_open(qtbot: QtBot, act: Callable[[QDialog], None]) -> list[BaseException]:
    """Run `act` on the next modal dialog (whose exec() blocks until it closes)."""
    errors: list[BaseException] = []

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, handle)
            return
        try:
            act(dialog)
        except BaseException as error:  # reported after exec() returns
            errors.append(error)
            dialog.reject()

    QTimer.singleShot(0, handle)
    return errors


def test_a_dialog_open_when_the_idle_lock_comes_is_covered_and_comes_back(
    qtbot: QtBot, window: MainWindow, district: Database
) -> None:
    personal = personal_texts(district)
    household = first_household(district)
    window.open_page("household", household.id)
    page = window.current_page()
    assert isinstance(page, HouseholdPage)
    seen: dict[str, object] = {}

    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, FieldsDialog)
        address = dialog.editor("address")
        assert isinstance(address, QLineEdit)
        address.setText(address.text() + " 2号楼")
        window.idle.timer.start(1)  # the member went away
        qtbot.waitUntil(lambda: window.locked, timeout=20_000)
        assert_sealed(window, personal, "a dialog was open")
        for key in KEYS:
            press(window, key, Qt.KeyboardModifier.ControlModifier)
        assert_sealed(window, personal, "keys")
        type_letters(window, "x")
        assert window.lock_panel.password.text() == "x"  # the keyboard is the lock's
        window.lock_panel.password.clear()
        window.lock_panel.password.setText(PASSWORD)
        press(window, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
        assert not window.locked
        seen["address"] = address.text()
        seen["visible"] = address.isVisible() and dialog.isVisible()
        seen["title"] = dialog.windowTitle()
        dialog.reject()

    errors = while_dialog_open(qtbot, act)
    page.edit_household()
    assert errors == []
    assert seen["visible"] is True and str(seen["address"]).endswith(" 2号楼")
    assert seen["title"] != "已锁定"
    assert window.lock_panel.isVisible() is False and window.current_page() is page


def test_a_dialog_that_opens_while_locked_is_covered(
    qtbot: QtBot, window: MainWindow, district: Database
) -> None:
    personal = personal_texts(district)
    household = first_household(district)
    window.lock()
    # a print or a sync finishing in the background shows its window
    box = QMessageBox(QMessageBox.Icon.Information, household.head_name, household.address)
    box.setParent(window, box.windowFlags())
    box.open()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is window.seal.host, timeout=20_000)
    assert_sealed(window, personal, "a message box opened")
    type_letters(window, "ab")
    assert window.lock_panel.password.text() == "ab"
    window.lock_panel.password.setText(PASSWORD)
    press(window, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert not window.locked
    assert box.isVisible() and box.text() == household.address
    assert box.windowTitle() == household.head_name
    box.close()


def test_a_window_closed_while_locked_leaves_no_lock_behind(
    qtbot: QtBot, window: MainWindow, district: Database
) -> None:
    household = first_household(district)
    box = QMessageBox(QMessageBox.Icon.Information, household.head_name, household.address)
    box.setParent(window, box.windowFlags())
    box.open()  # a dialog open: the lock panel moves into a host window above it
    window.lock()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is window.seal.host, timeout=20_000)
    window.close()
    assert not window.locked and not window.idle.timer.isActive()
    assert window.seal.host is not None and not window.seal.host.isVisible()
    assert not box.isVisible()  # what was veiled is closed, never shown unveiled

    # a new window of the same process: its keys, shortcuts and typing work
    again = Database.open(district.path, PASSWORD)
    later = MainWindow(AppSession(again, "demo"), Preferences())
    qtbot.addWidget(later)
    later.show()
    qtbot.waitExposed(later)
    later.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is later, timeout=20_000)
    press_sequence(later, QKeySequence(QKeySequence.StandardKey.Find))
    search = later.pages["households"].search_edit  # type: ignore[attr-defined]
    qtbot.waitUntil(search.hasFocus, timeout=20_000)
    type_letters(later, "abc")
    assert search.text() == "abc"
    window.idle.idle.emit()  # the closed window's idle lock, had its timer survived
    type_letters(later, "d")
    assert search.text() == "abcd" and not later.locked
